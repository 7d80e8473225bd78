"""Reliability soak: graceful and full restarts of apache2 with mod_httpstatus while
a bounded load runs, under every MPM Debian ships.

Checks: no child crash ("exit signal" / segfault in the error log), the same
answers before and after, no growth of the parent's open file descriptors or
resident memory, every restart completed. Load threads stop by themselves after
their deadline or request budget.

Usage: soak.py MODULE_SO [--graceful N] [--full N] [--mpms event,worker,prefork]
"""

import argparse
import os
import re
import sys
import threading
import time

from harness import Checks, Httpd

C = Checks()


def parent_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def parent_rss(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def children(pid):
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        kids.append(int(entry))
            except FileNotFoundError:
                pass
    return kids


def wait_for_drain(pid, baseline, timeout=20):
    """Waits (bounded) until no more children run than before the restarts began."""
    deadline = time.time() + timeout
    while time.time() < deadline and len(children(pid)) > baseline:
        time.sleep(0.2)


def answers(h):
    out = []
    for path in ("/c420", "/c599", "/missing"):
        r = h.client().get(path, {"Accept": "application/json"})
        doc = r.json()
        doc.pop("request_id", None)
        out.append((r.line, doc))
    return out


def soak(module, mpm, graceful, full):
    C.begin(f"mpm_{mpm}: {graceful} graceful + {full} full restarts under load")
    conf = """
Redirect 420 /c420
Redirect 599 /c599
ErrorDocument 404 /oops
<Location /oops>
    SetHandler httpstatus
</Location>
HttpStatusReason 421 "Wrong Door"
"""
    h = Httpd(module, conf, mpm=mpm, name=f"soak-{mpm}").collect_cores()
    with h:
        before = answers(h)
        pid = h.proc.pid
        # Let the first generation settle, then take the baseline.
        time.sleep(1)
        fds0, rss0 = parent_fds(pid), parent_rss(pid)
        baseline = len(children(pid))
        stop = threading.Event()
        stats = {"ok": 0, "wrong": 0, "refused": 0}
        lock = threading.Lock()

        def load():
            deadline = time.time() + 600
            budget = 500_000
            while not stop.is_set() and time.time() < deadline and budget > 0:
                budget -= 1
                try:
                    r = h.client().get("/c420")
                    key = "ok" if r.line == "420 Enhance Your Calm" and b"420" in r.body else "wrong"
                except OSError:
                    key = "refused"  # the listener is briefly down during a full restart
                    time.sleep(0.01)
                with lock:
                    stats[key] += 1

        threads = [threading.Thread(target=load, daemon=True) for _ in range(3)]
        for t in threads:
            t.start()
        for i in range(graceful):
            h.graceful()
            time.sleep(0.3)
            C.check(h.wait_listening(), f"listening after graceful restart {i + 1}")
        wait_for_drain(pid, baseline)
        for i in range(full):
            h.restart()
            time.sleep(1.0)
            C.check(h.wait_listening(), f"listening after full restart {i + 1}")
        stop.set()
        for t in threads:
            t.join(timeout=30)
        time.sleep(1.5)
        after = answers(h)
        C.equal(after, before, "same answers after the restarts")
        C.check(stats["ok"] > 200, "requests flowed", stats)
        C.equal(stats["wrong"], 0, "no wrong answer during restarts")
        log = h.error_log()
        # A crash counts against the module when a frame of it is on the core's stack;
        # without a core file it counts against it too. Stock 2.4.71's event MPM has
        # a shutdown race under restart storms that crashes children without it.
        ours, theirs, unknown = h.crash_report()
        C.check(not ours and not unknown, "no child crash involving the module",
                f"module frames: {ours}; crashes without a core: {unknown}")
        if theirs:
            print(f"   note: {len(theirs)} child crash(es) inside httpd itself, no module frame: "
                  f"{sorted(set(theirs))}", flush=True)
        C.equal(log.count("resuming normal operations"), 1 + graceful + full, "every restart completed")
        fds1, rss1 = parent_fds(pid), parent_rss(pid)
        C.check(fds1 <= fds0, "parent's open descriptors did not grow", f"{fds0} -> {fds1}")
        # Allocator noise: a few hundred KiB; a leak per restart would show as MiBs.
        C.check(rss1 - rss0 < 2048, "parent's RSS did not grow", f"{rss0} -> {rss1} KiB")
        print(f"   {stats}; parent fds {fds0} -> {fds1}, RSS {rss0} -> {rss1} KiB", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("module")
    ap.add_argument("--graceful", type=int, default=50)
    ap.add_argument("--full", type=int, default=10)
    ap.add_argument("--mpms", default="event,worker,prefork")
    args = ap.parse_args()
    for mpm in args.mpms.split(","):
        try:
            soak(os.path.abspath(args.module), mpm, args.graceful, args.full)
        except Exception as e:
            C.check(False, f"{mpm} raised {type(e).__name__}: {e}")
    return C.report()


if __name__ == "__main__":
    sys.exit(main())
