//! Prepared built-in documents: byte for byte what a full render writes, for
//! every code and format, every language, every combination of values shown, and
//! values that need escaping; contexts that cannot be prepared are refused.

use httpstatus::lang::Language;
use httpstatus::render::{Prepared, Shape, render_to_vec};
use httpstatus::{Alternative, Context, Field, Format, StatusCode};

const FORMATS: [Format; 3] = [Format::Html, Format::Json, Format::Text];
const FIELDS: [Field; 8] = [
    Field::Method,
    Field::Path,
    Field::RequestId,
    Field::Server,
    Field::Date,
    Field::Home,
    Field::Site,
    Field::Contact,
];

/// Values that exercise every escaping path: markup, quotes, controls, invalid
/// UTF-8, a line separator, and more than the length limit.
fn hostile(field: Field) -> Vec<u8> {
    match field {
        Field::Method => b"G<E>T\"'&".to_vec(),
        Field::Path => {
            let mut p = b"/a?b=<script>&c='\x01\xff\xfe\xe2\x80\xa8".to_vec();
            p.extend(std::iter::repeat_n(b'x', 5000));
            p
        }
        Field::RequestId => b"id\\\"\n\t".to_vec(),
        // Safe to link, and every character that needs escaping in an attribute.
        Field::Home => b"/x?<script>&a=\"1\"&b='2'".to_vec(),
        Field::Contact => b"mailto:a&b@example.com".to_vec(),
        _ => "caf\u{e9} \u{202e}rtl".as_bytes().to_vec(),
    }
}

fn plain(field: Field) -> Vec<u8> {
    match field {
        Field::Method => b"GET".to_vec(),
        Field::Path => b"/does/not/exist".to_vec(),
        Field::RequestId => b"+jPVyMgwjeg".to_vec(),
        Field::Server => b"Apache".to_vec(),
        Field::Home => b"/shop/?a=1&b=\"2\"".to_vec(),
        Field::Site => "Caf\u{e9} <Shop> & \"Co\"".as_bytes().to_vec(),
        Field::Contact => b"mailto:help@example.com".to_vec(),
        _ => b"Wed, 02 Dec 2026 06:30:52 GMT".to_vec(),
    }
}

/// The context with the fields of `mask` set from `values`.
fn context<'a>(
    mask: u32,
    values: &'a [Vec<u8>; 8],
    language: Language,
    details: bool,
) -> Context<'a> {
    let mut ctx = Context::new().with_language(language).with_details(details);
    for (bit, field) in FIELDS.into_iter().enumerate() {
        if mask & (1 << bit) != 0 {
            ctx.set(field, Some(&values[bit]));
        }
    }
    ctx
}

/// Prepares the document of `shape_ctx` and fills it with each of `fills`, which
/// must be of its shape (else `render` would quietly render in full), comparing
/// each with the full render.
fn check(code: StatusCode, format: Format, shape_ctx: &Context<'_>, fills: &[Context<'_>]) {
    let prepared = Prepared::new(code, format, shape_ctx).expect("a plain context is prepared");
    for ctx in fills {
        assert_eq!(Shape::of(ctx), Some(prepared.shape()), "{code} {format:?}");
        let mut out = Vec::new();
        prepared.fill(ctx, &mut out);
        assert!(
            out == render_to_vec(code, format, ctx),
            "{code} {format:?} {:?}: prepared and full render differ",
            ctx.language()
        );
    }
}

#[test]
fn every_code_and_format_matches_the_full_render() {
    let plain_values = FIELDS.map(plain);
    let hostile_values = FIELDS.map(hostile);
    for code in StatusCode::all() {
        for format in FORMATS {
            for language in [
                Language::ENGLISH,
                Language::from_tag("ar").unwrap(),
                Language::from_tag("ja").unwrap(),
            ] {
                let shape = context(0b111, &plain_values, language, true);
                let fills = [shape, context(0b111, &hostile_values, language, true)];
                check(code, format, &shape, &fills);
            }
        }
    }
}

#[test]
fn every_language_and_combination_of_values_matches() {
    let plain_values = FIELDS.map(plain);
    let hostile_values = FIELDS.map(hostile);
    for code in [404, 300, 418, 420, 499, 503, 599].map(|n| StatusCode::new(n).unwrap()) {
        for format in FORMATS {
            for language in Language::all() {
                for details in [false, true] {
                    for mask in 0..256 {
                        let shape = context(mask, &hostile_values, language, details);
                        // Prepared from one set of values, filled with another.
                        let fills = [context(mask, &plain_values, language, details), shape];
                        check(code, format, &shape, &fills);
                    }
                }
            }
        }
    }
}

#[test]
fn a_context_of_another_shape_is_rendered_in_full() {
    let values = FIELDS.map(plain);
    let code = StatusCode::new(404).unwrap();
    let prepared = Prepared::new(
        code,
        Format::Html,
        &context(0b111, &values, Language::ENGLISH, true),
    )
    .unwrap();
    let other = context(0b011, &values, Language::from_tag("de").unwrap(), false);
    assert_ne!(Shape::of(&other), Some(prepared.shape()));
    let mut out = Vec::new();
    prepared.render(&other, &mut out);
    assert_eq!(out, render_to_vec(code, Format::Html, &other));
}

#[test]
fn contexts_whose_values_change_the_document_are_not_prepared() {
    let code = StatusCode::new(302).unwrap();
    let alternatives = [Alternative {
        href: b"/a.html",
        note: b"html",
    }];
    let refused = [
        Context::new().with(Field::Location, b"https://example.org/"),
        Context::new().with(Field::Notes, b"a note"),
        Context::new().with_alternatives(&alternatives),
        Context::new().with_reason("Found It"),
    ];
    for ctx in refused {
        assert!(Shape::of(&ctx).is_none());
        assert!(Prepared::new(code, Format::Json, &ctx).is_none());
    }
}

#[test]
fn maintenance_pages_are_prepared_and_filled_with_each_message_and_delay() {
    use httpstatus::render::Maintenance;
    let values = FIELDS.map(plain);
    let code = StatusCode::new(503).unwrap();
    let messages: [Option<&[u8]>; 3] =
        [None, Some(b"Back <soon> & \"then\".\nReally."), Some(b"x")];
    for format in FORMATS {
        for language in [Language::ENGLISH, Language::from_tag("fa").unwrap()] {
            for message in messages {
                for retry_after in [None, Some(90), Some(1_500), Some(400_000_000)] {
                    let maintenance = Maintenance {
                        message,
                        retry_after,
                    };
                    let shape =
                        context(0b111, &values, language, true).with_maintenance(maintenance);
                    // Another message of the same shape, and the same bucket a
                    // second later: both filled into the same document.
                    let other = Maintenance {
                        message: message.map(|_| &b"another\nmessage"[..]),
                        retry_after: retry_after.map(|s| s + 1),
                    };
                    let filled = context(0b111, &values, language, true).with_maintenance(other);
                    assert_eq!(
                        Shape::of(&filled),
                        Shape::of(&shape),
                        "{format:?} {retry_after:?}"
                    );
                    check(code, format, &shape, &[shape, filled]);
                }
            }
        }
    }
    // A page in maintenance is not of the shape of the same page out of it.
    let plain_ctx = context(0b111, &values, Language::ENGLISH, true);
    let closed = plain_ctx.with_maintenance(Maintenance::default());
    assert_ne!(Shape::of(&plain_ctx), Shape::of(&closed));
}

#[test]
fn the_operators_message_is_a_hole_and_links_are_rendered_in_full() {
    use httpstatus::render::Link;
    let values = FIELDS.map(plain);
    for code in [404, 500].map(|n| StatusCode::new(n).unwrap()) {
        for format in FORMATS {
            let shape = context(0b1111_1111, &values, Language::ENGLISH, false)
                .with_message(b"Our <b>shop</b> & \"more\".\nCall us.");
            let other = context(0b1111_1111, &values, Language::ENGLISH, false)
                .with_message(b"Another message");
            assert_eq!(Shape::of(&shape), Shape::of(&other));
            check(code, format, &shape, &[shape, other]);
        }
    }
    let links = [Link {
        label: b"Status page",
        href: b"https://status.example.com/",
    }];
    let linked = Context::new().with_links(&links);
    assert!(
        Shape::of(&linked).is_none(),
        "a page with links is rendered in full"
    );
}

#[test]
fn logos_and_accents_are_prepared_per_accent_and_filled_with_each_logo() {
    use httpstatus::render::Accent;
    let code = StatusCode::new(404).unwrap();
    let accent = Accent::from_hex("#ffd700").unwrap();
    let shape = Context::new()
        .with(Field::Site, b"Shop <One>")
        .with(Field::Logo, b"/logo.png?a=1&b=2")
        .with_accent(accent);
    let other = Context::new()
        .with(Field::Site, b"Shop Two")
        .with(Field::Logo, b"https://cdn.example/logo.svg")
        .with_accent(accent);
    assert_eq!(Shape::of(&shape), Shape::of(&other));
    check(code, Format::Html, &shape, &[shape, other]);
    let unsafe_logo = other.with(Field::Logo, b"javascript:alert(1)");
    assert_ne!(
        Shape::of(&unsafe_logo),
        Shape::of(&shape),
        "an unsafe logo is no logo"
    );
    let another_accent = other.with_accent(Accent::from_hex("#1f5fbf").unwrap());
    assert_ne!(Shape::of(&another_accent), Shape::of(&shape));
}

#[test]
fn a_page_prepared_for_a_scope_is_filled_with_each_requests_values() {
    use httpstatus::render::{Accent, Link, Maintenance};
    let links = [
        Link {
            label: b"Status <page>",
            href: b"https://status.example.com/?a=1&b=2",
        },
        Link {
            label: b"Help",
            href: b"javascript:alert(1)",
        },
    ];
    let accent = Accent::from_hex("#ffd700").unwrap();
    let plain_values = FIELDS.map(plain);
    let hostile_values = FIELDS.map(hostile);
    // The scope's values, then the request's own (method, path, id, server).
    let scope = |ctx: Context<'static>, values: &'static [Vec<u8>; 8]| {
        ctx.with(Field::Home, &values[5])
            .with(Field::Site, &values[6])
            .with(Field::Contact, &values[7])
            .with(Field::Logo, b"/logo.png?a=1&b=2")
            .with_accent(accent)
            .with_message(b"Our <b>shop</b> & \"more\".\nCall us.")
            .with_links(&links)
    };
    let plain_values: &'static [Vec<u8>; 8] = Box::leak(Box::new(plain_values));
    let hostile_values: &'static [Vec<u8>; 8] = Box::leak(Box::new(hostile_values));
    for code in [404, 403, 500, 503, 418, 599].map(|n| StatusCode::new(n).unwrap()) {
        for format in FORMATS {
            for language in [Language::ENGLISH, Language::from_tag("ar").unwrap()] {
                for details in [false, true] {
                    // The page is prepared with the scope's values; a request
                    // brings only its own (method, path, server), as the module's
                    // do, and the page must read as the full render of both.
                    let request = |values| context(0b1011, values, language, details);
                    let prepared_from = scope(request(plain_values), plain_values);
                    let page = Prepared::for_scope(code, format, &prepared_from).unwrap();
                    for values in [plain_values, hostile_values] {
                        let mut out = Vec::new();
                        page.fill(&request(values), &mut out);
                        assert!(
                            out == render_to_vec(
                                code,
                                format,
                                &scope(request(values), plain_values)
                            ),
                            "{code} {format:?} {language:?}: scope page and full render differ"
                        );
                    }
                }
            }
        }
    }
    // A maintenance page keeps its message and delay as the request's values.
    let code = StatusCode::new(503).unwrap();
    let closed = |message: &'static [u8], retry_after| {
        context(0b11, plain_values, Language::ENGLISH, false).with_maintenance(Maintenance {
            message: Some(message),
            retry_after: Some(retry_after),
        })
    };
    let prepared_from = scope(closed(b"first", 600), plain_values);
    let page = Prepared::for_scope(code, Format::Html, &prepared_from).unwrap();
    let later = closed(b"second <b>", 90);
    let mut out = Vec::new();
    page.fill(&later, &mut out);
    assert_eq!(
        out,
        render_to_vec(code, Format::Html, &scope(later, plain_values))
    );
    // What changes a page beyond its values is not prepared for a scope either.
    let notes = Context::new().with(Field::Notes, b"a note");
    assert!(Prepared::for_scope(code, Format::Html, &notes).is_none());
}
