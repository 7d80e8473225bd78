//! Built-in documents: golden files, real JSON and HTML5 parsers, hostile input.

use httpstatus::render::{
    BufferSink, Escape, MAX_VALUE_BYTES, Sink, render, render_to_vec, write_escaped,
};
use httpstatus::{Alternative, Context, Field, Format, StatusCode};
use scraper::{Html, Selector};
use std::path::Path;

fn code(n: u16) -> StatusCode {
    StatusCode::new(n).unwrap()
}

fn sample_context() -> Context<'static> {
    Context::new()
        .with(Field::Method, b"GET")
        .with(Field::Path, b"/missing/page?x=1")
        .with(Field::RequestId, b"Zx8-req-42")
        .with(Field::Server, b"Apache")
}

fn as_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("documents are UTF-8")
}

/// Compares with tests/golden/NAME; `HTTPSTATUS_BLESS=1` rewrites the file.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("HTTPSTATUS_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from its golden file; run with HTTPSTATUS_BLESS=1 after checking"
    );
}

/// The renderer writes registry texts without escaping, on the strength of a
/// compile-time check in the registry. This holds that check to the escaper's own
/// rules: the JSON and text escapers leave every text alone, and the HTML escaper
/// changes nothing but apostrophes and backticks (which matter only in attributes
/// that are single-quoted or unquoted, and the built-in pages have none).
#[test]
fn registry_texts_need_no_escaping_where_they_are_written() {
    for c in StatusCode::all() {
        let mut texts = vec![c.reason(), c.summary().as_str(), c.description().as_str()];
        texts.extend(c.origin().map(|o| o.as_str()));
        if let Some(r) = c.reference() {
            texts.extend([r.citation.as_str(), r.url.as_str()]);
        }
        for text in texts {
            for (escape, expected) in [
                (Escape::Json, text.to_string()),
                (Escape::Text, text.to_string()),
                (
                    Escape::Html,
                    text.replace('\'', "&#39;").replace('`', "&#96;"),
                ),
            ] {
                let mut out = Vec::new();
                write_escaped(&mut out, text.as_bytes(), escape);
                assert_eq!(as_text(out), expected, "{} {escape:?}", c.as_u16());
            }
        }
    }
}

#[test]
fn golden_documents() {
    let redirect = Context::new()
        .with(Field::Location, b"https://example.org/new")
        .with(Field::Path, b"/old");
    let cases: [(&str, u16, Format, Context<'_>); 9] = [
        ("404.html", 404, Format::Html, sample_context()),
        ("404.json", 404, Format::Json, sample_context()),
        ("404.txt", 404, Format::Text, sample_context()),
        (
            "503-details.html",
            503,
            Format::Html,
            sample_context().with_details(true),
        ),
        (
            "503-details.json",
            503,
            Format::Json,
            Context::new().with_details(true),
        ),
        ("301.html", 301, Format::Html, redirect),
        (
            "444-details.txt",
            444,
            Format::Text,
            Context::new().with_details(true),
        ),
        ("432.json", 432, Format::Json, Context::new()),
        ("432.txt", 432, Format::Text, Context::new()),
    ];
    for (name, n, format, ctx) in cases {
        golden(name, &as_text(render_to_vec(code(n), format, &ctx)));
    }
}

#[test]
fn every_code_renders_valid_problem_json() {
    for c in StatusCode::all() {
        for details in [false, true] {
            let ctx = sample_context().with_details(details);
            let doc: serde_json::Value =
                serde_json::from_slice(&render_to_vec(c, Format::Json, &ctx)).unwrap();
            assert_eq!(doc["status"], c.as_u16());
            assert_eq!(doc["title"], c.reason());
            assert_eq!(doc["detail"], c.summary().as_str());
            assert_eq!(doc["instance"], "/missing/page?x=1");
            assert_eq!(doc["request_id"], "Zx8-req-42");
            let ty = doc["type"].as_str().unwrap();
            match c.reference() {
                Some(r) => assert_eq!(ty, r.url.as_str()),
                None => assert_eq!(ty, "about:blank"),
            }
            assert_eq!(doc.get("description").is_some(), details);
        }
    }
}

#[test]
fn every_code_renders_a_real_html5_page() {
    let h1 = Selector::parse("h1").unwrap();
    let title = Selector::parse("title").unwrap();
    let dd = Selector::parse("dd").unwrap();
    let meta = Selector::parse("meta[charset]").unwrap();
    for c in StatusCode::all() {
        let page = as_text(render_to_vec(c, Format::Html, &sample_context()));
        assert!(
            page.len() >= 512,
            "{c:?}: browsers replace pages under 512 bytes"
        );
        let doc = Html::parse_document(&page);
        assert!(doc.errors.is_empty(), "{c:?}: {:?}", doc.errors);
        let heading: String = doc.select(&h1).next().unwrap().text().collect();
        assert_eq!(heading, format!("{} {}", c.as_u16(), c.reason()));
        let t: String = doc.select(&title).next().unwrap().text().collect();
        assert_eq!(t, c.status_line());
        let values: Vec<String> = doc.select(&dd).map(|e| e.text().collect()).collect();
        assert_eq!(values, ["GET", "/missing/page?x=1", "Zx8-req-42"]);
        let charset = doc.select(&meta).next().unwrap().value().attr("charset");
        assert_eq!(charset, Some("utf-8"));
        assert!(
            !page.contains("<script") && !page.contains("http://"),
            "self-contained"
        );
    }
}

#[test]
fn text_documents_have_no_control_characters() {
    for c in StatusCode::all() {
        let doc = as_text(render_to_vec(
            c,
            Format::Text,
            &sample_context().with_details(true),
        ));
        assert!(doc.starts_with(c.status_line()));
        assert!(
            doc.chars().all(|ch| ch == '\n' || !ch.is_control()),
            "{c:?}"
        );
    }
}

const HOSTILE: &[&[u8]] = &[
    b"<script>alert(1)</script>",
    b"\"><img src=x onerror=alert(1)>",
    b"'; alert(1); '",
    b"back\\slash \"quote\"",
    b"line\r\nInjected: header\r\n\r\n",
    b"nul\x00byte",
    b"\x1b[31mred\x1b[0m",
    b"\xff\xfe invalid \xc3\x28 utf8",
    "sep\u{2028}ara\u{2029}tors".as_bytes(),
    b"</title><h1>fake</h1>",
    b"{{code}} {{raw}}",
    b"tab\there",
];

#[test]
fn hostile_values_come_out_escaped_in_every_format() {
    let long = vec![b'<'; 64 * 1024];
    let mut values: Vec<&[u8]> = HOSTILE.to_vec();
    values.push(&long);
    let dd = Selector::parse("dd").unwrap();
    for value in values {
        let mut ctx = Context::new().with_details(true);
        for field in Field::ALL {
            ctx.set(field, Some(value));
        }
        for c in [code(302), code(404), code(500), code(420)] {
            // HTML: parses without errors, no live markup from the value.
            let page = as_text(render_to_vec(c, Format::Html, &ctx));
            let doc = Html::parse_document(&page);
            assert!(doc.errors.is_empty(), "{:?}", doc.errors);
            // No markup from the value: the only image is the logo's own tag.
            assert!(!page.contains("<script"));
            assert_eq!(
                page.matches("<img").count(),
                page.matches("<img class=\"logo\" src=\"").count()
            );
            assert!(!page.contains("onerror=alert") || page.contains("&quot;&gt;&lt;img"));
            for cell in doc.select(&dd) {
                let text: String = cell.text().collect();
                assert!(
                    !text
                        .chars()
                        .any(|ch| ch.is_control() && ch != '\n' && ch != '\t')
                );
                assert!(text.len() <= MAX_VALUE_BYTES * 3 + 3);
            }
            // JSON: parses, and the string round-trips (lossily for invalid UTF-8).
            let json = render_to_vec(c, Format::Json, &ctx);
            let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
            let method = doc["method"].as_str().unwrap();
            if value.len() <= MAX_VALUE_BYTES && std::str::from_utf8(value).is_ok() {
                assert_eq!(method.as_bytes(), value);
            }
            let raw = String::from_utf8(json).unwrap();
            assert!(!raw.contains('<') && !raw.contains('\u{2028}'));
            // Text: no control characters but newlines.
            let text = as_text(render_to_vec(c, Format::Text, &ctx));
            assert!(text.chars().all(|ch| ch == '\n' || !ch.is_control()));
        }
    }
}

#[test]
fn only_safe_locations_are_linked() {
    let link = Selector::parse("a[href]").unwrap();
    for (location, linked) in [
        (&b"/new/place"[..], true),
        (b"https://example.org/", true),
        (b"HTTP://example.org/", true),
        (b"javascript:alert(1)", false),
        (b"data:text/html,x", false),
        (b"//evil.example/", false),
        (b" javascript:alert(1)", false),
    ] {
        let ctx = Context::new().with(Field::Location, location);
        let page = as_text(render_to_vec(code(302), Format::Html, &ctx));
        let doc = Html::parse_document(&page);
        let hrefs: Vec<_> = doc
            .select(&link)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(
            hrefs.contains(&std::str::from_utf8(location).unwrap()),
            linked
        );
    }
}

#[test]
fn nothing_from_the_request_appears_unless_given() {
    let page = as_text(render_to_vec(code(404), Format::Html, &Context::new()));
    assert!(!page.contains("<dl>") && !page.contains("<footer>"));
    let json: serde_json::Value =
        serde_json::from_slice(&render_to_vec(code(404), Format::Json, &Context::new())).unwrap();
    let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 4, "{keys:?}"); // type, title, status, detail
}

#[test]
fn buffer_rendering_matches_vec_rendering_and_reports_truncation() {
    let ctx = sample_context();
    let full = render_to_vec(code(404), Format::Html, &ctx);
    let mut buf = vec![0u8; full.len()];
    let mut sink = BufferSink::new(&mut buf);
    render(code(404), Format::Html, &ctx, &mut sink);
    assert!(sink.fits());
    assert_eq!(sink.written(), &full[..]);
    let mut small = [0u8; 100];
    let mut sink = BufferSink::new(&mut small);
    render(code(404), Format::Html, &ctx, &mut sink);
    assert!(!sink.fits());
    assert_eq!(sink.needed(), full.len());
    assert_eq!(sink.written(), &full[..100]);
    let mut v = Vec::new();
    v.put_u16(0);
    v.put_u16(599);
    assert_eq!(v, b"0599");
}

#[test]
fn content_types_carry_a_charset() {
    for f in Format::ALL {
        assert!(f.content_type().ends_with("; charset=utf-8"), "{f:?}");
    }
    assert_eq!(
        Format::Json.content_type(),
        "application/problem+json; charset=utf-8"
    );
    assert_eq!(Format::from_extension("x/page.HTML"), Some(Format::Html));
    assert_eq!(Format::from_extension("p.json"), Some(Format::Json));
    assert_eq!(Format::from_extension("p.txt"), Some(Format::Text));
    assert_eq!(Format::from_extension("p.php"), None);
    assert_eq!(Format::from_name("JSON"), Some(Format::Json));
}

#[test]
fn a_reason_override_shows_everywhere_and_is_escaped() {
    let ctx = Context::new().with_reason("Back <Soon>");
    let page = as_text(render_to_vec(code(503), Format::Html, &ctx));
    let doc = Html::parse_document(&page);
    let title: String = doc
        .select(&Selector::parse("title").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(title, "503 Back <Soon>");
    let h1: String = doc
        .select(&Selector::parse("h1").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(h1, "503 Back <Soon>");
    assert!(!page.contains("<Soon>"));
    let json: serde_json::Value =
        serde_json::from_slice(&render_to_vec(code(503), Format::Json, &ctx)).unwrap();
    assert_eq!(json["title"], "Back <Soon>");
    let text = as_text(render_to_vec(code(503), Format::Text, &ctx));
    assert!(text.starts_with("503 Back <Soon>\n"));
    let t = httpstatus::Template::compile(b"{{status_line}}|{{reason}}", Format::Html).unwrap();
    assert_eq!(
        as_text(t.render_to_vec(code(503), &ctx)),
        "503 Back &lt;Soon&gt;|Back &lt;Soon&gt;"
    );
    assert_eq!(ctx.reason_for(code(404)), "Back <Soon>");
    assert_eq!(Context::new().reason_for(code(404)), "Not Found");
}

#[test]
fn alternatives_and_notes_are_carried_in_every_format_and_escaped() {
    let alternatives = [
        Alternative {
            href: b"index.html.en",
            note: b"type text/html, language en",
        },
        Alternative {
            href: b"/docs/x\"><script>alert(1)</script>",
            note: b"<b>bold</b>",
        },
        Alternative {
            href: b"javascript:alert(2)",
            note: b"",
        },
    ];
    let ctx = Context::new()
        .with(Field::Notes, b"Speak HTTPS to this port <please>")
        .with_alternatives(&alternatives);

    let page = as_text(render_to_vec(code(300), Format::Html, &ctx));
    let doc = Html::parse_document(&page);
    let links: Vec<_> = doc
        .select(&Selector::parse("li a[href]").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        links,
        ["index.html.en", "/docs/x\"><script>alert(1)</script>"],
        "safe targets linked, the javascript: one shown as text"
    );
    assert_eq!(
        doc.select(&Selector::parse("script, b").unwrap()).count(),
        0
    );
    let items: Vec<String> = doc
        .select(&Selector::parse("li").unwrap())
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0], "index.html.en type text/html, language en");
    assert!(items[2].contains("javascript:alert(2)"));
    assert!(page.contains("Speak HTTPS to this port &lt;please&gt;"));

    let json: serde_json::Value =
        serde_json::from_slice(&render_to_vec(code(406), Format::Json, &ctx)).unwrap();
    assert_eq!(json["notes"], "Speak HTTPS to this port <please>");
    assert_eq!(json["alternatives"][0]["href"], "index.html.en");
    assert_eq!(
        json["alternatives"][0]["note"],
        "type text/html, language en"
    );
    assert_eq!(json["alternatives"][1]["note"], "<b>bold</b>");
    assert_eq!(json["alternatives"].as_array().unwrap().len(), 3);

    let text = as_text(render_to_vec(code(406), Format::Text, &ctx));
    assert!(
        text.contains("\nSpeak HTTPS to this port <please>\n"),
        "{text}"
    );
    assert!(
        text.contains("  index.html.en  (type text/html, language en)\n"),
        "{text}"
    );
    assert!(text.contains("  javascript:alert(2)\n"), "{text}");
}

#[test]
fn a_maintenance_document_says_so_in_every_format_and_escapes_the_message() {
    use httpstatus::lang::Language;
    use httpstatus::render::Maintenance;
    let message: &[u8] = b"New <shop> & \"more\".\nBack at 6.";
    let maintenance = Maintenance {
        message: Some(message),
        retry_after: Some(25 * 60),
    };
    let ctx = sample_context().with_maintenance(maintenance);
    let html = as_text(render_to_vec(code(503), Format::Html, &ctx));
    let page = Html::parse_document(&html);
    let heading = Selector::parse("h1").unwrap();
    let h1: String = page.select(&heading).next().unwrap().text().collect();
    assert_eq!(h1, "503 Down for maintenance");
    let paragraphs: Vec<String> = page
        .select(&Selector::parse("p").unwrap())
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(
        paragraphs[0], "New <shop> & \"more\".\nBack at 6.",
        "the message as text"
    );
    assert_eq!(paragraphs[1], "We expect to be back in about 30 minutes.");
    assert!(!html.contains("<shop>"), "no markup from the message");

    let json: serde_json::Value =
        serde_json::from_slice(&render_to_vec(code(503), Format::Json, &ctx)).unwrap();
    assert_eq!(json["retry_after"], 1500);
    assert_eq!(
        json["title"], "Service Unavailable",
        "the status's own title"
    );
    assert_eq!(
        json["detail"],
        "New <shop> & \"more\".\nBack at 6. We expect to be back in about 30 minutes."
    );

    let text = as_text(render_to_vec(code(503), Format::Text, &ctx));
    assert!(text.starts_with(
        "503 Service Unavailable\n\nDown for maintenance\n\nNew <shop> & \"more\".\nBack at 6.\n\
         We expect to be back in about 30 minutes.\n"
    ));

    // Without a message or an end: the built-in sentence alone, in the language.
    let bare = Context::new()
        .with_language(Language::from_tag("de").unwrap())
        .with_maintenance(Maintenance::default());
    let json: serde_json::Value =
        serde_json::from_slice(&render_to_vec(code(503), Format::Json, &bare)).unwrap();
    assert!(json.get("retry_after").is_none());
    assert_eq!(
        json["detail"].as_str().unwrap(),
        Language::from_tag("de")
            .unwrap()
            .message(httpstatus::lang::Message::MaintenanceSummary)
            .as_str()
    );
}

#[test]
fn a_template_summary_is_the_maintenance_sentence_in_maintenance() {
    use httpstatus::render::Maintenance;
    let template = httpstatus::Template::compile(b"<p>{{summary}}</p>", Format::Html).unwrap();
    let ctx = Context::new().with_maintenance(Maintenance {
        message: Some(b"<b>soon</b>"),
        retry_after: Some(60),
    });
    assert_eq!(
        as_text(template.render_to_vec(code(503), &ctx)),
        "<p>&lt;b&gt;soon&lt;/b&gt; We expect to be back in a few minutes.</p>"
    );
}

#[test]
fn the_operators_message_and_links_are_escaped_and_only_safe_links_linked() {
    use httpstatus::render::Link;
    let links = [
        Link {
            label: b"Status <page>",
            href: b"https://status.example.com/?a=1&b=2",
        },
        Link {
            label: b"Bad",
            href: b"javascript:alert(1)",
        },
    ];
    let ctx = Context::new()
        .with_message(b"We <moved> & \"renamed\".\nSee below.")
        .with_links(&links);
    let html = as_text(render_to_vec(code(404), Format::Html, &ctx));
    assert!(html.contains(
        "<p style=\"white-space:pre-line\">We &lt;moved&gt; &amp; &quot;renamed&quot;.\nSee below.</p>"
    ));
    assert!(html.contains(
        "<li><a href=\"https://status.example.com/?a=1&amp;b=2\">Status &lt;page&gt;</a></li>"
    ));
    assert!(
        !html.contains("javascript:") && !html.contains(">Bad<"),
        "an unsafe link is left out"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&render_to_vec(code(404), Format::Json, &ctx)).unwrap();
    assert_eq!(json["detail"], "We <moved> & \"renamed\".\nSee below.");
    let text = as_text(render_to_vec(code(404), Format::Text, &ctx));
    assert!(
        text.contains("\n\nWe <moved> & \"renamed\".\nSee below.\n"),
        "{text}"
    );
}

#[test]
fn a_logo_carries_the_site_name_and_an_accent_keeps_its_contrast() {
    use httpstatus::render::{Accent, contrast};
    let accent = Accent::from_hex("#ffd700").unwrap();
    let ctx = Context::new()
        .with(Field::Site, b"Caf\xc3\xa9 <Shop>")
        .with(Field::Logo, b"/img/logo.png")
        .with_accent(accent);
    let html = as_text(render_to_vec(code(404), Format::Html, &ctx));
    assert!(html.contains(
        "<p class=\"site\"><img class=\"logo\" src=\"/img/logo.png\" alt=\"Caf\u{e9} &lt;Shop&gt;\"></p>"
    ));
    let light = format!(
        "#{:02x}{:02x}{:02x}",
        accent.light[0], accent.light[1], accent.light[2]
    );
    assert!(
        html.contains(&format!("main{{--accent:{light}}}")),
        "{}",
        &html[..1500]
    );
    assert!(contrast(accent.light, [255, 255, 255]) >= 4.5);
    let unsafe_logo = ctx.with(Field::Logo, b"javascript:alert(1)");
    let html = as_text(render_to_vec(code(404), Format::Html, &unsafe_logo));
    assert!(
        !html.contains("<img") && html.contains("<p class=\"site\">Caf\u{e9} &lt;Shop&gt;</p>")
    );
}

#[test]
fn an_unsafe_home_page_or_contact_is_not_linked() {
    for (field, target) in [
        (Field::Home, &b"javascript:alert(1)"[..]),
        (Field::Contact, b"mailto:a b@example.com"),
        (Field::Contact, b"data:text/html,x"),
    ] {
        let ctx = Context::new().with(field, target);
        let page = as_text(render_to_vec(code(503), Format::Html, &ctx));
        assert!(
            !page.contains(&String::from_utf8_lossy(target).to_string()),
            "{field:?}: {page}"
        );
        // The same page with a safe target links it: the test sees links.
        let safe = Context::new().with(field, b"https://example.com/");
        let page = as_text(render_to_vec(code(503), Format::Html, &safe));
        assert!(page.contains("href=\"https://example.com/\""), "{field:?}");
    }
}
