"""What one scrape of the module's /metrics costs with 10 virtual hosts x 40 codes
(400 series of httpstatus_responses_total): wall time per GET over a keep-alive
connection, and the module's instructions per scrape under callgrind (apache2 -X,
inclusive cost of the handler that builds the exposition).

Usage: metrics_scrape.py MODULE_SO [--scrapes N]
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "httpd"))
from harness import APACHE, Httpd  # noqa: E402

HOSTS = 10
CODES = list(range(400, 440))


def conf(h):
    redirects = "\n".join(f"    Redirect {c} /c{c}" for c in CODES)
    hosts = "".join(f"""
<VirtualHost 127.0.0.1:{h.port}>
    ServerName host{i}.test
{redirects}
    <Location /metrics>
        SetHandler httpstatus-metrics
        Require local
    </Location>
</VirtualHost>
""" for i in range(HOSTS))
    return "LogLevel warn\n" + hosts


def fill(h):
    cl = h.client()
    for i in range(HOSTS):
        for c in CODES:
            r = cl.get(f"/c{c}", {"Host": f"host{i}.test"})
            assert r.status == c, (c, r.status)
    cl.close()


def scrape(cl):
    r = cl.get("/metrics", {"Host": "host0.test"})
    assert r.status == 200, r.status
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("module")
    ap.add_argument("--scrapes", type=int, default=500)
    args = ap.parse_args()
    module = os.path.abspath(args.module)

    h = Httpd(module, modules=["authz_host"], name="metrics-bench")
    h.extra_conf = conf(h)
    with h:
        fill(h)
        time.sleep(0.5)
        cl = h.client()
        body = scrape(cl).body
        series = sum(1 for line in body.decode().splitlines() if line.startswith("httpstatus_responses_total{"))
        start = time.perf_counter()
        for _ in range(args.scrapes):
            scrape(cl)
        per = (time.perf_counter() - start) / args.scrapes
        cl.close()
    print(f"{series} series, {len(body)} bytes per scrape; wall time per GET /metrics "
          f"(keep-alive, client included): {per * 1e6:.0f} us over {args.scrapes} scrapes")

    # The handler's own instructions under callgrind, one process.
    h = Httpd(module, modules=["authz_host"], name="metrics-bench-cg")
    h.extra_conf = conf(h)
    out_dir = tempfile.mkdtemp(prefix="httpstatus-metrics-cg-")
    os.chmod(out_dir, 0o777)
    out = os.path.join(out_dir, "callgrind.out")
    h.proc = subprocess.Popen(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                               APACHE, "-X", "-f", h.write_config()],
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    scrapes = 50
    try:
        if not h.wait_listening(180):
            raise RuntimeError("httpd did not start under callgrind")
        if os.geteuid() == 0 and os.path.exists(out):
            shutil.chown(out, "www-data")
        fill(h)
        cl = h.client()
        for _ in range(scrapes):
            scrape(cl)
        cl.close()
        h.signal(signal.SIGTERM)
        h.proc.wait(timeout=120)
        annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                                   capture_output=True, text=True, check=True).stdout
        # The handler hook's inclusive cost: every request's hook call, the
        # scrapes' exposition included (the 400 fill requests decline in a few
        # instructions each).
        # (callgrind_annotate lists a function once per source file its inlined
        # code came from; the largest line is the function as a whole.)
        counts = [int(line.split()[0].replace(",", "")) for line in annotated.splitlines()
                  if line.rstrip().endswith(":mod_httpstatus::documents::handler")]
        total = [int(line.split()[0].replace(",", "")) for line in annotated.splitlines()
                 if line.rstrip().endswith("PROGRAM TOTALS")]
        if counts:
            print(f"instructions per scrape in the module's handler (callgrind, inclusive): "
                  f"{max(counts) // scrapes:,}")
        else:
            print("the handler was not found in callgrind's output")
        if total:
            print(f"whole process, start to stop, {HOSTS * len(CODES)} requests and {scrapes} scrapes: "
                  f"{total[0]:,} instructions")
    finally:
        h.cleanup()
        shutil.rmtree(out_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
