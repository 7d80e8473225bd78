"""Live tests of the module's metrics: every response counted exactly per virtual
host and final status across children and threads, counts kept by restarts of
the same parent and begun afresh by a new one, the exposition read by promtool,
by Python's Prometheus parsers and by a real Prometheus server, and mod_status's
?auto report still read by Debian's Apache exporter with the module's lines in it.

Usage: test_metrics.py MODULE_SO
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

try:
    import prometheus_client  # noqa: F401
except ImportError:
    # Debian's python3-prometheus-client, for a python3 that is not Debian's.
    sys.path.append("/usr/lib/python3/dist-packages")
from prometheus_client.parser import text_string_to_metric_families  # noqa: E402
from prometheus_client.openmetrics.parser import (  # noqa: E402
    text_string_to_metric_families as openmetrics_families,
)

from harness import Checks, Client, Httpd, free_port, poll, processes  # noqa: E402

MODULE = os.path.abspath(sys.argv[1])
C = Checks()
MODULES = ["authz_host", "rewrite", "cgid", "status"]

# Requests per path on a.test, and the status each gets.
PLAN = {
    "/index.html": (200, 35),
    "/missing": (404, 40),
    "/denied/": (403, 30),
    "/busy": (503, 20),
    "/cgi-bin/slow": (420, 10),
    "/x": (599, 25),
}
B_599 = 7

PREFORK = """
StartServers 4
MinSpareServers 4
MaxSpareServers 5
ServerLimit 5
MaxRequestWorkers 5
"""
EVENT = """
StartServers 2
ServerLimit 2
ThreadsPerChild 8
MaxRequestWorkers 16
MinSpareThreads 16
MaxSpareThreads 16
"""

CGI = "#!/bin/sh\nprintf 'Status: 420\\r\\nContent-Type: text/plain\\r\\n\\r\\nslow down\\n'\n"


# The module's metrics and mod_status's page, both local only.
METRICS = """<Location /metrics>
    SetHandler httpstatus-metrics
    Require local
</Location>
"""
STATUS = """<Location /server-status>
    SetHandler server-status
    Require local
</Location>
"""


def config(h, mpm_conf, extra_vhost=""):
    """a.test (the address's default server) serves the plan, b.test a few 599s,
    metrics.test the metrics (so scraping counts under a host of its own),
    off.test the same handler with HttpStatusMetrics Off."""
    vhost = f"<VirtualHost 127.0.0.1:{h.port}>"
    metrics = "\n" + METRICS + STATUS
    return f"""
{mpm_conf}
Timeout 2
{vhost}
    ServerName a.test
    ScriptAlias /cgi-bin/ {h.root}/cgi-bin/
    <Directory {h.root}/cgi-bin>
        Require all granted
    </Directory>
    <Location /denied/>
        Require all denied
    </Location>
    RewriteEngine On
    RewriteRule ^/busy - [R=503]
    Redirect 599 /x
</VirtualHost>
{vhost}
    ServerName b.test
    Redirect 599 /x
</VirtualHost>
{vhost}
    ServerName metrics.test{metrics}
</VirtualHost>
{vhost}
    ServerName off.test
    HttpStatusMetrics Off{metrics}
</VirtualHost>
{extra_vhost}
"""


def make(mpm, mpm_conf, name):
    h = Httpd(MODULE, modules=MODULES, mpm=mpm, name=name)
    h.write("cgi-bin/slow", CGI, mode=0o755)
    h.extra_conf = config(h, mpm_conf)
    return h


def scrape(h, host="metrics.test", accept=None, method="GET"):
    cl = Client(h.port)
    try:
        headers = {"Host": host, "Connection": "close"}
        if accept:
            headers["Accept"] = accept
        return cl.get("/metrics", headers, method=method)
    finally:
        cl.close()


def series(text):
    """{(family, labels as a sorted tuple): value} from the Prometheus text."""
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def responses(text, vhost):
    """{code: count} of httpstatus_responses_total for one virtual host."""
    out = {}
    for (name, labels), value in series(text).items():
        labels = dict(labels)
        if name == "httpstatus_responses_total" and labels.get("vhost") == vhost:
            out[int(labels["code"])] = int(value)
    return out


def load(port, jobs, threads, keep_alive, seconds=60):
    """Sends each (path, host, headers) of `jobs` once, from `threads` threads; on
    keep-alive connections or one connection per request. Returns the statuses."""
    jobs = list(jobs)
    statuses, lock = [], threading.Lock()
    deadline = time.time() + seconds

    def worker():
        cl = Client(port)
        try:
            while time.time() < deadline:
                with lock:
                    if not jobs:
                        return
                    path, host, extra = jobs.pop()
                headers = {"Host": host, **extra}
                if not keep_alive:
                    headers["Connection"] = "close"
                try:
                    r = cl.get(path, headers)
                    with lock:
                        statuses.append((host, r.status))
                except OSError:
                    cl.close()
                if not keep_alive:
                    cl.close()
        finally:
            cl.close()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return statuses


def plan_jobs():
    jobs = [(path, "a.test", {}) for path, (_, n) in PLAN.items() for _ in range(n)]
    jobs += [("/x", "b.test", {}) for _ in range(B_599)]
    # Ten of the 404s ask for problem+json: documents per format.
    for i in range(10):
        jobs[PLAN_404_START + i] = ("/missing", "a.test", {"Accept": "application/json"})
    return jobs


PLAN_404_START = PLAN["/index.html"][1]
EXPECTED_A = {code: n for code, n in PLAN.values()}


def exact_counts(h, keep_alive, threads):
    statuses = load(h.port, plan_jobs(), threads, keep_alive)
    want = sorted([("a.test", code) for code, n in PLAN.values() for _ in range(n)] + [("b.test", 599)] * B_599)
    C.equal(sorted(statuses), want, "every request answered with its planned status")
    a, b = f"a.test:{h.port}", f"b.test:{h.port}"
    text = poll(lambda: scrape(h).text(), lambda t: responses(t, a) == EXPECTED_A and responses(t, b) == {599: B_599})
    C.equal(responses(text, a), EXPECTED_A, "a.test: the counters equal the requests per code")
    C.equal(responses(text, b), {599: B_599}, "b.test: its own 599s, apart from a.test's")
    return text


def exposition_checks(h, text):
    C.begin("the exposition: promtool, Python's parsers, headers, methods, HttpStatusMetrics Off")
    p = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True, text=True, timeout=30)
    C.check(p.returncode == 0, "promtool check metrics accepts it", p.stdout + p.stderr)
    families = {f.name: f.type for f in text_string_to_metric_families(text)}
    C.equal(families, {"httpstatus_responses": "counter", "httpstatus_log_lines_suppressed": "counter",
                       "httpstatus_documents": "counter"}, "three counter families")
    docs = {dict(labels)["format"]: int(v) for (name, labels), v in series(text).items()
            if name == "httpstatus_documents_total"}
    # The module's document for every error but the CGI's own 420 (its body is
    # the script's): 40 404s (10 in JSON), 30 403s, 20 503s, 32 599s.
    C.equal(docs, {"html": 30 + 30 + 20 + 32, "json": 10, "text": 0}, "documents per format")
    r = scrape(h)
    C.equal(r.header("content-type"), "text/plain; version=0.0.4; charset=utf-8", "Prometheus text by default")
    C.equal(r.header("cache-control"), "no-store", "Cache-Control: no-store")
    om = scrape(h, accept="application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5")
    C.equal(om.header("content-type"), "application/openmetrics-text; version=1.0.0; charset=utf-8",
            "OpenMetrics when asked for")
    C.check(om.text().endswith("# EOF\n"), "OpenMetrics ends with # EOF", om.text()[-100:])
    try:
        fams = {f.name: f for f in openmetrics_families(om.text())}
        got = {int(s.labels["code"]): int(s.value) for s in fams["httpstatus_responses"].samples
               if s.labels.get("vhost") == f"a.test:{h.port}"}
        C.equal(got, EXPECTED_A, "the OpenMetrics parser reads the same counts")
    except Exception as e:  # noqa: BLE001
        C.check(False, "the OpenMetrics parser reads it", e)
    head = scrape(h, method="HEAD")
    C.check(head.status == 200 and head.body == b"", "HEAD: 200 without a body", head.status_line)
    post = scrape(h, method="POST")
    C.check(post.status == 405 and "GET" in (post.header("allow") or ""), "POST: 405 with Allow: GET",
            (post.status_line, post.header("allow")))
    C.equal(scrape(h, host="off.test").status, 404, "HttpStatusMetrics Off: 404")
    # A response is counted as it is logged, just after it is sent: the refusal
    # above may still be on its way to the counter when the next scrape arrives.
    def auto_lines():
        auto = Client(h.port).get("/server-status?auto", {"Host": "metrics.test", "Connection": "close"}).text()
        return dict(re.findall(r"^HttpStatusResponses(\d+): (\d+)$", auto, re.M))
    lines = poll(auto_lines, lambda found: found.get("404") == "41")
    # 404: a.test's 40 and off.test's refusal just above.
    C.check(lines.get("599") == str(25 + B_599) and lines.get("404") == "41",
            "?auto: one line per code, summed over hosts", lines)
    page = Client(h.port).get("/server-status", {"Host": "metrics.test", "Connection": "close"}).text()
    C.check(f"<h3>a.test:{h.port}</h3>" in page and "<td>420</td><td>Enhance Your Calm</td><td>10</td>" in page,
            "the HTML page: a table of code, phrase and count per host", page[-800:])


def early_errors(h):
    C.begin("early errors (400, 408) count under the address's default server")
    a = f"a.test:{h.port}"
    before = responses(scrape(h).text(), a)
    with socket.create_connection(("127.0.0.1", h.port), timeout=10) as s:
        # The Host names b.test, but the bad header line fails the request before
        # any virtual host is chosen.
        s.sendall(b"GET / HTTP/1.1\r\nHost: b.test\r\nNo colon here\r\n\r\n")
        first = s.recv(200)
    with socket.create_connection(("127.0.0.1", h.port), timeout=10) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: a.test\r\n")  # never finished: Timeout 2
        second = s.recv(200)
    C.check(first.startswith(b"HTTP/1.1 400"), "a bad header line: 400", first)
    C.check(second.startswith(b"HTTP/1.1 408"), "an unfinished request: 408", second)
    want = dict(before)
    want[400] = want.get(400, 0) + 1
    want[408] = want.get(408, 0) + 1
    got = poll(lambda: responses(scrape(h).text(), a), lambda v: v == want)
    C.equal(got, want, "400 and 408 counted under a.test, the default server of the address")


def restarts_keep_counts(h):
    C.begin("graceful and full restarts of the same parent keep the counts")
    a, b = f"a.test:{h.port}", f"b.test:{h.port}"
    text = scrape(h).text()
    before = (responses(text, a), responses(text, b))
    for name, restart in (("graceful", h.graceful), ("full", h.restart)):
        restart()
        time.sleep(1.5)
        h.wait_listening()
        text = poll(lambda: scrape(h).text(), lambda t: (responses(t, a), responses(t, b)) == before)
        C.equal((responses(text, a), responses(text, b)), before, f"after a {name} restart: the same counts")


KILL_LOAD = 4000


def killed_child_never_lowers(h):
    C.begin("a child killed with SIGKILL mid-load: no counter ever goes down")
    jobs = [("/missing", "a.test", {}) for _ in range(KILL_LOAD)]
    done = []
    loader = threading.Thread(target=lambda: done.extend(load(h.port, jobs, 4, keep_alive=False, seconds=30)))
    seen, killed = [], None
    start = time.time()
    loader.start()
    while loader.is_alive() and time.time() - start < 40:
        seen.append(series(scrape(h).text()))
        if killed is None:
            children = [p for p, (ppid, _) in processes().items() if ppid == h.proc.pid]
            if children:
                killed = children[0]
                os.kill(killed, signal.SIGKILL)
        time.sleep(0.05)
    loader.join()
    seen.append(series(scrape(h).text()))
    time.sleep(0.5)
    seen.append(series(scrape(h).text()))
    C.check(killed is not None, "a child was killed")
    lowered = [(key, x[key], y.get(key)) for x, y in zip(seen, seen[1:]) for key in x
               if y.get(key, 0) < x[key]]
    C.check(not lowered and len(seen) > 5, f"no series went down over {len(seen)} scrapes", lowered[:5])
    answered = len([s for _, s in done if s == 404])
    print(f"   figures: {answered} of {KILL_LOAD} answered, child {killed} killed, {len(seen)} scrapes in "
          f"{time.time() - start:.1f} s", flush=True)
    return answered


def prefork_exact():
    C.begin("prefork, 4+ children, one request per connection: exact counts per host and code")
    h = make("prefork", PREFORK, "metrics-prefork")
    with h:
        time.sleep(1)
        text = exact_counts(h, keep_alive=False, threads=6)
        exposition_checks(h, text)
        early_errors(h)
        restarts_keep_counts(h)
        a = f"a.test:{h.port}"
        before = responses(scrape(h).text(), a).get(404, 0)
        answered = killed_child_never_lowers(h)
        after = poll(lambda: responses(scrape(h).text(), a).get(404, 0),
                         lambda v: v >= before + answered)
        # A request answered by the child as it was killed may miss its count.
        C.check(before + answered - 1 <= after <= before + KILL_LOAD,
                "the 404s counted are those answered (one may be lost with the child)",
                (before, answered, after))
        C.begin("stop and start: a new parent begins at zero")
        h.stop()
        h.start()
        text = scrape(h).text()
        C.equal((responses(text, a), responses(text, f"b.test:{h.port}")), ({}, {}), "no counts after a new start")


def event_exact():
    C.begin("event, 2 children x 8 threads, 16 concurrent keep-alive clients: exact counts")
    h = make("event", EVENT, "metrics-event")
    with h:
        time.sleep(1)
        exact_counts(h, keep_alive=True, threads=16)
        # Once more, so every counter is hit again while all threads add.
        load(h.port, plan_jobs(), 16, keep_alive=True)
        want = {code: 2 * n for code, n in EXPECTED_A.items()}
        a = f"a.test:{h.port}"
        got = poll(lambda: responses(scrape(h).text(), a), lambda v: v == want)
        C.equal(got, want, "after a second round: exactly twice the plan")


def http2_counts():
    C.begin("HTTP/2 (h2c): each stream's final status counts like any request")
    h = Httpd(MODULE, modules=["http2", "rewrite", "authz_host"], name="metrics-h2")
    h.extra_conf = f"""
Protocols h2c http/1.1
<VirtualHost 127.0.0.1:{h.port}>
    ServerName a.test
    RewriteEngine On
    RewriteRule ^/busy - [R=503]
</VirtualHost>
<VirtualHost 127.0.0.1:{h.port}>
    ServerName metrics.test
{METRICS}
</VirtualHost>
"""
    with h:
        paths = [f"/missing{i}" for i in range(7)] + ["/busy"] * 5 + ["/index.html"] * 3
        out = []
        for p in paths:
            out += subprocess.run(["curl", "-s", "--http2-prior-knowledge", "-H", "Host: a.test",
                                   "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                                   f"http://127.0.0.1:{h.port}{p}"],
                                  capture_output=True, text=True, timeout=30).stdout.split()
        C.equal(out[0::2], ["2"] * len(paths), "every request went over HTTP/2")
        C.equal(out[1::2], ["404"] * 7 + ["503"] * 5 + ["200"] * 3, "the statuses sent")
        a = f"a.test:{h.port}"
        want = {404: 7, 503: 5, 200: 3}
        got = poll(lambda: responses(scrape(h).text(), a), lambda v: v == want)
        C.equal(got, want, "404, 503 and 200 counted once per stream")


def run_bounded(cmd, name, root):
    return subprocess.Popen(cmd, stdout=open(os.path.join(root, f"{name}.out"), "wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def fetch(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read().decode()


def prometheus_and_exporter():
    C.begin("a real Prometheus scrapes /metrics; Debian's Apache exporter still reads ?auto")
    h = Httpd(MODULE, METRICS + STATUS, modules=["authz_host", "status"], name="metrics-prometheus")
    root = tempfile.mkdtemp(prefix="httpstatus-prometheus-")
    procs = []
    try:
        with h:
            cl = h.client()
            for _ in range(17):
                cl.get("/missing")
            cl.close()
            port = free_port()
            with open(os.path.join(root, "prometheus.yml"), "w") as f:
                f.write(f"""global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: httpstatus
    metrics_path: /metrics
    static_configs:
      - targets: ['127.0.0.1:{h.port}']
""")
            procs.append(run_bounded(["prometheus", f"--config.file={root}/prometheus.yml",
                                      f"--storage.tsdb.path={root}/data", f"--web.listen-address=127.0.0.1:{port}"],
                                     "prometheus", root))
            query = (f"http://127.0.0.1:{port}/api/v1/query?query="
                     "httpstatus_responses_total%7Bcode%3D%22404%22%7D")
            deadline, value = time.time() + 60, None
            while time.time() < deadline and procs[0].poll() is None:
                try:
                    result = __import__("json").loads(fetch(query))["data"]["result"]
                    if result:
                        value = result[0]["value"][1]
                        if value == "17":
                            break
                except (OSError, ValueError, KeyError):
                    pass
                time.sleep(0.5)
            C.equal(value, "17", "Prometheus's API answers the 404 count it scraped",)
            stop(procs[0])

            exporter_port = free_port()
            procs.append(run_bounded(["prometheus-apache-exporter",
                                      f"--scrape_uri=http://127.0.0.1:{h.port}/server-status?auto",
                                      f"--telemetry.address=127.0.0.1:{exporter_port}"], "exporter", root))
            page, deadline = "", time.time() + 20
            while time.time() < deadline and "apache_up" not in page:
                try:
                    page = fetch(f"http://127.0.0.1:{exporter_port}/metrics")
                except OSError:
                    time.sleep(0.3)
            auto = h.client().get("/server-status?auto").text()
            C.check("HttpStatusResponses404: 17" in auto, "?auto carries the module's lines", auto[-300:])
            C.check(re.search(r"^apache_up 1$", page, re.M), "the exporter reports apache_up 1",
                    [l for l in page.splitlines() if l.startswith("apache_")][:10])
            C.check(re.search(r"^apache_accesses_total \d+", page, re.M), "and still reads httpd's own fields",
                    page[-400:])
    finally:
        for p in procs:
            stop(p)
        if os.environ.get("HTTPSTATUS_KEEP") is None:
            shutil.rmtree(root, ignore_errors=True)


def main():
    return C.run([prefork_exact, event_exact, http2_counts, prometheus_and_exporter])


if __name__ == "__main__":
    sys.exit(main())
