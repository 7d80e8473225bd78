"""End-to-end benchmark of 404 responses in Debian's apache2, with and without
mod_httpstatus, against the alternatives. Run through scripts/bench-httpd.

Each variant is its own httpd (event MPM, fixed thread pool) on a free 127.0.0.1
port, driven by wrk with keep-alive for a few seconds; variants are interleaved and
each is repeated ROUNDS times. Reported per variant: median requests/s, median p50
and p99 latency, and httpd CPU time per request (user+system of all its processes,
from /proc), each also as a ratio to stock httpd's canned 404.

Usage: httpd_bench.py MODULE_SO [--seconds N] [--rounds N] [--memory N]
"""

import argparse
from dataclasses import dataclass, field
import os
import re
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "httpd"))
from harness import MODULES_DIR, Httpd  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")

PERF_CONF = """
StartServers 1
ServerLimit 1
ThreadsPerChild 64
MaxRequestWorkers 64
MinSpareThreads 64
MaxSpareThreads 64
MaxConnectionsPerChild 0
KeepAliveTimeout 30
"""

LOCALIZED = """
Alias /error/ "/usr/share/apache2/error/"
<Directory "/usr/share/apache2/error">
    Options IncludesNoExec
    AddOutputFilter Includes html
    AddHandler type-map var
    Require all granted
    LanguagePriority en cs de es fr it ja ko nl pl pt-br ro sv tr
    ForceLanguagePriority Prefer Fallback
</Directory>
ErrorDocument 404 /error/HTTP_NOT_FOUND.html.var
"""


@dataclass
class Variant:
    key: str
    name: str
    module: str | None  # None: stock httpd
    conf: str = ""
    modules: list = field(default_factory=list)
    headers: dict = field(default_factory=dict)  # sent by wrk
    files: dict = field(default_factory=dict)  # ServerRoot-relative path -> content
    log_level: str = "warn"  # default: 4xx diagnostic lines only in (d)


def variants(module):
    static_page = "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>" \
                  "<p>The requested URL was not found on this server.</p></body></html>\n"
    return [
        Variant("a", "stock httpd, canned 404", None),
        Variant("b", "mod_httpstatus HTML 404", module),
        Variant("c", "mod_httpstatus problem+json 404", module, headers={"Accept": "application/json"}),
        Variant("d", "mod_httpstatus + LogLevel httpstatus:info", module, log_level="warn httpstatus:info"),
        Variant("e", "stock ErrorDocument 404 /static.html", None, "ErrorDocument 404 /static404.html",
                files={"htdocs/static404.html": static_page}),
        Variant("f", "Debian localized error pages", None, LOCALIZED, ["include", "negotiation", "setenvif"]),
    ]


def processes():
    """{pid: (parent pid, stat fields after the command name)} for every process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        table[int(entry)] = (int(fields[1]), fields)
    return table


def process_tree_cpu(pid):
    """User+system seconds of pid and all its descendants."""
    table = processes()
    children = {}
    for p, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(p)
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        if p in table:
            fields = table[p][1]
            total += int(fields[11]) + int(fields[12])  # utime, stime
        stack.extend(children.get(p, []))
    return total / TICKS


def rss_kib(pid):
    """Resident set of each httpd child (not the parent), in KiB."""
    out = {}
    for p, (ppid, _) in processes().items():
        if ppid != pid:
            continue
        try:
            with open(f"/proc/{p}/status") as f:
                m = re.search(r"VmRSS:\s+(\d+)", f.read())
            out[p] = int(m.group(1)) if m else 0
        except FileNotFoundError:
            continue
    return out


def parse_wrk(out):
    def latency(label):
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        scale = {"us": 1, "ms": 1000, "s": 1_000_000}[m.group(2)]
        return float(m.group(1)) * scale

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "requests": requests,
        "rps": rps,
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": "Socket errors" in out,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
    }


def start(v):
    h = Httpd(v.module, PERF_CONF + v.conf, modules=v.modules, name=f"bench-{v.key}", log_level=v.log_level)
    for rel, content in v.files.items():
        h.write(rel, content)
    h.start()
    return h


def run_wrk(port, headers, seconds, connections=32):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for k, v in headers.items():
        args += ["-H", f"{k}: {v}"]
    args.append(f"http://127.0.0.1:{port}/does/not/exist")
    return subprocess.run(args, capture_output=True, text=True, timeout=seconds + 30).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("module")
    ap.add_argument("--seconds", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--memory", type=int, default=0, help="error responses for the RSS check (0: skip)")
    args = ap.parse_args()
    module = os.path.abspath(args.module)

    vs = variants(module)
    results = {v.key: [] for v in vs}
    for rnd in range(args.rounds):
        for v in vs:
            h = start(v)
            try:
                check = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                                        f"http://127.0.0.1:{h.port}/does/not/exist"],
                                       capture_output=True, text=True).stdout
                if check != "404":
                    raise RuntimeError(f"variant {v.key} answered {check}, not 404")
                run_wrk(h.port, v.headers, 1)  # warm-up
                cpu0 = process_tree_cpu(h.proc.pid)
                out = run_wrk(h.port, v.headers, args.seconds)
                cpu1 = process_tree_cpu(h.proc.pid)
                r = parse_wrk(out)
                r["cpu_us"] = (cpu1 - cpu0) * 1e6 / max(r["requests"], 1)
                results[v.key].append(r)
                print(f"round {rnd + 1} {v.key}: {r['rps']:.0f} req/s, p50 {r['p50']:.0f} us, "
                      f"p99 {r['p99']:.0f} us, {r['cpu_us']:.1f} us CPU/req", file=sys.stderr, flush=True)
            finally:
                h.cleanup()

    med = {k: {m: statistics.median(x[m] for x in rs) for m in ("rps", "p50", "p99", "cpu_us")}
           for k, rs in results.items()}
    # The machine's speed drifts between rounds; a variant and stock measured in the
    # same round drift together, so the median of per-round ratios is the fair one.
    ratio = {k: statistics.median(x["cpu_us"] / a["cpu_us"] for x, a in zip(rs, results["a"]))
             for k, rs in results.items()}
    print(f"\n{args.rounds} rounds x {args.seconds} s per variant, wrk -t2 -c32, keep-alive, "
          f"event MPM; medians; CPU ratio = median of per-round ratios to (a)\n")
    print("| variant | req/s | p50 µs | p99 µs | httpd CPU µs/req | CPU ratio to (a) |")
    print("|---|---|---|---|---|---|")
    for v in vs:
        m = med[v.key]
        print(f"| ({v.key}) {v.name} | {m['rps']:.0f} | {m['p50']:.0f} | "
              f"{m['p99']:.0f} | {m['cpu_us']:.1f} | {ratio[v.key]:.2f} |")
    print(f"\n(b) vs (a) CPU: {100 * (ratio['b'] - 1):+.1f}%   "
          f"(e)/(b): {ratio['e'] / ratio['b']:.2f}x   (f)/(b): {ratio['f'] / ratio['b']:.2f}x")

    if args.memory:
        for key in ("a", "b"):
            memory_check(module, args.memory, key)


def memory_check(module, count, key="b"):
    """RSS of the children at checkpoints while `count` error responses are served:
    growth that stops (allocator and pool caches warming up) is noise, growth that
    goes on with the count is a leak."""
    v = next(x for x in variants(module) if x.key == key)
    h = start(v)
    try:
        run_wrk(h.port, {}, 2)
        checkpoints = [(0, sorted(rss_kib(h.proc.pid).values()))]
        total = 0
        deadline = time.time() + 900
        while total < count and time.time() < deadline:
            total += parse_wrk(run_wrk(h.port, {}, 10))["requests"]
            checkpoints.append((total, sorted(rss_kib(h.proc.pid).values())))
        print(f"\nmemory ({v.name}): child RSS (KiB) after N error responses: "
              + ", ".join(f"{n}: {rss}" for n, rss in checkpoints))
    finally:
        h.cleanup()


if __name__ == "__main__":
    main()
