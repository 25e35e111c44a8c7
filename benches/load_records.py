#!/usr/bin/env python3
"""Load the bench generator's ground truth as raw records of a Carrefour SQLite database.

    python3 benches/load_records.py GROUND_TRUTH_JSONL CARREFOUR_DB

For the consolidation benchmark: the crawler's accuracy is measured elsewhere
(benches/crawl.sh, tests/bench_score.rs: every field exact), so the records it would
write are the ground truth's fields. The database must be migrated (`carrefour migrate`)
and hold, for each site of the ground truth, a source named as the site id (created with
`carrefour sources import`). Records are written as a crawl writes them: identity and
URL (the page's path on 127.0.0.1), the fields as JSON, a SHA-256 content hash, never
consolidated.
"""
import datetime
import hashlib
import json
import sqlite3
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    gt_path, db_path = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(db_path)
    sources = dict(db.execute("SELECT name, id FROM sources"))
    now = datetime.datetime.now(datetime.timezone.utc).isoformat()
    rows = []
    with open(gt_path, encoding="utf-8") as f:
        for line in f:
            gt = json.loads(line)
            source_id = sources.get(gt["site"])
            if source_id is None:
                sys.exit(f"no source named {gt['site']} in {db_path}")
            fields = {k: v for k, v in gt["fields"].items() if v not in (None, "", [])}
            text = json.dumps(fields, ensure_ascii=False, sort_keys=True)
            url = f"http://127.0.0.1{gt['url']}"
            rows.append((source_id, url, url, text, hashlib.sha256(text.encode()).hexdigest(), now, now, now))
    db.executemany(
        "INSERT INTO raw_records (source_id, identity, url, fields, content_hash, first_seen_at,"
        " last_seen_at, changed_at, missed_runs, consolidated_gone) VALUES (?,?,?,?,?,?,?,?,0,0)",
        rows,
    )
    db.commit()
    print(f"{len(rows)} raw records loaded into {len(sources)} sources")


if __name__ == "__main__":
    main()
