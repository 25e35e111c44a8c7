# Shared by the benchmarks: a hub holding the bench harness's generated projects as raw
# records, one partner per site, ready for `carrefour consolidate --all`.
#
#   source benches/hub_setup.sh; hub_setup N
#
# Needs ROOT, HARNESS, SITES, WORK and BIN set, and `die`. Generates 5 sites × N/5
# projects (gen_sites.py, seed 1; kept in $WORK/sites-N and reused), makes a fresh data
# dir $WORK/data-N with its settings file $WORK/carrefour-N.toml (`carrefour migrate`,
# partners `partenaire-K`, the sites' sources imported with `carrefour sources import`),
# and loads the ground truth as raw records (benches/load_records.py). Sets SITES_DIR,
# DATA and CONF. Not timed.
hub_setup() {
  local N=$1
  local PER=$((N / SITES))
  SITES_DIR=$WORK/sites-$N
  if [[ ! -s "$SITES_DIR/ground_truth.jsonl" ]]; then
    echo "== generate $SITES x $PER projects" >&2
    python3 -B "$HARNESS/gen_sites.py" --out "$SITES_DIR" --sites "$SITES" \
      --projects-per-site "$PER" --seed 1 >"$WORK/gen-$N.txt" 2>&1 || die "gen_sites.py (see $WORK/gen-$N.txt)"
  fi
  DATA=$WORK/data-$N
  rm -rf "$DATA"
  CONF=$WORK/carrefour-$N.toml
  cat >"$CONF" <<CONF
[server]
data_dir = "$DATA"
[demo]
enabled = false
[api]
rate_limit_per_minute = 0
[log]
filter = "warn"
CONF
  echo "== set up $N records (not timed)" >&2
  "$BIN" --config "$CONF" migrate >/dev/null
  python3 -B - "$DATA/carrefour.db" "$SITES_DIR/sites.json" "$WORK/sources-$N" <<'PY'
import datetime, json, os, sqlite3, subprocess, sys
db_path, sites_json, out_dir = sys.argv[1:4]
now = datetime.datetime.now(datetime.timezone.utc).isoformat()
db = sqlite3.connect(db_path)
os.makedirs(out_dir, exist_ok=True)
sites = json.load(open(sites_json))["sites"]
for k, site in enumerate(sites, 1):
    db.execute("INSERT INTO partners (slug, name, kind, scale, description, status, created_at,"
               " updated_at, admitted_at) VALUES (?,?,?,?,?,?,?,?,?)",
               (f"partenaire-{k}", f"Partenaire {k}", "network", "national", "", "active", now, now, now))
db.commit()
PY
  python3 -B "$ROOT/benches/sites_to_sources.py" "$SITES_DIR/sites.json" 8100 >"$WORK/sources-$N/all.json"
  python3 -B - "$WORK/sources-$N" <<'PY'
import json, sys, os
d = sys.argv[1]
for k, s in enumerate(json.load(open(os.path.join(d, "all.json")))["sources"], 1):
    json.dump({"sources": [s]}, open(os.path.join(d, f"partenaire-{k}.json"), "w"))
PY
  for k in $(seq 1 $SITES); do
    "$BIN" --config "$CONF" sources import --partner "partenaire-$k" "$WORK/sources-$N/partenaire-$k.json" >/dev/null
  done
  python3 -B "$ROOT/benches/load_records.py" "$SITES_DIR/ground_truth.jsonl" "$DATA/carrefour.db" >&2
}
