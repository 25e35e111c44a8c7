#!/usr/bin/env python3
"""Writes the link order file of the executable (`benches/hot-functions.txt`, read by
`build.rs`): the functions of the executable that a crawl runs, from a callgrind profile.

    valgrind --tool=callgrind --demangle=no --callgrind-out-file=/tmp/cg.out \\
        target/release/carrefour --config CONF crawl --all --politeness-off --jobs 5 --max-pages 80
    benches/hot_functions.py /tmp/cg.out target/release/carrefour > benches/hot-functions.txt

The linker puts these functions together at the start of the code, so a crawl maps a few
MiB of the executable instead of most of it (the kernel maps the executable in 64-128 KiB
blocks, and the functions a crawl runs are otherwise spread over all 21 MB of code; see
docs/benchmarks.md). Names missing from a later build (renamed or new functions) are
skipped by the linker: the file only needs refreshing when the crawl's memory grows back.
"""
import re
import subprocess
import sys


def main() -> None:
    profile, binary = sys.argv[1], sys.argv[2]
    names = {}
    ran = set()
    with open(profile, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
            if not m:
                continue
            if m.group(3):
                names[m.group(2)] = m.group(3)
            if m.group(1) == "fn":
                ran.add(m.group(2))
    nm = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True)
    code = {p[2] for p in (l.split() for l in nm.stdout.splitlines()) if len(p) == 3 and p[1] in "tTwW"}
    for name in sorted({names[i] for i in ran if i in names} & code):
        print(name)


if __name__ == "__main__":
    main()
