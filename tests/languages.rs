//! Documents in the visitor's language: every code in every language renders and
//! parses, nothing is left untranslated or unfilled, and Accept-Language picks the
//! language clients expect (including every case stock httpd's pages get wrong).

use httpstatus::lang::{
    Language, LanguageSet, Message, catalogue_keys, catalogue_source, lookup, negotiate_language,
    reviewed_identical,
};
use httpstatus::render::render_to_vec;
use httpstatus::{Context, Field, Format, StatusCode};
use scraper::{Html, Selector};

const TAGS: [&str; 36] = [
    "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "ga", "he", "hi", "hr",
    "hu", "id", "it", "ja", "ko", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sr", "sv", "th",
    "tr", "uk", "vi", "zh-Hans", "zh-Hant",
];

fn lang(tag: &str) -> Language {
    Language::from_tag(tag).unwrap_or_else(|| panic!("no {tag}"))
}

fn pick(header: &str) -> &'static str {
    negotiate_language(Some(header.as_bytes()), LanguageSet::ALL, Language::ENGLISH).tag()
}

#[test]
fn the_thirty_six_languages_with_their_tags_and_directions() {
    let mut tags: Vec<&str> = Language::all().map(Language::tag).collect();
    tags.sort_unstable();
    let mut want = TAGS.to_vec();
    want.sort_unstable();
    assert_eq!(tags, want);
    assert_eq!(Language::all().next(), Some(Language::ENGLISH));
    for l in Language::all() {
        let rtl = matches!(l.tag(), "ar" | "fa" | "he");
        assert_eq!(l.is_right_to_left(), rtl, "{l}");
        assert_eq!(l.dir(), if rtl { "rtl" } else { "ltr" });
        assert_eq!(Language::from_tag(&l.tag().to_ascii_uppercase()), Some(l));
    }
}

#[test]
fn catalogues_follow_the_template_order() {
    let source: Vec<String> = catalogue_source().into_iter().map(|e| e.key).collect();
    assert_eq!(catalogue_keys(), source.as_slice());
}

#[test]
fn lookup_falls_back_as_clients_expect() {
    for (range, want) in [
        ("fr-CA", Some("fr")),
        ("FR", Some("fr")),
        ("pt", Some("pt")),
        ("pt-PT", Some("pt")),
        ("pt-BR", Some("pt-BR")),
        ("pt-br", Some("pt-BR")),
        ("zh", Some("zh-Hans")),
        ("zh-CN", Some("zh-Hans")),
        ("zh-SG", Some("zh-Hans")),
        ("zh-Hans-CN", Some("zh-Hans")),
        ("zh-TW", Some("zh-Hant")),
        ("zh-HK", Some("zh-Hant")),
        ("zh-MO", Some("zh-Hant")),
        ("zh-Hant-TW", Some("zh-Hant")),
        ("zh-hant", Some("zh-Hant")),
        ("no", Some("nb")),
        ("nn", Some("nb")),
        ("nb-NO", Some("nb")),
        ("sr-Cyrl-RS", Some("sr")),
        ("en-GB", Some("en")),
        ("de-DE-x-private", Some("de")),
        ("iw", Some("he")),
        ("xx", None),
        ("*", None),
        ("", None),
        ("de_DE", None),
    ] {
        assert_eq!(lookup(range.as_bytes()).map(Language::tag), want, "{range}");
    }
}

#[test]
fn negotiation_honours_weights_refusals_and_the_default() {
    assert_eq!(pick("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7"), "de");
    assert_eq!(pick("fr-CA, en;q=0.1"), "fr");
    assert_eq!(pick("en;q=0.5, ja"), "ja");
    assert_eq!(
        pick("ja;q=0.5, ko;q=0.5"),
        "ja",
        "ties go to the first listed"
    );
    assert_eq!(pick("de;q=0, *"), "en", "* is the default first");
    assert_eq!(
        pick("en;q=0, *"),
        "ar",
        "then any offered language not refused"
    );
    assert_eq!(
        pick("de;q=0, de-AT"),
        "en",
        "a refusal covers its more specific forms"
    );
    assert_eq!(pick("zh;q=0, zh-TW"), "en");
    assert_eq!(pick("xx-YY, tlh"), "en", "nothing known: the default");
    assert_eq!(
        pick("de;q=bogus, fr;q=1.5, it;q=0.8"),
        "it",
        "malformed weights void"
    );
    assert_eq!(pick(",,;;q=,  , es ;  q=0.3 "), "es");
    let offered: LanguageSet = ["fr", "de"].into_iter().map(lang).collect();
    let pick_in = |h: &str, d: &str| negotiate_language(Some(h.as_bytes()), offered, lang(d)).tag();
    assert_eq!(pick_in("ja, de;q=0.1", "fr"), "de");
    assert_eq!(pick_in("ja", "fr"), "fr");
    assert_eq!(negotiate_language(None, offered, lang("de")).tag(), "de");
}

#[test]
fn hostile_headers_are_linear_and_harmless() {
    let many = "xx-YY;q=0.5,".repeat(10_000) + "de";
    assert_eq!(pick(&many), "de");
    let long = format!("{}, fi", "a".repeat(8192));
    assert_eq!(pick(&long), "fi");
    let junk: Vec<u8> = (0..=255u8).cycle().take(8192).collect();
    let _ = negotiate_language(Some(&junk), LanguageSet::ALL, Language::ENGLISH);
}

fn every_document(language: Language) -> impl Iterator<Item = (StatusCode, Format, String)> {
    StatusCode::all().flat_map(move |code| {
        Format::ALL.into_iter().map(move |format| {
            let ctx = Context::new()
                .with_language(language)
                .with_details(true)
                .with(Field::Method, b"GET")
                .with(Field::Path, b"/x<y>")
                .with(Field::RequestId, b"id-1")
                .with(Field::Location, b"/elsewhere");
            let doc = String::from_utf8(render_to_vec(code, format, &ctx)).unwrap();
            (code, format, doc)
        })
    })
}

#[test]
fn every_code_in_every_language_renders_and_parses() {
    let html_el = Selector::parse("html").unwrap();
    let h1 = Selector::parse("h1").unwrap();
    for language in Language::all() {
        for (code, format, doc) in every_document(language) {
            let what = format!("{} {} {:?}", language, code.as_u16(), format);
            assert!(
                !doc.contains("{link}")
                    && !doc.contains("{reference}")
                    && !doc.contains("{origin}")
                    && !doc.contains("{number}")
                    && !doc.contains("{section}"),
                "{what}: a placeholder is left"
            );
            if format != Format::Text {
                assert!(!doc.contains("<y>"), "{what}: request data unescaped");
            }
            match format {
                Format::Html => {
                    let page = Html::parse_document(&doc);
                    assert!(page.errors.is_empty(), "{what}: {:?}", page.errors);
                    let root = page.select(&html_el).next().unwrap();
                    assert_eq!(root.value().attr("lang"), Some(language.tag()), "{what}");
                    assert_eq!(root.value().attr("dir"), Some(language.dir()), "{what}");
                    let heading: String = page.select(&h1).next().unwrap().text().collect();
                    assert!(heading.contains(language.title(code).as_str()), "{what}");
                }
                Format::Json => {
                    let v: serde_json::Value =
                        serde_json::from_str(&doc).unwrap_or_else(|e| panic!("{what}: {e}"));
                    assert_eq!(v["title"], language.title(code).as_str(), "{what}");
                    assert_eq!(v["detail"], language.summary(code).as_str(), "{what}");
                    assert_eq!(v["status"], code.as_u16(), "{what}");
                }
                Format::Text => {
                    assert!(doc.starts_with(&format!(
                        "{} {}\n",
                        code.as_u16(),
                        language.title(code).as_str()
                    )));
                    assert!(doc.contains(language.summary(code).as_str()), "{what}");
                }
            }
        }
    }
}

#[test]
fn translated_catalogues_leave_nothing_in_english_but_what_is_reviewed() {
    // Every text a catalogue keeps as in English is marked there with a reason
    // (`# identical: ...`); nothing else may be English.
    let reviewed = reviewed_identical();
    let en = Language::ENGLISH;
    let mut kept = Vec::new();
    for language in Language::all().filter(|l| *l != en) {
        let texts = StatusCode::all().flat_map(|code| {
            [
                (
                    format!("{}.title", key_of(code)),
                    language.title(code),
                    en.title(code),
                ),
                (
                    format!("{}.summary", key_of(code)),
                    language.summary(code),
                    en.summary(code),
                ),
                (
                    format!("{}.description", key_of(code)),
                    language.description(code),
                    en.description(code),
                ),
            ]
        });
        let messages = Message::ALL
            .into_iter()
            .map(|m| (m.key().to_string(), language.message(m), en.message(m)));
        let mut seen = std::collections::HashSet::new();
        for (key, text, english) in texts.chain(messages) {
            if text == english && seen.insert(key.clone()) {
                kept.push((language.tag(), key.clone()));
                assert!(
                    reviewed
                        .iter()
                        .any(|(t, k, why)| *t == language.tag() && *k == key && !why.is_empty()),
                    "{language}: {key} is still English and not marked as reviewed"
                );
            }
        }
    }
    for (tag, key, why) in reviewed {
        assert!(
            Language::from_tag(tag).is_some() && !why.is_empty(),
            "{tag} {key}"
        );
    }
    assert!(
        kept.len() <= 3 * (Language::COUNT - 1),
        "too much English: {kept:?}"
    );
}

/// The catalogue key of a code's row: its number, or its class for unassigned codes.
fn key_of(code: StatusCode) -> String {
    if code.kind() == httpstatus::Kind::Unassigned {
        code.class().pattern().to_string()
    } else {
        code.as_u16().to_string()
    }
}

#[test]
fn translations_are_safe_to_write_as_they_are() {
    for language in Language::all() {
        for code in StatusCode::all() {
            for text in [
                language.title(code),
                language.summary(code),
                language.description(code),
            ] {
                let mut escaped = Vec::new();
                httpstatus::render::write_escaped(
                    &mut escaped,
                    text.as_str().as_bytes(),
                    httpstatus::render::Escape::Json,
                );
                assert_eq!(
                    escaped,
                    text.as_str().as_bytes(),
                    "{language} {}",
                    code.as_u16()
                );
            }
        }
    }
}
