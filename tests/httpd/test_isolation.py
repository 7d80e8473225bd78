"""Live tests of what one client or tenant must not be able to do to another:
a shared cache replaying one client's error document to others, a tenant's
.htaccess reaching server-wide settings or any readable file, and a document
that varies by a header its Vary does not name.

Usage: test_isolation.py MODULE_SO
"""

import os
import re
import subprocess
import sys

from harness import APACHE, Checks, Httpd

MODULE = os.path.abspath(sys.argv[1])
C = Checks()


# --- a shared cache in front of the httpstatus handler ---------------------------------

def cache_never_replays_another_requests_document():
    for quick in ("On", "Off"):
        C.begin(f"mod_cache (CacheQuickHandler {quick}) never keeps the handler's document")
        h = Httpd(MODULE, modules=["cache", "cache_disk", "headers"], name=f"cache-{quick.lower()}")
        os.makedirs(h.path("cache"), exist_ok=True)
        os.chmod(h.path("cache"), 0o777)
        h.extra_conf = f"""
CacheRoot {h.root}/cache
CacheEnable disk /
CacheQuickHandler {quick}
Header always set Cache-Control "public, max-age=300"
Redirect 410 /gone
ErrorDocument 404 /errors/
ErrorDocument 410 /errors/
<Location /errors/>
    SetHandler httpstatus
</Location>
"""
        with h:
            a = h.client().get("/private/alice-token-1234", {"User-Agent": "client-a"})
            C.equal(a.status, 404, "client A gets its 404")
            C.check(b"alice-token-1234" in a.body, "A's page describes A's request")
            b = h.client().get("/other")
            C.equal(b.status, 404, "client B's 404")
            C.check(b"alice-token" not in b.body and b"/other" in b.body,
                    "B's page describes B's request, not A's", b.body[:300])
            gone = h.client().get("/gone")
            C.equal(gone.status, 410, "a 410 stays a 410")
            C.check(b"alice-token" not in gone.body, "the 410 page is not A's")
            for attempt in (1, 2):
                direct = h.client().get("/errors/")
                C.equal(direct.status, 404, f"a direct request to the handler's URL ({attempt}) is a 404")
                C.check(b"alice-token" not in direct.body, f"and never A's page ({attempt})")
            # httpd's log ids are base64 (with + and /): read the one the page shows.
            ids = [re.findall(rb"<dt>Request ID</dt><dd>([^<]+)</dd>", h.client().get("/errors/").body)
                   for _ in range(2)]
            C.check(len(ids[0]) == 1 and ids[0] != ids[1],
                    "each direct request gets its own page (request ids differ)", ids)
            stored = [f for _, _, files in os.walk(h.path("cache")) for f in files]
            C.equal(stored, [], "nothing was stored in the cache")


# --- .htaccess under AllowOverrideList -------------------------------------------------

# Every directive with a valid value, and where it may stand: in .htaccess;
# in <Directory> and the server's configuration only ("dir"); in the server's
# configuration only ("server"), which httpd itself keeps out of AllowOverrideList.
DIRECTIVES = {
    "HttpStatusPages": ("Off", "htaccess"),
    "HttpStatusDetails": ("Off", "htaccess"),
    "HttpStatusLanguages": ("en de", "htaccess"),
    "HttpStatusDefaultLanguage": ("de", "htaccess"),
    "HttpStatusFormats": ("html", "htaccess"),
    "HttpStatusLog": ("Off", "dir"),
    "HttpStatusTemplate": ("404 /etc/passwd text", "dir"),
    "HttpStatusReason": ('404 "Gone Fishing"', "server"),
    "HttpStatusPhrases": ("httpd", "server"),
    "HttpStatusLogLimit": ("5", "server"),
    "HttpStatusLogLineLength": ("300", "server"),
    "HttpStatusMetrics": ("Off", "server"),
    "HttpStatus": ("Off", "dir"),
    "HttpStatusMaintenance": ("On", "dir"),
    "HttpStatusMaintenanceAllow": ("127.0.0.1", "dir"),
    "HttpStatusRetryAfter": ("503 60", "htaccess"),
    "HttpStatusCacheControl": ('404 "no-store"', "htaccess"),
    "HttpStatusHome": ("/shop/", "htaccess"),
    "HttpStatusSiteName": ('"Example Shop"', "htaccess"),
    "HttpStatusContact": ("mailto:help@example.com", "htaccess"),
    "HttpStatusMessage": ('404 "Moved"', "htaccess"),
    "HttpStatusLink": ('"Help" /help/', "htaccess"),
    "HttpStatusLogo": ("/logo.png", "htaccess"),
    "HttpStatusAccent": ("#1f5fbf", "htaccess"),
}


def allow_override_list_admits_only_htaccess_directives():
    C.begin("AllowOverrideList cannot bring a directive that is not for .htaccess into one")
    h = Httpd(MODULE, name="overridelist")
    listed = subprocess.run([APACHE, "-L", "-f", h.write_config()], capture_output=True, text=True).stdout
    C.equal(sorted(set(re.findall(r"^(HttpStatus\w*) \(mod_httpstatus", listed, re.M))), sorted(DIRECTIVES),
            "the test covers every directive the module has")
    # httpd's help for each directive is the documented syntax and description.
    docs = open(os.path.join(os.path.dirname(__file__), "../../docs/directives.md")).read()
    for name in DIRECTIVES:
        section = docs.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        syntax = re.search(r"^\| Syntax \| `" + name + r" ([^`]*)`", section, re.M).group(1).replace("\\|", "|")
        description = re.search(r"^\| Description \| (.*) \|$", section, re.M).group(1)
        help_line = re.search(f"^{name} \\(mod_httpstatus.c\\)\n\t(.*)$", listed, re.M)
        C.check(help_line and help_line.group(1).startswith(f"{syntax} - {description} ("),
                f"apache2 -L shows {name}'s documented syntax and description",
                help_line.group(1) if help_line else listed[:200])
    sections = []
    for name, (value, _) in DIRECTIVES.items():
        os.makedirs(h.path(f"htdocs/{name}"), exist_ok=True)
        h.write(f"htdocs/{name}/.htaccess", f"{name} {value}\n")
        sections.append(f"""<Directory {h.root}/htdocs/{name}>
    AllowOverride None
    AllowOverrideList {name}
</Directory>""")
    h.extra_conf = "\n".join(sections)
    with h:
        for name, (value, where) in DIRECTIVES.items():
            r = h.client().get(f"/{name}/missing")
            if where == "htaccess":
                C.equal(r.status, 404, f"{name} {value} works in .htaccess")
            elif where == "dir":
                C.equal(r.status, 500, f"{name} {value} in .htaccess is refused")
                C.check(f"{name} cannot occur within htaccess files" in h.error_log(),
                        f"{name}: httpd's log names the directive and why")
            else:
                C.equal(r.line, "404 Not Found", f"{name} {value} in .htaccess has no effect")
                C.check(re.search(f"AH02304: Discarding directive `{name}' not allowed in AllowOverrideList",
                                  h.error_log()), f"{name}: httpd discards it from AllowOverrideList at start-up")
            C.check(b"root:" not in r.body, f"{name}: no file of the server reaches the page")


# --- Vary names every header the document can change with -------------------------------

def vary_whenever_the_language_can_change():
    C.begin("Vary: Accept-Language whenever two requests can get two languages")
    h = Httpd(MODULE, name="vary")
    h.extra_conf = """
HttpStatusLanguages en de
HttpStatusDefaultLanguage de
<Location /api>
    HttpStatusLanguages en
</Location>
<Location /one>
    HttpStatusLanguages de
</Location>
"""
    with h:
        for path, varies in (("/api/missing", True), ("/one/missing", False), ("/missing", True)):
            got = {}
            for header in ("en", "fr", None):
                r = h.client().get(path, {"Accept-Language": header} if header else {})
                got[header] = r.header("content-language")
                vary = [v.strip() for v in (r.header("vary") or "").split(",")]
                C.equal("Accept-Language" in vary, varies, f"{path} with {header}: Vary {vary}")
            C.equal(len(set(got.values())) > 1, varies, f"{path}: the languages sent {got}")


def main():
    return C.run([
        cache_never_replays_another_requests_document,
        allow_override_list_admits_only_htaccess_directives,
        vary_whenever_the_language_can_change,
    ])


if __name__ == "__main__":
    sys.exit(main())
