"""Live tests of the operators' switches in a real apache2: maintenance by flag
file (created and removed while serving, under prefork and event), its
allow-list over IPv4 and IPv6, exempt scopes, 503 before authentication and
before a back end, HEAD and HTTP/2; HttpStatusRetryAfter and
HttpStatusCacheControl and the values they keep; every refused value at
`apache2 -t`; and HttpStatus Off compared byte for byte with stock httpd.

Usage: test_operators.py MODULE_SO
"""

import json
import os
import re
import socket
import subprocess
import sys
import time

from harness import Checks, Httpd, QuietBackend, StatusBackend, poll

MODULE = os.path.abspath(sys.argv[1])
C = Checks()

AUTH_MODULES = ["auth_basic", "authn_file", "authn_core", "authz_user"]
PROXY_MODULES = ["proxy", "proxy_http"]


def has_ipv6_loopback():
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def wait_for(predicate, timeout=3.0):
    """Polls `predicate` until it holds (the flag file is looked at once a second
    per child): returns the seconds it took, or None."""
    start = time.time()
    held = poll(predicate, bool, timeout, every=0.1)
    return time.time() - start if held else None


def module_lines(h, marker):
    return [l for l in h.error_log().splitlines() if "[httpstatus:" in l and marker in l]


# ----- maintenance ---------------------------------------------------------------------------


def maintenance_conf(h, silent_port, directory_section):
    """With `directory_section`, one maintenance directive stands in a <Directory>
    section, so the host decides after the URL is mapped; without, as the URL is
    translated (before the file system is walked)."""
    ipv6 = f"Listen [::1]:{h.port}\n" if has_ipv6_loopback() else ""
    directory = f"""
<Directory {h.root}/htdocs/closed-dir>
    HttpStatusMaintenance On
</Directory>
""" if directory_section else ""
    return f"""{ipv6}{directory}
HttpStatusMaintenance run/flag
HttpStatusMaintenanceAllow 127.0.0.2 ::1
<Location /health>
    HttpStatusMaintenance Off
</Location>
{h.basic_auth("/secret")}ProxyPass /app/ http://127.0.0.1:{silent_port}/ timeout=20
<Location /custom>
    ErrorDocument 503 /custom/maintenance.html
</Location>
<Location /always>
    HttpStatusMaintenance On
    HttpStatusMaintenanceAllow 10.9.8.0/24
</Location>
"""


def maintenance_by_flag_file(mpm, directory_section):
    silent = QuietBackend()
    one_child = ("StartServers 1\nMinSpareServers 1\nMaxSpareServers 1\nServerLimit 1\nMaxRequestWorkers 4\n"
                 if mpm == "prefork" else
                 "StartServers 1\nServerLimit 1\nThreadsPerChild 8\nMaxRequestWorkers 8\n"
                 "MinSpareThreads 1\nMaxSpareThreads 8\n")
    h = Httpd(MODULE, modules=AUTH_MODULES + PROXY_MODULES, mpm=mpm, name=f"maint-{mpm}")
    h.write("htdocs/health/index.html", "healthy\n")
    h.write("htdocs/custom/maintenance.html", "<p>our own maintenance page</p>\n")
    h.extra_conf = one_child + maintenance_conf(h, silent.port, directory_section)
    h.write("htdocs/closed-dir/index.html", "closed\n")
    flag = h.path("run/flag")
    with h:
        c = h.client()
        C.begin(f"{mpm}: no flag file, no maintenance")
        C.equal(c.get("/").status, 200, "the site answers")
        C.equal(c.get("/always/x").status, 503, "HttpStatusMaintenance On needs no file")
        if directory_section:
            C.equal(c.get("/closed-dir/").status, 503, "HttpStatusMaintenance On in a <Directory> section")
        else:
            C.equal(c.get("/closed-dir/").status, 200, "no <Directory> section: open")

        C.begin(f"{mpm}: the flag file appears while serving")
        end = int(time.time()) + 1800
        end_text = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(end))
        h.write("run/flag", f"{end_text}\nNew <shop> opening & more.\nSee you soon!\n")
        took = wait_for(lambda: c.get("/").status == 503)
        C.check(took is not None and took <= 2.0, "503 within 2 seconds of creating the file", took)
        r = c.get("/", {"Accept-Language": "en"})
        C.equal(r.status, 503, "status")
        retry = int(r.header("retry-after") or -1)
        C.check(1700 <= retry <= 1800, "Retry-After counts the seconds to the planned end", retry)
        C.equal(r.header("cache-control"), "no-store", "Cache-Control: no-store")
        body = r.body.decode()
        C.check("<h1><span>503</span> Down for maintenance</h1>" in body, "the maintenance heading", body[-900:])
        C.check("New &lt;shop&gt; opening &amp; more.\nSee you soon!" in body,
                "the operator's message, escaped, its line break kept", body[-900:])
        C.check("We expect to be back in about 30 minutes." in body, "when the site is back, rounded", body[-900:])
        C.check("<shop>" not in body, "nothing of the file reaches the page as markup")

        r = c.get("/", {"Accept": "application/problem+json", "Accept-Language": "de"})
        doc = json.loads(r.body)
        C.equal(doc.get("status"), 503, "JSON status")
        C.check(1700 <= doc.get("retry_after", -1) <= 1800, "retry_after member in seconds", doc)
        C.check(doc.get("detail", "").startswith("New <shop> opening & more.\nSee you soon!"),
                "detail is the message (JSON-escaped on the wire)", doc.get("detail"))
        C.check(doc.get("detail", "").endswith(" Wir sind voraussichtlich in etwa 30 Minuten wieder da."),
                "the back-in sentence in German", doc.get("detail"))
        C.equal(r.header("content-language"), "de", "Content-Language")

        r = c.get("/", {"Accept": "text/plain", "Accept-Language": "de"})
        text = r.body.decode()
        C.check("New <shop> opening & more.\nSee you soon!\n" in text, "text keeps the message as written", text)

        r = c.get("/", {"Accept-Language": "de"})
        body = r.body.decode()
        C.check('<html lang="de"' in body and "30 Minuten" in body, "German page", body[:200])

        r = c.get("/", method="HEAD")
        C.equal((r.status, r.body), (503, b""), "HEAD: 503 without a body")
        C.check(r.header("retry-after") is not None, "HEAD: Retry-After", r.headers)

        C.begin(f"{mpm}: before authentication and before the back end")
        r = c.get("/secret/")
        C.equal(r.status, 503, "a protected location: 503, no password asked")
        C.equal(r.header("www-authenticate"), None, "no authentication challenge")
        start = time.time()
        r = h.client().get("/app/slow")
        took = time.time() - start
        C.equal(r.status, 503, "a proxied location: 503")
        C.check(took < 2, "answered without waiting on the back end", took)
        C.equal(silent.accepted, 0, "the back end was never contacted")

        C.begin(f"{mpm}: exemptions and the allow-list")
        C.equal(c.get("/health/").status, 200, "HttpStatusMaintenance Off inside: exempt")
        C.equal(h.client(source="127.0.0.2").get("/").status, 200, "an allowed IPv4 address passes")
        C.equal(h.client(source="127.0.0.3").get("/").status, 503, "another address does not")
        C.equal(h.client(source="127.0.0.2").get("/always/x").status, 503,
                "an inner allow-list replaces the outer one")
        if has_ipv6_loopback():
            C.equal(h.client(host="::1").get("/").status, 200, "an allowed IPv6 address passes")
        else:
            print("   note: no ::1 on this machine, the IPv6 allow-list is not exercised", flush=True)

        C.begin(f"{mpm}: an ErrorDocument for 503 is served, not refused again")
        r = c.get("/custom/page")
        C.equal(r.status, 503, "status")
        C.check(b"our own maintenance page" in r.body, "the operator's ErrorDocument", r.body[:200])
        C.equal(r.header("cache-control"), "no-store", "its Cache-Control")
        C.check(r.header("retry-after") is not None, "its Retry-After", r.headers)

        C.begin(f"{mpm}: a past end, then an unreadable file")
        h.write("run/flag", "2001-01-01T00:00:00Z\nAlmost done.\n")
        wait_for(lambda: b"Almost done." in c.get("/").body)
        r = c.get("/")
        C.equal(r.header("retry-after"), None, "no Retry-After once the planned end has passed")
        C.check(b"Almost done." in r.body and b"We expect" not in r.body, "the message without a time", r.body[-600:])
        h.write("run/flag", "2026-13-45 soon\nbroken\n")
        wait_for(lambda: b"Almost done." not in c.get("/").body)
        r = c.get("/")
        C.equal(r.status, 503, "an unreadable file still means maintenance")
        C.check(b"planned maintenance" in r.body and b"broken" not in r.body, "with the built-in wording",
                r.body[-600:])
        for _ in range(5):
            c.get("/")
        warnings = module_lines(h, "state=unreadable")
        C.equal(len(warnings), 1, "one warning for the child")
        C.check(warnings and "[httpstatus:warn]" in warnings[0] and "RFC 3339" in warnings[0],
                "the warning says what is wrong", warnings)

        C.begin(f"{mpm}: the flag file removed while serving")
        os.remove(flag)
        took = wait_for(lambda: c.get("/").status == 200)
        C.check(took is not None and took <= 2.0, "200 within 2 seconds of removing the file", took)
        started = module_lines(h, "state=started")
        ended = module_lines(h, "state=ended")
        C.check(len(started) >= 1 and all("[httpstatus:notice]" in l for l in started),
                "a notice when maintenance started", started)
        C.equal(len(ended), 1, "one notice when it ended (one child)")
        infos = module_lines(h, "cause=maintenance status=503")
        C.check(infos and all("[httpstatus:info]" in l for l in infos), "each 503 is an info line", infos[:2])
        C.equal(module_lines(h, "[httpstatus:error]"), [], "no error line for a deliberate 503")
    silent.close()


def maintenance_over_http2():
    C.begin("HTTP/2: the maintenance answer")
    h = Httpd(MODULE, "Protocols h2c http/1.1\nHttpStatusMaintenance On\n", modules=["http2"], name="maint-h2")
    with h:
        out = subprocess.run(["curl", "-s", "-D", "-", "-o", "/dev/null", "--http2-prior-knowledge",
                              f"http://127.0.0.1:{h.port}/"], capture_output=True, text=True).stdout
        C.check(out.startswith("HTTP/2 503"), "h2 status 503", out[:80])
        C.check("cache-control: no-store" in out, "h2 Cache-Control", out)


def maintenance_switched_by_graceful_restarts():
    C.begin("maintenance added and removed by graceful restarts (its hooks follow the configuration)")
    h = Httpd(MODULE, "", name="maint-graceful")
    with h:
        C.equal(h.client().get("/").status, 200, "no maintenance configured")
        for conf, want, what in [
            ("HttpStatusMaintenance On\n", 503, "On at server level, after a graceful restart"),
            (f"<Directory {h.root}/htdocs>\n    HttpStatusMaintenance On\n</Directory>\n", 503,
             "On in a <Directory> section, after another"),
            ("", 200, "removed again"),
        ]:
            h.extra_conf = conf
            h.write_config()
            h.graceful()
            took = wait_for(lambda: h.client().get("/").status == want, timeout=10)
            C.check(took is not None, what, h.error_log()[-300:])


def maintenance_in_htaccess_is_refused():
    C.begin("HttpStatusMaintenance is not for .htaccess")
    h = Httpd(MODULE, f"<Directory {{root}}/htdocs/t>\n    AllowOverride All\n</Directory>\n", name="maint-ht")
    h.extra_conf = h.extra_conf.replace("{root}", h.root)
    h.write("htdocs/t/.htaccess", "HttpStatusMaintenance On\n")
    h.write("htdocs/t/index.html", "x\n")
    with h:
        r = h.client().get("/t/")
        C.equal(r.status, 500, "the .htaccess is refused")
        C.check(any("HttpStatusMaintenance not allowed here" in l for l in h.error_log().splitlines()),
                "httpd says the directive is not allowed there", h.error_log()[-400:])


# ----- Retry-After and Cache-Control ---------------------------------------------------------


def header_rules():
    # A 503 of the back end's own carries its own Retry-After.
    backend_server = StatusBackend({503: {"Retry-After": "11"}})
    backend = backend_server.port
    h = Httpd(MODULE, modules=["rewrite", "headers", "cgid", "http2"] + PROXY_MODULES, name="rules")
    h.write("cgi-bin/busy", "#!/bin/sh\nprintf 'Status: 503\\r\\nRetry-After: 9\\r\\nContent-Type: text/plain\\r\\n\\r\\nbusy\\n'\n",
            mode=0o755)
    h.extra_conf = h.cgi_conf() + f"""
Protocols h2c http/1.1
RewriteEngine On
RewriteRule ^/r503 - [R=503]
RewriteRule ^/r429 - [R=429]
RewriteRule ^/r413 - [R=413]
RewriteRule ^/r404 - [R=404]
RewriteRule ^/r500 - [R=500]
RewriteRule ^/r410 - [G]
RewriteRule ^/kept/r503 - [R=503]
RewriteRule ^/quiet/r503 - [R=503]
RewriteRule ^/plain/r500 - [R=500]
RewriteRule ^/quiet/r500 - [R=500]
HttpStatusRetryAfter 503 120
HttpStatusRetryAfter 429 "Fri, 01 Jan 2100 00:00:00 GMT"
HttpStatusRetryAfter 413 "Thu, 01 Jan 2015 00:00:00 GMT"
HttpStatusRetryAfter 3xx 30
HttpStatusCacheControl 5xx "no-store"
HttpStatusCacheControl 404 410 "public, max-age=60"
Redirect 302 /moved http://example.com/
<Location /kept>
    Header always set Retry-After 7
    Header always set Cache-Control private
</Location>
<Location /quiet>
    HttpStatusRetryAfter 503 off
    HttpStatusCacheControl 5xx none
</Location>
<Location /plain>
    HttpStatusPages Off
</Location>
ProxyPass /be/ http://127.0.0.1:{backend}/
<Location /be/>
    ProxyErrorOverride On
</Location>
ProxyPass /raw/ http://127.0.0.1:{backend}/
"""
    with h:
        c = h.client()
        C.begin("HttpStatusRetryAfter: values, dates and where it applies")
        r = c.get("/r503")
        C.equal((r.status, r.header("retry-after")), (503, "120"), "seconds on a 503")
        C.equal(r.header("cache-control"), "no-store", "5xx Cache-Control on the module's document")
        C.equal(c.get("/r429").header("retry-after"), "Fri, 01 Jan 2100 00:00:00 GMT", "a future date, as an HTTP-date")
        C.equal(c.get("/r413").header("retry-after"), None, "a past date is not sent")
        C.equal(c.get("/moved").header("retry-after"), "30", "a class rule on a redirect")
        C.equal(c.get("/r404").header("retry-after"), None, "no Retry-After on a 404")
        C.equal(c.get("/quiet/r503").header("retry-after"), None, "off in an inner scope")
        r = c.get("/r503", method="HEAD")
        C.equal((r.status, r.header("retry-after")), (503, "120"), "HEAD")

        C.begin("values someone else set are kept")
        r = c.get("/kept/r503")
        C.equal([v for k, v in r.headers if k == "retry-after"], ["7"], "Header always set wins, once")
        C.equal([v for k, v in r.headers if k == "cache-control"], ["private"], "its Cache-Control too")
        r = c.get("/cgi-bin/busy")
        C.equal((r.status, [v for k, v in r.headers if k == "retry-after"]), (503, ["9"]), "a CGI's own Retry-After")
        r = c.get("/raw/503")
        C.equal((r.status, [v for k, v in r.headers if k == "retry-after"]), (503, ["11"]),
                "a back end's own Retry-After")
        r = c.get("/be/503")
        C.equal(r.status, 503, "ProxyErrorOverride: the module's document")
        C.check(StatusBackend.BODY not in r.body, "the back end's body replaced", r.body[:120])
        C.equal([v for k, v in r.headers if k == "retry-after"], ["11"],
                "ProxyErrorOverride keeps the back end's Retry-After")

        C.begin("HttpStatusCacheControl: only the module's documents")
        r = c.get("/r404")
        C.equal(r.header("cache-control"), "public, max-age=60", "404")
        C.equal(c.get("/r410").header("cache-control"), "public, max-age=60", "410")
        C.equal(c.get("/quiet/r500").header("cache-control"), None, "none in an inner scope")
        r = c.get("/plain/r500")
        C.check(b"<title>500 Internal Server Error</title>" in r.body, "httpd's own page", r.body[:120])
        C.equal(r.header("cache-control"), None, "not on httpd's page")
        C.equal(c.get("/index.html").header("cache-control"), None, "not on a 200")

        C.begin("HTTP/2: the same headers")
        out = subprocess.run(["curl", "-s", "-D", "-", "-o", "/dev/null", "--http2-prior-knowledge",
                              f"http://127.0.0.1:{h.port}/r503"], capture_output=True, text=True).stdout
        C.check(out.startswith("HTTP/2 503") and "retry-after: 120" in out and "cache-control: no-store" in out,
                "h2 503 with Retry-After and Cache-Control", out)
        out = subprocess.run(["curl", "-s", "-D", "-", "-o", "/dev/null", "--http2-prior-knowledge",
                              f"http://127.0.0.1:{h.port}/moved"], capture_output=True, text=True).stdout
        C.check("retry-after: 30" in out, "h2 redirect", out)
    backend_server.close()


# ----- refused values ------------------------------------------------------------------------


def refused_values():
    C.begin("every refused value fails apache2 -t, naming the directive and value")
    h = Httpd(MODULE, name="refused")
    os.makedirs(h.path("flagdir"), exist_ok=True)
    for line, says in [
        ("HttpStatusRetryAfter 404 60", "HttpStatusRetryAfter: '404': Retry-After means something only"),
        ("HttpStatusRetryAfter 2xx 60", "HttpStatusRetryAfter: '2xx'"),
        ("HttpStatusRetryAfter 503 soon", "HttpStatusRetryAfter: 'soon' is not a number of seconds"),
        ("HttpStatusRetryAfter 503 -1", "HttpStatusRetryAfter: '-1'"),
        ("HttpStatusRetryAfter 503", "HttpStatusRetryAfter: takes two arguments"),
        ('HttpStatusRetryAfter 503 "Mon, 07 Dec 2026 18:00:00 UTC"', "is not a number of seconds, an HTTP-date"),
        ('HttpStatusCacheControl 500 "no store"', "HttpStatusCacheControl: 'no store' is not a Cache-Control value"),
        ('HttpStatusCacheControl 500 "max-age=60\\r\\nX: y"', "is not a Cache-Control value"),
        ('HttpStatusCacheControl no-store', "HttpStatusCacheControl: takes one or more codes and a value"),
        ('HttpStatusCacheControl 6xx no-store', "HttpStatusCacheControl: '6xx' is not a status code"),
        ("HttpStatusMaintenanceAllow 10.0.0.0/33", "HttpStatusMaintenanceAllow: '10.0.0.0/33'"),
        ("HttpStatusMaintenanceAllow 10.0.0.1/24", "HttpStatusMaintenanceAllow: '10.0.0.1/24' has bits set"),
        ("HttpStatusMaintenanceAllow example.com", "HttpStatusMaintenanceAllow: 'example.com' is not an IP address"),
        ("HttpStatusMaintenance flagdir", "HttpStatusMaintenance: '" + h.path("flagdir") + "' is a directory"),
        ("HttpStatusMaintenance on off", "HttpStatusMaintenance: takes exactly one argument"),
        ("HttpStatus maybe", "HttpStatus must be On or Off"),
    ]:
        ok, out = h.syntax_check(line)
        C.check(not ok and says in out, f"refused: {line}", out.strip()[-300:])
    for line in ["HttpStatusRetryAfter 3xx 0", "HttpStatusRetryAfter 413 off",
                 'HttpStatusCacheControl 4xx 5xx "no-cache=\\"Set-Cookie\\", max-age=0"',
                 "HttpStatusMaintenanceAllow 192.0.2.0/24 2001:db8::/32 ::1", "HttpStatusMaintenance Off",
                 "HttpStatus Off"]:
        ok, out = h.syntax_check(line)
        C.check(ok, f"taken: {line}", out.strip()[-300:])
    h.cleanup()


# ----- HttpStatus Off -----------------------------------------------------------------------


def normalised(response):
    """Status line, headers and body, with what differs between any two servers
    put aside: the date, the port in a Location, an ETag made from the file's
    inode, and the framing of a CGI's body (httpd sends a Content-Length only
    when the whole body arrived with the end of the script's output, which is up
    to timing; the body itself is compared)."""
    headers = []
    for k, v in response.headers:
        if k in ("date", "content-length", "transfer-encoding"):
            continue
        if k == "etag":
            v = "ETAG"
        if k == "location":
            v = re.sub(r":\d+/", ":PORT/", v)
        headers.append((k, v))
    body = re.sub(rb"port \d+", b"port PORT", response.body)
    return response.line, headers, body


OFF_REQUESTS = [
    ("GET", "/missing", {}),
    ("GET", "/denied/", {}),
    ("GET", "/secret/", {}),
    ("GET", "/secret/", {"Authorization": "Basic YWxpY2U6d3Jvbmc="}),
    ("GET", "/r503", {}),
    ("GET", "/r420", {}),
    ("GET", "/moved", {}),
    ("GET", "/cgi-bin/teapot", {}),
    ("GET", "/cgi-bin/crash", {}),
    ("HEAD", "/missing", {}),
    ("GET", "/missing", {"Accept": "application/json", "Accept-Language": "de"}),
    ("POST", "/index.html", {"Content-Length": "0"}),
]


def off_conf(h):
    return h.cgi_conf() + f"""
RewriteEngine On
RewriteRule ^/r503 - [R=503]
Redirect 301 /moved /index.html
Redirect 420 /r420
<Location /denied>
    Require all denied
</Location>
{h.basic_auth("/secret")}"""


def off_server(module, scope, name):
    h = Httpd(module, modules=AUTH_MODULES + ["rewrite", "cgid", "alias"], mpm="prefork", name=name)
    h.write("cgi-bin/teapot", "#!/bin/sh\nprintf 'Status: 420 Slow\\r\\nContent-Type: text/plain\\r\\n\\r\\ncalm\\n'\n",
            mode=0o755)
    h.write("cgi-bin/crash", "#!/bin/sh\nexit 1\n", mode=0o755)
    conf = off_conf(h)
    if scope == "server" and module:
        conf = "HttpStatus Off\n" + conf
    elif scope == "vhost":
        conf = conf + f"""
<VirtualHost 127.0.0.1:{h.port}>
    ServerName off.test
    DocumentRoot {h.root}/htdocs
    HttpStatus Off
</VirtualHost>
<VirtualHost 127.0.0.1:{h.port}>
    ServerName on.test
    DocumentRoot {h.root}/htdocs
</VirtualHost>
"""
    h.extra_conf = conf
    return h


def http_status_off_is_stock():
    stock = off_server(None, "server", "stock")
    off = off_server(MODULE, "server", "off")
    with stock, off:
        C.begin("HttpStatus Off: byte for byte what stock httpd sends")
        for method, path, headers in OFF_REQUESTS:
            a = stock.client().get(path, headers, method=method)
            b = off.client().get(path, headers, method=method)
            C.equal(normalised(b), normalised(a), f"{method} {path} {headers or ''}")
        for raw in [b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"]:
            a = stock.send_raw(raw)
            b = off.send_raw(raw)
            strip = lambda s: re.sub(rb"Date: [^\r]+\r\n", b"", s)
            C.equal(strip(b), strip(a), f"raw {raw[:20]!r}")
        C.equal(off.module_lines(), [], "no diagnostic line")
    vhosts = off_server(MODULE, "vhost", "off-vhost")
    with vhosts:
        C.begin("HttpStatus Off in one virtual host: the other keeps the module")
        a = vhosts.client().get("/missing", {"Host": "off.test"})
        b = vhosts.client().get("/missing", {"Host": "on.test"})
        C.check(b"The requested URL was not found" in a.body and a.header("x-content-type-options") is None,
                "the Off host: httpd's page, no headers added", a.body[:200])
        C.check(b"<!DOCTYPE html>" in b.body and b.header("x-content-type-options") == "nosniff",
                "the other host: the module's document", b.body[:80])
        C.equal(vhosts.client().get("/r420", {"Host": "off.test"}).line, "500 Internal Server Error",
                "the Off host: httpd's 500 line for a code it does not know")
        C.equal(vhosts.client().get("/r420", {"Host": "on.test"}).line, "420 Enhance Your Calm",
                "the other host: the registry's line")


def maintenance_under_event():
    maintenance_by_flag_file("event", directory_section=True)


def maintenance_under_prefork():
    maintenance_by_flag_file("prefork", directory_section=False)


sys.exit(C.run([
    maintenance_under_event,
    maintenance_under_prefork,
    maintenance_over_http2,
    maintenance_switched_by_graceful_restarts,
    maintenance_in_htaccess_is_refused,
    header_rules,
    refused_values,
    http_status_off_is_stock,
]))
