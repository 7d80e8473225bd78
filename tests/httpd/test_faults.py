"""Live tests of what a bug in the module costs: a test build
(`--features fault-injection`) panics in the hook a request names. Each caught
panic leaves one crit line per hook and process, and the client still gets a
complete, true response.

Usage: test_faults.py FAULT_INJECTION_MODULE_SO
"""

import os
import sys

from harness import Checks, Httpd, poll

MODULE = os.path.abspath(sys.argv[1])
C = Checks()

FAULT = "X-HttpStatus-Test-Fault"

# One child, so "once per process" is once for the whole test.
ONE_CHILD = """
StartServers 1
MinSpareServers 1
MaxSpareServers 1
ServerLimit 1
MaxRequestWorkers 1
Redirect 420 /c420
ErrorDocument 404 /errors/
<Location /errors/>
    SetHandler httpstatus
</Location>
<Location /plain>
    ErrorDocument 404 default
</Location>
<Location /closed>
    HttpStatusMaintenance On
</Location>
Redirect 503 /busy
HttpStatusRetryAfter 503 60
"""


def crit_lines(h, hook):
    """The crit lines for `hook`, waiting (bounded) for the first: log_transaction
    runs after the response has gone out."""
    return poll(lambda: [l for l in h.error_log().splitlines()
                         if "[httpstatus:crit]" in l and f"cause=panic hook={hook} " in l], bool)


def each_hook_fails_alone():
    h = Httpd(MODULE, ONE_CHILD, mpm="prefork", name="faults")
    with h:
        C.begin("a panic in the page filter: the status line as plain text")
        for attempt in (1, 2):
            r = h.client().get("/plain/missing", {FAULT: "page_filter"})
            C.equal(r.line, "404 Not Found", f"status line, request {attempt}")
            C.equal(r.header("content-type"), "text/plain; charset=utf-8", "plain text")
            C.equal(r.body, b"404 Not Found\n", "the status line as the body")
            C.equal(r.header("content-language"), None, "no language claimed")
        r = h.client().get("/plain/missing", {FAULT: "page_filter"}, method="HEAD")
        C.equal((r.status, r.body), (404, b""), "HEAD: no body")
        lines = crit_lines(h, "page_filter")
        C.equal(len(lines), 1, "one crit line for three panics in one process")
        C.check(lines and 'message="fault injected into page_filter by the test build at '
                in lines[0], "the line carries the panic's message and place", lines)
        r = h.client().get("/plain/missing")
        C.check(r.status == 404 and b"<html" in r.body, "the next request gets its page", r.body[:80])

        C.begin("a panic in the httpstatus handler: the error still answered")
        r = h.client().get("/missing", {FAULT: "handler"})
        C.equal(r.status, 404, "the original status")
        C.check(len(r.body) > 0, "a body", r.body[:80])
        C.equal(len(crit_lines(h, "handler")), 1, "one crit line for the handler")

        C.begin("a panic while fixing the status line: the registry's line still sent")
        r = h.client().get("/c420", {FAULT: "header_filter"})
        C.equal(r.line, "420 Enhance Your Calm", "status line")
        C.equal(len(crit_lines(h, "header_filter")), 1, "one crit line for the header filter")

        C.begin("a panic in insert_error_filter: httpd's own page")
        r = h.client().get("/plain/missing", {FAULT: "insert_error_filter"})
        C.equal(r.status, 404, "status")
        C.check(b"Not Found" in r.body, "httpd's canned page", r.body[:120])
        C.equal(len(crit_lines(h, "insert_error_filter")), 1, "one crit line")

        C.begin("a panic deciding maintenance: the request goes on, one crit line")
        for attempt in (1, 2):
            r = h.client().get("/closed/page", {FAULT: "maintenance"})
            C.equal(r.status, 404, f"not refused: the request is served as without maintenance ({attempt})")
        C.equal(h.client().get("/closed/page").status, 503, "the next request meets maintenance")
        C.equal(len(crit_lines(h, "maintenance")), 1, "one crit line for two panics")

        C.begin("a panic adding Retry-After: the response still complete, one crit line")
        r = h.client().get("/busy", {FAULT: "headers_filter"})
        C.equal((r.status, r.header("retry-after")), (503, None), "the 503, without the header")
        C.check(len(r.body) > 0, "with its document", r.body[:80])
        C.equal(h.client().get("/busy").header("retry-after"), "60", "the next response has it")
        C.equal(len(crit_lines(h, "headers_filter")), 1, "one crit line")

        C.begin("a panic in log_transaction: no diagnostic line, one crit line")
        r = h.client().get("/plain/gone-too", {FAULT: "log_transaction"})
        C.equal(r.status, 404, "status")
        C.equal(len(crit_lines(h, "log_transaction")), 1, "one crit line")
        lines = h.module_lines()
        C.check(not any('uri="/plain/gone-too"' in l for l in lines),
                "no diagnostic line for the request whose hook failed", lines[-3:])
        C.check("panicked at" not in h.error_log() and "panicked at" not in h.read("logs/stderr.log"),
                "no raw Rust panic message in the logs")


def renamed_server_records():
    C.begin("a server record renamed for each request (as mass-hosting modules do): each page its own name")
    with Httpd(MODULE, ONE_CHILD, mpm="prefork", name="renamed") as h:
        client = h.client()
        for attempt in (1, 2):
            for name in ("alice.example", "bob.example", None):
                headers = {"X-HttpStatus-Test-Server-Name": name} if name else {}
                page = client.get("/plain/missing", headers).body
                shown = name or "localhost"
                C.check(f'<p class="site">{shown}</p>'.encode() in page,
                        f"{shown}: its own name ({attempt})", page[-800:])
                others = {"alice.example", "bob.example", "localhost"} - {shown}
                C.check(not any(other.encode() in page for other in others),
                        f"{shown}: no other site's name ({attempt})", page[-800:])


def main():
    return C.run([each_hook_fails_alone, renamed_server_records])


if __name__ == "__main__":
    sys.exit(main())
