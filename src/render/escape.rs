//! Escaping by output context. Every value derived from a request goes through
//! one of these: they accept arbitrary bytes (invalid UTF-8 becomes U+FFFD),
//! neutralise control characters, and are bounded by [`MAX_VALUE_BYTES`].

use super::format::Escape;
use super::sink::Sink;

/// Request values longer than this are cut (at a character boundary) and marked
/// with an ellipsis, so a 64 KiB path cannot inflate a page.
pub const MAX_VALUE_BYTES: usize = 4096;

const REPLACEMENT: &str = "\u{FFFD}";
const ELLIPSIS: &str = "\u{2026}";

/// Writes text of several lines escaped for `escape`: plain text keeps its line
/// breaks (`\n`), which [`write_escaped`] replaces like any control character;
/// the other formats escape them (JSON) or show them with the paragraph's
/// `white-space: pre-line` (HTML).
pub(crate) fn write_escaped_lines(out: &mut impl Sink, text: &[u8], escape: Escape) {
    if escape != Escape::Text {
        write_escaped(out, text, escape);
        return;
    }
    // One limit for the whole text, as for any value: lines each within it
    // must not add up to more.
    let (kept, cut) = within_limit(text);
    for (i, line) in kept.split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            out.put_str("\n");
        }
        write_escaped(out, line, escape);
    }
    if cut {
        out.put_str(ELLIPSIS);
    }
}

/// `text` cut to at most [`MAX_VALUE_BYTES`], before a character the limit
/// would split, and whether it was cut.
fn within_limit(text: &[u8]) -> (&[u8], bool) {
    if text.len() <= MAX_VALUE_BYTES {
        return (text, false);
    }
    let mut end = MAX_VALUE_BYTES;
    // A UTF-8 character is at most four bytes: its continuation bytes
    // (10xxxxxx) after the limit belong to one that started before it.
    while end > MAX_VALUE_BYTES - 3 && text[end] & 0xC0 == 0x80 {
        end -= 1;
    }
    (&text[..end], true)
}

/// Writes `value` escaped for `ctx`, cut at [`MAX_VALUE_BYTES`] of input.
#[inline]
pub fn write_escaped(out: &mut (impl Sink + ?Sized), value: &[u8], ctx: Escape) {
    // The most common case of all (a method, a plain path, a request id): short
    // ASCII that needs nothing, settled in one pass without UTF-8 validation.
    if value.len() <= MAX_VALUE_BYTES && ctx != Escape::Raw && needs_nothing(value, ctx) {
        out.put(value);
        return;
    }
    write_escaped_in_full(out, value, ctx);
}

/// `write_escaped` past its fast path: kept out of line, so the fast path does
/// not pay for this one's stack frame.
#[inline(never)]
fn write_escaped_in_full(out: &mut (impl Sink + ?Sized), value: &[u8], ctx: Escape) {
    let cut = value.len() > MAX_VALUE_BYTES;
    let value = &value[..value.len().min(MAX_VALUE_BYTES)];
    // The common case, valid UTF-8 that is not cut, skips the chunk iterator.
    if !cut {
        if let Ok(valid) = core::str::from_utf8(value) {
            write_valid(out, valid, ctx);
            return;
        }
    }
    let mut chunks = value.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        write_valid(out, chunk.valid(), ctx);
        let invalid = chunk.invalid();
        // A character split by the cut is not an encoding error: drop it quietly.
        let split_by_cut = cut && chunks.peek().is_none();
        if invalid.is_empty() || split_by_cut {
            continue;
        }
        if ctx == Escape::Raw {
            out.put(invalid);
        } else {
            out.put_str(REPLACEMENT);
        }
    }
    if cut {
        out.put_str(ELLIPSIS);
    }
}

/// Is `value` ASCII without a byte `ctx` rewrites? Decided eight bytes at a time
/// where it can be: the flags of every byte are or-ed together without a branch
/// per byte.
fn needs_nothing(value: &[u8], ctx: Escape) -> bool {
    let stop = stop_table(ctx);
    let flag = |chunk: &[u8]| chunk.iter().fold(0, |acc, &b| acc | stop[usize::from(b)]);
    let mut chunks = value.chunks_exact(8);
    let mut flags = 0;
    for chunk in &mut chunks {
        flags |= flag(chunk);
    }
    let rest = chunks.remainder();
    flags |= match value.len().checked_sub(8) {
        // The last eight bytes again, some already seen: one more whole chunk.
        Some(from) if !rest.is_empty() => flag(&value[from..]),
        _ => flag(rest),
    };
    flags == 0
}

/// Writes a string already known to be valid UTF-8, escaped for `ctx`.
///
/// Byte-oriented: runs of bytes that need nothing are copied in one piece. One
/// table lookup per byte decides; it flags the ASCII bytes to rewrite and the two
/// lead bytes that can start a special non-ASCII character (C1 controls and
/// U+2028/U+2029), which are then looked at more closely.
pub fn write_valid(out: &mut (impl Sink + ?Sized), s: &str, ctx: Escape) {
    if ctx == Escape::Raw {
        out.put_str(s);
        return;
    }
    let special = special_table(ctx);
    let bytes = s.as_bytes();
    let mut plain_from = 0;
    let mut i = 0;
    let mut hex = [0u8; 6];
    while i < bytes.len() {
        let b = bytes[i];
        // The common case, one table lookup: a byte that needs nothing.
        if !special[usize::from(b)] {
            i += 1;
            continue;
        }
        let (width, escaped): (usize, Option<&[u8]>) = if b < 0x80 {
            (1, escape_ascii(b, ctx, &mut hex))
        } else if b == 0xC2 && bytes.get(i + 1).is_some_and(|&n| n < 0xA0) {
            // U+0080..U+009F: C1 control characters.
            let escaped = match ctx {
                Escape::Json => Some(json_hex(u32::from(bytes[i + 1]), &mut hex)),
                _ => Some(REPLACEMENT.as_bytes()),
            };
            (2, escaped)
        } else if b == 0xE2
            && bytes.get(i + 1) == Some(&0x80)
            && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9))
        {
            // U+2028 and U+2029 end lines in JavaScript and some terminals.
            let escaped: &[u8] = match (ctx, bytes[i + 2]) {
                (Escape::Json, 0xA8) => b"\\u2028",
                (Escape::Json, _) => b"\\u2029",
                _ => REPLACEMENT.as_bytes(),
            };
            (3, Some(escaped))
        } else {
            (1, None)
        };
        if let Some(e) = escaped {
            out.put(&bytes[plain_from..i]);
            out.put(e);
            plain_from = i + width;
        }
        i += width;
    }
    out.put(&bytes[plain_from..]);
}

/// The bytes `ctx` may rewrite (none for Raw).
fn special_table(ctx: Escape) -> &'static [bool; 256] {
    match ctx {
        Escape::Raw => &NOTHING_SPECIAL,
        Escape::Html => &SPECIAL_HTML,
        Escape::Json => &SPECIAL_JSON,
        Escape::Text => &SPECIAL_TEXT,
    }
}

static NOTHING_SPECIAL: [bool; 256] = [false; 256];

/// The bytes that end `needs_nothing`'s fast path for `ctx` (nonzero): those
/// `ctx` may rewrite and every non-ASCII byte (not yet known to be UTF-8).
fn stop_table(ctx: Escape) -> &'static [u8; 256] {
    match ctx {
        Escape::Raw => &STOP_RAW,
        Escape::Html => &STOP_HTML,
        Escape::Json => &STOP_JSON,
        Escape::Text => &STOP_TEXT,
    }
}

static STOP_RAW: [u8; 256] = stop_bytes(special_bytes(Escape::Raw));
static STOP_HTML: [u8; 256] = stop_bytes(special_bytes(Escape::Html));
static STOP_JSON: [u8; 256] = stop_bytes(special_bytes(Escape::Json));
static STOP_TEXT: [u8; 256] = stop_bytes(special_bytes(Escape::Text));

const fn stop_bytes(special: [bool; 256]) -> [u8; 256] {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b >= 0x80 || special[b]) as u8;
        b += 1;
    }
    table
}

/// Bytes each context may have to rewrite (the exact rewrite is `escape_ascii`'s
/// or `write_valid`'s); built at compile time from the same rules.
static SPECIAL_HTML: [bool; 256] = special_bytes(Escape::Html);
static SPECIAL_JSON: [bool; 256] = special_bytes(Escape::Json);
static SPECIAL_TEXT: [bool; 256] = special_bytes(Escape::Text);

const fn special_bytes(ctx: Escape) -> [bool; 256] {
    let mut table = [false; 256];
    // Lead bytes of U+0080..U+00BF (C1 controls among them) and of U+2000..U+2FFF
    // (U+2028 and U+2029 among them).
    table[0xC2] = true;
    table[0xE2] = true;
    let mut b = 0;
    while b < 128 {
        let control = b < 0x20 || b == 0x7f;
        table[b] = match ctx {
            Escape::Html => {
                (control && b != b'\t' as usize && b != b'\n' as usize)
                    || matches!(b as u8, b'&' | b'<' | b'>' | b'"' | b'\'' | b'`')
            }
            Escape::Json => control || matches!(b as u8, b'"' | b'\\' | b'<' | b'>' | b'&'),
            Escape::Text => control,
            Escape::Raw => false,
        };
        b += 1;
    }
    table
}

fn escape_ascii(b: u8, ctx: Escape, hex: &mut [u8; 6]) -> Option<&[u8]> {
    let replacement = REPLACEMENT.as_bytes();
    match ctx {
        Escape::Raw => None,
        Escape::Html => match b {
            b'&' => Some(b"&amp;"),
            b'<' => Some(b"&lt;"),
            b'>' => Some(b"&gt;"),
            b'"' => Some(b"&quot;"),
            b'\'' => Some(b"&#39;"),
            b'`' => Some(b"&#96;"),
            b'\t' | b'\n' => None,
            b if b < 0x20 || b == 0x7f => Some(replacement),
            _ => None,
        },
        Escape::Json => match b {
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            b'\n' => Some(b"\\n"),
            b'\r' => Some(b"\\r"),
            b'\t' => Some(b"\\t"),
            // Keep JSON safe to embed in HTML and in JavaScript source.
            b'<' => Some(b"\\u003c"),
            b'>' => Some(b"\\u003e"),
            b'&' => Some(b"\\u0026"),
            b if b < 0x20 || b == 0x7f => Some(json_hex(u32::from(b), hex)),
            _ => None,
        },
        Escape::Text => match b {
            // A tab from the request could misalign the labelled lines; a space can't.
            b'\t' => Some(b" "),
            b if b < 0x20 || b == 0x7f => Some(replacement),
            _ => None,
        },
    }
}

/// `\u00XX` for a code point below U+0100.
fn json_hex(c: u32, buf: &mut [u8; 6]) -> &[u8] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    *buf = [
        b'\\',
        b'u',
        b'0',
        b'0',
        HEX[(c >> 4 & 0xf) as usize],
        HEX[(c & 0xf) as usize],
    ];
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(v: &[u8], ctx: Escape) -> String {
        let mut out = Vec::new();
        write_escaped(&mut out, v, ctx);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn html() {
        assert_eq!(
            esc(b"<script>alert('x\")</script>&", Escape::Html),
            "&lt;script&gt;alert(&#39;x&quot;)&lt;/script&gt;&amp;"
        );
        assert_eq!(
            esc(b"a\x00b\x1bc\r\n", Escape::Html),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}\n"
        );
        assert_eq!(esc("x\u{2028}".as_bytes(), Escape::Html), "x\u{FFFD}");
    }

    #[test]
    fn json() {
        assert_eq!(
            esc(b"\"\\/\n\x01\x7f", Escape::Json),
            "\\\"\\\\/\\n\\u0001\\u007f"
        );
        assert_eq!(esc(b"</script>", Escape::Json), "\\u003c/script\\u003e");
        assert_eq!(
            esc("\u{2028}\u{2029}".as_bytes(), Escape::Json),
            "\\u2028\\u2029"
        );
        assert_eq!(esc(b"\xc3\x28", Escape::Json), "\u{FFFD}(");
    }

    #[test]
    fn the_tables_flag_exactly_the_bytes_escape_ascii_rewrites() {
        for (ctx, table) in [
            (Escape::Html, &SPECIAL_HTML),
            (Escape::Json, &SPECIAL_JSON),
            (Escape::Text, &SPECIAL_TEXT),
        ] {
            for b in 0u8..128 {
                let mut hex = [0u8; 6];
                let rewritten = escape_ascii(b, ctx, &mut hex).is_some();
                assert_eq!(table[usize::from(b)], rewritten, "{ctx:?} byte {b:#04x}");
            }
        }
    }

    #[test]
    fn the_fast_check_agrees_with_the_tables_at_every_length_and_position() {
        for ctx in [Escape::Html, Escape::Json, Escape::Text] {
            let special = special_table(ctx);
            for len in 1..=20 {
                for at in 0..len {
                    for b in 0..=255u8 {
                        let mut value = vec![b'a'; len];
                        value[at] = b;
                        let plain = b < 0x80 && !special[usize::from(b)];
                        assert_eq!(
                            needs_nothing(&value, ctx),
                            plain,
                            "{ctx:?} {len} {at} {b:#04x}"
                        );
                    }
                }
            }
            assert!(needs_nothing(b"", ctx));
        }
    }

    #[test]
    fn c1_controls_are_neutralised() {
        assert_eq!(
            esc("a\u{85}b\u{9b}c".as_bytes(), Escape::Json),
            "a\\u0085b\\u009bc"
        );
        assert_eq!(
            esc("a\u{85}b\u{a0}".as_bytes(), Escape::Text),
            "a\u{FFFD}b\u{a0}"
        );
        assert_eq!(
            esc("\u{e9}\u{2027}".as_bytes(), Escape::Html),
            "\u{e9}\u{2027}"
        );
    }

    #[test]
    fn text() {
        assert_eq!(
            esc(b"ok\x1b[31mred\r\nfake", Escape::Text),
            "ok\u{FFFD}[31mred\u{FFFD}\u{FFFD}fake"
        );
    }

    #[test]
    fn long_values_are_cut_on_a_char_boundary() {
        let mut v = vec![b'a'; MAX_VALUE_BYTES - 1];
        v.extend_from_slice("é".as_bytes()); // straddles the limit
        let s = esc(&v, Escape::Html);
        assert!(s.ends_with('\u{2026}'));
        assert!(!s.contains('\u{FFFD}'));
        assert_eq!(s.chars().count(), MAX_VALUE_BYTES);
    }

    #[test]
    fn text_of_several_lines_has_one_limit() {
        let lines = |text: &[u8]| {
            let mut out = Vec::new();
            write_escaped_lines(&mut out, text, Escape::Text);
            String::from_utf8(out).unwrap()
        };
        // Ten lines each within the limit: together cut at it, once.
        let long = [&[b'x'; 3000][..]; 10].join(&b'\n');
        let text = lines(&long);
        assert!(
            text.len() <= MAX_VALUE_BYTES + ELLIPSIS.len(),
            "{}",
            text.len()
        );
        assert!(text.ends_with(ELLIPSIS) && text.contains("x\nx"));
        // A character the limit would split is left out whole, not replaced.
        let mut split = vec![b'y'; MAX_VALUE_BYTES - 1];
        split.extend("\u{e9}\u{e9}".as_bytes());
        let text = lines(&split);
        assert!(
            text.ends_with(&format!("y{ELLIPSIS}")),
            "{}",
            &text[text.len() - 8..]
        );
        assert!(!text.contains(REPLACEMENT));
        assert_eq!(lines(b"a\nb"), "a\nb");
    }
}
