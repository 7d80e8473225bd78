//! Picks a document format from an `Accept` header (RFC 9110, Section 12.5.1).
//!
//! One pass over the header (the list reader `accept_list` shares with
//! `Accept-Language`), constant work per element, no allocation: a 10,000-element
//! or 1 MiB header costs a linear scan and never fails.

use super::format::{Format, FormatSet};
use crate::accept_list::{elements, find_byte, trim};

/// How specifically a media range names a format's type; the most specific
/// matching range decides that format's weight.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Specificity {
    AnyType = 1,
    AnySubtype = 2,
    Exact = 3,
}

/// What a media range names, read once per range (lengths first, so most
/// mismatches cost no byte comparison).
#[derive(Clone, Copy, PartialEq, Eq)]
enum MediaType {
    Any,
    Text,
    Application,
    Other,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Subtype {
    Any,
    Html,
    Plain,
    /// `json` or any `+json` suffix (`problem+json`, `vnd.api+json`).
    Json,
    Other,
}

fn media_type(ty: &[u8]) -> MediaType {
    // Clients write these in lower case: an exact comparison first is a few
    // word compares, where ignoring case goes byte by byte.
    match ty.len() {
        1 if ty[0] == b'*' => MediaType::Any,
        4 if ty == b"text" || ty.eq_ignore_ascii_case(b"text") => MediaType::Text,
        11 if ty == b"application" || ty.eq_ignore_ascii_case(b"application") => {
            MediaType::Application
        }
        _ => MediaType::Other,
    }
}

fn subtype(sub: &[u8]) -> Subtype {
    match sub.len() {
        1 if sub[0] == b'*' => Subtype::Any,
        4 if sub == b"html" || sub.eq_ignore_ascii_case(b"html") => Subtype::Html,
        4 if sub == b"json" || sub.eq_ignore_ascii_case(b"json") => Subtype::Json,
        5 if sub.eq_ignore_ascii_case(b"plain") => Subtype::Plain,
        n if n > 5 && sub[n - 5..].eq_ignore_ascii_case(b"+json") => Subtype::Json,
        _ => Subtype::Other,
    }
}

/// How specifically the range `ty/sub` names `format`, if it matches it.
fn matches(format: Format, ty: MediaType, sub: Subtype) -> Option<Specificity> {
    let wanted_type = match format {
        Format::Html | Format::Text => MediaType::Text,
        Format::Json => MediaType::Application,
    };
    match (ty, sub) {
        (MediaType::Any, Subtype::Any) => Some(Specificity::AnyType),
        (MediaType::Any, _) => None,
        (t, _) if t != wanted_type => None,
        (_, Subtype::Any) => Some(Specificity::AnySubtype),
        (_, s) => {
            let exact = match format {
                Format::Html => Subtype::Html,
                Format::Text => Subtype::Plain,
                Format::Json => Subtype::Json,
            };
            (s == exact).then_some(Specificity::Exact)
        }
    }
}

/// The format to send for `accept` (the raw header, if any), among `offered`
/// (all formats if empty). Ties go to the server's order: HTML, JSON, text. With
/// no header, or when nothing offered is acceptable, the answer is HTML if offered,
/// else the first offered format.
pub fn negotiate(accept: Option<&[u8]>, offered: FormatSet) -> Format {
    let offered = if offered.is_empty() {
        FormatSet::ALL
    } else {
        offered
    };
    let fallback = if offered.contains(Format::Html) {
        Format::Html
    } else {
        offered.first().unwrap_or(Format::Html)
    };
    let Some(accept) = accept else {
        return fallback;
    };
    if let Some(format) = single_range(accept, offered) {
        return format.unwrap_or(fallback);
    }
    // Per format: the specificity of the best range seen so far, and its weight.
    let mut best: [Option<(Specificity, u16)>; 3] = [None; 3];
    for element in elements(accept) {
        let range = element.value;
        let Some(slash) = range.iter().position(|&b| b == b'/') else {
            continue;
        };
        let Some(q) = element.weight else { continue };
        let ty = media_type(trim(&range[..slash]));
        let sub = subtype(trim(&range[slash + 1..]));
        if ty == MediaType::Other {
            continue;
        }
        for format in Format::ALL {
            let Some(spec) = matches(format, ty, sub) else {
                continue;
            };
            let slot = &mut best[format as usize - 1];
            *slot = match *slot {
                Some((s, old)) if s > spec => Some((s, old)),
                Some((s, old)) if s == spec => Some((s, old.max(q))),
                _ => Some((spec, q)),
            };
        }
    }
    let mut choice = None;
    let mut choice_q = 0;
    for format in Format::ALL {
        if !offered.contains(format) {
            continue;
        }
        if let Some((_, q)) = best[format as usize - 1] {
            if q > choice_q {
                choice = Some(format);
                choice_q = q;
            }
        }
    }
    choice.unwrap_or(fallback)
}

/// Longest header [`single_range`] reads; longer ones take the general path.
const SINGLE_RANGE_MAX: usize = 64;

/// The common header of one media range without parameters (`application/json`):
/// its answer (None: nothing offered matches) without the list reader. None
/// (the outer one) when the header is anything else. Such a range has full
/// weight, so the first offered format it matches wins, as in the general path.
fn single_range(accept: &[u8], offered: FormatSet) -> Option<Option<Format>> {
    // What API clients and tools send most, recognised whole.
    let common = match accept {
        b"application/json" | b"application/problem+json" => {
            Some((MediaType::Application, Subtype::Json))
        }
        b"text/html" => Some((MediaType::Text, Subtype::Html)),
        b"text/plain" => Some((MediaType::Text, Subtype::Plain)),
        b"*/*" => Some((MediaType::Any, Subtype::Any)),
        _ => None,
    };
    if let Some((ty, sub)) = common {
        return Some(first_match(offered, ty, sub));
    }
    // Word-at-a-time scans: a byte loop here would cost more than the rest.
    if accept.len() > SINGLE_RANGE_MAX
        || find_byte(accept, b',').is_some()
        || find_byte(accept, b';').is_some()
    {
        return None;
    }
    let range = trim(accept);
    let Some(slash) = find_byte(range, b'/') else {
        return Some(None);
    };
    let ty = media_type(trim(&range[..slash]));
    if ty == MediaType::Other {
        return Some(None);
    }
    let sub = subtype(trim(&range[slash + 1..]));
    Some(first_match(offered, ty, sub))
}

/// The first offered format (in the server's order) the range `ty/sub` matches.
fn first_match(offered: FormatSet, ty: MediaType, sub: Subtype) -> Option<Format> {
    Format::ALL
        .into_iter()
        .find(|&f| offered.contains(f) && matches(f, ty, sub).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(accept: &str) -> Format {
        negotiate(Some(accept.as_bytes()), FormatSet::ALL)
    }

    #[test]
    fn browsers_get_html_and_apis_get_json() {
        assert_eq!(
            pick("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            Format::Html
        );
        assert_eq!(pick("application/json"), Format::Json);
        assert_eq!(pick("application/problem+json"), Format::Json);
        assert_eq!(pick("application/vnd.api+json"), Format::Json);
        assert_eq!(pick("text/plain"), Format::Text);
        assert_eq!(pick("*/*"), Format::Html);
        assert_eq!(negotiate(None, FormatSet::ALL), Format::Html);
    }

    #[test]
    fn weights_and_specificity() {
        assert_eq!(
            pick("text/html;q=0.5, application/json;q=0.9"),
            Format::Json
        );
        assert_eq!(pick("text/*;q=0.3, text/plain"), Format::Text);
        // The exact range outranks the wildcard even with a lower weight.
        assert_eq!(
            pick("text/*, text/html;q=0, text/plain;q=0.1"),
            Format::Text
        );
        assert_eq!(pick("*/*;q=0.1, application/*;q=0.9"), Format::Json);
        assert_eq!(
            pick("text/html;q=0, application/json;q=0, text/plain;q=0"),
            Format::Html
        );
        assert_eq!(pick("image/png"), Format::Html);
        assert_eq!(pick("TEXT/PLAIN ; Q=1"), Format::Text);
        assert_eq!(
            pick("application/json;q=1.5, text/plain;q=0.2"),
            Format::Text
        );
    }

    #[test]
    fn the_offered_set_limits_the_choice() {
        let no_html = FormatSet::EMPTY.with(Format::Json).with(Format::Text);
        assert_eq!(negotiate(Some(b"text/html"), no_html), Format::Json);
        assert_eq!(negotiate(None, no_html), Format::Json);
        let text_only = FormatSet::EMPTY.with(Format::Text);
        assert_eq!(
            negotiate(Some(b"application/json"), text_only),
            Format::Text
        );
    }

    /// The general path alone, for comparison with the shortcut.
    fn general(accept: &[u8], offered: FormatSet) -> Format {
        let padded = [accept, b",".as_slice()].concat();
        negotiate(Some(&padded), offered)
    }

    #[test]
    fn a_single_range_is_answered_as_the_list_reader_would() {
        let offers = [
            FormatSet::ALL,
            FormatSet::EMPTY.with(Format::Json).with(Format::Text),
            FormatSet::EMPTY.with(Format::Text),
            FormatSet::EMPTY.with(Format::Html),
        ];
        for header in [
            "application/json",
            "Application/JSON",
            "application/problem+json",
            " application/problem+json ",
            "text/html",
            "TEXT/Html",
            "text/plain",
            "text/*",
            "application/*",
            "*/*",
            "*/json",
            "image/png",
            "",
            "/",
            "text",
            "text/ html",
            "\tapplication/json",
            "q=1",
        ] {
            for offered in offers {
                let h = header.as_bytes();
                assert_eq!(
                    negotiate(Some(h), offered),
                    general(h, offered),
                    "{header:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_shortcut_never_changes_the_answer(
            header in "[a-zA-Z*/+ \t.=0-9-]{0,70}",
            bits in 0u32..8,
        ) {
            let offered = FormatSet::from_bits(bits);
            let h = header.as_bytes();
            proptest::prop_assert_eq!(negotiate(Some(h), offered), general(h, offered));
        }
    }

    #[test]
    fn malformed_headers_never_fail() {
        for h in [
            "",
            ",,,",
            ";;;",
            "/",
            "q=1",
            "text/html;q=",
            "text/html;q=abc",
            "\u{0}\u{ff}",
        ] {
            let _ = pick(h);
        }
        assert_eq!(pick("text/html;q=abc, text/plain"), Format::Text);
        let huge = "x/y;q=0.1,".repeat(10_000) + "application/json";
        assert_eq!(pick(&huge), Format::Json);
    }
}
