#!/usr/bin/env python3
"""Result table of benches/crawl.sh (reads the files it left in OUT, writes OUT/results.json).

    python3 benches/crawl_report.py OUT PORT

Throughput: Scrapy = response_received_count / elapsed_time_seconds (its stats dump);
Carrefour = the `N pages in S s` last line of `carrefour crawl`. Both also as requests
seen by the server / wall time of the whole process (`/usr/bin/time -v`), which counts
every request the same way for both, plus process start-up and shutdown.
Peak RSS: "Maximum resident set size" of `/usr/bin/time -v`.
The access log (one line `PORT STATUS "REQUEST"`) is split at the line count recorded
after the Scrapy run (OUT/access_split).
"""
import json
import os
import re
import sys


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def time_v(path):
    t = read(path)

    def grab(label):
        m = re.search(re.escape(label) + r":\s*(.+)", t)
        if not m:
            raise SystemExit(f"crawl_report: '{label}' missing in {path}")
        return m.group(1).strip()

    wall = grab("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    return {"max_rss_kib": int(grab("Maximum resident set size (kbytes)")),
            "user_s": float(grab("User time (seconds)")), "sys_s": float(grab("System time (seconds)")),
            "cpu_percent": int(grab("Percent of CPU this job got").rstrip("%")), "wall_s": secs,
            "voluntary_cs": int(grab("Voluntary context switches")),
            "involuntary_cs": int(grab("Involuntary context switches"))}


def scrapy_stats(path):
    t = read(path)
    out = {}
    for key in ("response_received_count", "elapsed_time_seconds", "downloader/request_count",
                "item_scraped_count", "robotstxt/forbidden", "log_count/ERROR", "retry/count"):
        m = re.search(r"'" + re.escape(key) + r"':\s*([\d.]+)", t)
        out[key] = float(m.group(1)) if m else 0
    if not out["elapsed_time_seconds"] or not out["response_received_count"]:
        raise SystemExit(f"crawl_report: no Scrapy stats dump in {path}")
    return out


def carrefour_line(path):
    lines = [l for l in read(path).splitlines() if l.strip()]
    m = re.fullmatch(r"(\d+) pages in ([\d.]+) s \(([\d.]+) pages/s\)", lines[-1].strip()) if lines else None
    if not m:
        raise SystemExit(f"crawl_report: last line of {path} is not 'N pages in S s (R pages/s)'")
    return {"pages": int(m.group(1)), "elapsed_s": float(m.group(2)), "printed_rate": float(m.group(3))}


def access(lines, port):
    reqs = [l.split(" ", 2) for l in lines if l.strip()]
    by_status = {}
    for _, status, _ in reqs:
        by_status[status] = by_status.get(status, 0) + 1
    prive = [r for r in reqs if int(r[0]) == port + 5 and re.match(r'"\S+ /prive/', r[2])]
    robots = [r for r in reqs if re.match(r'"\S+ /robots\.txt', r[2])]
    return {"requests": len(reqs), "by_status": by_status, "prive_requests": len(prive),
            "prive_examples": [r[2] for r in prive[:3]], "robots_txt_requests": len(robots)}


def main():
    out, port = sys.argv[1], int(sys.argv[2])
    p = lambda name: os.path.join(out, name)  # noqa: E731
    st, ct = time_v(p("scrapy_time.txt")), time_v(p("carrefour_time.txt"))
    ss, cl = scrapy_stats(p("scrapy_err.txt")), carrefour_line(p("carrefour_crawl.txt"))
    sc, cc = json.load(open(p("scrapy_score.json"))), json.load(open(p("carrefour_score.json")))
    log = read(p("access.log")).splitlines()
    split = int(read(p("access_split")).strip())
    sa, ca = access(log[:split], port), access(log[split:], port)

    s_rate = ss["response_received_count"] / ss["elapsed_time_seconds"]
    c_rate = cl["pages"] / cl["elapsed_s"]
    s_srv, c_srv = sa["requests"] / st["wall_s"], ca["requests"] / ct["wall_s"]
    res = {
        "scrapy": {"pages": int(ss["response_received_count"]), "elapsed_s": ss["elapsed_time_seconds"],
                   "pages_per_s": round(s_rate, 1), "time": st, "stats": ss, "server": sa,
                   "server_requests_per_wall_s": round(s_srv, 1), "score": sc},
        "carrefour": {"pages": cl["pages"], "elapsed_s": cl["elapsed_s"], "pages_per_s": round(c_rate, 1),
                      "time": ct, "server": ca, "server_requests_per_wall_s": round(c_srv, 1), "score": cc},
        "ratios": {"pages_per_s": round(c_rate / s_rate, 2),
                   "server_requests_per_wall_s": round(c_srv / s_srv, 2),
                   "peak_rss": round(ct["max_rss_kib"] / st["max_rss_kib"], 3),
                   "cpu_s": round((ct["user_s"] + ct["sys_s"]) / (st["user_s"] + st["sys_s"]), 3)},
    }
    res["target_met"] = {"pages_per_s_ge_3x": res["ratios"]["pages_per_s"] >= 3,
                         "peak_rss_le_third": res["ratios"]["peak_rss"] <= 1 / 3,
                         "accuracy_ge_scrapy": (cc["recall"] >= sc["recall"]
                                                and cc["all_fields_exact_match"] >= sc["all_fields_exact_match"]
                                                and cc["extra_items"] <= sc["extra_items"]
                                                and cc["repeated_items"] <= sc["repeated_items"]),
                         "robots_obeyed": ca["prive_requests"] == 0}
    json.dump(res, open(p("results.json"), "w"), indent=2)

    mib = lambda k: f"{k / 1024:.1f} MiB"  # noqa: E731
    rows = [
        ("pages (crawler's own count)", f"{res['scrapy']['pages']}", f"{cl['pages']}", ""),
        ("crawl time (crawler's own)", f"{ss['elapsed_time_seconds']:.1f} s", f"{cl['elapsed_s']:.1f} s", ""),
        ("pages/s", f"{s_rate:.0f}", f"{c_rate:.0f}", f"{c_rate / s_rate:.2f}x"),
        ("server requests / process wall s", f"{sa['requests']} / {st['wall_s']:.1f} s = {s_srv:.0f}",
         f"{ca['requests']} / {ct['wall_s']:.1f} s = {c_srv:.0f}", f"{c_srv / s_srv:.2f}x"),
        ("peak RSS", mib(st["max_rss_kib"]), mib(ct["max_rss_kib"]), f"{ct['max_rss_kib'] / st['max_rss_kib']:.3f}x"),
        ("CPU user + sys", f"{st['user_s']:.1f} + {st['sys_s']:.1f} s ({st['cpu_percent']}%)",
         f"{ct['user_s']:.1f} + {ct['sys_s']:.1f} s ({ct['cpu_percent']}%)", f"{res['ratios']['cpu_s']:.2f}x"),
        ("recall", f"{sc['recall']}", f"{cc['recall']}", ""),
        ("all fields exact", f"{sc['all_fields_exact_match']}", f"{cc['all_fields_exact_match']}", ""),
        ("extra / repeated items", f"{sc['extra_items']} / {sc['repeated_items']}",
         f"{cc['extra_items']} / {cc['repeated_items']}", ""),
        ("/prive/ requests on s5 (robots)", f"{sa['prive_requests']}", f"{ca['prive_requests']}", ""),
        ("server statuses", " ".join(f"{k}:{v}" for k, v in sorted(sa["by_status"].items())),
         " ".join(f"{k}:{v}" for k, v in sorted(ca["by_status"].items())), ""),
    ]
    w = [max(len(r[i]) for r in rows + [("measure", "Scrapy", "Carrefour", "C / S")]) for i in range(4)]
    line = lambda r: "  ".join(c.ljust(w[i]) for i, c in enumerate(r)).rstrip()  # noqa: E731
    print(line(("measure", "Scrapy", "Carrefour", "C / S")))
    print(line(tuple("-" * x for x in w)))
    for r in rows:
        print(line(r))
    low = {f: (sc["field_exact_match"].get(f), v) for f, v in cc["field_exact_match"].items()
           if v < 1 or sc["field_exact_match"].get(f, 1) < 1}
    if low:
        print("fields below 1.0 (Scrapy, Carrefour): "
              + ", ".join(f"{f} {a}/{b}" for f, (a, b) in sorted(low.items())))
    ps = {s: (sc["per_site_recall"].get(s), v) for s, v in cc["per_site_recall"].items()
          if v < 1 or sc["per_site_recall"].get(s, 1) < 1}
    if ps:
        print("per-site recall below 1.0 (Scrapy, Carrefour): "
              + ", ".join(f"{s} {a}/{b}" for s, (a, b) in sorted(ps.items())))
    t = res["target_met"]
    print("target (>= 3x pages/s, <= 1/3 peak RSS, accuracy >= Scrapy, robots obeyed): "
          + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in t.items()))
    if ca["prive_requests"]:
        print("ROBOTS VIOLATION: Carrefour requested " + "; ".join(ca["prive_examples"]))
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
