#!/usr/bin/env python3
"""Convert the bench harness's sites.json into a Carrefour sources file.

    python3 benches/sites_to_sources.py SITES_JSON PORT > sources.json

Site k of sites.json is served on 127.0.0.1:(PORT + port_offset) (benches/harness/serve.sh),
starting at its `entry` path. Each site becomes one `html` source named exactly as the
site id (so `carrefour records export` writes `"site": "<id>"`, which score.py matches),
with the site's `list` and `fields` objects passed unchanged (a bare `next` selector is
read as `{"by": "link", ...}` by Carrefour; format in docs/sources.md).

Politeness values are the gentlest accepted bounds that still let the bench finish; the
bench runs `carrefour crawl --politeness-off`, which overrides delay and connections.
max_pages / max_depth are the largest accepted (50 000 pages, 200 list pages per entry).
"""
import json
import sys


def convert(cfg, port, host="127.0.0.1"):
    out = []
    for s in cfg["sites"]:
        out.append({
            "name": s["id"],
            "per_host_delay_ms": 500,
            "per_host_connections": 4,
            "max_pages": 50000,
            "max_depth": 200,
            "config": {
                "kind": "html",
                "entry_urls": [f"http://{host}:{port + s['port_offset']}{s['entry']}"],
                "list": s["list"],
                "fields": s["fields"],
            },
        })
    return {"sources": out}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        cfg = json.load(f)
    json.dump(convert(cfg, int(sys.argv[2])), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
