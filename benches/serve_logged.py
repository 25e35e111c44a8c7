#!/usr/bin/env python3
"""benches/harness/serve_py.py with an access log (fallback of benches/crawl.sh when nginx
is missing; the harness copy stays unchanged).

    python3 benches/serve_logged.py DIR PORT ACCESS_LOG

Same server as serve_py.py; each request adds one line `PORT STATUS "REQUEST LINE"` to
ACCESS_LOG (the format crawl.sh's nginx shim writes), so the bench can check which paths
each crawler asked for (robots.txt-disallowed /prive/ on s5).
"""
import os
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "harness"))
import serve_py  # noqa: E402

LOG = open(sys.argv[3], "a", buffering=1, encoding="utf-8")
LOCK = threading.Lock()
_make_handler = serve_py.make_handler


def make_handler(root, rules):
    base = _make_handler(root, rules)

    class Logged(base):
        def log_request(self, code="-", size="-"):
            code = getattr(code, "value", code)
            with LOCK:
                LOG.write(f'{self.server.server_address[1]} {code} "{self.requestline}"\n')

    return Logged


serve_py.make_handler = make_handler
sys.argv = sys.argv[:3]
serve_py.main()
