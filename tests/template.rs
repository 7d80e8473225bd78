//! Templates: placeholders, escaping per format, compile errors with positions,
//! and property tests over random templates and Accept headers.

use httpstatus::render::{BufferSink, TemplateErrorKind, negotiate};
use httpstatus::{Context, Field, Format, FormatSet, StatusCode, Template};
use proptest::prelude::*;

fn code(n: u16) -> StatusCode {
    StatusCode::new(n).unwrap()
}

fn render(src: &str, format: Format, n: u16, ctx: &Context<'_>) -> String {
    let t = Template::compile(src.as_bytes(), format).unwrap();
    String::from_utf8(t.render_to_vec(code(n), ctx)).unwrap()
}

#[test]
fn every_placeholder_is_filled() {
    let src = "{{code}}|{{reason}}|{{status_line}}|{{class}}|{{kind}}|{{reference}}|\
               {{reference_url}}|{{origin}}|{{content_type}}|{{method}}|{{path}}|\
               {{request_id}}|{{server}}|{{date}}|{{location}}";
    let ctx = Context::new()
        .with(Field::Method, b"POST")
        .with(Field::Path, b"/p")
        .with(Field::RequestId, b"id1")
        .with(Field::Server, b"srv")
        .with(Field::Date, b"Sun, 22 Nov 2026 10:00:00 GMT")
        .with(Field::Location, b"/next");
    assert_eq!(
        render(src, Format::Text, 404, &ctx),
        "404|Not Found|404 Not Found|Client Error|registered|RFC 9110, Section 15.5.5|\
         https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5||text/plain; charset=utf-8|\
         POST|/p|id1|srv|Sun, 22 Nov 2026 10:00:00 GMT|/next"
    );
    assert_eq!(render("{{ origin }}", Format::Html, 444, &ctx), "nginx");
    assert_eq!(
        render("{{summary}}", Format::Text, 404, &ctx),
        code(404).summary().as_str()
    );
    assert_eq!(
        render("{{description}}", Format::Text, 404, &ctx),
        code(404).description().as_str()
    );
    // Fields the caller did not set render empty.
    assert_eq!(
        render("[{{method}}]", Format::Html, 500, &Context::new()),
        "[]"
    );
}

#[test]
fn values_are_escaped_for_the_template_format_unless_raw() {
    let ctx = Context::new().with(Field::Path, b"<a href=\"x\">'&\"\n");
    assert_eq!(
        render(
            "<p title=\"{{path}}\">{{path}}</p>",
            Format::Html,
            404,
            &ctx
        ),
        "<p title=\"&lt;a href=&quot;x&quot;&gt;&#39;&amp;&quot;\n\">&lt;a href=&quot;x&quot;&gt;&#39;&amp;&quot;\n</p>"
    );
    let json = render(
        "{\"p\": \"{{path}}\", \"s\": {{code}}}",
        Format::Json,
        404,
        &ctx,
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["p"], "<a href=\"x\">'&\"\n");
    assert_eq!(v["s"], 404);
    // Registry values may be raw; request values never are.
    assert_eq!(
        render("{{ status_line | raw }}", Format::Html, 418, &ctx),
        "418 I'm a teapot"
    );
    for src in ["{{path|raw}}", "{{ path | raw }}", "{{notes|raw}}"] {
        let e = Template::compile(src.as_bytes(), Format::Html).unwrap_err();
        assert!(
            matches!(e.kind, TemplateErrorKind::RawRequestValue(_)),
            "{src}: {e}"
        );
    }
    let ctx = Context::new().with(Field::Method, b"G\x1bET\r\n");
    assert_eq!(
        render("{{method}}", Format::Text, 404, &ctx),
        "G\u{FFFD}ET\u{FFFD}\u{FFFD}"
    );
}

#[test]
fn literal_text_survives_untouched() {
    let src = "<style>a{color:red}</style>\n{ \"x\": {\"y\": 1}}\n}} é ✓";
    assert_eq!(render(src, Format::Html, 404, &Context::new()), src);
    assert_eq!(render("", Format::Html, 404, &Context::new()), "");
}

fn compile_err(src: &[u8]) -> (TemplateErrorKind, usize, usize, String) {
    let e = Template::compile(src, Format::Html).unwrap_err();
    let msg = e.to_string();
    (e.kind, e.line, e.column, msg)
}

#[test]
fn compile_errors_name_the_line_and_column() {
    let (kind, line, col, msg) = compile_err(b"<p>\n  {{nope}}</p>");
    assert_eq!(kind, TemplateErrorKind::UnknownPlaceholder("nope".into()));
    assert_eq!((line, col), (2, 3));
    assert!(
        msg.starts_with("line 2, column 3: unknown placeholder `nope`"),
        "{msg}"
    );

    let (kind, line, col, _) = compile_err("ééé\nab {{code".as_bytes());
    assert_eq!(kind, TemplateErrorKind::Unclosed);
    assert_eq!((line, col), (2, 4));

    let (kind, ..) = compile_err(b"{{code|upper}}");
    assert_eq!(kind, TemplateErrorKind::UnknownFilter("upper".into()));
    let (kind, ..) = compile_err(b"{{ }}");
    assert_eq!(kind, TemplateErrorKind::EmptyPlaceholder);
    let (kind, ..) = compile_err(b"{{code {{reason}}");
    assert_eq!(kind, TemplateErrorKind::Unclosed);

    let (kind, line, col, _) = compile_err(b"ok\nok\xff");
    assert_eq!(kind, TemplateErrorKind::InvalidUtf8);
    assert_eq!((line, col), (2, 3));

    let big = vec![b'x'; (1 << 20) + 1];
    assert!(matches!(
        compile_err(&big).0,
        TemplateErrorKind::TooLarge(_)
    ));

    // Hostile names are shortened and made printable in messages.
    let (_, _, _, msg) = compile_err(format!("{{{{\x1b[31m{}}}}}", "a".repeat(100)).as_bytes());
    assert!(!msg.contains('\x1b') && msg.len() < 400, "{msg}");
}

fn place_error(src: &str, format: Format) -> Option<String> {
    match Template::compile(src.as_bytes(), format) {
        Ok(_) => None,
        Err(e) => match e.kind {
            TemplateErrorKind::UnsafePlace(..) => Some(e.to_string()),
            _ => panic!("{src}: unexpected error {e}"),
        },
    }
}

#[test]
fn placeholders_where_escaping_cannot_protect_are_refused() {
    for src in [
        "<a href={{path}}>x</a>",
        "<a title=x{{path}}>x</a>",
        "<p {{path}}>x</p>",
        "<p data-{{reason}}=\"1\">x</p>",
        "<{{method}}>",
        "<script>var p = \"{{path}}\";</script>",
        "<STYLE>p{content:\"{{path}}\"}</STYLE>",
        "<button onclick=\"go('{{path}}')\">x</button>",
        "<p style=\"color: {{reason}}\">x</p>",
        "<iframe srcdoc=\"{{path}}\"></iframe>",
        "<!DOCTYPE {{path}}>",
    ] {
        let e = place_error(src, Format::Html);
        assert!(e.is_some(), "accepted: {src}");
        assert!(e.unwrap().contains("where escaping cannot"), "{src}");
    }
    for src in [
        "{\"p\": {{path}}}",
        "{\"p\": \"x\"{{reason}}}",
        "[{{method}}]",
    ] {
        assert!(place_error(src, Format::Json).is_some(), "accepted: {src}");
    }
}

#[test]
fn placeholders_in_safe_places_are_accepted() {
    for src in [
        "<p>{{path}}</p>",
        "<title>{{status_line}}</title>",
        "<p title=\"{{path}}\" lang='{{method}}'>{{notes}}</p>",
        "<p class=c{{code}} {{code}}>{{code}}</p>",
        "<!-- {{path}} --><p>{{path}}</p>",
        "<script>var c = {{code}};</script><p>{{path}}</p>",
        "<style>p{}</style>\n<a href=\"/search?q={{path}}\">{{path}}</a>",
        "<img alt=\"{{reason}}\" src=\"{{location}}\">",
        "<a href=\"{{location}}\">{{location}}</a> <a href='{{reference_url}}'>x</a>",
    ] {
        assert_eq!(place_error(src, Format::Html), None, "{src}");
    }
    for src in [
        "{\"p\": \"{{path}}\", \"c\": {{code}}}",
        "{\"q\": \"a\\\"{{path}}\", \"r\": \"{{reason}}\"}",
    ] {
        assert_eq!(place_error(src, Format::Json), None, "{src}");
    }
    assert_eq!(place_error("<a href={{path}}>", Format::Text), None);
}

#[test]
fn a_value_starting_a_url_attribute_must_be_a_safe_link() {
    let t = "<a href=\"{{location}}\">{{location}}</a><a href=\" {{location}}\">x</a>\
             <a href=\"/go?to={{location}}\">y</a>";
    for (location, linked) in [
        ("/next", true),
        ("https://example.org/", true),
        ("page.html.en", true),
        ("javascript:alert(1)", false),
        ("JaVaScRiPt:alert(1)", false),
        ("data:text/html,x", false),
        ("//evil.example/", false),
        ("/\\evil.example/", false),
    ] {
        let ctx = Context::new().with(Field::Location, location.as_bytes());
        let out = render(t, Format::Html, 302, &ctx);
        let expected_href = if linked { location } else { "about:invalid" };
        assert!(
            out.starts_with(&format!("<a href=\"{expected_href}\">")),
            "{location}: {out}"
        );
        assert!(
            out.contains(&format!("<a href=\" {expected_href}\">x")),
            "{location} after a blank: {out}"
        );
        // Later in the value the scheme is settled: the value is only escaped.
        assert!(out.contains("<a href=\"/go?to="), "{out}");
    }
}

#[test]
fn a_compiled_template_renders_into_a_buffer() {
    let t = Template::compile(b"<h1>{{status_line}}</h1>", Format::Html).unwrap();
    let mut buf = [0u8; 64];
    let mut sink = BufferSink::new(&mut buf);
    t.render(code(418), &Context::new(), &mut sink);
    assert_eq!(sink.written(), b"<h1>418 I&#39;m a teapot</h1>");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_templates_compile_or_fail_cleanly(src in proptest::collection::vec(any::<u8>(), 0..300)) {
        match Template::compile(&src, Format::Text) {
            Ok(t) => {
                let out = t.render_to_vec(code(404), &Context::new());
                prop_assert!(std::str::from_utf8(&out).is_ok());
            }
            Err(e) => {
                prop_assert!(e.line >= 1 && e.column >= 1);
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }

    #[test]
    fn placeholder_soup_compiles_or_fails_with_a_position(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("{{".to_string()), Just("}}".to_string()), Just("{{code}}".to_string()),
                Just("{{path|raw}}".to_string()), Just("{{reason|raw}}".to_string()),
                Just("<a href=".to_string()), Just("\"".to_string()), Just(">".to_string()),
                Just("\n".to_string()), Just("é".to_string()),
                "[a-z_ |]{0,12}",
            ],
            0..40,
        )
    ) {
        let src = parts.concat();
        if let Err(e) = Template::compile(src.as_bytes(), Format::Html) {
            let lines = src.lines().count().max(1);
            prop_assert!(e.line <= lines + 1, "line {} of {}", e.line, lines);
        }
    }

    #[test]
    fn json_templates_stay_valid_json_for_any_value(value in proptest::collection::vec(any::<u8>(), 0..200)) {
        let t = Template::compile(b"{\"v\": \"{{path}}\", \"m\": \"{{method}}\"}", Format::Json).unwrap();
        let ctx = Context::new().with(Field::Path, &value).with(Field::Method, &value);
        let out = t.render_to_vec(code(500), &ctx);
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        if let Ok(s) = std::str::from_utf8(&value) {
            prop_assert_eq!(v["v"].as_str().unwrap(), s);
        }
    }

    #[test]
    fn negotiation_never_fails_and_respects_the_offer(
        accept in "[a-z*/+;=.,0-9 q]{0,200}",
        offered in 0u32..8,
    ) {
        let set = FormatSet::from_bits(offered);
        let f = negotiate(Some(accept.as_bytes()), set);
        prop_assert!(set.is_empty() || set.contains(f));
    }

    #[test]
    fn an_explicitly_preferred_format_wins(which in 0usize..3, noise_q in 0u32..1000) {
        let types = ["text/html", "application/problem+json", "text/plain"];
        let mut accept = String::new();
        for (i, t) in types.iter().enumerate() {
            let q = if i == which { "1".to_string() } else { format!("0.{:03}", noise_q.min(999)) };
            accept.push_str(&format!("{t};q={q}, "));
        }
        prop_assert_eq!(negotiate(Some(accept.as_bytes()), FormatSet::ALL), Format::ALL[which]);
    }
}

#[test]
fn the_example_templates_compile_and_render() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/apache/examples/templates");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.to_string_lossy().into_owned();
        let format = Format::from_extension(&name).unwrap_or_else(|| panic!("{name}: format"));
        let source = std::fs::read(&path).unwrap();
        let template = Template::compile(&source, format).unwrap_or_else(|e| panic!("{name}: {e}"));
        let ctx = Context::new()
            .with(Field::Path, b"/missing")
            .with(Field::RequestId, b"abc");
        let out = template.render_to_vec(code(404), &ctx);
        if format == Format::Json {
            let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
            assert_eq!(v["status"], 404, "{name}");
        }
        assert!(
            String::from_utf8(out).unwrap().contains("/missing"),
            "{name}"
        );
        seen += 1;
    }
    assert!(seen >= 3, "the examples the packages ship");
}
