//! Which link targets a document may put in an `href`.

/// True for a link target that is safe to put in an `href`: an http(s) URL, a
/// path on this server, or a relative reference without a scheme (`page.html.en`).
/// Anything else (`javascript:`, `data:`, `//other.host`, ...) is shown as text only.
pub fn is_linkable(target: &[u8]) -> bool {
    let lower_starts =
        |p: &[u8]| target.len() >= p.len() && target[..p.len()].eq_ignore_ascii_case(p);
    if lower_starts(b"https://") || lower_starts(b"http://") {
        return true;
    }
    // Browsers treat a backslash like a slash and skip leading blanks and controls.
    let starts_like_network_path =
        target.starts_with(b"//") || target.starts_with(b"/\\") || target.starts_with(b"\\");
    let first_segment_end = target
        .iter()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(target.len());
    let has_scheme = target[..first_segment_end].contains(&b':');
    !target.is_empty()
        && !starts_like_network_path
        && !has_scheme
        && target.iter().all(|&b| b > b' ' && b != 0x7f)
}

/// True for a contact a page may link to: a safe link (see [`is_linkable`]) or a
/// `mailto:` address without blanks, controls, quotes or markup.
pub fn is_contact_link(target: &[u8]) -> bool {
    let mailto = target.len() > 7 && target[..7].eq_ignore_ascii_case(b"mailto:");
    if mailto {
        let address = &target[7..];
        return address.contains(&b'@')
            && address.iter().all(|&b| {
                b > b' ' && b != 0x7f && !matches!(b, b'"' | b'\'' | b'<' | b'>' | b'\\')
            });
    }
    is_linkable(target)
}
