//! What other modules ask httpd to show with an error, carried into our documents.
//!
//! httpd's canned pages append two request notes: `variant-list` to 300 and 406
//! (mod_negotiation's and mod_speling's alternatives, as HTML links) and
//! `error-notes` to 400, 403, 411, 414, 417, 451, 501 and 502, and to 500 when the
//! `verbose-error-to` note is `*` (core's and mod_ssl's explanations, as HTML).
//! Both are markup written by other modules: they are read as data here (links and
//! text taken out, entities decoded) and the library escapes them again for each
//! format, so nothing in them can add markup to a page.

use core::ffi::CStr;

use httpstatus::{Alternative, StatusCode};

/// The note holding a module's explanation of the error, as HTML.
pub const ERROR_NOTES: &CStr = c"error-notes";
/// The note that, set to `*`, makes a 500 show its error notes.
pub const VERBOSE_ERROR_TO: &CStr = c"verbose-error-to";
/// The note holding the alternatives of a 300 or 406, as an HTML list.
pub const VARIANT_LIST: &CStr = c"variant-list";

/// More alternatives than this are left out (mod_speling can find many).
pub const MAX_ALTERNATIVES: usize = 64;

/// The notes of one error, as plain data. Empty (and allocation-free) when the
/// code shows none or no module left any.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Carried {
    text: Option<Vec<u8>>,
    alternatives: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Carried {
    /// What httpd would show for `code`, given the values of the notes
    /// [`ERROR_NOTES`], [`VERBOSE_ERROR_TO`] and [`VARIANT_LIST`].
    pub fn read(
        code: StatusCode,
        error_notes: Option<&[u8]>,
        verbose_error_to: Option<&[u8]>,
        variant_list: Option<&[u8]>,
    ) -> Carried {
        Carried::look_up(code, |note| {
            if note == ERROR_NOTES {
                error_notes
            } else if note == VERBOSE_ERROR_TO {
                verbose_error_to
            } else {
                variant_list
            }
        })
    }

    /// As [`Carried::read`], asking `note` for each note's value, and only for
    /// those `code` shows.
    pub fn look_up<'a>(code: StatusCode, note: impl Fn(&CStr) -> Option<&'a [u8]>) -> Carried {
        let shown = Shown::for_code(code);
        let shows_error_notes = match shown {
            Shown::ErrorNotes => true,
            Shown::ErrorNotesIfVerbose => note(VERBOSE_ERROR_TO) == Some(b"*"),
            Shown::Alternatives | Shown::Nothing => false,
        };
        let text = shows_error_notes
            .then(|| note(ERROR_NOTES))
            .flatten()
            .map(html_to_text)
            .filter(|t| !t.is_empty());
        let alternatives = match shown {
            Shown::Alternatives => note(VARIANT_LIST).map_or_else(Vec::new, links),
            _ => Vec::new(),
        };
        Carried { text, alternatives }
    }

    /// Can a document for `code` carry anything at all? Most cannot (a 404
    /// among them), and need not look up a note.
    pub fn possible(code: StatusCode) -> bool {
        Shown::for_code(code) != Shown::Nothing
    }

    /// The error notes as plain text.
    pub fn text(&self) -> Option<&[u8]> {
        self.text.as_deref()
    }

    /// The alternatives, borrowing from self.
    pub fn alternatives(&self) -> Vec<Alternative<'_>> {
        self.alternatives
            .iter()
            .map(|(href, note)| Alternative { href, note })
            .collect()
    }
}

/// What httpd's own page for a code shows of the notes other modules leave.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Nothing,
    ErrorNotes,
    /// The error notes, when `verbose-error-to` is `*`.
    ErrorNotesIfVerbose,
    /// The variant list's links.
    Alternatives,
}

impl Shown {
    fn for_code(code: StatusCode) -> Shown {
        match code.as_u16() {
            400 | 403 | 411 | 414 | 417 | 451 | 501 | 502 => Shown::ErrorNotes,
            500 => Shown::ErrorNotesIfVerbose,
            300 | 406 => Shown::Alternatives,
            _ => Shown::Nothing,
        }
    }
}

/// The links of a variant list, as (href, note), at most [`MAX_ALTERNATIVES`]:
/// each `<a href="...">` with the text that follows its `</a>` up to the next
/// item (mod_negotiation: ", type text/html, language en"; mod_speling:
/// "(common basename)"), tidied by [`trim_note`]. Links with an empty href are
/// left out.
pub fn links(html: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
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

/// ", type text/html" → "type text/html"; "(common basename)" → "common basename":
/// leading commas and blanks go, then one pair of enclosing parentheses.
pub fn trim_note(note: Vec<u8>) -> Vec<u8> {
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

/// Markup to text: tags that end a paragraph or a line (`<p>`, `<br>`, `<div>`,
/// `<li>`, headings...) become a line break, other tags a blank, entities their
/// characters (see [`decode_entities`]); runs of white space one blank, or one
/// line break where they hold one; none at either end.
pub fn html_to_text(html: &[u8]) -> Vec<u8> {
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
                let tag = &rest[..end];
                rest = &rest[end..];
                text.push(if breaks_lines(tag) { b'\n' } else { b' ' });
            }
            b'&' => rest = push_entity(&mut text, rest),
            // A line break in the markup is a blank: browsers show it as one.
            b'\n' => text.push(b' '),
            _ => text.push(b),
        }
    }
    collapse_blanks(text)
}

/// Does this tag (what follows its `<`) end a line where a browser shows it?
fn breaks_lines(tag: &[u8]) -> bool {
    let name = tag.strip_prefix(b"/").unwrap_or(tag);
    let len = name
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    const BLOCKS: [&[u8]; 16] = [
        b"p", b"br", b"div", b"li", b"ul", b"ol", b"pre", b"hr", b"h1", b"h2", b"h3", b"h4", b"h5",
        b"h6", b"table", b"tr",
    ];
    BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(&name[..len]))
}

/// Decodes `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&nbsp;` (as a blank) and
/// numeric references (`&#233;`, `&#xE9;`) to UTF-8; anything else, an unknown
/// name or a missing `;` within ten bytes, stays as written.
pub fn decode_entities(s: &[u8]) -> Vec<u8> {
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

/// Runs of white space become one blank, or one line break (`\n`) where they
/// hold one; none at either end.
fn collapse_blanks(text: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut pending: Option<u8> = None;
    for b in text {
        if b.is_ascii_whitespace() {
            if b == b'\n' || pending.is_none() {
                pending = Some(if b == b'\n' { b'\n' } else { b' ' });
            }
            continue;
        }
        if let Some(blank) = pending.take() {
            if !out.is_empty() {
                out.push(blank);
            }
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(n: u16) -> StatusCode {
        StatusCode::from_int(i32::from(n)).unwrap()
    }

    fn text(html: &[u8]) -> String {
        String::from_utf8(html_to_text(html)).unwrap()
    }

    /// mod_negotiation's list, as make_variant_list writes it.
    const NEGOTIATION: &[u8] = b"Available variants:\n<ul>\n\
        <li><a href=\"index.html.en\">index.html.en</a> , type text/html, language en</li>\n\
        <li><a href=\"index.html.de\">index.html.de</a> Deutsch, type text/html, language de, charset iso-8859-1</li>\n\
        <li><a href=\"a%20b.html.fr\">a b.html.fr</a> , type text/html, language fr,fr-ca, encoding gzip</li>\n\
        </ul>\n";

    /// mod_speling's list, close matches, then distant ones, then the referer.
    const SPELING: &[u8] = b"The document name you requested (<code>/Indx.html</code>) could \
        not be found on this server.\nHowever, we found documents with names similar to the one \
        you requested.<p>Available documents:\n<ul>\n\
        <li><a href=\"/index.html\">/index.html</a> (character missing)\n\
        <li><a href=\"/Index.html?a=1&b=2\">/Index.html?a=1&amp;b=2</a> (miscapitalized)\n\
        </ul>\nFurthermore, the following related documents were found:\n<ul>\n\
        <li><a href=\"/Indx.txt\">/Indx.txt</a> (common basename)\n\
        </ul>\nPlease consider informing the owner of the referring page \
        <tt>http://example.org/</tt> about the broken link.\n";

    fn pairs(found: &[(Vec<u8>, Vec<u8>)]) -> Vec<(&str, &str)> {
        found
            .iter()
            .map(|(h, n)| {
                (
                    std::str::from_utf8(h).unwrap(),
                    std::str::from_utf8(n).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn mod_negotiation_variants_are_read_with_their_description() {
        assert_eq!(
            pairs(&links(NEGOTIATION)),
            [
                ("index.html.en", "type text/html, language en"),
                (
                    "index.html.de",
                    "Deutsch, type text/html, language de, charset iso-8859-1"
                ),
                (
                    "a%20b.html.fr",
                    "type text/html, language fr,fr-ca, encoding gzip"
                ),
            ]
        );
    }

    #[test]
    fn mod_speling_documents_are_read_across_both_lists() {
        assert_eq!(
            pairs(&links(SPELING)),
            [
                ("/index.html", "character missing"),
                ("/Index.html?a=1&b=2", "miscapitalized"),
                ("/Indx.txt", "common basename"),
            ]
        );
    }

    #[test]
    fn links_stop_at_the_bound_and_skip_empty_or_unclosed_ones() {
        let many = b"<li><a href=\"/x\">x</a> (identical)\n".repeat(MAX_ALTERNATIVES + 10);
        assert_eq!(links(&many).len(), MAX_ALTERNATIVES);
        assert_eq!(
            pairs(&links(b"<a href=\"\">none</a> <a href=\"/y\">y</a>")),
            [("/y", "")]
        );
        assert!(links(b"<a href=\"/open").is_empty());
        assert!(links(b"<a href=\"/unclosed\">text").is_empty());
        assert_eq!(
            pairs(&links(b"<a href=\"&lt;&#x41;&gt;\">t</a>")),
            [("<A>", "")]
        );
    }

    #[test]
    fn trim_note_drops_leading_commas_and_one_pair_of_parentheses() {
        assert_eq!(trim_note(b", , type x".to_vec()), b"type x");
        assert_eq!(trim_note(b"((two))".to_vec()), b"(two)");
        assert_eq!(trim_note(b"(open".to_vec()), b"(open");
        assert_eq!(trim_note(b"()".to_vec()), b"");
        assert_eq!(trim_note(Vec::new()), b"");
    }

    #[test]
    fn entities_named_numeric_unknown_and_unterminated() {
        assert_eq!(
            decode_entities(b"&amp;&lt;&gt;&quot;&apos;&nbsp;"),
            b"&<>\"' "
        );
        assert_eq!(decode_entities(b"&#233;&#xE9;&#Xe9;"), "ééé".as_bytes());
        assert_eq!(decode_entities(b"&#x1F600;"), "\u{1F600}".as_bytes());
        // Unknown names, surrogates, out of range, empty and malformed numbers.
        for kept in [
            &b"&copy;"[..],
            b"&#xD800;",
            b"&#x110000;",
            b"&#;",
            b"&#x;",
            b"&#12a;",
            b"&;",
        ] {
            assert_eq!(decode_entities(kept), kept);
        }
        // No `;` within ten bytes, or none at all.
        assert_eq!(decode_entities(b"a & b"), b"a & b");
        assert_eq!(decode_entities(b"&amp"), b"&amp");
        assert_eq!(decode_entities(b"&abcdefghij;"), b"&abcdefghij;");
        assert_eq!(decode_entities(b"&&amp;"), b"&&");
    }

    #[test]
    fn tags_become_blanks_and_blanks_collapse() {
        assert_eq!(
            text(b"Your browser sent a request<br />\nthat this server could not understand."),
            "Your browser sent a request\nthat this server could not understand."
        );
        assert_eq!(text(b"  <p>\t a \r\n\n b </p>  "), "a b");
        // mod_proxy's note keeps its sentences apart.
        assert_eq!(
            text(
                b"The proxy server could not handle the request<p>Reason: \
                  <strong>Error reading from remote server</strong></p>"
            ),
            "The proxy server could not handle the request\nReason: Error reading from remote server"
        );
        assert_eq!(
            text(b"a<BR>b<br/>c</P><Div>d<span>e</span>"),
            "a\nb\nc\nd e"
        );
        assert_eq!(text(b"a<b"), "a");
        assert_eq!(text(b"<unclosed"), "");
        assert_eq!(text(b"x &lt;tag&gt; y"), "x <tag> y");
        assert_eq!(text(b"a&nbsp;&nbsp;b"), "a b");
        assert_eq!(text(b""), "");
    }

    #[test]
    fn which_codes_show_which_notes() {
        let notes = Some(&b"<p>too <b>long</b></p>"[..]);
        let list = Some(NEGOTIATION);
        for n in [400, 403, 411, 414, 417, 451, 501, 502] {
            let carried = Carried::read(code(n), notes, None, list);
            assert_eq!(carried.text(), Some(&b"too long"[..]), "{n}");
            assert!(carried.alternatives().is_empty(), "{n}");
        }
        for n in [401, 404, 405, 413, 500, 503, 504] {
            assert_eq!(
                Carried::read(code(n), notes, None, list),
                Carried::default(),
                "{n}"
            );
        }
        let verbose = Carried::read(code(500), notes, Some(b"*"), None);
        assert_eq!(verbose.text(), Some(&b"too long"[..]));
        assert_eq!(
            Carried::read(code(500), notes, Some(b"**"), None).text(),
            None
        );
        for n in [300, 406] {
            let carried = Carried::read(code(n), notes, Some(b"*"), list);
            assert_eq!(carried.text(), None);
            let alternatives = carried.alternatives();
            assert_eq!(alternatives.len(), 3);
            assert_eq!(alternatives[0].href, b"index.html.en");
            assert_eq!(alternatives[0].note, b"type text/html, language en");
        }
    }

    #[test]
    fn notes_with_no_text_show_nothing() {
        let carried = Carried::read(code(400), Some(b" <br> "), None, None);
        assert_eq!(carried.text(), None);
        assert_eq!(
            Carried::read(code(300), None, None, None),
            Carried::default()
        );
    }

    #[test]
    fn only_the_notes_a_code_shows_are_looked_up() {
        let asked = std::cell::RefCell::new(Vec::new());
        let look = |n: u16| {
            asked.borrow_mut().clear();
            Carried::look_up(code(n), |note| {
                asked.borrow_mut().push(note.to_owned());
                None
            });
            asked.borrow().clone()
        };
        assert_eq!(look(404), Vec::<std::ffi::CString>::new());
        assert_eq!(look(400), [ERROR_NOTES.to_owned()]);
        assert_eq!(look(500), [VERBOSE_ERROR_TO.to_owned()]);
        assert_eq!(look(406), [VARIANT_LIST.to_owned()]);
    }

    proptest! {
        #[test]
        fn no_input_makes_a_reader_panic(
            html in proptest::collection::vec(any::<u8>(), 0..600),
            n in 100u16..600,
        ) {
            let text = html_to_text(&html);
            prop_assert!(!text.starts_with(b" ") && !text.ends_with(b" "));
            prop_assert!(!text.windows(2).any(|w| w == b"  "));
            prop_assert!(links(&html).len() <= MAX_ALTERNATIVES);
            let _ = decode_entities(&html);
            if let Some(code) = StatusCode::from_int(i32::from(n)) {
                let _ = Carried::read(code, Some(&html), Some(b"*"), Some(&html));
            }
        }

        /// Built from pieces of real lists, which finds more than random bytes.
        #[test]
        fn no_markup_soup_makes_a_reader_panic(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just(&b"<a href=\""[..]), Just(&b"\""[..]), Just(&b"</a>"[..]),
                    Just(&b"<li>"[..]), Just(&b"</ul>"[..]), Just(&b"&"[..]), Just(&b";"[..]),
                    Just(&b"&#x"[..]), Just(&b"<"[..]), Just(&b">"[..]), Just(&b"("[..]),
                    Just(&b")"[..]), Just(&b", "[..]), Just(&b"x"[..]), Just(&b"\xff"[..]),
                ],
                0..80,
            ),
        ) {
            let html = pieces.concat();
            for (href, _) in links(&html) {
                prop_assert!(!href.is_empty());
            }
            let _ = html_to_text(&html);
        }
    }

    #[test]
    fn codes_that_carry_nothing_look_up_no_note() {
        for code in StatusCode::all() {
            let asked = core::cell::Cell::new(0);
            let carried = Carried::look_up(code, |note| {
                asked.set(asked.get() + 1);
                if note == VERBOSE_ERROR_TO {
                    Some(&b"*"[..])
                } else {
                    Some(&b"<a href=\"/x\">x</a> note"[..])
                }
            });
            let shows = carried.text().is_some() || !carried.alternatives().is_empty();
            assert_eq!(Carried::possible(code), shows, "{code}");
            if !Carried::possible(code) {
                assert_eq!(asked.get(), 0, "{code}");
            }
        }
    }
}
