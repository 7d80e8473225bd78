//! Reading the weighted lists of `Accept` and `Accept-Language` (RFC 9110 §12.4.2,
//! §12.5.1, §12.5.4): elements separated by commas, each a value with optional
//! `;`-parameters, one of which may be the weight `q`. Optional white space is
//! SP and HTAB, nothing else.
//!
//! One pass over the header, about one operation per byte to find where each
//! element ends and bounded work for each element, no allocation: a client
//! chooses the header's length, never the work per byte.

/// The weight an element has without a `q` parameter, in thousandths.
const FULL_WEIGHT: u16 = 1000;

/// One element of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Element<'a> {
    /// The media range or language range, without white space around it; empty for
    /// an empty element (`,,`); the element's whole text when it is void for its
    /// length.
    pub(crate) value: &'a [u8],
    /// The weight in thousandths (1000 without `q`); None when the element's
    /// weight is malformed, which voids the element.
    pub(crate) weight: Option<u16>,
}

/// The elements of `header`, in order, empty ones included.
pub(crate) fn elements(header: &[u8]) -> Elements<'_> {
    Elements { rest: Some(header) }
}

/// The iterator [`elements`] returns.
pub(crate) struct Elements<'a> {
    /// What follows the last element read; None after the last one.
    rest: Option<&'a [u8]>,
}

/// Longest value or parameter list read (bytes, white space included): a media
/// type is at most 255 bytes (RFC 6838 §4.2), a language range far shorter. An
/// element with more is void, so no element costs more than a bounded amount of
/// work beyond the scan for its end.
const MAX_PART: usize = 256;

impl<'a> Iterator for Elements<'a> {
    type Item = Element<'a>;

    #[inline]
    fn next(&mut self) -> Option<Element<'a>> {
        let rest = self.rest?;
        let end = find_byte(rest, b',');
        self.rest = end.map(|end| &rest[end + 1..]);
        let item = &rest[..end.unwrap_or(rest.len())];
        let head = &item[..item.len().min(MAX_PART + 1)];
        Some(match find_byte(head, b';') {
            None if item.len() <= MAX_PART => Element {
                value: trim(item),
                weight: Some(FULL_WEIGHT),
            },
            Some(semicolon) if item.len() - semicolon <= MAX_PART => Element {
                value: trim(&item[..semicolon]),
                weight: weight(&item[semicolon + 1..]),
            },
            _ => Element {
                value: item,
                weight: None,
            },
        })
    }
}

/// The position of the first `needle` in `haystack`. Eight bytes at a time, as
/// the scan for commas is most of the work a long header costs.
pub(crate) fn find_byte(haystack: &[u8], needle: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(needle);
    let mut words = haystack.chunks_exact(8);
    let mut offset = 0;
    for word in &mut words {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        // Bytes equal to the needle become zero; the lowest high bit set by the
        // classic zero-byte test marks the first of them (borrows only ever
        // spread to higher bytes).
        let x = u64::from_le_bytes(bytes) ^ pattern;
        let zero = x.wrapping_sub(ONES) & !x & HIGH;
        if zero != 0 {
            return Some(offset + (zero.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| b == needle)
        .map(|i| offset + i)
}

/// Most parameters an element may have (a media range has one or two besides its
/// weight); an element with more is void.
const MAX_PARAMETERS: usize = 8;

/// The weight given by `params` (what follows the value's first `;`): the last `q`
/// parameter's, full weight without one; None when malformed or when there are
/// more than [`MAX_PARAMETERS`].
fn weight(params: &[u8]) -> Option<u16> {
    let mut weight = Some(FULL_WEIGHT);
    let mut params = params.split(|&b| b == b';');
    for param in params.by_ref().take(MAX_PARAMETERS) {
        let param = trim(param);
        if let [b'q' | b'Q', b'=', value @ ..] = param {
            weight = qvalue(trim(value));
        }
    }
    match params.next() {
        None => weight,
        Some(_) => None,
    }
}

/// An RFC 9110 qvalue in thousandths: `0`, `0.`, `0.d` to `0.ddd`, `1`, `1.`,
/// `1.0` to `1.000`; None for anything else.
fn qvalue(v: &[u8]) -> Option<u16> {
    let (&first, rest) = v.split_first()?;
    let fraction = match rest {
        [] => &[][..],
        [b'.', digits @ ..] if digits.len() <= 3 => digits,
        _ => return None,
    };
    let mut thousandths = 0u16;
    let mut scale = 100;
    for &d in fraction {
        if !d.is_ascii_digit() {
            return None;
        }
        thousandths += u16::from(d - b'0') * scale;
        scale /= 10;
    }
    match first {
        b'0' => Some(thousandths),
        b'1' if thousandths == 0 => Some(FULL_WEIGHT),
        _ => None,
    }
}

/// `s` without optional white space (SP, HTAB) at either end.
pub(crate) fn trim(s: &[u8]) -> &[u8] {
    let is_ows = |b: &u8| matches!(b, b' ' | b'\t');
    let start = s.iter().position(|b| !is_ows(b)).unwrap_or(s.len());
    let end = s.iter().rposition(|b| !is_ows(b)).map_or(start, |e| e + 1);
    &s[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(header: &str) -> Vec<(&str, Option<u16>)> {
        elements(header.as_bytes())
            .map(|e| (core::str::from_utf8(e.value).unwrap(), e.weight))
            .collect()
    }

    #[test]
    fn values_and_weights() {
        assert_eq!(
            read("de-DE,de;q=0.9, en ;Q=0.8 ,*;q=0"),
            [
                ("de-DE", Some(1000)),
                ("de", Some(900)),
                ("en", Some(800)),
                ("*", Some(0))
            ]
        );
        assert_eq!(read("text/html;level=1;q=0.5"), [("text/html", Some(500))]);
        assert_eq!(
            read("a;q=0.5;q=1"),
            [("a", Some(1000))],
            "the last q counts"
        );
    }

    #[test]
    fn empty_elements_are_kept_and_optional_white_space_is_sp_and_htab_only() {
        assert_eq!(read(""), [("", Some(1000))]);
        assert_eq!(read(",,"), [("", Some(1000)); 3]);
        assert_eq!(read("\t fr \t"), [("fr", Some(1000))]);
        // A line feed or form feed is no white space: the value keeps it.
        assert_eq!(read("fr\n"), [("fr\n", Some(1000))]);
        assert_eq!(read("\x0cfr"), [("\x0cfr", Some(1000))]);
    }

    #[test]
    fn commas_are_found_wherever_they_stand_in_an_eight_byte_word() {
        for len in 0..40 {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b',';
                if at + 3 < len {
                    bytes[at + 3] = b',';
                }
                assert_eq!(find_byte(&bytes, b','), Some(at), "{len} {at}");
            }
            assert_eq!(find_byte(&vec![b'+'; len], b','), None);
        }
        // Bytes that differ from a comma by one bit, and bytes above it.
        assert_eq!(
            find_byte(b"\x2d\x2b\xac\x01\xff\x00\x2c\x2c\x2c", b','),
            Some(6)
        );
    }

    #[test]
    fn an_element_too_long_to_be_a_value_is_void_and_the_next_one_is_read() {
        let long = format!("{},de", " ".repeat(300));
        assert_eq!(
            read(&long),
            [(" ".repeat(300).as_str(), None), ("de", Some(1000))]
        );
        let params = format!("de;{}q=1,fr", "x".repeat(300));
        assert_eq!(read(&params)[0].1, None);
        assert_eq!(read(&params)[1], ("fr", Some(1000)));
        assert_eq!(read("de;a;b;c;d;e;f;g;q=1")[0].1, Some(1000));
        assert_eq!(read("de;a;b;c;d;e;f;g;h;q=1")[0].1, None, "nine parameters");
        let value = format!("{};q=0.5", "a".repeat(256));
        assert_eq!(read(&value)[0].1, Some(500), "256 bytes is still a value");
    }

    #[test]
    fn malformed_weights_void_the_element() {
        for q in [
            "", "2", "1.5", "1.001", "0.0000", "abc", ".5", "0.5x", "-0", "01",
        ] {
            assert_eq!(read(&format!("x;q={q}")), [("x", None)], "q={q}");
        }
        for (q, thousandths) in [
            ("0", 0),
            ("0.", 0),
            ("0.5", 500),
            ("0.05", 50),
            ("0.005", 5),
            ("1", 1000),
            ("1.", 1000),
            ("1.000", 1000),
        ] {
            assert_eq!(qvalue(q.as_bytes()), Some(thousandths), "q={q}");
        }
    }
}
