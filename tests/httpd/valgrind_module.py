"""mod_httpstatus under valgrind's memcheck: apache2 -X (one process, so every
request runs under the tool) serves error pages in every format, the handler,
overrides and a normal page; memcheck must report zero errors.

Usage: valgrind_module.py MODULE_SO
"""

import glob
import os
import re
import subprocess
import sys

from harness import APACHE, Checks, Httpd

C = Checks()
C.begin("mod_httpstatus under valgrind memcheck (apache2 -X)")
conf = """
Redirect 420 /c420
Redirect 503 /c503
Redirect 421 /c421
HttpStatusReason 421 "Wrong Door"
ErrorDocument 404 /oops
<Location /oops>
    SetHandler httpstatus
</Location>
<Location /big>
    HttpStatusTemplate 404 templates/big.html
</Location>
"""
h = Httpd(os.path.abspath(sys.argv[1]), conf, name="valgrind")
# Larger than the module's first render buffer: the second render path.
big_page = "<p>{{path}}</p>\n" + "<p>filler line</p>\n" * 600
h.write("templates/big.html", big_page)
log = h.path("logs/memcheck")
h.proc = subprocess.Popen(
    ["valgrind", "--error-exitcode=99", "--track-origins=yes", "--trace-children=yes",
     f"--log-file={log}.%p", APACHE, "-X", "-f", h.write_config()],
    start_new_session=True)
try:
    C.check(h.wait_listening(180), "apache2 starts under valgrind")
    cl = h.client()
    expected = {"/c420": "420 Enhance Your Calm", "/c503": "503 Service Unavailable",
                "/c421": "421 Wrong Door", "/missing": "404 Not Found", "/index.html": "200 OK",
                "/%3Cscript%3E": "404 Not Found"}
    for accept in ("text/html", "application/json", "text/plain"):
        for path, line in expected.items():
            r = cl.get(path, {"Accept": accept, "User-Agent": 'quote" back\\slash'})
            C.equal(r.line, line, f"{path} {accept}")
    r = cl.get("/big/x")
    C.equal(r.body, big_page.replace("{{path}}", "/big/x").encode(), "a page larger than the first buffer")
finally:
    h.stop()
reports = [open(f).read() for f in glob.glob(log + ".*")]
C.check(len(reports) >= 1, "memcheck wrote a report")
for text in reports:
    summary = re.search(r"ERROR SUMMARY: (\d+) errors", text)
    C.check(summary is not None and summary.group(1) == "0", "zero memcheck errors",
            text[-2000:] if summary is None or summary.group(1) != "0" else "")
h.cleanup()
sys.exit(C.report())
