#!/usr/bin/env bash
# Board search benchmark, measured in one run on one machine: a hub holding N generated
# projects (the bench harness's five sites, consolidated, indexed; not timed), its board
# topped up to N published requests written from those projects (`bench board --fill`),
# then the harness's 50 faceted French queries on the board's index (top 20 by
# relevance, total, counts of every criterion) and on the project search of the same
# hub, p50/p95 over 5 rounds; the report is the ratio of the two p95.
#
#   cargo build --release && benches/board.sh        # N=20000; ≈ 5 min
#
# Env: BENCH_BIN (target/release/carrefour), BENCH_WORK (new mktemp dir; generated sites
# are reused from a previous work dir), BENCH_N (20000). Needs python3; contacts no
# network.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HARNESS=$ROOT/benches/harness
SITES=5
N=${BENCH_N:-20000}
BIN_SRC=${BENCH_BIN:-$ROOT/target/release/carrefour}
WORK=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/carrefour-bench-board.XXXXXX")}

die() { echo "board.sh: $*" >&2; exit 1; }
# shellcheck source=benches/hub_setup.sh
source "$ROOT/benches/hub_setup.sh"
[[ -x "$BIN_SRC" ]] || die "$BIN_SRC missing: cargo build --release"
mkdir -p "$WORK/bin"
BIN=$WORK/bin/carrefour
cp "$BIN_SRC" "$BIN"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified in the working tree)')"
} | tee "$WORK/env.txt" >&2

hub_setup "$N"
echo "== consolidate $N records (not timed)" >&2
"$BIN" --config "$CONF" consolidate --all | tail -2 >&2
echo "== reindex (not timed)" >&2
"$BIN" --config "$CONF" reindex >/dev/null
echo "== board and project search, same queries" >&2
"$BIN" --config "$CONF" bench board "$HARNESS/queries.txt" --repeat 5 --fill "$N" \
  --json "$WORK/board.json" | tee "$WORK/board.txt"
echo "work dir: $WORK" >&2
