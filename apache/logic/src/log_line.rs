//! The diagnostic log line: `key=value` and `key="value"` fields within a byte
//! budget, every value escaped so that httpd's own escaping has nothing left to
//! do and no value can open or close a field.
//!
//! Escaping: printable ASCII stays as it is, except `"`, `%` and `\`, which like
//! every other byte become `%XX` (upper-case hex). A value that does not fit its
//! room ends in [`CUT_MARK`].

use httpstatus::render::{BufferSink, Sink, decimal};

/// Ends a value that was cut to fit.
pub const CUT_MARK: &str = "...";

/// The bytes a log value keeps as they are: printable ASCII but `"`, `%` and `\`.
pub static LOG_PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x20;
    while b < 0x7f {
        table[b] = !matches!(b as u8, b'"' | b'%' | b'\\');
        b += 1;
    }
    table
};

/// A line of fields within a byte budget.
///
/// The budget holds for the whole line when it leaves room for the unquoted
/// fields plus [`Line::least`] of every quoted field: each quoted field is cut
/// to what the budget leaves after the room reserved for the fields after it.
/// A budget smaller than that is exceeded by at most what those least rooms need,
/// as every field still shows at least `key="..."`.
#[derive(Debug)]
pub struct Line {
    /// ASCII only: everything outside printable ASCII is escaped.
    text: Vec<u8>,
    max: usize,
}

impl Line {
    /// An empty line of at most `max` bytes (see [`Line`] for when that holds).
    pub fn new(max: usize) -> Self {
        Line {
            // One more for the NUL a C string adds, so it never reallocates.
            text: Vec::with_capacity(max + 1),
            max,
        }
    }

    /// The least room a quoted field takes: ` key="..."`.
    pub fn least(key: &str) -> usize {
        key.len() + 4 + CUT_MARK.len()
    }

    /// An unquoted field of our own: `value` is a token of letters, digits and
    /// `-` (codes, cause tokens, format names), so it needs no escaping. Only the
    /// first field of a line goes without a leading blank.
    pub fn word(&mut self, key: &str, value: &str) {
        if !self.text.is_empty() {
            self.text.push(b' ');
        }
        debug_assert!(
            value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        );
        self.text.extend_from_slice(key.as_bytes());
        self.text.push(b'=');
        self.text.extend_from_slice(value.as_bytes());
    }

    /// An unquoted number (never the first field).
    pub fn number(&mut self, key: &str, value: u64) {
        self.text.push(b' ');
        self.text.extend_from_slice(key.as_bytes());
        self.text.push(b'=');
        push_decimal(&mut self.text, value);
    }

    /// A quoted field: `value` escaped, cut to `cap` bytes and to what the budget
    /// leaves after `reserve` bytes for the fields that follow (never below
    /// [`CUT_MARK`]'s length); `"-"` when absent.
    pub fn quoted(&mut self, key: &str, value: Option<&[u8]>, cap: usize, reserve: usize) {
        self.text.push(b' ');
        self.text.extend_from_slice(key.as_bytes());
        self.text.extend_from_slice(b"=\"");
        let room = self
            .max
            .saturating_sub(self.text.len() + 1 + reserve)
            .min(cap)
            .max(CUT_MARK.len());
        match value {
            None => self.text.push(b'-'),
            Some(value) => push_escaped(&mut self.text, value, room),
        }
        self.text.push(b'"');
    }

    /// Quoted fields `(key, value, cap)` in order, each leaving [`Line::least`]
    /// of every later one: the earlier fields are cut first when the budget is
    /// short, and every field shows at least `key="..."`.
    pub fn quoted_fields(&mut self, fields: &[(&str, Option<&[u8]>, usize)]) {
        let mut still_needed: usize = fields.iter().map(|(key, ..)| Line::least(key)).sum();
        for &(key, value, cap) in fields {
            still_needed -= Line::least(key);
            self.quoted(key, value, cap, still_needed);
        }
    }

    /// The line's bytes: printable ASCII, no NUL.
    pub fn finish(self) -> Vec<u8> {
        self.text
    }
}

/// Is every byte of `value` plain (see [`LOG_PLAIN`])? Eight bytes at a time:
/// a line's values are a few hundred bytes, checked on every diagnostic line.
fn all_plain(value: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The classic test for a zero byte, exact as a yes or no.
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v;
    let mut words = value.chunks_exact(8);
    for word in &mut words {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        let x = u64::from_le_bytes(bytes);
        // A high bit set: a byte of 0x80 or more. Otherwise every byte is below
        // 0x80, so each test below stays within its byte: below 0x20, equal to
        // 0x7F (adding one sets its high bit), or one of `"`, `%`, `\`.
        let odd = x
            | (x.wrapping_sub(ONES * 0x20) & !x)
            | x.wrapping_add(ONES)
            | has_zero(x ^ (ONES * u64::from(b'"')))
            | has_zero(x ^ (ONES * u64::from(b'%')))
            | has_zero(x ^ (ONES * u64::from(b'\\')));
        if odd & HIGH != 0 {
            return false;
        }
    }
    words.remainder().iter().all(|&b| LOG_PLAIN[usize::from(b)])
}

/// Appends `value` in decimal (without the formatting machinery, which costs
/// a request several hundred instructions).
fn push_decimal(out: &mut Vec<u8>, value: u64) {
    let mut digits = [0u8; 20];
    out.extend_from_slice(decimal(value, &mut digits));
}

/// Appends `value` escaped (see the module's header) in at most `room` bytes, or
/// [`CUT_MARK`]'s length if `room` is smaller. A value that does not fit is cut
/// before the first byte that would not, and ends in [`CUT_MARK`].
pub fn push_escaped(out: &mut Vec<u8>, value: &[u8], room: usize) {
    let room = room.max(CUT_MARK.len());
    let plain = |b: u8| LOG_PLAIN[usize::from(b)];
    // Nearly every value: nothing to escape, and it fits.
    if value.len() <= room && all_plain(value) {
        out.extend_from_slice(value);
        return;
    }
    let width = |b: u8| if plain(b) { 1 } else { 3 };
    let whole: usize = value.iter().map(|&b| width(b)).sum();
    let budget = if whole <= room {
        room
    } else {
        room - CUT_MARK.len()
    };
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut used = 0;
    let mut plain_from = 0;
    let mut end = value.len();
    for (i, &b) in value.iter().enumerate() {
        used += width(b);
        if used > budget {
            end = i;
            break;
        }
        if !plain(b) {
            // Runs of plain bytes are appended whole.
            out.extend_from_slice(&value[plain_from..i]);
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]]);
            plain_from = i + 1;
        }
    }
    out.extend_from_slice(&value[plain_from..end]);
    if whole > room {
        out.extend_from_slice(CUT_MARK.as_bytes());
    }
}

/// Room for a virtual host's name and port (the line cuts the field further).
pub const VHOST_BYTES: usize = 160;

/// `host:port` of a virtual host, written into `buffer` and cut to its size.
/// `host` is `-` when unknown; `port` is the configured one, else `local_port`
/// (the port the connection came in on).
pub fn vhost<'b>(
    host: Option<&[u8]>,
    port: u16,
    local_port: u16,
    buffer: &'b mut [u8; VHOST_BYTES],
) -> &'b [u8] {
    let port = if port != 0 { port } else { local_port };
    let mut out = BufferSink::new(buffer);
    out.put(host.unwrap_or(b"-"));
    out.put(b":");
    out.put_u16(port);
    let len = out.needed().min(VHOST_BYTES);
    &buffer[..len]
}

/// Internal redirects shown: more are left out.
pub const MAX_REDIRECTS: usize = 8;
/// Bytes of each redirect's URI shown.
pub const REDIRECT_URI_BYTES: usize = 200;

/// `"/a (404) -> /errors/404 (404)"` for a request and its internal redirects,
/// given as (uri, status) in order; None when there was no redirect. At most
/// [`MAX_REDIRECTS`] requests, each URI cut to [`REDIRECT_URI_BYTES`] (not UTF-8
/// is replaced, the line escapes the rest).
pub fn redirects<'a>(chain: impl IntoIterator<Item = (Option<&'a [u8]>, i32)>) -> Option<String> {
    let mut chain = chain.into_iter().take(MAX_REDIRECTS);
    let first = chain.next()?;
    // Nearly every request: no redirect, and nothing to build.
    let second = chain.next()?;
    let mut out = Vec::with_capacity(64);
    for (i, (uri, status)) in [first, second].into_iter().chain(chain).enumerate() {
        if i > 0 {
            out.extend_from_slice(b" -> ");
        }
        let uri = uri.unwrap_or(b"-");
        let uri = String::from_utf8_lossy(&uri[..uri.len().min(REDIRECT_URI_BYTES)]);
        out.extend_from_slice(uri.as_bytes());
        out.extend_from_slice(b" (");
        if status < 0 {
            out.push(b'-');
        }
        push_decimal(&mut out, u64::from(status.unsigned_abs()));
        out.push(b')');
    }
    // Only whole UTF-8 strings and ASCII were appended.
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn escaped(value: &[u8], room: usize) -> Vec<u8> {
        let mut out = Vec::new();
        push_escaped(&mut out, value, room);
        out
    }

    /// Undoes the escaping; panics on anything push_escaped cannot have written.
    fn unescape(s: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < s.len() {
            let b = s[i];
            assert!(
                LOG_PLAIN[usize::from(b)] || b == b'%',
                "raw byte {b:#x} in {s:?}"
            );
            if b == b'%' {
                let hex = std::str::from_utf8(&s[i + 1..i + 3]).unwrap();
                assert_eq!(hex, hex.to_ascii_uppercase());
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(b);
                i += 1;
            }
        }
        out
    }

    #[test]
    fn plain_table_keeps_printable_ascii_but_quote_percent_backslash() {
        for b in 0..=255u8 {
            let expected = (0x20..0x7f).contains(&b) && !matches!(b, b'"' | b'%' | b'\\');
            assert_eq!(LOG_PLAIN[usize::from(b)], expected, "byte {b:#x}");
        }
    }

    #[test]
    fn every_byte_class_is_escaped_as_documented() {
        assert_eq!(escaped(b"plain text/~!", 100), b"plain text/~!");
        assert_eq!(escaped(b"a\"b", 100), b"a%22b");
        assert_eq!(escaped(b"100%", 100), b"100%25");
        assert_eq!(escaped(b"C:\\x", 100), b"C:%5Cx");
        assert_eq!(escaped(b"\0\t\n\r\x1b", 100), b"%00%09%0A%0D%1B");
        assert_eq!(escaped(b"\x7f", 100), b"%7F");
        assert_eq!(escaped("é".as_bytes(), 100), b"%C3%A9");
        assert_eq!(escaped(b"\xff", 100), b"%FF");
        assert_eq!(escaped(b"", 100), b"");
    }

    #[test]
    fn the_word_test_agrees_with_the_table_for_every_byte_everywhere() {
        for b in 0..=255u8 {
            for len in [1, 7, 8, 9, 16, 17] {
                for at in 0..len {
                    let mut value = vec![b'a'; len];
                    value[at] = b;
                    assert_eq!(
                        all_plain(&value),
                        LOG_PLAIN[usize::from(b)],
                        "{b:#x} {len} {at}"
                    );
                }
            }
        }
        assert!(all_plain(b""));
    }

    #[test]
    fn a_value_that_does_not_fit_ends_in_the_cut_mark() {
        assert_eq!(escaped(b"abcdef", 6), b"abcdef");
        assert_eq!(escaped(b"abcdefg", 6), b"abc...");
        // An escape is never split: "%22" does not fit in the two bytes left.
        assert_eq!(escaped(b"ab\"cdefg", 7), b"ab...");
        // Exactly fitting with escapes.
        assert_eq!(escaped(b"a\"", 4), b"a%22");
        // The room never shrinks below the mark itself.
        assert_eq!(escaped(b"abcdef", 0), b"...");
        assert_eq!(escaped(b"ab", 0), b"ab");
    }

    #[test]
    fn fields_are_laid_out_as_the_log_reader_expects() {
        let mut line = Line::new(1000);
        line.word("status", "404");
        line.word("class", "4xx");
        line.number("time_us", 1234);
        line.quoted("uri", Some(b"/a b"), 100, 0);
        line.quoted("ua", None, 100, 0);
        assert_eq!(
            line.finish(),
            b"status=404 class=4xx time_us=1234 uri=\"/a b\" ua=\"-\""
        );
    }

    #[test]
    fn least_is_the_smallest_field() {
        let mut line = Line::new(0);
        line.quoted("key", Some(b"a long value"), 100, 0);
        assert_eq!(line.finish().len(), Line::least("key"));
        assert_eq!(Line::least("key"), b" key=\"...\"".len());
    }

    #[test]
    fn a_field_is_cut_to_its_cap_and_to_the_reserve() {
        let mut line = Line::new(1000);
        line.quoted("k", Some(b"abcdefghij"), 5, 0);
        assert_eq!(line.finish(), b" k=\"ab...\"");
        // 30 bytes budget, 10 reserved: 30 - 10 - len(` k="`) - 1 = 15.
        let mut line = Line::new(30);
        line.quoted("k", Some(&[b'x'; 40]), 100, 10);
        let text = line.finish();
        assert_eq!(text.len(), 20);
        assert!(text.ends_with(b"...\""));
    }

    #[test]
    fn quoted_fields_share_the_budget_and_keep_room_for_each() {
        let long = [b'x'; 500];
        let fields: [(&str, Option<&[u8]>, usize); 3] = [
            ("a", Some(&long), 480),
            ("b", Some(&long), 480),
            ("c", None, 10),
        ];
        let mut line = Line::new(200);
        line.word("status", "500");
        line.quoted_fields(&fields);
        let text = line.finish();
        // `a` takes all but the least rooms of `b` and `c`; `c` needs less than its least.
        assert_eq!(text.len(), 200 - 2);
        assert!(
            text.ends_with(b" b=\"...\" c=\"-\""),
            "{}",
            text.escape_ascii()
        );
    }

    #[test]
    fn the_vhost_is_cut_to_its_buffer() {
        let mut buffer = [0u8; VHOST_BYTES];
        assert_eq!(
            vhost(Some(b"example.org"), 8080, 80, &mut buffer),
            b"example.org:8080"
        );
        assert_eq!(
            vhost(Some(b"example.org"), 0, 443, &mut buffer),
            b"example.org:443"
        );
        assert_eq!(vhost(None, 0, 0, &mut buffer), b"-:0");
        let long = [b'h'; 300];
        let cut = vhost(Some(&long), 80, 80, &mut buffer);
        assert_eq!(cut, &long[..VHOST_BYTES]);
    }

    #[test]
    fn redirects_are_shown_only_when_there_were_some() {
        assert_eq!(redirects([]), None);
        assert_eq!(redirects([(Some(&b"/a"[..]), 404)]), None);
        assert_eq!(
            redirects([(Some(&b"/a"[..]), 404), (None, 500)]).as_deref(),
            Some("/a (404) -> - (500)")
        );
        let long = [b'u'; 300];
        let many = std::iter::repeat_n((Some(&long[..]), 302), 20);
        let shown = redirects(many).unwrap();
        assert_eq!(shown.matches(" -> ").count(), MAX_REDIRECTS - 1);
        assert_eq!(
            shown.len(),
            MAX_REDIRECTS * (REDIRECT_URI_BYTES + 6) + 4 * 7
        );
        assert_eq!(
            redirects([(Some(&b"/\xff"[..]), 404), (Some(&b"/e"[..]), 404)]).as_deref(),
            Some("/\u{fffd} (404) -> /e (404)")
        );
    }

    /// What the module writes before its quoted fields, at its longest.
    fn prefix(line: &mut Line, time: u64) {
        line.word("status", "404");
        line.word("class", "4xx");
        line.number("time_us", time);
    }

    /// Splits the quoted fields that follow `prefix_len` bytes into (key, value).
    fn quoted_values(text: &[u8], prefix_len: usize) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut rest = &text[prefix_len..];
        let mut found = Vec::new();
        while !rest.is_empty() {
            assert_eq!(rest[0], b' ');
            let eq = rest.iter().position(|&b| b == b'=').unwrap();
            let key = rest[1..eq].to_vec();
            assert_eq!(rest[eq + 1], b'"');
            let value_len = rest[eq + 2..].iter().position(|&b| b == b'"').unwrap();
            let value = rest[eq + 2..eq + 2 + value_len].to_vec();
            found.push((key, value));
            rest = &rest[eq + 3 + value_len..];
        }
        found
    }

    proptest! {
        #[test]
        fn escaped_values_round_trip_or_are_cut_with_the_mark(
            value in proptest::collection::vec(any::<u8>(), 0..300),
            room in 0usize..400,
        ) {
            let out = escaped(&value, room);
            let room = room.max(CUT_MARK.len());
            prop_assert!(out.len() <= room);
            if let Some(kept) = out.strip_suffix(CUT_MARK.as_bytes()).filter(|_| unescape(&out) != value) {
                let kept = unescape(kept);
                prop_assert!(value.starts_with(&kept) && kept.len() < value.len());
                // Cut before the first byte that did not fit: at most an escape's
                // width short of the room.
                prop_assert!(out.len() + 2 >= room);
            } else {
                prop_assert_eq!(unescape(&out), value);
            }
        }

        /// Built as the module builds it: the prefix, then quoted fields with
        /// random keys, values and caps. Every value is escaped and quoted, and
        /// the line keeps its budget whenever the budget holds the prefix and the
        /// least room of every field; otherwise it takes exactly that much at most.
        #[test]
        fn a_line_keeps_its_budget_and_every_value_its_quotes(
            budget in 256usize..8000,
            time in any::<u64>(),
            fields in proptest::collection::vec(
                ("[a-z_]{1,10}", proptest::option::of(proptest::collection::vec(any::<u8>(), 0..1200)), 0usize..1000),
                0..40,
            ),
        ) {
            let fields: Vec<(&str, Option<&[u8]>, usize)> = fields
                .iter()
                .map(|(key, value, cap)| (key.as_str(), value.as_deref(), *cap))
                .collect();
            let mut line = Line::new(budget);
            prefix(&mut line, time);
            let prefix_len = line.text.len();
            line.quoted_fields(&fields);
            let text = line.finish();
            let least: usize = fields.iter().map(|(key, ..)| Line::least(key)).sum();
            prop_assert!(text.len() <= budget.max(prefix_len + least), "{} > {}", text.len(), budget);
            let values = quoted_values(&text, prefix_len);
            prop_assert_eq!(values.len(), fields.len());
            for ((key, value), (want_key, want, cap)) in values.iter().zip(&fields) {
                prop_assert_eq!(key.as_slice(), want_key.as_bytes());
                prop_assert!(value.len() <= (*cap).max(CUT_MARK.len()));
                match want {
                    None => prop_assert_eq!(value.as_slice(), b"-"),
                    // Also checks that only LOG_PLAIN bytes and %XX escapes occur.
                    Some(want) => {
                        let kept = unescape(value);
                        prop_assert!(
                            kept == *want
                                || (value.ends_with(CUT_MARK.as_bytes())
                                    && want.starts_with(&unescape(&value[..value.len() - 3])))
                        );
                    }
                }
            }
        }

        /// The module's own fields: for every allowed HttpStatusLogLineLength the
        /// prefix and the least rooms fit, so the line never exceeds it.
        #[test]
        fn the_module_line_never_exceeds_the_configured_length(
            budget in 256usize..=8000,
            values in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..2000), 13),
        ) {
            const FIELDS: [(&str, usize); 13] = [
                ("reason", 120), ("method", 24), ("vhost", 128), ("client", 48), ("id", 48),
                ("handler", 40), ("sent", 8), ("uri", 256), ("file", 256), ("redirects", 256),
                ("ua", 128), ("referer", 128), ("hint", 480),
            ];
            let fields: Vec<(&str, Option<&[u8]>, usize)> = FIELDS
                .iter()
                .zip(&values)
                .map(|(&(key, cap), value)| (key, Some(value.as_slice()), cap))
                .collect();
            let mut line = Line::new(budget);
            prefix(&mut line, u64::MAX);
            line.quoted_fields(&fields);
            prop_assert!(line.finish().len() <= budget);
        }
    }
}
