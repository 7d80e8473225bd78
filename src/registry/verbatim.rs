//! The rule that lets the built-in documents write registry prose as it is,
//! without escaping, checked at compile time for every row.

use super::entry::Entry;

/// The built-in documents write registry phrases and prose as they are, without
/// escaping: they must be safe verbatim in HTML text and double-quoted attributes,
/// in JSON strings and in plain text. tables.rs checks every row at compile time
/// (tests/render.rs checks the same against the escaper itself).
pub(crate) const fn assert_verbatim_safe(row: &Entry) {
    assert!(is_verbatim_safe(row.reason.bytes_without_nul()), "reason");
    assert!(is_verbatim_safe(row.summary.bytes_without_nul()), "summary");
    assert!(
        is_verbatim_safe(row.description.bytes_without_nul()),
        "description"
    );
    if let Some(origin) = row.origin {
        assert!(is_verbatim_safe(origin.bytes_without_nul()), "origin");
    }
    if let Some(r) = row.reference {
        assert!(is_verbatim_safe(r.citation.bytes_without_nul()), "citation");
        assert!(is_verbatim_safe(r.url.bytes_without_nul()), "url");
    }
}

/// No markup or quoting characters (the apostrophe and the backtick are fine
/// outside single-quoted or unquoted attributes, which the built-in pages do not
/// use), no control characters (C0, DEL, C1) and no U+2028/U+2029.
pub(crate) const fn is_verbatim_safe(text: &[u8]) -> bool {
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b < 0x20 || b == 0x7f || matches!(b, b'"' | b'\\' | b'<' | b'>' | b'&') {
            return false;
        }
        let next = if i + 1 < text.len() { text[i + 1] } else { 0 };
        if b == 0xC2 && next >= 0x80 && next < 0xA0 {
            return false;
        }
        if b == 0xE2 && next == 0x80 && i + 2 < text.len() && matches!(text[i + 2], 0xA8 | 0xA9) {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_verbatim_safe;

    #[test]
    fn verbatim_check_rejects_what_a_format_would_escape() {
        assert!(is_verbatim_safe(
            "It's plain prose, 100% (or so).".as_bytes()
        ));
        assert!(is_verbatim_safe("Ünïcode — fine".as_bytes()));
        for bad in [
            "a<b",
            "a>b",
            "a&b",
            "say \"hi\"",
            "back\\slash",
            "tab\there",
            "line\nbreak",
            "del\u{7f}",
            "c1\u{85}",
            "ls\u{2028}",
            "ps\u{2029}",
            "esc\u{1b}[0m",
        ] {
            assert!(!is_verbatim_safe(bad.as_bytes()), "{bad:?} passed");
        }
    }
}
