#!/usr/bin/env bash
# Search benchmark, everything measured in the same run on the same machine:
#  1. a hub holding N generated projects (the bench harness's five sites, consolidated;
#     not timed), then `carrefour reindex` timed (seconds, peak RSS);
#  2. the harness's 50 faceted French queries in-process (`carrefour bench search`: top
#     20 by relevance, total, and the counts of every criterion), p50/p95 over 5 rounds,
#     and the same queries on a bare tantivy index of the same projects built in memory
#     (the peer of the engine itself: query parser, facet filter, two facet counts);
#  3. the peers on the same ground truth topped up to N (search_baseline.py: SQLite FTS5
#     and PostgreSQL `french` tsvector/GIN with GROUP BY theme counts);
#  4. the hub serving: the search page and the search API under 64 connections for
#     BENCH_SECONDS each (wrk; p50/p95/p99, requests/s, errors), the queries rotating,
#     then the server's peak RSS.
#
#   cargo build --release && benches/search.sh        # N=100000; ≈ 15 min
#
# Env: BENCH_BIN (target/release/carrefour), BENCH_WORK (new mktemp dir; a previous work
# dir is reused: generated sites, and the consolidated hub when BENCH_REUSE=1),
# BENCH_N (100000), BENCH_SECONDS (30), BENCH_VENV (the harness's venv, made by
# benches/harness/setup.sh when missing: psycopg2 for the PostgreSQL peer).
# Needs python3, /usr/bin/time, wrk, PostgreSQL binaries; contacts no network but PyPI
# when the venv is made.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HARNESS=$ROOT/benches/harness
SITES=5
N=${BENCH_N:-100000}
SECONDS_EACH=${BENCH_SECONDS:-30}
BIN_SRC=${BENCH_BIN:-$ROOT/target/release/carrefour}
WORK=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/carrefour-bench-search.XXXXXX")}
VENV=${BENCH_VENV:-$HOME/.cache/carrefour-bench-venv}

die() { echo "search.sh: $*" >&2; exit 1; }
# shellcheck source=benches/hub_setup.sh
source "$ROOT/benches/hub_setup.sh"
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (Debian: apt-get install time)"
command -v wrk >/dev/null || die "wrk missing (Debian: apt-get install wrk)"
[[ -x "$BIN_SRC" ]] || die "$BIN_SRC missing: cargo build --release"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$PGBIN/initdb" ]] || die "PostgreSQL binaries missing (Debian: apt-get install postgresql)"
[[ -x "$VENV/bin/python" ]] || BENCH_VENV=$VENV "$HARNESS/setup.sh" >&2
mkdir -p "$WORK/bin"
BIN=$WORK/bin/carrefour
cp "$BIN_SRC" "$BIN"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
  echo "git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified in the working tree)')"
} | tee "$WORK/env.txt" >&2

# --- 1. the hub and its index -----------------------------------------------------------
if [[ "${BENCH_REUSE:-0}" == 1 && -s "$WORK/data-$N/carrefour.db" ]]; then
  SITES_DIR=$WORK/sites-$N DATA=$WORK/data-$N CONF=$WORK/carrefour-$N.toml
  echo "== reusing the hub of $WORK/data-$N" >&2
else
  hub_setup "$N"
  echo "== consolidate $N records (not timed)" >&2
  "$BIN" --config "$CONF" consolidate --all | tail -2 >&2
fi
echo "== reindex" >&2
/usr/bin/time -v -o "$WORK/time-reindex.txt" "$BIN" --config "$CONF" reindex | tee "$WORK/reindex.txt" >&2

# --- 2. in-process ----------------------------------------------------------------------
echo "== in-process queries" >&2
"$BIN" --config "$CONF" bench search "$HARNESS/queries.txt" --repeat 5 \
  --json "$WORK/carrefour.json" --paths "$WORK/paths.txt" | tee "$WORK/carrefour.txt" >&2

# --- 3. the peers -------------------------------------------------------------------------
PG=$WORK/pg
rm -rf "$PG"; mkdir -p "$PG"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$PG"
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg "$PGBIN/initdb" -D "$PG/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PG/data" -l "$PG/log" -w -o "-p $PGPORT -k $PG -c listen_addresses=127.0.0.1" start >/dev/null
SERVER_PID=""
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null || true
  as_pg "$PGBIN/pg_ctl" -D "$PG/data" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
echo "== peers (SQLite FTS5, PostgreSQL french)" >&2
(cd "$HARNESS" && "$VENV/bin/python" -B search_baseline.py --gt "$SITES_DIR/ground_truth.jsonl" \
  --n "$N" --queries queries.txt --pg "host=127.0.0.1 port=$PGPORT user=postgres dbname=postgres" \
  --sqlite "$WORK/fts5.db" --json "$WORK/peers.json") | tee "$WORK/peers.txt" >&2
as_pg "$PGBIN/pg_ctl" -D "$PG/data" -m fast stop >/dev/null

# --- 4. HTTP under load ---------------------------------------------------------------------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
SERVE_CONF=$CONF
if [ -n "${BENCH_PAGE_CACHE_MIB:-}" ]; then
  # BENCH_PAGE_CACHE_MIB=0 measures the pages without the visitors' answer cache.
  SERVE_CONF=$WORK/carrefour-serve.toml
  { cat "$CONF"; printf '\n[search]\npage_cache_mib = %s\n' "$BENCH_PAGE_CACHE_MIB"; } >"$SERVE_CONF"
fi
"$BIN" --config "$SERVE_CONF" serve --bind "127.0.0.1:$PORT" --no-demo >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || die "the hub did not start (see $WORK/serve.log)"
sed 's|^|/recherche?|' "$WORK/paths.txt" >"$WORK/paths-page.txt"
sed 's|^|/api/v1/projects?|' "$WORK/paths.txt" >"$WORK/paths-api.txt"
for kind in page api; do
  # Warm: every query once.
  while read -r path; do curl -sf -o /dev/null "http://127.0.0.1:$PORT$path"; done <"$WORK/paths-$kind.txt"
  echo "== HTTP $kind, 64 connections, ${SECONDS_EACH}s" >&2
  WRK_PATHS=$WORK/paths-$kind.txt wrk -t2 -c64 -d"${SECONDS_EACH}s" --timeout 10s \
    -s "$ROOT/benches/wrk_paths.lua" "http://127.0.0.1:$PORT" | tee "$WORK/wrk-$kind.txt" >&2
done
grep VmHWM "/proc/$SERVER_PID/status" | awk '{print $2}' >"$WORK/server-rss-kib.txt"

# --- report ----------------------------------------------------------------------------------
python3 -B "$ROOT/benches/search_report.py" "$WORK"
echo "work dir: $WORK" >&2
