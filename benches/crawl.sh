#!/usr/bin/env bash
# Crawler benchmark: Carrefour vs the Scrapy peer of the bench harness, in the same run.
#
#   benches/crawl.sh                # from anywhere; results in docs/benchmarks.md
#
# Steps: generate 5 sites × 2000 projects (seed 1) with benches/harness/gen_sites.py into a
# work dir; serve them with benches/harness/serve.sh (nginx, or serve_py.py) plus an access
# log; crawl with Scrapy (scrapy_baseline/partner_spider.py) under /usr/bin/time -v; set up
# a fresh Carrefour data dir (demo partners + `sources import`, not timed), then time
# `carrefour crawl --all --politeness-off --jobs 5` under /usr/bin/time -v; export and
# score both with score.py; check that Carrefour never asked for /prive/ (robots.txt of
# s5); print the result table (benches/crawl_report.py) and keep everything in the work dir.
#
# Needs: the venv of benches/harness/setup.sh (Scrapy; run it once), /usr/bin/time,
# python3 >= 3.11, a built release binary (not rebuilt here: `cargo build --release`).
# Env: BENCH_BIN (default target/release/carrefour; copied into the work dir so a
# rebuild during the run cannot swap it), BENCH_VENV, BENCH_PORT (8100: overview,
# sites on +1..+5), BENCH_WORK (default: a new mktemp dir), BENCH_PROJECTS (2000),
# BENCH_SITES (5), BENCH_JOBS (5), SERVE_BACKEND=python (stdlib server even when nginx is
# installed). Only 127.0.0.1 is contacted.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HARNESS=$ROOT/benches/harness
VENV=${BENCH_VENV:-$HOME/.cache/carrefour-bench-venv}
PORT=${BENCH_PORT:-8100}
SITES=${BENCH_SITES:-5}
PROJECTS=${BENCH_PROJECTS:-2000}
JOBS=${BENCH_JOBS:-5}
BIN_SRC=${BENCH_BIN:-$ROOT/target/release/carrefour}
WORK=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/carrefour-bench-crawl.XXXXXX")}
# mktemp makes the directory private; nginx (another user) must read the sites in it.
chmod 755 "$WORK"
OUT=$WORK/out
SERVE_PID=
STEP="start"

die() { echo "crawl.sh: FAILED at step '$STEP': $*" >&2; exit 1; }
step() { STEP=$1; echo "== $1" >&2; }
cleanup() {
  local rc=$?
  if [[ -n "$SERVE_PID" ]] && kill -0 "$SERVE_PID" 2>/dev/null; then
    kill "$SERVE_PID" 2>/dev/null || true
    wait "$SERVE_PID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 ]]; then
    echo "crawl.sh: FAILED at step '$STEP' (exit $rc); logs in $OUT" >&2
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "checks"
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (Debian: apt-get install time)"
[[ -x "$VENV/bin/scrapy" ]] || die "no Scrapy venv at $VENV: run benches/harness/setup.sh"
[[ -x "$BIN_SRC" ]] || die "$BIN_SRC missing: cargo build --release"
python3 - "$PORT" "$SITES" <<'PY' || die "ports $PORT..$((PORT + SITES)) are not free (BENCH_PORT=...)"
import socket, sys
p, n = int(sys.argv[1]), int(sys.argv[2])
for port in range(p, p + n + 1):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port)); s.close()
PY
mkdir -p "$OUT" "$WORK/bin"
BIN=$WORK/bin/carrefour
cp "$BIN_SRC" "$BIN"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "python: $(python3 --version 2>&1), scrapy: $("$VENV/bin/scrapy" version 2>/dev/null)"
  echo "carrefour: $BIN_SRC, built $(date -u -r "$BIN_SRC" +%Y-%m-%dT%H:%M:%SZ), sha256 $(sha256sum "$BIN" | cut -c1-16)"
  echo "git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified in the working tree)')"
  echo "sites: $SITES x $PROJECTS projects, seed 1, port $PORT, jobs $JOBS"
} | tee "$OUT/env.txt" >&2

step "generate sites"
python3 -B "$HARNESS/gen_sites.py" --out "$WORK/sites" --sites "$SITES" \
  --projects-per-site "$PROJECTS" --seed 1 >"$OUT/gen.txt" 2>&1 || die "gen_sites.py (see $OUT/gen.txt)"

step "serve"
: >"$OUT/access.log"
if [[ "${SERVE_BACKEND:-}" != python ]] && { command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]]; }; then
  # serve.sh unchanged; an `nginx` first on its PATH adds an access log to the config it wrote.
  REAL_NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  mkdir -p "$WORK/shim"
  cat >"$WORK/shim/nginx" <<EOF
#!/bin/sh
# Written by benches/crawl.sh: log requests as 'PORT STATUS "REQUEST"', then run nginx.
conf=; prev=
for a in "\$@"; do [ "\$prev" = -c ] && conf=\$a; prev=\$a; done
sed -i 's|access_log off;|log_format bench '"'"'\$server_port \$status "\$request"'"'"'; access_log $OUT/access.log bench;|' "\$conf"
exec $REAL_NGINX "\$@"
EOF
  chmod +x "$WORK/shim/nginx"
  PATH="$WORK/shim:$PATH" TMPDIR="$WORK" "$HARNESS/serve.sh" "$WORK/sites" "$PORT" >"$OUT/serve.txt" 2>&1 &
  SERVE_PID=$!
else
  python3 -B "$ROOT/benches/serve_logged.py" "$WORK/sites" "$PORT" "$OUT/access.log" >"$OUT/serve.txt" 2>&1 &
  SERVE_PID=$!
fi
python3 - "$PORT" "$SITES" <<'PY' || die "server did not answer (see $OUT/serve.txt)"
import sys, time, urllib.request
p, n = int(sys.argv[1]), int(sys.argv[2])
deadline = time.time() + 20
for port in range(p, p + n + 1):
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt" if port > p else f"http://127.0.0.1:{p}/", timeout=2)
            break
        except urllib.error.HTTPError:
            break  # 404 (no robots.txt) still means it is up
        except OSError:
            if time.time() > deadline:
                sys.exit(1)
            time.sleep(0.2)
PY
grep -h "backend" "$OUT/serve.txt" >&2 || true
sleep 1
: >"$OUT/access.log"   # drop the readiness probes (nginx keeps its fd; O_APPEND)

step "scrapy crawl"
echo "load before Scrapy: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/env.txt" >&2
(cd "$WORK" && /usr/bin/time -v -o "$OUT/scrapy_time.txt" "$VENV/bin/scrapy" runspider \
  "$HARNESS/scrapy_baseline/partner_spider.py" -a config="$WORK/sites/sites.json" -a port="$PORT" \
  -O "$OUT/scrapy_items.jsonl" 2>"$OUT/scrapy_err.txt") || die "scrapy (see $OUT/scrapy_err.txt)"
sleep 1
wc -l <"$OUT/access.log" | tr -d ' ' >"$OUT/access_split"

step "carrefour set-up (not timed)"
CONF=$WORK/carrefour.toml
cat >"$CONF" <<EOF
[server]
data_dir = "$WORK/carrefour-data"
[demo]
enabled = false
projects = 20
[log]
filter = "warn"
[crawler]
allow_private = ["127.0.0.1/32"]
per_host_delay_ms = 0
per_host_connections = 16
EOF
rm -rf "$WORK/carrefour-data"
"$BIN" --config "$CONF" demo >"$OUT/carrefour_setup.txt" 2>&1 || die "carrefour demo (see $OUT/carrefour_setup.txt)"
SLUG=$(python3 -c 'import sqlite3, sys
r = sqlite3.connect(sys.argv[1]).execute("SELECT slug FROM partners ORDER BY id LIMIT 1").fetchone()
print(r[0] if r else "")' "$WORK/carrefour-data/carrefour.db")
[[ -n "$SLUG" ]] || die "no partner in $WORK/carrefour-data/carrefour.db after demo"
python3 -B "$ROOT/benches/sites_to_sources.py" "$WORK/sites/sites.json" "$PORT" >"$WORK/sources.json"
"$BIN" --config "$CONF" sources import --partner "$SLUG" "$WORK/sources.json" >>"$OUT/carrefour_setup.txt" 2>&1 \
  || die "sources import (see $OUT/carrefour_setup.txt)"
tail -1 "$OUT/carrefour_setup.txt" >&2

step "carrefour crawl"
echo "load before Carrefour: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/env.txt" >&2
/usr/bin/time -v -o "$OUT/carrefour_time.txt" "$BIN" --config "$CONF" crawl --all --politeness-off \
  --jobs "$JOBS" >"$OUT/carrefour_crawl.txt" 2>"$OUT/carrefour_crawl_err.txt" \
  || die "carrefour crawl (see $OUT/carrefour_crawl.txt and $OUT/carrefour_crawl_err.txt)"
sleep 1
cat "$OUT/carrefour_crawl.txt" >&2

step "stop server"
kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true; SERVE_PID=

step "export and score"
"$BIN" --config "$CONF" records export -o "$OUT/carrefour_items.jsonl" 2>>"$OUT/carrefour_setup.txt" \
  || die "records export (see $OUT/carrefour_setup.txt)"
for who in scrapy carrefour; do
  python3 -B "$HARNESS/score.py" "$WORK/sites/ground_truth.jsonl" "$OUT/${who}_items.jsonl" \
    --json "$OUT/${who}_score.json" >/dev/null || die "score.py on $who"
done

step "report"
python3 -B "$ROOT/benches/crawl_report.py" "$OUT" "$PORT" | tee "$OUT/report.txt"
echo "work dir (sites, logs, items, results.json): $WORK" >&2
