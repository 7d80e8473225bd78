//! The registry over all 500 codes: phrases, classes, aliases, flags, data quality.

use httpstatus::{Class, Flags, Header, Kind, StatusCode};

fn fold(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn code(n: u16) -> StatusCode {
    StatusCode::new(n).unwrap()
}

#[test]
fn index_numbers_the_codes_from_zero() {
    assert_eq!(httpstatus::registry::CODE_COUNT, 500);
    for (i, c) in StatusCode::all().enumerate() {
        assert_eq!(c.index(), i, "{}", c.as_u16());
    }
    assert_eq!(code(100).index(), 0);
    assert_eq!(code(599).index(), 499);
}

#[test]
fn every_code_from_100_to_599_has_a_full_entry() {
    assert_eq!(StatusCode::all().count(), 500);
    for c in StatusCode::all() {
        let n = c.as_u16();
        assert!(!c.reason().is_empty(), "{n} has no phrase");
        assert!(
            !c.summary().is_empty() && !c.description().is_empty(),
            "{n}"
        );
        assert_eq!(c.status_line(), format!("{n} {}", c.reason()));
        assert_eq!(c.code_text().as_str(), n.to_string());
        assert_eq!(c.class() as u16, n / 100, "{n}");
        assert!(!c.apache().sources.is_empty() && !c.apache().hint.is_empty());
        // Phrases go on status lines: visible ASCII and single spaces only.
        assert!(
            c.reason()
                .bytes()
                .all(|b| b == b' ' || b.is_ascii_graphic()),
            "{n}: {:?}",
            c.reason()
        );
        assert!(!c.reason().starts_with(' ') && !c.reason().ends_with(' '));
        match c.kind() {
            Kind::Unassigned => {
                assert_eq!(c.reason(), c.class().name(), "{n}");
                assert!(c.reference().is_none() && c.origin().is_none());
                assert!(c.aliases().is_empty());
            }
            Kind::Unofficial => {
                assert!(c.origin().is_some(), "{n} needs its origin");
                assert!(c.reference().is_none());
            }
            Kind::Registered | Kind::Temporary | Kind::Reserved => {
                let r = c.reference().expect("registered codes cite their spec");
                assert!(r.url.as_str().starts_with("https://"), "{n}");
                assert!(c.origin().is_none());
            }
        }
    }
}

#[test]
fn texts_are_nul_terminated_for_c() {
    for c in StatusCode::all() {
        for t in [
            c.reason_text(),
            c.status_line_text(),
            c.summary(),
            c.description(),
        ] {
            assert_eq!(t.as_c_str().to_str().unwrap(), t.as_str());
        }
    }
}

#[test]
fn out_of_range_numbers_are_refused() {
    for n in [0u16, 1, 99, 600, 999, 1000, u16::MAX] {
        assert!(StatusCode::new(n).is_none(), "{n}");
    }
    assert!(StatusCode::from_int(-404i32).is_none());
    assert!(StatusCode::from_int(i32::MIN).is_none());
    assert!(StatusCode::from_int(i64::from(u16::MAX) + 404).is_none());
    assert_eq!(StatusCode::from_int(404i32), Some(code(404)));
    assert!(StatusCode::try_from(600u16).is_err());
}

#[test]
fn registered_phrases_are_the_current_iana_names() {
    let expected = [
        (100, "Continue"),
        (103, "Early Hints"),
        (104, "Upload Resumption Supported"),
        (200, "OK"),
        (207, "Multi-Status"),
        (208, "Already Reported"),
        (226, "IM Used"),
        (302, "Found"),
        (308, "Permanent Redirect"),
        (404, "Not Found"),
        (413, "Content Too Large"),
        (414, "URI Too Long"),
        (416, "Range Not Satisfiable"),
        (421, "Misdirected Request"),
        (422, "Unprocessable Content"),
        (425, "Too Early"),
        (451, "Unavailable For Legal Reasons"),
        (506, "Variant Also Negotiates"),
        (510, "Not Extended"),
        (511, "Network Authentication Required"),
    ];
    for (n, phrase) in expected {
        assert_eq!(code(n).reason(), phrase, "{n}");
    }
    assert_eq!(code(104).kind(), Kind::Temporary);
    assert_eq!(code(306).kind(), Kind::Reserved);
    assert_eq!(code(418).reason(), "I'm a teapot");
    assert_eq!(code(418).kind(), Kind::Reserved);
}

#[test]
fn unofficial_codes_name_their_origin() {
    let expected = [
        (419, "Page Expired", "Laravel"),
        (420, "Enhance Your Calm", "Twitter"),
        (440, "Login Time-out", "IIS"),
        (444, "No Response", "nginx"),
        (449, "Retry With", "IIS"),
        (460, "Client Closed Connection", "AWS"),
        (463, "Too Many Forwarded Addresses", "AWS"),
        (494, "Request Header Too Large", "nginx"),
        (499, "Client Closed Request", "nginx"),
        (509, "Bandwidth Limit Exceeded", "cPanel"),
        (520, "Web Server Returned an Unknown Error", "Cloudflare"),
        (530, "Site is frozen", "Pantheon"),
        (561, "Unauthorized", "AWS"),
        (598, "Network Read Timeout Error", "proxies"),
        (599, "Network Connect Timeout Error", "proxies"),
    ];
    for (n, phrase, origin) in expected {
        let c = code(n);
        assert_eq!(c.kind(), Kind::Unofficial, "{n}");
        assert_eq!(c.reason(), phrase, "{n}");
        assert!(c.origin().unwrap().as_str().contains(origin), "{n}");
    }
    assert!((520..=527).all(|n| code(n).kind() == Kind::Unofficial));
    assert!((494..=499).all(|n| code(n).kind() == Kind::Unofficial));
}

#[test]
fn every_code_of_the_source_lists_is_assigned() {
    let required = [
        102, 103, 207, 208, 226, 306, 308, 418, 420, 422, 423, 424, 426, 428, 429, 431, 440, 444,
        451, 506, 507, 508, 509, 510, 511,
    ];
    for n in required {
        assert_ne!(code(n).kind(), Kind::Unassigned, "{n}");
    }
    let registered = StatusCode::all()
        .filter(|c| c.kind() == Kind::Registered)
        .count();
    // IANA's registry holds 61 permanent registrations (100-103, 200-208, 226,
    // 300-305, 307, 308, 400-417, 421-426, 428, 429, 431, 451, 500-508, 510, 511),
    // plus the temporary 104 and the unused 306 and 418.
    assert_eq!(registered, 61);
}

#[test]
fn unassigned_codes_are_named_by_class() {
    for (n, phrase) in [
        (150, "Informational"),
        (299, "Successful"),
        (399, "Redirection"),
        (432, "Client Error"),
        (519, "Server Error"),
    ] {
        assert_eq!(code(n).kind(), Kind::Unassigned, "{n}");
        assert_eq!(code(n).reason(), phrase);
        assert_eq!(code(n).status_line(), format!("{n} {phrase}"));
    }
}

#[test]
fn aliases_round_trip_through_phrase_lookup() {
    let mut checked = 0;
    for c in StatusCode::all().filter(|c| c.kind() != Kind::Unassigned) {
        // The current phrase finds its code unless an earlier code owns it.
        let owner = StatusCode::from_reason(c.reason()).unwrap();
        assert!(
            owner == c || owner.reason() == c.reason(),
            "{c:?} -> {owner:?}"
        );
        for a in c.aliases() {
            let found = StatusCode::from_reason(a.phrase.as_str()).unwrap();
            // A phrase shared by two codes resolves to the code whose current name it
            // is, else to the lower code that also has it as an alias.
            let explained = found == c
                || fold(found.reason()) == fold(a.phrase.as_str())
                || (found < c && found.aliases().iter().any(|b| b.phrase == a.phrase));
            assert!(explained, "{:?} for {c:?} found {found:?}", a.phrase);
            assert!(!a.origin.is_empty());
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} aliases");
}

#[test]
fn phrase_lookup_ignores_case_spacing_and_punctuation() {
    let cases = [
        ("not found", 404),
        ("NOT   FOUND", 404),
        ("Request Entity Too Large", 413),
        ("payload too large", 413),
        ("request-uri too long", 414),
        ("Requested Range Not Satisfiable", 416),
        ("unprocessable entity", 422),
        ("Moved Temporarily", 302),
        ("checkpoint", 103),
        ("Resume Incomplete", 308),
        ("im a teapot", 418),
        ("Method Failure", 420),
        ("Unauthorized", 401),
        ("login timeout", 440),
    ];
    for (phrase, n) in cases {
        assert_eq!(StatusCode::from_reason(phrase), Some(code(n)), "{phrase}");
    }
    for bad in [
        "",
        "   ",
        "Client Error",
        "Server Error",
        "Nope",
        &"x".repeat(10_000),
    ] {
        assert_eq!(StatusCode::from_reason(bad), None, "{bad:.20}");
    }
}

#[test]
fn flags_agree_with_the_class_and_the_spec() {
    for c in StatusCode::all() {
        let n = c.as_u16();
        let f = c.flags();
        let no_body = c.class() == Class::Informational || matches!(n, 204 | 205 | 304);
        assert_eq!(f.contains(Flags::BODY_ALLOWED), !no_body, "{n}");
        assert_eq!(c.body_allowed(), !no_body, "{n}");
        assert_eq!(f.contains(Flags::ERROR), c.class().is_error(), "{n}");
        assert_eq!(c.is_error(), c.class().is_error());
    }
    let cacheable: Vec<u16> = StatusCode::all()
        .filter(|c| c.flags().contains(Flags::CACHEABLE))
        .map(StatusCode::as_u16)
        .collect();
    assert_eq!(
        cacheable,
        [
            200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 451, 501
        ]
    );
    for n in [102, 305, 306, 510] {
        assert!(code(n).flags().contains(Flags::OBSOLETE), "{n}");
    }
    assert!(!code(404).flags().contains(Flags::OBSOLETE));
}

#[test]
fn unassigned_codes_have_only_the_flags_their_class_implies() {
    let unassigned: Vec<StatusCode> = StatusCode::all()
        .filter(|c| c.kind() == Kind::Unassigned)
        .collect();
    // Each class has unassigned codes, and one of them is not x00, the number the
    // shared class row was built for.
    for class in Class::ALL {
        assert!(
            unassigned
                .iter()
                .any(|c| c.class() == class && c.as_u16() % 100 != 0),
            "{class:?}"
        );
    }
    for c in unassigned {
        let expected = match c.class() {
            Class::Informational => Flags::NONE,
            Class::Successful | Class::Redirection => Flags::BODY_ALLOWED,
            Class::ClientError | Class::ServerError => Flags::BODY_ALLOWED.union(Flags::ERROR),
        };
        assert_eq!(c.flags(), expected, "{}", c.as_u16());
    }
}

#[test]
fn headers_required_by_the_spec() {
    let needs = [
        (101, Header::Upgrade),
        (206, Header::ContentRange),
        (301, Header::Location),
        (302, Header::Location),
        (303, Header::Location),
        (307, Header::Location),
        (308, Header::Location),
        (401, Header::WwwAuthenticate),
        (405, Header::Allow),
        (407, Header::ProxyAuthenticate),
        (416, Header::ContentRange),
        (426, Header::Upgrade),
    ];
    for (n, h) in needs {
        assert!(code(n).required_headers().contains(h), "{n} {}", h.name());
    }
    assert!(code(429).related_headers().contains(Header::RetryAfter));
    assert!(code(503).related_headers().contains(Header::RetryAfter));
    assert!(code(404).required_headers().is_empty());
    let names: Vec<_> = code(415)
        .related_headers()
        .iter()
        .map(Header::name)
        .collect();
    assert_eq!(names, ["Accept", "Accept-Encoding"]);
}

#[test]
fn references_cite_the_right_sections() {
    let r = code(404).reference().unwrap();
    assert_eq!(r.citation.as_str(), "RFC 9110, Section 15.5.5");
    assert_eq!(
        r.url.as_str(),
        "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5"
    );
    assert_eq!(
        code(429).reference().unwrap().citation.as_str(),
        "RFC 6585, Section 4"
    );
    assert_eq!(
        code(207).reference().unwrap().citation.as_str(),
        "RFC 4918, Section 11.1"
    );
}

#[test]
fn apache_hints_are_specific_where_httpd_produces_the_code() {
    assert!(
        code(414)
            .apache()
            .sources
            .as_str()
            .contains("LimitRequestLine")
    );
    assert!(
        code(413)
            .apache()
            .sources
            .as_str()
            .contains("LimitRequestBody")
    );
    assert!(code(403).apache().hint.as_str().contains("DirectoryIndex"));
    assert!(code(502).apache().sources.as_str().contains("mod_proxy"));
    // A code without its own hint falls back to its class's.
    assert_eq!(code(432).apache(), code(449).apache()); // 449 has no hint of its own
}

#[test]
fn descriptions_are_substantial_and_distinct() {
    let mut seen = std::collections::HashSet::new();
    for c in StatusCode::assigned() {
        assert!(c.summary().len() >= 20, "{c:?}");
        assert!(c.description().len() >= 50, "{c:?}");
        assert!(
            seen.insert(c.description().as_str()),
            "{c:?} repeats a description"
        );
    }
}

#[test]
fn status_line_safety() {
    let c = code(404);
    assert!(c.is_safe_status_line(b"404 Not Found"));
    assert!(c.is_safe_status_line(b"404 Gone fishing"));
    for bad in [
        &b"404 "[..],
        b"404",
        b"404  ",
        b"405 Not Found",
        b"404\tNot Found",
        b"404 Not\r\nSet-Cookie: x",
        b"404 Caf\xc3\xa9",
        b"40a Nope",
        b"",
    ] {
        assert!(
            !c.is_safe_status_line(bad),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
    for c in StatusCode::all() {
        assert!(c.is_safe_status_line(c.status_line().as_bytes()), "{c:?}");
    }
}
