"""The module's pages in a real browser (headless Chromium): nothing overflows a
360 px phone, every request value stands next to its label (also right to left)
and an identifier never breaks leaving a lone character, in English, Arabic,
Hebrew, Persian and German, for a 404, a maintenance 503 and a page branded by
directives (a long site name, a wide logo, a message, links).

Usage: test_browser.py MODULE_SO
"""

import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

from harness import Checks, Httpd

MODULE = os.path.abspath(sys.argv[1])
C = Checks()

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# One language per location, so the frames need no Accept-Language of their own.
LANGUAGES = ["en", "ar", "he", "fa", "de"]


def conf():
    sections = "\n".join(f"""<Location /{lang}/>
    HttpStatusLanguages {lang}
</Location>""" for lang in LANGUAGES)
    return sections + """
<Location /de/closed>
    HttpStatusMaintenance On
</Location>
<Location /en/shop/>
    HttpStatusSiteName "Example Shop with a rather long name for a small phone"
    HttpStatusLogo /logo.svg
    HttpStatusAccent #0f766e
    HttpStatusContact mailto:help@shop.example
    HttpStatusMessage 404 "Our catalogue moved to new addresses in December; the home page lists the new sections."
    HttpStatusLink "Service status" https://status.shop.example/
</Location>
"""


def run_chromium(url, profile):
    out = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={profile}", "--virtual-time-budget=15000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120)
    text = html.unescape(out.stdout)
    marker = text.find("RESULT ")
    if marker < 0:
        raise RuntimeError(f"no result from chromium: {out.stderr[-400:]}")
    return json.loads(text[marker + len("RESULT "):text.index("</pre>", marker)])


def pages_in_a_browser():
    if CHROMIUM is None:
        C.check(False, "chromium is installed (scripts/deps tests installs it)")
        return
    h = Httpd(MODULE, conf(), modules=["unique_id"], name="browser")
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "measure.html")) as f:
        h.write("htdocs/measure.html", f.read())
    h.write("htdocs/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="48">'
                               '<rect width="600" height="48" fill="#0f766e"/></svg>\n')
    pages = [{"path": f"/{lang}/no/such/page-with-a-rather-long-name.html", "width": width}
             for lang in LANGUAGES for width in (360, 1280)]
    pages += [{"path": "/de/closed/shop", "width": width} for width in (360, 1280)]
    # The page branded by directives, as the screenshots show it.
    pages += [{"path": "/en/shop/winter/boots.html", "width": width} for width in (360, 1280)]
    profile = tempfile.mkdtemp(prefix="httpstatus-chromium-")
    try:
        with h:
            fragment = urllib.parse.quote(json.dumps(pages))
            results = run_chromium(f"http://127.0.0.1:{h.port}/measure.html#{fragment}", profile)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    C.begin("the pages in headless Chromium, phone and desktop")
    C.equal(len(results), len(pages), "every page measured")
    for r in results:
        where = f"{r['path']} at {r['width']} px"
        if "error" in r:
            C.check(False, where, r["error"])
            continue
        lang = r["path"].split("/")[1]
        C.equal(r["lang"], lang, f"{where}: lang")
        C.equal(r["dir"], "rtl" if lang in ("ar", "he", "fa") else "ltr", f"{where}: dir")
        C.check(not r["overflow"], f"{where}: nothing overflows", r["scrollWidth"])
        labels = [v["label"] for v in r["values"]]
        C.check(len(labels) >= 3, f"{where}: method, path and request id shown", labels)
        for v in r["values"]:
            what = f"{where}: {v['label']}"
            if r["width"] >= 1000:
                C.check(v["besideLabel"] and 0 <= v["gap"] <= 40, f"{what}: the value beside its label", v)
            else:
                C.check(0 <= v["gap"] <= 40, f"{what}: the value next to its label", v)
            if v["lines"] > 1:
                C.check(v["lastLineWidth"] > 20, f"{what}: no lone character on the last line", v)
        request_id = [v for v in r["values"] if v["value"] and " " not in v["value"]][-1:]
        C.check(request_id and request_id[0]["lines"] == 1, f"{where}: the request id on one line",
                request_id)
        if "/closed/" in r["path"]:
            C.check(r["heading"] and "503" in r["heading"] and "Wartung" in r["heading"],
                    f"{where}: the German maintenance heading", r["heading"])


sys.exit(C.run([pages_in_a_browser]))
