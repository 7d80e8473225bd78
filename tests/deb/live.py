"""Serves pages with the module as the libapache2-mod-httpstatus package installed it.

An apache2 of its own on a free 127.0.0.1 port (tests/httpd/harness.py) loads the
module only through the package's mods-available/httpstatus.load and .conf, and
must answer with what nothing but the module produces, and with the document the
installed httpstatus command writes for the same request. The configuration file's
commented directives, uncommented, must also be a configuration httpd accepts.

    python3 tests/deb/live.py /etc/apache2/mods-available
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "httpd"))
from harness import Checks, Httpd  # noqa: E402


def main(mods_available):
    # A SIGTERM (a test run cut short) still stops the server through `with`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    load = os.path.join(mods_available, "httpstatus.load")
    conf = os.path.join(mods_available, "httpstatus.conf")
    c = Checks()
    extra = f"Include {load}\nInclude {conf}\nRedirect 420 /calm\n"
    with Httpd(None, extra_conf=extra, name="deb") as httpd:
        client = httpd.client()

        c.begin("404 as problem+json")
        r = client.get("/missing", {"Accept": "application/problem+json"})
        c.equal(r.line, "404 Not Found", "status line")
        c.equal(r.header("content-type"), "application/problem+json; charset=utf-8", "content type")
        try:
            doc = r.json()
        except ValueError as e:
            doc = {}
            c.check(False, "body is JSON", e)
        c.equal(doc.get("status"), 404, "JSON status")
        c.equal(doc.get("title"), "Not Found", "JSON title")

        c.begin("the installed httpstatus command writes the module's document")
        command = shutil.which("httpstatus")
        c.check(command is not None, "httpstatus is on PATH")
        if command:
            page = subprocess.run(
                [command, "page", "404", "--format", "json", "--path", "/missing", "--method", "GET"],
                capture_output=True, text=True)
            c.check(page.returncode == 0, "httpstatus page exits 0", page.stderr)
            try:
                written = json.loads(page.stdout)
            except ValueError as e:
                written = {}
                c.check(False, "httpstatus page writes JSON", e)
            # The request id is the one thing a command line cannot know.
            served = {k: v for k, v in doc.items() if k != "request_id"}
            c.equal(written, served, "same members and values as the module's 404")

        c.begin("404 as HTML")
        r = client.get("/missing", {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        c.equal(r.status, 404, "status")
        c.equal(r.header("content-type"), "text/html; charset=utf-8", "content type")
        c.equal(r.header("x-content-type-options"), "nosniff", "nosniff")
        c.check(r.text().startswith("<!DOCTYPE html>") and "Not Found" in r.text(), "the module's page",
                r.text()[:200])

        c.begin("a code stock httpd does not know")
        r = client.get("/calm")
        c.equal(r.line, "420 Enhance Your Calm", "status line")
        client.close()

    c.begin("httpstatus.conf with every directive uncommented")
    with open(conf) as f:
        text = f.read()
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "directives.md")) as f:
        documented = re.findall(r"(?m)^## (HttpStatus\w+)$", f.read())
    c.check(len(documented) > 5, "docs/directives.md names the directives", documented)
    for name in documented:
        c.check(re.search(rf"(?m)^\s*#\s*{name}\s", text), f"{name} shown in httpstatus.conf")
    directive = r"(?=(HttpStatus\w+|LogLevel|ErrorDocument|SetHandler|</?Location)[\s>])"
    uncommented = re.sub(r"(?m)^(\s*)#(\s*)" + directive, r"\1\2", text)
    c.check(uncommented.count("#") < text.count("#"), "the file has commented directives")
    httpd = Httpd(None, name="deb-conf")
    try:
        # The example templates, where the example directives expect them.
        httpd.write("templates/404.html", "<p>{{status_line}}</p>\n")
        httpd.write("templates/problem.json", '{"status": {{code}}}\n')
        httpd.write("templates/404.de.html", '<p lang="{{lang}}">{{status_line}}</p>\n')
        ok, out = httpd.syntax_check(f"Include {load}\n{uncommented}")
        c.check(ok, "apache2 -t accepts it", out)
    finally:
        httpd.cleanup()

    print(f"installed module: {c.passed} passed, {c.failed} failed", flush=True)
    return 0 if c.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
