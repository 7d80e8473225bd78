"""Live tests of HttpStatusLogLimit: lines are limited per virtual host and status
across all children, every line left out is counted, and the parent writes the
summaries (from httpd's monitor hook, which httpd 2.4 runs about every 10
seconds, and when a configuration ends).

Usage: test_limits.py MODULE_SO
"""

import os
import re
import signal
import sys
import threading
import time

from harness import Checks, Client, Httpd, free_port

MODULE = os.path.abspath(sys.argv[1])
C = Checks()

# The module's ticker looks twice a second; a summary comes within about a second
# of its lines, within 2 s as promised, and 3 s leaves a margin for a busy machine.
MONITOR_BOUND = 3.0

STAMP = re.compile(r"^\[(\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2})\.(\d{6}) (\d{4})\]")
PID = re.compile(r"\[pid (\d+)")


def stamp(line):
    """The error-log line's time, in seconds since the epoch (local time)."""
    m = STAMP.match(line)
    whole = time.mktime(time.strptime(f"{m.group(1)} {m.group(3)}", "%a %b %d %H:%M:%S %Y"))
    return whole + int(m.group(2)) / 1e6


def entries(text, status):
    """(written lines, summaries) of the module for `status`: summaries carry
    cause=log-limit, every other module line with status=NNN is a written one."""
    written, summaries = [], []
    for line in text.splitlines():
        if "[httpstatus:" not in line or f"status={status} " not in line:
            continue
        (summaries if "cause=log-limit " in line else written).append(line)
    return written, summaries


def suppressed(summaries):
    return sum(int(re.search(r" suppressed=(\d+)", s).group(1)) for s in summaries)


def total(text, status):
    written, summaries = entries(text, status)
    return len(written) + suppressed(summaries)


def burst(port, path, count, host="localhost", threads=8, seconds=15, pause=0.0):
    """Sends `count` GETs, each on a connection of its own (so prefork's children
    share them), from `threads` threads, each waiting `pause` seconds between its
    requests; stops by itself after `seconds`. Returns the statuses answered."""
    statuses, lock = [], threading.Lock()
    left = [count]
    deadline = time.time() + seconds

    def worker():
        while time.time() < deadline:
            with lock:
                if left[0] == 0:
                    return
                left[0] -= 1
            cl = Client(port)
            try:
                r = cl.get(path, {"Host": host, "Connection": "close"})
                with lock:
                    statuses.append(r.status)
            except OSError:
                pass
            finally:
                cl.close()
            time.sleep(pause)

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return statuses


def wait_for(read, done, timeout):
    """Polls read() until done(text) or timeout; returns (text, seconds waited)."""
    start = time.time()
    while True:
        text = read()
        if done(text) or time.time() - start > timeout:
            return text, time.time() - start
        time.sleep(0.1)


def per_second_within(lines, limit):
    """Lines counted by their time stamp's second: at most `limit` in each. A line
    stamped in the first 50 ms of a second may have been admitted in the one
    before (the clock is read a moment before httpd stamps the line); such lines
    count for that second while it has room."""
    counts = {}
    for t in sorted(stamp(l) for l in lines):
        second = int(t)
        if t - second < 0.05 and counts.get(second - 1, 0) < limit:
            second -= 1
        counts[second] = counts.get(second, 0) + 1
    return max(counts.values(), default=0) <= limit, counts


PREFORK_8 = """
StartServers 8
MinSpareServers 8
MaxSpareServers 9
ServerLimit 8
MaxRequestWorkers 8
"""


def children_share_the_limit():
    C.begin("a: prefork, 8 children, HttpStatusLogLimit 5: at most 5 lines a second in all")
    conf = PREFORK_8 + "HttpStatusLogLimit 5\nRedirect 503 /down\n"
    h = Httpd(MODULE, conf, mpm="prefork", name="limits-prefork")
    with h:
        time.sleep(1)
        start = time.time()
        # 8 threads, 300 requests: about one second.
        statuses = burst(h.port, "/down", 300, pause=0.025)
        end = time.time()
        C.equal(statuses.count(503), 300, "every request answered 503")
        text, waited = wait_for(h.error_log, lambda t: total(t, 503) >= 300, MONITOR_BOUND)
        written, summaries = entries(text, 503)
        C.check(summaries, f"a summary within {MONITOR_BOUND:.0f} s", text[-800:])
        h.stop()
        text = h.error_log()
    written, summaries = entries(text, 503)
    ok, counts = per_second_within(written, 5)
    C.check(ok, "at most 5 lines in any second", counts)
    C.equal(len(written) + suppressed(summaries), 300, "lines written + summarised == requests")
    pids = {PID.search(l).group(1) for l in written}
    # A rule's 503 is deliberate: its lines, and so their summary, are at info.
    C.check(summaries and all("[httpstatus:info]" in s for s in summaries),
            "summaries at the lines' level (info, as a rule chose the 503)", summaries)
    span = [re.search(r" from=(\S+) to=(\S+) ", s).groups() for s in summaries]
    C.check(all(f <= t for f, t in span), "each summary's interval runs forwards", span)
    print(f"   figures: {end - start:.2f} s for 300 requests, {len(written)} lines written by "
          f"{len(pids)} children over {len(counts)} seconds, {suppressed(summaries)} summarised in "
          f"{len(summaries)} lines, first summary {waited:.1f} s after the load", flush=True)


def vhost_conf(h, names, limit=5):
    blocks = []
    for name in names:
        blocks.append(f"""
<VirtualHost 127.0.0.1:{h.port}>
    ServerName {name}
    ErrorLog {h.root}/logs/{name}.log
    HttpStatusLogLimit {limit}
    Redirect 503 /down
</VirtualHost>
""")
    return "".join(blocks)


def hosts_are_apart():
    C.begin("b: two virtual hosts on one port: A's flood neither silences B nor shows in B's log")
    h = Httpd(MODULE, name="limits-vhosts")
    h.extra_conf = vhost_conf(h, ["a.test", "b.test"])
    with h:
        flood = threading.Thread(target=burst, args=(h.port, "/down", 300, "a.test"),
                                 kwargs={"pause": 0.025})
        flood.start()
        b_status = []
        for _ in range(4):
            time.sleep(0.15)
            b_status.append(Client(h.port).get("/down", {"Host": "b.test"}).status)
        flood.join()
        C.equal(b_status, [503] * 4, "B answered during A's flood")
        a_log = lambda: h.read("logs/a.test.log")
        text, waited = wait_for(a_log, lambda t: total(t, 503) >= 300, MONITOR_BOUND)
        _, a_summaries = entries(text, 503)
        C.check(a_summaries and all('vhost="a.test:' in s for s in a_summaries),
                "A's summary in A's log, naming A", a_summaries)

        C.begin("b: a host added by a graceful restart shares the spare block, with one notice")
        h.extra_conf = vhost_conf(h, ["a.test", "b.test", "c.test"])
        h.write_config()
        h.graceful()
        time.sleep(1.5)
        h.wait_listening()
        statuses = burst(h.port, "/down", 60, "c.test")
        C.equal(statuses.count(503), 60, "C answers")
        text, _ = wait_for(h.error_log, lambda t: total(h.read("logs/c.test.log") + t, 503) >= 60,
                           MONITOR_BOUND)
        notices = [l for l in text.splitlines() if "cause=log-limit-hosts" in l]
        C.check(len(notices) == 1 and "added=1" in notices[0], "one notice for the added host", notices)
        _, shared = entries(text, 503)
        C.check(shared and all('vhost="*"' in s for s in shared),
                "the shared block's summary goes to the main log, vhost \"*\"", shared)
        h.stop()
        a_text, b_text = h.read("logs/a.test.log"), h.read("logs/b.test.log")
        main_text = h.error_log()
    a_written, a_summaries = entries(a_text, 503)
    b_written, b_summaries = entries(b_text, 503)
    C.equal(len(a_written) + suppressed(a_summaries), 300, "A: lines written + summarised == requests")
    C.equal(len(b_written), 4, "B: every line written")
    C.check(not b_summaries and "a.test" not in b_text and "cause=log-limit" not in b_text,
            "B's log never mentions A or a summary", b_text[-600:])
    C.check(not any('vhost="a.test' in l for l in main_text.splitlines()), "A's summary not in the main log")
    print(f"   figures: A wrote {len(a_written)} lines and summarised {suppressed(a_summaries)} "
          f"(first summary {waited:.1f} s after the flood); B wrote {len(b_written)} of 4", flush=True)


def summary_after_silence():
    C.begin("c: after a burst and no further traffic, the summary comes by itself")
    # A back end that cannot be reached: 503s that are the server's failure (error).
    dead = free_port()
    h = Httpd(MODULE, f"HttpStatusLogLimit 2\nProxyPass /down http://127.0.0.1:{dead}/ retry=0\n",
              modules=["proxy", "proxy_http"], name="limits-silence")
    with h:
        cl = h.client()
        for _ in range(40):
            cl.get("/down")
            cl.get("/missing.html")
        cl.close()
        end = time.time()
        done = lambda t: total(t, 503) >= 40 and total(t, 404) >= 40
        text, waited = wait_for(h.error_log, done, MONITOR_BOUND)
        C.check(done(text), f"both summaries within {MONITOR_BOUND:.0f} s of the burst", text[-600:])
        _, s503 = entries(text, 503)
        _, s404 = entries(text, 404)
        C.check(s503 and all("[httpstatus:error]" in s for s in s503), "503 summarised at error", s503)
        C.check(s404 and all("[httpstatus:info]" in s for s in s404), "404 summarised at info", s404)
        last = max((stamp(s) for s in s503 + s404), default=end)
        print(f"   figures: summaries {last - end:.1f} s after the burst's last request", flush=True)


def graceful_restart_counts_on():
    C.begin("d: a graceful restart during a flood loses and doubles nothing")
    conf = PREFORK_8 + "HttpStatusLogLimit 5\nRedirect 503 /down\n"
    h = Httpd(MODULE, conf, mpm="prefork", name="limits-graceful")
    with h:
        time.sleep(1)
        answered = []
        # About 2 s of requests, the restart half a second in.
        flood = threading.Thread(
            target=lambda: answered.extend(burst(h.port, "/down", 400, threads=4, pause=0.02)))
        flood.start()
        time.sleep(0.5)
        h.graceful()
        flood.join()
        # The configuration that ended wrote its summary as it ended.
        h.wait_listening()
        # The configuration that ended summarised as it ended: between httpd's
        # "Graceful restart requested" and its "resuming normal operations".
        lines = h.error_log().splitlines()
        asked = next((i for i, l in enumerate(lines) if "Graceful restart requested" in l), len(lines))
        resumed = next((i for i, l in enumerate(lines) if i > asked and "resuming normal operations" in l),
                       len(lines))
        C.check(entries("\n".join(lines[asked:resumed]), 503)[1], "a summary as the old configuration ended",
                lines[asked:resumed + 1])
        answered += burst(h.port, "/down", 100)
        h.stop()
        text = h.error_log()
    n = answered.count(503)
    written, summaries = entries(text, 503)
    C.check(n >= 450, "the flood was answered across the restart", n)
    C.equal(len(written) + suppressed(summaries), n, "lines written + summarised == requests answered")
    ok, counts = per_second_within(written, 5)
    C.check(ok, "at most 5 lines in any second across the restart", counts)
    print(f"   figures: {n} answered, {len(written)} written, {suppressed(summaries)} summarised in "
          f"{len(summaries)} lines",
          flush=True)


def summary_at_stop():
    C.begin("e: what is pending when httpd stops is summarised as it stops")
    h = Httpd(MODULE, "HttpStatusLogLimit 2\nRedirect 503 /down\n", name="limits-stop")
    h.extra_conf += vhost_conf(h, ["v.test"], limit=2)
    with h:
        cl = Client(h.port)
        statuses = [cl.get("/down", {"Host": "v.test"}).status for _ in range(30)]
        cl.close()
        # Stopped at once: what the ticker has not yet written, the parent writes
        # as it stops; either way every line is accounted for, once.
        h.stop()
        text, main = h.read("logs/v.test.log"), h.error_log()
    written, summaries = entries(text, 503)
    C.equal(statuses.count(503), 30, "30 answered")
    C.equal(len(written) + suppressed(summaries), 30, "lines written + summarised == requests")
    C.check(summaries and all('vhost="v.test' in s for s in summaries),
            "the summaries are in the host's log", summaries)
    C.check("cause=log-limit" not in main, "none in the main log", main[-400:])


def main():
    return C.run([children_share_the_limit, hosts_are_apart, summary_after_silence, graceful_restart_counts_on,
                  summary_at_stop])


if __name__ == "__main__":
    sys.exit(main())
