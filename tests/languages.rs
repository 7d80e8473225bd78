//! Documents in the visitor's language: every code in every language renders and
//! parses, nothing is left untranslated or unfilled, and Accept-Language picks the
//! language clients expect (including every case stock httpd's pages get wrong).

use httpstatus::lang::{
    Language, LanguageSet, MAX_LANGUAGE_RANGES, Message, catalogue_keys, catalogue_source, lookup,
    negotiate_language, reviewed_identical,
};
use httpstatus::render::render_to_vec;
use httpstatus::{Context, Field, Format, StatusCode};
use scraper::{Html, Selector};

const TAGS: [&str; 37] = [
    "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "ga", "he", "hi", "hr",
    "hu", "id", "it", "ja", "ko", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sr", "sr-Latn",
    "sv", "th", "tr", "uk", "vi", "zh-Hans", "zh-Hant",
];

fn lang(tag: &str) -> Language {
    Language::from_tag(tag).unwrap_or_else(|| panic!("no {tag}"))
}

fn pick(header: &str) -> &'static str {
    negotiate_language(Some(header.as_bytes()), LanguageSet::ALL, Language::ENGLISH).tag()
}

#[test]
fn the_languages_with_their_tags_and_directions() {
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
    let within = "xx-YY;q=0.5,".repeat(MAX_LANGUAGE_RANGES - 1) + "de";
    assert_eq!(pick(&within), "de");
    let beyond = "xx-YY;q=0.5,".repeat(10_000) + "de";
    assert_eq!(pick(&beyond), "en", "only the first elements are read");
    let refusals = (0..780)
        .map(|i| format!("x{i:03};q=0"))
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(pick(&format!("fr,{refusals},*;q=0.5")), "fr");
    let spaces = format!("{}de, fr;q=0.5", " ".repeat(8000));
    assert_eq!(
        pick(&spaces),
        "fr",
        "an element too long to be a range is void"
    );
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
        let visitor = StatusCode::all().filter_map(|code| {
            let (text, _) = language.visitor(code)?;
            let (english, _) = en.visitor(code)?;
            let key = if code.kind() == httpstatus::Kind::Unassigned {
                code.class().pattern().to_string()
            } else {
                code.as_u16().to_string()
            };
            Some((format!("{key}.visitor"), text, english))
        });
        let mut seen = std::collections::HashSet::new();
        for (key, text, english) in texts.chain(messages).chain(visitor) {
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

/// The negotiation as its definition reads, with none of the speed: every element
/// parsed into a list first, each language compared with every refusal.
fn negotiate_by_definition(header: &[u8], offered: LanguageSet, default: Language) -> Language {
    let ows = |s: &[u8]| -> Vec<u8> {
        let start = s
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t'))
            .unwrap_or(s.len());
        let end = s
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t'))
            .map_or(start, |e| e + 1);
        s[start..end].to_vec()
    };
    let qvalue = |v: &[u8]| -> Option<u16> {
        let s = std::str::from_utf8(v).ok()?;
        let ok = s == "0"
            || s == "1"
            || s.starts_with("0.") && s.len() <= 5
            || s.starts_with("1.") && s.len() <= 5;
        if !ok || !s.bytes().skip(2).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let q = (s.parse::<f64>().ok()? * 1000.0).round() as u16;
        (q <= 1000).then_some(q)
    };
    let mut elements: Vec<(Vec<u8>, u16)> = Vec::new();
    for item in header.split(|&b| b == b',').take(MAX_LANGUAGE_RANGES) {
        let mut parts = item.split(|&b| b == b';');
        let range = ows(parts.next().unwrap());
        let mut weight = Some(1000);
        for param in parts {
            let param = ows(param);
            if param.len() >= 2 && param[..2].eq_ignore_ascii_case(b"q=") {
                weight = qvalue(&ows(&param[2..]));
            }
        }
        if let Some(weight) = weight {
            if !range.is_empty() {
                elements.push((range, weight));
            }
        }
    }
    let refuses = |range: &[u8], language: Language| {
        let tag = language.tag().to_ascii_lowercase();
        let range = String::from_utf8_lossy(range).to_ascii_lowercase();
        tag == range
            || tag.starts_with(&format!("{range}-"))
            || (!range.contains('-') && lookup(range.as_bytes()) == Some(language))
    };
    let refused = |language: Language| {
        elements
            .iter()
            .any(|(r, w)| *w == 0 && r.as_slice() != b"*" && refuses(r, language))
    };
    let named: Vec<Language> = elements
        .iter()
        .filter(|(_, w)| *w > 0)
        .filter_map(|(r, _)| lookup(r))
        .collect();
    let mut best: Option<(u16, Language)> = None;
    for (range, weight) in &elements {
        if *weight == 0 || range.as_slice() == b"*" {
            continue;
        }
        if let Some(language) = lookup(range) {
            if offered.contains(language)
                && !refused(language)
                && best.is_none_or(|(w, _)| *weight > w)
            {
                best = Some((*weight, language));
            }
        }
    }
    let star = elements
        .iter()
        .filter(|(r, _)| r.as_slice() == b"*")
        .map(|(_, w)| *w)
        .max()
        .unwrap_or(0);
    if star > best.map_or(0, |(w, _)| w) {
        let acceptable = |l: &Language| offered.contains(*l) && !refused(*l) && !named.contains(l);
        if let Some(language) = Some(default)
            .filter(acceptable)
            .or_else(|| Language::all().find(acceptable))
        {
            return language;
        }
    }
    best.map_or(default, |(_, language)| language)
}

use proptest::strategy::Strategy as _;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 4096, .. Default::default() })]

    #[test]
    fn negotiation_agrees_with_its_definition(
        items in proptest::collection::vec((0usize..24, 0usize..12, 0usize..4), 0..12),
        offered_bits in proptest::prelude::any::<u64>(),
        default_index in 0usize..Language::COUNT,
    ) {
        const RANGES: [&str; 24] = [
            "de", "DE-at", "en", "en-US", "fr-CA", "zh", "zh-TW", "zh-Hant", "zh-hans-CN", "pt",
            "pt-BR", "pt-PT", "no", "nn", "nb-NO", "iw", "in", "sr", "*", "x000", "tlh", "",
            "de-x-a", "ar",
        ];
        const WEIGHTS: [&str; 12] = [
            "", ";q=0", ";q=1", ";q=0.5", ";q=0.500", ";Q=0.9", ";q=0.001", ";q=1.5",
            ";q=", " ; q=0.3 ", ";level=1;q=0", ";q=0.25;q=1",
        ];
        const SPACE: [&str; 4] = ["", " ", "\t", " \t "];
        let header: String = items
            .iter()
            .map(|&(r, w, s)| format!("{}{}{}", SPACE[s], RANGES[r], WEIGHTS[w]))
            .collect::<Vec<_>>()
            .join(",");
        let offered = LanguageSet::from_bits(offered_bits);
        let default = Language::from_index(default_index).unwrap();
        proptest::prop_assert_eq!(
            negotiate_language(Some(header.as_bytes()), offered, default),
            negotiate_by_definition(header.as_bytes(), offered, default),
            "header {:?}", header
        );
    }

    /// A header of one range alone takes a shorter way: the same answers.
    #[test]
    fn a_single_range_is_negotiated_as_any_list(
        range in proptest::prop_oneof![
            proptest::string::string_regex("[a-zA-Z0-9*-]{0,40}").unwrap(),
            proptest::sample::select(vec![
                "de", "DE", "de-AT", "en-US", "zh-TW", "zh-hant", "ZH-Hans-CN", "pt-BR", "pt",
                "nb", "no", "nn", "iw", "in", "sr-Latn", "ar", "*", "x",
            ]).prop_map(|tag: &str| tag.to_string()),
        ],
        offered_bits in proptest::prelude::any::<u64>(),
        default_index in 0usize..Language::COUNT,
    ) {
        let offered = LanguageSet::from_bits(offered_bits);
        let default = Language::from_index(default_index).unwrap();
        proptest::prop_assert_eq!(
            negotiate_language(Some(range.as_bytes()), offered, default),
            negotiate_by_definition(range.as_bytes(), offered, default),
            "header {:?}", range
        );
    }
}

#[test]
fn serbian_comes_in_both_scripts() {
    for (range, want) in [
        ("sr", "sr"),
        ("sr-RS", "sr"),
        ("sr-Cyrl", "sr"),
        ("sr-Cyrl-RS", "sr"),
        ("sr-Latn", "sr-Latn"),
        ("sr-latn-RS", "sr-Latn"),
        ("sr-Latn-ME", "sr-Latn"),
    ] {
        assert_eq!(pick(range), want, "{range}");
    }
    assert_eq!(
        pick("sr-Latn;q=0, sr"),
        "sr",
        "refusing the Latin script keeps Cyrillic"
    );
    let cyrillic = lang("sr");
    let latin = lang("sr-Latn");
    let is_cyrillic = |c: char| ('\u{400}'..='\u{4ff}').contains(&c);
    for code in StatusCode::all() {
        let (c, l) = (
            cyrillic.summary(code).as_str(),
            latin.summary(code).as_str(),
        );
        assert!(!l.chars().any(is_cyrillic), "{code}: {l}");
        assert_eq!(
            c.chars().any(is_cyrillic),
            c != l,
            "{code}: transliterated where Cyrillic"
        );
    }
    // The standard letters, and Љ Њ Џ as two letters, both capitals in capitals.
    let title = |n: u16| latin.title(StatusCode::new(n).unwrap()).as_str();
    let cyrillic_title = |n: u16| cyrillic.title(StatusCode::new(n).unwrap()).as_str();
    assert_eq!(cyrillic_title(404), "Није пронађено");
    assert_eq!(title(404), "Nije pronađeno");
    let page = String::from_utf8(render_to_vec(
        StatusCode::new(404).unwrap(),
        Format::Html,
        &Context::new().with_language(latin),
    ))
    .unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"sr-Latn\" dir=\"ltr\""));
}
