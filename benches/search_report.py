#!/usr/bin/env python3
"""The report of benches/search.sh: one Markdown table from its work dir.

    python3 benches/search_report.py WORK_DIR

Reads carrefour.json (`carrefour bench search`, with its bare-tantivy peer), peers.json (search_baseline.py),
time-reindex.txt (/usr/bin/time -v of `carrefour reindex`), reindex.txt, wrk-page.txt
and wrk-api.txt (benches/wrk_paths.lua's RESULT line) and server-rss-kib.txt.
"""
import json
import re
import sys


def wrk(path):
    line = next(l for l in open(path) if l.startswith("RESULT"))
    return {k: float(v) for k, v in (kv.split("=") for kv in line.split()[1:])}


def main():
    work = sys.argv[1]
    ours = json.load(open(f"{work}/carrefour.json"))
    peers = {p["engine"]: p for p in json.load(open(f"{work}/peers.json"))}
    timed = open(f"{work}/time-reindex.txt").read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", timed).groups()
    reindex_s = int(wall[0] or 0) * 3600 + int(wall[1]) * 60 + float(wall[2])
    reindex_rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timed).group(1)) / 1024
    indexed = re.search(r"(\d+) projects indexed", open(f"{work}/reindex.txt").read()).group(1)
    server_rss = int(open(f"{work}/server-rss-kib.txt").read().strip()) / 1024
    print(f"Index: {indexed} projects; reindex {reindex_s:.1f} s, peak RSS {reindex_rss:.0f} MiB\n")
    print("| engine | p50 ms | p95 ms | max ms | p95 ratio to Carrefour |")
    print("|---|---|---|---|---|")
    print(f"| Carrefour (tantivy, in-process, every facet) | {ours['p50_ms']:.2f} | {ours['p95_ms']:.2f} | {ours['max_ms']:.2f} | 1.0 |")
    bare = ours.get("bare")
    if bare:
        print(f"| bare tantivy (query parser, facet filter, theme + region counts) | {bare['p50_ms']:.2f} | {bare['p95_ms']:.2f} | {bare['max_ms']:.2f} | Carrefour is {ours['p95_ms'] / bare['p95_ms']:.2f}× its p95 |")
    for name, label in [("postgresql-french", "PostgreSQL `french` + GROUP BY"), ("sqlite-fts5", "SQLite FTS5 + GROUP BY")]:
        p = peers.get(name)
        if p:
            print(f"| {label} | {p['p50_ms']:.2f} | {p['p95_ms']:.2f} | {p['max_ms']:.2f} | {p['p95_ms'] / ours['p95_ms']:.1f}× slower |")
    print()
    print("| HTTP, 64 connections | requests/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|")
    for kind, label in [("page", "search page `/recherche`"), ("api", "API `/api/v1/projects`")]:
        r = wrk(f"{work}/wrk-{kind}.txt")
        print(f"| {label} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | {r['p99_ms']:.2f} | {int(r['errors'])} |")
    print(f"\nServer peak RSS after both runs: {server_rss:.0f} MiB")


if __name__ == "__main__":
    main()
