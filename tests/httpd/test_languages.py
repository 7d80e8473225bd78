"""Live tests of documents in the visitor's language: Accept-Language through a real
apache2 (HTTP/1.1 and HTTP/2), the headers, the directives and per-language
templates, and each case stock httpd's localized pages get wrong.

Usage: test_languages.py MODULE_SO
"""

import json
import os
import re
import subprocess
import sys

from harness import Checks, Httpd

MODULE = os.path.abspath(sys.argv[1])
C = Checks()


def title_in(lang, code):
    """The catalogue's title, read from the module's own JSON document."""
    return TITLES[(lang, code)]


TITLES = {}


def learn_titles(h, codes, langs):
    cl = h.client()
    for lang in langs:
        for code in codes:
            r = cl.get(f"/c{code}", {"Accept": "application/json", "Accept-Language": lang})
            TITLES[(lang, code)] = r.json()["title"]


def vary(r):
    return [v.strip() for v in (r.header("vary") or "").split(",") if v.strip()]


def html_root(body):
    m = re.search(rb'<html lang="([^"]+)" dir="([^"]+)">', body)
    return (m.group(1).decode(), m.group(2).decode()) if m else None


def end_to_end():
    C.begin("languages end to end: HTML, problem+json and text, with their headers")
    conf = "\n".join(f"Redirect {c} /c{c}" for c in (404, 410, 503))
    with Httpd(MODULE, conf, name="lang") as h:
        langs = ("en", "de", "ar", "ja", "pt-BR", "zh-Hant", "fa", "he")
        learn_titles(h, (404, 410, 503), langs)
        for lang in langs:
            C.check(lang == "en" or title_in(lang, 404) != title_in("en", 404), f"{lang}: a title of its own")
        cl = h.client()
        english_detail = cl.get("/c503", {"Accept": "application/json"}).json()["detail"]
        for lang in ("de", "ar", "ja", "pt-BR", "zh-Hant"):
            rtl = lang in ("ar", "fa", "he")
            r = cl.get("/c410", {"Accept-Language": lang})
            C.equal(r.line, "410 Gone", f"{lang}: the status line keeps the registry's phrase")
            C.equal(r.header("content-language"), lang, f"{lang}: Content-Language")
            C.equal(vary(r), ["Accept", "Accept-Language"], f"{lang}: Vary")
            C.equal(r.header("content-type"), "text/html; charset=utf-8", f"{lang}: charset")
            C.equal(html_root(r.body), (lang, "rtl" if rtl else "ltr"), f"{lang}: <html lang dir>")
            C.check(f"<title>410 {title_in(lang, 410)} \u2013 localhost</title>".encode() in r.body, f"{lang}: translated title")
            j = cl.get("/c503", {"Accept-Language": lang, "Accept": "application/problem+json"})
            C.equal(j.header("content-language"), lang, f"{lang}: JSON Content-Language")
            C.equal(j.json().get("title"), title_in(lang, 503), f"{lang}: JSON title")
            detail = j.json().get("detail")
            C.check(detail and detail != english_detail, f"{lang}: JSON detail in the language", detail)
            t = cl.get("/c404", {"Accept-Language": lang, "Accept": "text/plain"})
            C.check(t.text().startswith(f"404 {title_in(lang, 404)}\n"), f"{lang}: text document", t.text()[:80])
        r = cl.get("/c404")
        C.equal(r.header("content-language"), "en", "no Accept-Language: English")
        C.equal(html_root(r.body), ("en", "ltr"), "no Accept-Language: <html lang=en>")
        lines = h.module_lines(at_least=1)
        C.check(lines and all(l.isascii() for l in lines) and "cause=rule status=404" in " ".join(lines),
                "the error log stays in English: tokens, whatever the page's language", lines[-2:])


def what_stock_gets_wrong():
    C.begin("the cases Debian's localized pages get wrong, over HTTP/1.1 and HTTP/2")
    conf = "Protocols h2c http/1.1\nRedirect 404 /c404\n"
    cases = [("pt", "pt"), ("pt-PT", "pt"), ("pt-BR", "pt-BR"), ("fr-CA, en;q=0.1", "fr"),
             ("zh-Hant-TW", "zh-Hant"), ("zh-TW", "zh-Hant"), ("zh-CN", "zh-Hans"), ("no", "nb"),
             ("nn", "nb"), ("en;q=0, de;q=0.2", "de"), ("x-klingon, *;q=0.1", "en"),
             ("sr-Latn-RS", "sr-Latn"), ("sr-RS", "sr")]
    with Httpd(MODULE, conf, modules=["http2"], name="lang-cases") as h:
        cl = h.client()
        for header, want in cases:
            r = cl.get("/c404", {"Accept-Language": header})
            C.equal(r.header("content-language"), want, f"HTTP/1.1 {header!r}")
            out = subprocess.run(["curl", "-s", "--http2-prior-knowledge", "-D", "-", "-o", "/dev/null",
                                  "-H", f"Accept-Language: {header}", f"http://127.0.0.1:{h.port}/c404"],
                                 capture_output=True, text=True, timeout=30).stdout
            got = re.search(r"(?im)^content-language: *(\S+)", out)
            C.equal(got.group(1) if got else None, want, f"HTTP/2 {header!r}")
        r = cl.get("/c404", {"Accept-Language": "de-" + "x" * 8000})
        C.equal(r.status, 404, "an 8 KB Accept-Language is answered")
        r = cl.get("/c404", {"Accept-Language": "xx;q=0.1," * 11 + "ja"})
        C.equal(r.header("content-language"), "ja", "the 12th element of Accept-Language counts")
        r = cl.get("/c404", {"Accept-Language": "xx;q=0.1," * 800 + "ja"})
        C.equal(r.status, 404, "an 800-element Accept-Language is answered")
        C.equal(r.header("content-language"), "en", "elements after the 12th are not read")


def directives_and_templates():
    C.begin("HttpStatusLanguages, HttpStatusDefaultLanguage and per-language templates")
    h = Httpd(MODULE, name="lang-conf")
    h.write("templates/404.html", "<p lang=\"{{lang}}\" dir=\"{{dir}}\">any {{code}} {{reason}}</p>")
    h.write("templates/404.de.html", "<p>deutsch {{code}} {{summary}}</p>")
    h.write("templates/english.html", "<!DOCTYPE html>\n<html lang=\"en\"><p>{{reason}}: {{summary}}</p></html>")
    h.extra_conf = """
Redirect 404 /c404
<Location /limited>
    HttpStatusLanguages en de fr
    HttpStatusDefaultLanguage fr
</Location>
<Location /one>
    HttpStatusLanguages de
</Location>
<Location /tpl>
    HttpStatusTemplate 404 templates/404.html
    HttpStatusTemplate 404 templates/404.de.html html de
</Location>
<Location /english>
    HttpStatusTemplate 404 templates/english.html
</Location>
"""
    with h:
        cl = h.client()
        r = cl.get("/limited/x", {"Accept-Language": "ja"})
        C.equal(r.header("content-language"), "fr", "nothing offered matches: the configured default")
        C.equal(cl.get("/limited/x", {"Accept-Language": "de"}).header("content-language"), "de", "an offered one")
        C.equal(cl.get("/limited/x").header("content-language"), "fr", "no header: the default")
        r = cl.get("/one/x", {"Accept-Language": "ja"})
        C.equal(r.header("content-language"), "de", "one language offered")
        C.equal(vary(r), ["Accept"], "one language: no Vary: Accept-Language")
        r = cl.get("/tpl/x", {"Accept-Language": "de"})
        C.check(r.body.startswith(b"<p>deutsch 404 ") and b"{{" not in r.body, "the German template for German", r.body)
        r = cl.get("/tpl/x", {"Accept-Language": "ar"})
        C.check(r.body.startswith(b'<p lang="ar" dir="rtl">any 404 '), "the generic template with {{lang}} {{dir}}", r.body)
        C.check("Not Found".encode() not in r.body, "its {{reason}} in Arabic", r.body)
        r = cl.get("/tpl/x", {"Accept-Language": "de"})
        C.equal(r.header("content-language"), "de", "the German template: Content-Language")
        C.check(r.body.startswith(b"<p>deutsch 404 ") and b"Nothing exists" not in r.body,
                "the German template's registry texts in German", r.body)
        for asked in ("fr", "ja", "ar"):
            r = cl.get("/english/x", {"Accept-Language": asked})
            C.equal(r.header("content-language"), "en", f"a template in English, {asked} asked: Content-Language")
            C.check(r.body.endswith(b"<p>Not Found: Nothing exists at this URL, or the server will not say that it "
                                    b"does.</p></html>"), f"a template in English, {asked} asked: English texts",
                    r.body)
        check_directives(h)


def check_directives(h):
    for bad, words in (("HttpStatusLanguages en xx", "'xx' is not a language"),
                       ("HttpStatusDefaultLanguage klingon", "'klingon' is not a language"),
                       ("HttpStatusDefaultLanguage en de", "exactly one argument"),
                       ("HttpStatusTemplate 404 templates/404.html html xx", "nor a language")):
        ok, out = h.syntax_check(bad)
        C.check(not ok and words in out, f"rejected: {bad}", out)
    ok, out = h.syntax_check("HttpStatusLanguages EN pt-br ZH-hant\nHttpStatusDefaultLanguage pt-BR")
    C.check(ok, "tags in any case", out)


def error_document_handler_language():
    C.begin("the httpstatus handler speaks the visitor's language too")
    conf = "ErrorDocument 404 /errors/\n<Location /errors/>\nSetHandler httpstatus\n</Location>\n"
    with Httpd(MODULE, conf, name="lang-handler") as h:
        r = h.client().get("/missing", {"Accept-Language": "ko", "Accept": "application/json"})
        C.equal(r.status, 404, "404")
        C.equal(r.header("content-language"), "ko", "Content-Language from the handler")
        C.equal(r.json().get("instance"), "/missing", "the original request")


def main():
    return C.run([end_to_end, what_stock_gets_wrong, directives_and_templates, error_document_handler_language])


if __name__ == "__main__":
    sys.exit(main())
