"""Live tests of the diagnostic line's cause: each situation reproduced in a real
apache2, and its line checked for the cause token, the level, the facts, and the
absence of advice that does not apply.

Usage: test_causes.py MODULE_SO
"""

import os
import sys
import time

from harness import Checks, Httpd, StatusBackend, free_port, poll

MODULE = os.path.abspath(sys.argv[1])
C = Checks()

# Words of the advice the line no longer carries, and fields it no longer has.
ADVICE = ("hint=", "AH00957", "AH01114", "AH01215", "AuthUserFile", "DocumentRoot", "check ",
          "reason=", "class=", "client=", "time_us=")


def line_for(h, uri, at_least):
    """The module's line for `uri` (exactly one), waiting for log_transaction."""
    lines = poll(lambda: [l for l in h.module_lines() if f'uri="{uri}"' in l],
                 lambda found: len(found) >= at_least)
    C.equal(len(lines), at_least, f"{uri}: one line")
    return lines[-1] if lines else ""


def expect(h, uri, cause, level, facts=(), at_least=1):
    line = line_for(h, uri, at_least)
    C.check(f"cause={cause} " in line, f"{uri}: cause={cause}", line)
    C.check(f"[httpstatus:{level}]" in line, f"{uri}: logged at {level}", line)
    for fact in facts:
        C.check(fact in line, f"{uri}: {fact}", line)
    for word in ADVICE:
        C.check(word not in line, f"{uri}: no {word.strip()!r}", line)
    module_part = line.split("] ", 4)[-1] if "] " in line else line
    return line, module_part


def causes():
    backend_server = StatusBackend()
    backend = backend_server.port
    dead = free_port()
    h = Httpd(MODULE, modules=["cgid", "rewrite", "proxy", "proxy_http", "auth_basic", "authn_file",
                               "authn_core", "authz_user", "reqtimeout", "autoindex"],
              name="causes", log_level="warn httpstatus:debug")
    h.write("cgi-bin/own500", "#!/bin/sh\nprintf 'Status: 500\\r\\nContent-Type: text/plain\\r\\n\\r\\nown body\\n'\n", 0o755)
    h.write("cgi-bin/own418", "#!/bin/sh\nprintf 'Status: 418\\r\\nContent-Type: text/plain\\r\\n\\r\\nteapot\\n'\n", 0o755)
    h.write("cgi-bin/crash", "#!/bin/sh\nexit 3\n", 0o755)
    h.write("htdocs/ht/.htaccess", "RewriteEngine On\nRewriteRule ^ - [R=503]\n")
    h.write("htdocs/ht/index.html", "never")
    h.write("htdocs/broken/.htaccess", "NoSuchDirective here\n")
    h.write("htdocs/loop/index.html", "never")
    os.makedirs(h.path("htdocs/emptydir"), exist_ok=True)
    h.extra_conf = h.cgi_conf() + f"""
RequestReadTimeout header=1 body=1
LimitRequestFields 12
RewriteEngine On
RewriteRule ^/maint - [R=503]
Redirect 420 /calm
<Directory {h.root}/htdocs/ht>
    AllowOverride FileInfo
</Directory>
<Directory {h.root}/htdocs/broken>
    AllowOverride All
</Directory>
<Directory {h.root}/htdocs/loop>
    RewriteEngine On
    RewriteRule ^(.*)$ /loop/again/$1 [L]
</Directory>
<Directory {h.root}/htdocs/emptydir>
    Options -Indexes
</Directory>
{h.basic_auth("/secret")}<Location /private>
    Require all denied
</Location>
<Location /small>
    LimitRequestBody 10
</Location>
ProxyPass /be/ http://127.0.0.1:{backend}/
ProxyPass /down/ http://127.0.0.1:{dead}/ retry=0
"""
    try:
        h.start()
        cl = h.client()

        C.begin("deliberate statuses: rules and redirects, at info")
        r = cl.get("/maint")
        C.equal(r.status, 503, "RewriteRule [R=503]")
        expect(h, "/maint", "rule", "info", ["phase=translation"])
        C.equal(cl.get("/calm").status, 420, "Redirect 420")
        expect(h, "/calm", "rule", "info", ["status=420"])
        C.equal(cl.get("/ht/").status, 503, ".htaccess RewriteRule [R=503]")
        expect(h, "/ht/", "rule", "info", ["phase=access"])

        C.begin("applications: their own statuses and bodies, a script that fails")
        r = cl.get("/cgi-bin/own500")
        C.equal((r.status, r.body), (500, b"own body\n"), "the script's own 500 and body")
        expect(h, "/cgi-bin/own500", "application", "warn", ['handler="cgi-script"'])
        C.equal(cl.get("/cgi-bin/own418").status, 418, "the script's own 418")
        expect(h, "/cgi-bin/own418", "application", "info")
        C.equal(cl.get("/cgi-bin/crash").status, 500, "a script that ends before its headers")
        expect(h, "/cgi-bin/crash", "script-failed", "error", [f'script="{h.root}/cgi-bin/crash"'])

        C.begin("back ends: unreachable, and their own errors")
        C.equal(cl.get("/down/x").status, 503, "back end down")
        _, part = expect(h, "/down/x", "backend-unreachable", "error",
                         [f'backend="http://127.0.0.1:{dead}/x"'])
        C.check(len(part) <= 320, "the module's part of the line fits 320 bytes", len(part))
        r = cl.get("/be/404")
        C.equal((r.status, r.body), (404, b"back end's own body"), "the back end's 404 passed on")
        expect(h, "/be/404", "backend-status", "info")
        C.equal(cl.get("/be/500").status, 500, "the back end's 500 passed on")
        expect(h, "/be/500", "backend-status", "warn")

        C.begin("authentication and access")
        C.equal(cl.get("/secret/").status, 401, "no credentials yet")
        expect(h, "/secret/", "auth-challenge", "debug")
        r = cl.get("/secret/x", {"Authorization": "Basic YWxpY2U6d3Jvbmc="})  # alice:wrong
        C.equal(r.status, 401, "wrong password")
        expect(h, "/secret/x", "auth-failed", "info", ['user="alice"'])
        C.equal(cl.get("/private/doc").status, 403, "Require all denied")
        _, part = expect(h, "/private/doc", "denied", "info")
        C.check(len(part) <= 320, "the module's part of the line fits 320 bytes", len(part))

        C.begin("files: missing, directory without index")
        C.equal(cl.get("/nodir/deeper/x.html").status, 404, "missing")
        _, part = expect(h, "/nodir/deeper/x.html", "missing-file", "info",
                         [f'missing="{h.root}/htdocs/nodir"'])
        C.check(len(part) <= 320, "the module's part of the line fits 320 bytes", len(part))
        C.equal(cl.get("/emptydir/").status, 403, "no index, no listing")
        expect(h, "/emptydir/", "directory-without-index", "info", [f'directory="{h.root}/htdocs/emptydir/"'])

        C.begin("limits, configuration errors, redirect loops")
        out = h.send_raw(b"POST /small/x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" + b"a" * 100,
                         head_only=True)
        C.check(out.startswith(b"HTTP/1.1 413 "), "LimitRequestBody: 413", out[:60])
        expect(h, "/small/x", "limits", "info", ["limit=LimitRequestBody value=10"])
        fields = b"".join(b"X-F%d: v\r\n" % i for i in range(15))
        out = h.send_raw(b"GET /many HTTP/1.1\r\nHost: x\r\n" + fields + b"\r\n", head_only=True)
        C.check(out.startswith(b"HTTP/1.1 400 "), "LimitRequestFields: 400", out[:60])
        expect(h, "/many", "limits", "info", ["limit=LimitRequestFields value=12"])
        C.equal(cl.get("/broken/").status, 500, "an .htaccess file with an error")
        expect(h, "/broken/", "configuration", "error")
        C.equal(cl.get("/loop/x").status, 500, "internal redirects in a loop")
        expect(h, "/loop/x", "redirect-loop", "error", ["redirects="])

        C.begin("the client's doing: protocol errors and timeouts")
        out = h.send_raw(b"GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", head_only=True)
        C.check(out.startswith(b"HTTP/1.1 400 "), "malformed header: 400", out[:60])
        out = h.send_raw(b"GET / HTTP/1.1\r\nHost: x\r\n", wait=2.5)
        C.check(out.startswith(b"HTTP/1.1 408 "), "slow headers: 408", out[:60])
        time.sleep(0.3)
        lines = h.module_lines()
        C.check(any("cause=protocol status=400" in l and "[httpstatus:info]" in l for l in lines),
                "400: cause=protocol at info", lines[-3:])
        C.check(any("cause=timeout status=408" in l and "[httpstatus:info]" in l for l in lines),
                "408: cause=timeout at info", lines[-3:])
        C.check("exit signal" not in h.error_log(), "no child crashed")
    finally:
        h.cleanup()
        backend_server.close()


def error_documents_keep_the_cause():
    C.begin("an error handed to a local ErrorDocument keeps its own cause")
    conf = """Redirect 420 /calm
ErrorDocument 404 /errors/
# 420 is a code httpd does not know: its errors take the 500 slot.
ErrorDocument 500 /errors/
<Location /errors/>
    SetHandler httpstatus
</Location>
"""
    with Httpd(MODULE, conf, name="causes-errordoc") as h:
        cl = h.client()
        C.equal(cl.get("/calm").status, 420, "Redirect 420, answered by the httpstatus handler")
        C.equal(cl.get("/nothing/here").status, 404, "a missing file, answered by the handler")
        expect(h, "/calm", "rule", "info", ["phase=translation", 'redirects="/calm (420) -> /errors/ (420)"'])
        expect(h, "/nothing/here", "missing-file", "info", [f'missing="{h.root}/htdocs/nothing"', "sent=html"])


def quiet_by_default():
    C.begin("at LogLevel warn, deliberate statuses and 4xx write nothing; notes only when read")
    conf = "RewriteEngine On\nRewriteRule ^/maint - [R=503]\n"
    h = Httpd(MODULE, conf, modules=["rewrite"], name="quiet", log_level="warn",
              log_format="%>s %U")
    with h:
        cl = h.client()
        for _ in range(20):
            C.equal(cl.get("/maint").status, 503, "maintenance rule")
        cl.get("/missing")
        time.sleep(0.3)
        C.equal(h.module_lines(), [], "no line for a rule's 503 or a 404 at LogLevel warn")
        r = cl.get("/missing")
        C.check(b"Request ID" not in r.body, "no request id on the page when no line will carry it",
                r.body[-300:])


def main():
    return C.run([causes, error_documents_keep_the_cause, quiet_by_default])


if __name__ == "__main__":
    sys.exit(main())
