//! What other modules ask httpd to show with an error, carried into our documents.
//!
//! httpd's canned pages append two request notes: `variant-list` to 300 and 406
//! (mod_negotiation's and mod_speling's alternatives, as HTML links) and
//! `error-notes` to 400, 403, 411, 414, 417, 451, 501 and 502, and to 500 when the
//! `verbose-error-to` note is `*` (core's and mod_ssl's explanations, as HTML).
//! Both are markup written by other modules: they are read as data here (links and
//! text taken out, entities decoded) and the library escapes them again for each
//! format, so nothing in them can add markup to a page.

use httpstatus::{Alternative, StatusCode};

use crate::glue::table_get;
use crate::sys;

/// More alternatives than this are left out (mod_speling can find many).
const MAX_ALTERNATIVES: usize = 64;

/// The notes of one error, as plain data. Empty (and allocation-free) when the
/// code shows none or no module left any.
pub(crate) struct Carried {
    text: Option<Vec<u8>>,
    alternatives: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Carried {
    /// Reads what httpd would show for `code` from a request's notes.
    pub(crate) fn from_notes(notes: *mut sys::apr_table_t, code: StatusCode) -> Carried {
        let shows_error_notes = match code.as_u16() {
            400 | 403 | 411 | 414 | 417 | 451 | 501 | 502 => true,
            500 => table_get(notes, c"verbose-error-to") == Some(b"*"),
            _ => false,
        };
        let text = shows_error_notes
            .then(|| table_get(notes, c"error-notes"))
            .flatten()
            .map(html_to_text)
            .filter(|t| !t.is_empty());
        let alternatives = match code.as_u16() {
            300 | 406 => table_get(notes, c"variant-list").map_or_else(Vec::new, links),
            _ => Vec::new(),
        };
        Carried { text, alternatives }
    }

    /// The error notes as plain text.
    pub(crate) fn text(&self) -> Option<&[u8]> {
        self.text.as_deref()
    }

    /// The alternatives, borrowing from self.
    pub(crate) fn alternatives(&self) -> Vec<Alternative<'_>> {
        self.alternatives
            .iter()
            .map(|(href, note)| Alternative { href, note })
            .collect()
    }
}

/// The links of a variant list: each `<a href="...">` with the text that follows
/// its `</a>` up to the next item (mod_negotiation: ", type text/html, language
/// en"; mod_speling: "(common basename)").
fn links(html: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while found.len() < MAX_ALTERNATIVES {
        let Some(start) = find(rest, b"<a href=\"") else {
            break;
        };
        rest = &rest[start + 9..];
        let Some(end) = find(rest, b"\"") else {
            break;
        };
        let href = decode_entities(&rest[..end]);
        rest = &rest[end + 1..];
        let Some(close) = find(rest, b"</a>") else {
            break;
        };
        rest = &rest[close + 4..];
        let stop = [&b"<li"[..], b"</ul", b"<a "]
            .iter()
            .filter_map(|marker| find(rest, marker))
            .min()
            .unwrap_or(rest.len());
        let mut note = html_to_text(&rest[..stop]);
        note = trim_note(note);
        rest = &rest[stop..];
        if !href.is_empty() {
            found.push((href, note));
        }
    }
    found
}

/// ", type text/html" → "type text/html"; "(common basename)" → "common basename".
fn trim_note(note: Vec<u8>) -> Vec<u8> {
    let mut s: &[u8] = &note;
    while let [b',' | b' ', tail @ ..] = s {
        s = tail;
    }
    if let [b'(', inner @ .., b')'] = s {
        s = inner;
    }
    s.to_vec()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Markup to text: tags become blanks, entities their characters, runs of white
/// space one blank.
pub(crate) fn html_to_text(html: &[u8]) -> Vec<u8> {
    let mut text = Vec::with_capacity(html.len());
    let mut rest = html;
    while let Some((&b, tail)) = rest.split_first() {
        rest = tail;
        match b {
            b'<' => {
                let end = rest
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(rest.len(), |p| p + 1);
                rest = &rest[end..];
                text.push(b' ');
            }
            b'&' => rest = push_entity(&mut text, rest),
            _ => text.push(b),
        }
    }
    collapse_blanks(text)
}

fn decode_entities(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut rest = s;
    while let Some((&b, tail)) = rest.split_first() {
        rest = tail;
        if b == b'&' {
            rest = push_entity(&mut out, rest);
        } else {
            out.push(b);
        }
    }
    out
}

/// Decodes the entity whose `&` was just read (`rest` follows it) and returns what
/// follows the entity; an unknown one is kept as written.
fn push_entity<'a>(out: &mut Vec<u8>, rest: &'a [u8]) -> &'a [u8] {
    let Some(semi) = rest.iter().take(10).position(|&c| c == b';') else {
        out.push(b'&');
        return rest;
    };
    let name = &rest[..semi];
    let decoded = match name {
        b"amp" => Some('&'),
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"quot" => Some('"'),
        b"apos" => Some('\''),
        b"nbsp" => Some(' '),
        [b'#', b'x' | b'X', hex @ ..] => std::str::from_utf8(hex)
            .ok()
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32),
        [b'#', dec @ ..] => std::str::from_utf8(dec)
            .ok()
            .and_then(|d| d.parse::<u32>().ok())
            .and_then(char::from_u32),
        _ => None,
    };
    match decoded {
        Some(c) => {
            let mut utf8 = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
            &rest[semi + 1..]
        }
        None => {
            out.push(b'&');
            rest
        }
    }
}

fn collapse_blanks(text: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for b in text {
        let blank = b.is_ascii_whitespace();
        if blank && (out.is_empty() || out.last() == Some(&b' ')) {
            continue;
        }
        out.push(if blank { b' ' } else { b });
    }
    while out.last() == Some(&b' ') {
        out.pop();
    }
    out
}
