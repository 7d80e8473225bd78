"""End-to-end benchmark of error responses (and one static file) in Debian's
apache2, with and without mod_httpstatus, against the alternatives. Run through
scripts/bench-httpd.

Each variant is its own httpd (event MPM, fixed thread pool) on a free 127.0.0.1
port, driven by wrk with keep-alive for a few seconds; variants are interleaved and
each is repeated ROUNDS times. httpd runs on the first half of the CPUs and wrk on
the other half, so the load generator does not compete with the server for a core
(--no-pin lets them share). Reported per variant: median requests/s, median p50 and
p99 latency, and httpd CPU time per request (user+system of all its processes, from
/proc), as a ratio to stock httpd's canned 404 (a) and, for a module variant, to the
stock variant sent the same request (its base: j for JSON, k for LogLevel info, l
for Accept-Language, s for the static file).

With --instructions, every variant but (e) and (f) also runs under callgrind
(apache2 -X, one process) and the userland instructions per request are counted:
exact and noise-free, they show what the module itself adds, while CPU time
includes the kernel's share. --rounds 0 runs only the counts.

Usage: httpd_bench.py MODULE_SO [--seconds N] [--rounds N] [--connections N]
                      [--memory N] [--instructions] [--no-pin] [--only KEYS]
"""

import argparse
from dataclasses import dataclass, field
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "httpd"))
from harness import APACHE, MODULES_DIR, Httpd, process_tree_cpu, processes  # noqa: E402


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
    path: str = "/does/not/exist"
    status: int = 404
    base: str = "a"  # the stock variant it is compared with


def variants(module):
    static_page = "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>" \
                  "<p>The requested URL was not found on this server.</p></body></html>\n"
    return [
        Variant("a", "stock httpd, canned 404", None),
        Variant("b", "mod_httpstatus HTML 404", module),
        Variant("c", "mod_httpstatus problem+json 404", module, headers={"Accept": "application/json"}, base="j"),
        # No line limit: a line for every 404, as stock writes AH00128 for every one in (k).
        Variant("d", "mod_httpstatus + LogLevel httpstatus:info, a line per 404", module,
                "HttpStatusLogLimit 0", log_level="warn httpstatus:info", base="k"),
        Variant("e", "stock ErrorDocument 404 /static.html", None, "ErrorDocument 404 /static404.html",
                files={"htdocs/static404.html": static_page}),
        Variant("f", "Debian localized error pages, German", None, LOCALIZED, ["include", "negotiation", "setenvif"],
                headers={"Accept-Language": "de"}),
        Variant("g", "mod_httpstatus HTML 404, Accept-Language: en", module, headers={"Accept-Language": "en"},
                base="l"),
        Variant("h", "mod_httpstatus HTML 404, Accept-Language: de", module, headers={"Accept-Language": "de"},
                base="l"),
        Variant("i", "mod_httpstatus HTML 404, Accept-Language: ar", module, headers={"Accept-Language": "ar"},
                base="l"),
        Variant("j", "stock httpd, Accept: application/json", None, headers={"Accept": "application/json"}),
        Variant("k", "stock httpd + LogLevel info (AH00128 per 404)", None, log_level="info"),
        Variant("l", "stock httpd, Accept-Language: de", None, headers={"Accept-Language": "de"}),
        # Accept-Language shapes a hostile client may send, up to httpd's field limit:
        # each to stock httpd and to the module.
        *(Variant(key, f"{who}, Accept-Language: {shape}", mod, headers={"Accept-Language": header},
                  base=stock_key if mod else "a")
          for stock_key, module_key, shape, header in HOSTILE_LANGUAGES
          for key, who, mod in ((stock_key, "stock httpd", None),
                                (module_key, "mod_httpstatus HTML 404", module))),
        # Stock with the three headers that make the module's negotiated page
        # correct, set by mod_headers: what the page itself costs beside them.
        Variant("q", "stock httpd + mod_headers: nosniff, Content-Language, Vary", None, THREE_HEADERS,
                ["headers"]),
        Variant("r", "mod_httpstatus HTML 404 (against the same headers)", module, base="q"),
        Variant("s", "stock httpd, static 200", None, files=STATIC_FILE, path=STATIC_PATH, status=200),
        Variant("t", "mod_httpstatus, static 200", module, files=STATIC_FILE, path=STATIC_PATH, status=200,
                base="s"),
        # Maintenance: stock's usual recipe (a flag file tested on every request, a
        # rule, mod_headers' Retry-After) against the module's directive, and what
        # the directive costs a request while its flag file is absent.
        Variant("A", "stock httpd maintenance recipe (RewriteCond -f, R=503, Header always)", None,
                STOCK_MAINTENANCE, ["rewrite", "headers"], files=FLAG_FILE, path="/", status=503),
        Variant("B", "mod_httpstatus HttpStatusMaintenance, flag file present", module,
                "HttpStatusMaintenance htdocs/maintenance.flag", files=FLAG_FILE, path="/", status=503,
                base="A"),
        # A branded page (site name, home, contact, logo, accent): prepared once
        # for its scope, so it should cost what (b) costs.
        Variant("D", "mod_httpstatus HTML 404, branded (site, home, contact, logo, accent)", module,
                BRANDED),
        Variant("C", "mod_httpstatus, static 200, maintenance flag file absent", module,
                "HttpStatusMaintenance htdocs/absent.flag", files=STATIC_FILE, path=STATIC_PATH, status=200,
                base="s"),
    ]


THREE_HEADERS = """
Header always set X-Content-Type-Options nosniff
Header always set Content-Language en
Header always set Vary "Accept, Accept-Language"
"""
REFUSALS = ",".join(f"x{i:03d};q=0" for i in range(780)) + ",*;q=0.5"
UNKNOWN_TAGS = ",".join(f"{chr(97 + i // 676 % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i % 26)}qz" for i in range(1000))
KNOWN_REFUSALS = "*;q=0,de;q=0,fr;q=0.001," * 300
# The most work per byte the negotiation allows: as many ranges as it reads, each
# as long as it reads, each a Chinese range whose subtags are all looked at.
LONG_RANGES = ",".join(["zh-aaaaaaaa-bbbbbbbb-cccccccc-ddddd"] * 12)
LONG_ELEMENTS = ",".join(f"{'a' * 240}{i:02d};q=0.5" for i in range(16))
HOSTILE_LANGUAGES = [  # (stock key, module key, shape, header)
    ("u", "v", "780 refusals then *", REFUSALS),
    ("w", "x", "1,000 unknown tags", UNKNOWN_TAGS),
    ("y", "z", "(*;q=0,de;q=0,fr;q=0.001) x 300", KNOWN_REFUSALS),
    ("m", "n", "12 ranges of 35 bytes", LONG_RANGES),
    ("o", "p", "16 elements of 250 bytes", LONG_ELEMENTS),
]

BRANDED = """
HttpStatusSiteName "Example Shop"
HttpStatusHome /shop/
HttpStatusContact mailto:help@example.com
HttpStatusLogo /img/logo.svg
HttpStatusAccent #1f7a4d
"""

STOCK_MAINTENANCE = """
RewriteEngine On
RewriteCond %{DOCUMENT_ROOT}/maintenance.flag -f
RewriteRule ^ - [R=503]
Header always set Retry-After 3600
"""
# The planned end far ahead, so the module sends Retry-After as the recipe does.
FLAG_FILE = {"htdocs/maintenance.flag": "2099-01-01T00:00:00Z\n"}

STATIC_PATH = "/static.txt"
STATIC_FILE = {"htdocs/static.txt": "x" * 149 + "\n"}  # 150 bytes


def selected(module, keys):
    """The variants named by keys, each with its stock base, bases first."""
    every = variants(module)
    wanted = set(keys) | {"a"} | {v.base for v in every if v.key in keys}
    return sorted((v for v in every if v.key in wanted), key=lambda v: (v.module is not None, v.key))


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


def cpu_split():
    """(CPUs for httpd, CPUs for wrk) as taskset lists; None, None on one CPU."""
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return None, None
    half = len(cpus) // 2
    return ",".join(map(str, cpus[:half])), ",".join(map(str, cpus[half:]))


HTTPD_CPUS, WRK_CPUS = cpu_split()


def make_httpd(v):
    h = Httpd(v.module, PERF_CONF + v.conf, modules=v.modules, name=f"bench-{v.key}", log_level=v.log_level,
              log_format=Httpd.COMBINED_LOG_FORMAT)
    for rel, content in v.files.items():
        h.write(rel, content)
    return h


def start(v):
    h = make_httpd(v)
    h.start(prefix=["taskset", "-c", HTTPD_CPUS] if HTTPD_CPUS else ())
    return h


def run_wrk(port, headers, seconds, connections=8, path="/does/not/exist"):
    args = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if WRK_CPUS:
        args = ["taskset", "-c", WRK_CPUS] + args
    for k, v in headers.items():
        args += ["-H", f"{k}: {v}"]
    args.append(f"http://127.0.0.1:{port}{path}")
    return subprocess.run(args, capture_output=True, text=True, timeout=seconds + 30).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("module")
    ap.add_argument("--seconds", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3, help="0: only the instruction counts")
    ap.add_argument("--connections", type=int, default=8, help="wrk connections (keep-alive)")
    ap.add_argument("--memory", type=int, default=0, help="error responses for the RSS check (0: skip)")
    ap.add_argument("--instructions", action="store_true", help="count userland instructions under callgrind")
    ap.add_argument("--no-pin", action="store_true", help="let httpd and wrk share all CPUs")
    ap.add_argument("--only", default="abcdefghijklst",
                    help="the variants to run, by key (each with the stock variant it is compared with)")
    args = ap.parse_args()
    if args.no_pin:
        global HTTPD_CPUS, WRK_CPUS
        HTTPD_CPUS = WRK_CPUS = None
    module = os.path.abspath(args.module)

    vs = selected(module, args.only)
    if args.rounds == 0:
        if args.instructions:
            instruction_counts(module, args.only)
        return
    results = {v.key: [] for v in vs}
    for rnd in range(args.rounds):
        for v in vs:
            h = start(v)
            try:
                check = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                                        f"http://127.0.0.1:{h.port}{v.path}"],
                                       capture_output=True, text=True).stdout
                if check != str(v.status):
                    raise RuntimeError(f"variant {v.key} answered {check}, not {v.status}")
                run_wrk(h.port, v.headers, 1, args.connections, v.path)  # warm-up
                cpu0 = process_tree_cpu(h.proc.pid)
                out = run_wrk(h.port, v.headers, args.seconds, args.connections, v.path)
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
    def round_ratio(k, base):
        return statistics.median(x["cpu_us"] / b["cpu_us"] for x, b in zip(results[k], results[base]))

    ratio = {v.key: round_ratio(v.key, "a") for v in vs}
    to_base = {v.key: round_ratio(v.key, v.base) for v in vs}
    pinning = f"httpd on CPU {HTTPD_CPUS}, wrk on CPU {WRK_CPUS}" if HTTPD_CPUS else "no CPU pinning"
    print(f"\n{args.rounds} rounds x {args.seconds} s per variant, wrk -t1 -c{args.connections}, keep-alive, "
          f"event MPM, {pinning}; medians; CPU ratios = median of per-round ratios\n")
    print("| variant | req/s | p50 µs | p99 µs | httpd CPU µs/req | CPU ratio to (a) | to its stock |")
    print("|---|---|---|---|---|---|---|")
    for v in vs:
        m = med[v.key]
        versus_stock = f"{to_base[v.key]:.3f} vs ({v.base})" if v.module else ""
        print(f"| ({v.key}) {v.name} | {m['rps']:.0f} | {m['p50']:.0f} | "
              f"{m['p99']:.0f} | {m['cpu_us']:.1f} | {ratio[v.key]:.2f} | {versus_stock} |")
    def versus(x, y):
        return f"({x})/({y}): {ratio[x] / ratio[y]:.2f}x" if x in ratio and y in ratio else ""

    print("\n" + "   ".join(filter(None, [
        f"(b) vs (a) CPU: {100 * (ratio['b'] - 1):+.1f}%" if "b" in ratio else "",
        versus("e", "b"), versus("f", "b"), versus("f", "h"), versus("h", "g")])))

    if args.instructions:
        instruction_counts(module, args.only)
    if args.memory:
        for key in ("a", "b"):
            memory_check(module, args.memory, key)


def own_instructions(callgrind_out, library):
    """Instructions executed in the code of `library` (a file name) itself, from a
    callgrind output file: each function's own cost, not what it calls. The
    module's hooks on a request it leaves alone call nothing, so for them this is
    exact where whole-request counts move with httpd's own noise."""
    names, total, obj = {}, 0, ""
    in_library = skip_next = False

    def name_of(kind, spec):
        # "(id) name" defines a compressed name, "(id)" refers to one.
        if spec.startswith("("):
            ident, _, rest = spec.partition(")")
            if rest.strip():
                names[(kind, ident)] = rest.strip()
            return names.get((kind, ident), "")
        return spec
    with open(callgrind_out) as f:
        for line in f:
            if line.startswith("ob="):
                obj = name_of("ob", line[3:].strip())
            elif line.startswith("cob="):
                name_of("ob", line[4:].strip())
            elif line.startswith("fn="):
                name_of("fn", line[3:].strip())
                in_library = os.path.basename(obj) == library
            elif line.startswith("calls="):
                skip_next = True  # the next cost line is the call's, not this function's
            elif line[:1].isdigit() or line[:1] in "+-*":
                if skip_next:
                    skip_next = False
                elif in_library:
                    total += int(line.split()[1])
    return total


def callgrind_total(v, requests):
    """Userland instructions of apache2 -X under callgrind, start to stop, serving
    `requests` requests to one keep-alive client, and of those the module's own
    (0 for stock httpd)."""
    h = make_httpd(v)
    out_dir = tempfile.mkdtemp(prefix="httpstatus-callgrind-")
    os.chmod(out_dir, 0o777)  # httpd writes it after switching to its user
    out = os.path.join(out_dir, "callgrind.out")
    h.proc = subprocess.Popen(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                               APACHE, "-X", "-f", h.write_config()],
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not h.wait_listening(180):
            raise RuntimeError(f"variant {v.key} did not start under callgrind")
        if os.geteuid() == 0 and os.path.exists(out):
            shutil.chown(out, "www-data")  # created before httpd drops root
        client = h.client()
        for _ in range(requests):
            r = client.get(v.path, v.headers)
            if r.status != v.status:
                raise RuntimeError(f"variant {v.key} answered {r.status}, not {v.status}")
        client.close()
        h.signal(signal.SIGTERM)
        h.proc.wait(timeout=120)
        with open(out) as f:
            totals = [line for line in f if line.startswith(("summary:", "totals:"))]
        own = own_instructions(out, os.path.basename(v.module)) if v.module else 0
        return int(totals[-1].split()[1]), own
    finally:
        h.cleanup()
        shutil.rmtree(out_dir, ignore_errors=True)


def instruction_counts(module, only, warm=200, measured=1000):
    """Instructions per request = (total after warm+measured - total after warm) /
    measured: start-up and shutdown cancel out. Every selected variant but (e) and
    (f), whose costs are another module's."""
    print("\nuserland instructions per request (callgrind, apache2 -X, one keep-alive client);"
          " the module's own: in its code alone, without the httpd and APR functions it calls:\n")
    print("| variant | instructions/req | ratio to its stock | the module's own |")
    print("|---|---|---|---|")
    per = {}
    for v in selected(module, only.replace("e", "").replace("f", "")):
        (hi, own_hi), (lo, own_lo) = callgrind_total(v, warm + measured), callgrind_total(v, warm)
        per[v.key] = (hi - lo) / measured
        versus_stock = f"{per[v.key] / per[v.base]:.3f} vs ({v.base})" if v.module else ""
        own = f"{(own_hi - own_lo) / measured:,.0f}" if v.module else ""
        print(f"| ({v.key}) {v.name} | {per[v.key]:,.0f} | {versus_stock} | {own} |", flush=True)


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
