//! Everything derived from the data table at compile time: the bounds, an O(1)
//! index from code to row, and the NUL-terminated status lines and code numbers,
//! so lookups never allocate and need no lazy initialisation.

use super::data::{CLASS_ROWS, TABLE};
use super::entry::Entry;
use super::text::Text;
use super::verbatim::assert_verbatim_safe;

/// Lowest code in the registry.
pub const MIN_CODE: u16 = 100;
/// Highest code in the registry.
pub const MAX_CODE: u16 = 599;
/// How many codes the registry holds: one for every number from 100 to 599.
pub const CODE_COUNT: usize = (MAX_CODE - MIN_CODE + 1) as usize;

/// Row index for each code; values at or above `TABLE.len()` pick a class row.
static INDEX: [u8; CODE_COUNT] = build_index();

const fn build_index() -> [u8; CODE_COUNT] {
    assert!(TABLE.len() + CLASS_ROWS.len() <= u8::MAX as usize);
    let mut index = [0u8; CODE_COUNT];
    let mut code = MIN_CODE;
    while code <= MAX_CODE {
        let class = (code / 100) as usize - 1;
        index[(code - MIN_CODE) as usize] = (TABLE.len() + class) as u8;
        code += 1;
    }
    let mut i = 0;
    while i < TABLE.len() {
        let code = TABLE[i].code;
        assert!(code >= MIN_CODE && code <= MAX_CODE, "code out of range");
        if i > 0 {
            assert!(
                TABLE[i - 1].code < code,
                "TABLE must be sorted, without duplicates"
            );
        }
        assert!(!TABLE[i].summary.is_empty() && !TABLE[i].description.is_empty());
        assert_verbatim_safe(&TABLE[i]);
        index[(code - MIN_CODE) as usize] = i as u8;
        i += 1;
    }
    let mut c = 0;
    while c < CLASS_ROWS.len() {
        assert_verbatim_safe(&CLASS_ROWS[c]);
        c += 1;
    }
    index
}

static ROWS: [&Entry; TABLE.len() + CLASS_ROWS.len()] = {
    let mut rows: [&Entry; TABLE.len() + CLASS_ROWS.len()] =
        [&CLASS_ROWS[0]; TABLE.len() + CLASS_ROWS.len()];
    let mut i = 0;
    while i < TABLE.len() {
        rows[i] = &TABLE[i];
        i += 1;
    }
    let mut c = 0;
    while c < CLASS_ROWS.len() {
        rows[TABLE.len() + c] = &CLASS_ROWS[c];
        c += 1;
    }
    rows
};

const fn row_for(code: u16) -> &'static Entry {
    let mut i = 0;
    while i < TABLE.len() {
        if TABLE[i].code == code {
            return &TABLE[i];
        }
        i += 1;
    }
    &CLASS_ROWS[(code / 100) as usize - 1]
}

/// "NNN " + phrase + NUL for every code.
const LINE_BYTES_LEN: usize = {
    let mut n = 0;
    let mut code = MIN_CODE;
    while code <= MAX_CODE {
        n += 4 + row_for(code).reason.len() + 1;
        code += 1;
    }
    n
};

const LINE_BYTES: [u8; LINE_BYTES_LEN] = {
    let mut out = [0u8; LINE_BYTES_LEN];
    let mut at = 0;
    let mut code = MIN_CODE;
    while code <= MAX_CODE {
        let d = digits(code);
        out[at] = d[0];
        out[at + 1] = d[1];
        out[at + 2] = d[2];
        out[at + 3] = b' ';
        at += 4;
        let phrase = row_for(code).reason.bytes_without_nul();
        let mut i = 0;
        while i < phrase.len() {
            // Status lines may carry only visible ASCII and spaces.
            assert!(phrase[i] == b' ' || (phrase[i] > 0x20 && phrase[i] < 0x7f));
            out[at] = phrase[i];
            at += 1;
            i += 1;
        }
        out[at] = 0;
        at += 1;
        code += 1;
    }
    out
};

static STATUS_LINES: [Text; CODE_COUNT] = split_at_nuls(&LINE_BYTES);

/// "100\0" .. "599\0", for C callers that want the number as a string.
static CODE_TEXTS: [Text; CODE_COUNT] = split_at_nuls(&CODE_BYTES);

const CODE_BYTES: [u8; CODE_COUNT * 4] = {
    let mut out = [0u8; CODE_COUNT * 4];
    let mut code = MIN_CODE;
    while code <= MAX_CODE {
        let at = (code - MIN_CODE) as usize * 4;
        let d = digits(code);
        out[at] = d[0];
        out[at + 1] = d[1];
        out[at + 2] = d[2];
        code += 1;
    }
    out
};

/// The three ASCII digits of a code.
pub(crate) const fn digits(code: u16) -> [u8; 3] {
    [
        b'0' + (code / 100) as u8,
        b'0' + (code / 10 % 10) as u8,
        b'0' + (code % 10) as u8,
    ]
}

/// One [`Text`] per code from a buffer of NUL-terminated ASCII strings, in order.
const fn split_at_nuls(bytes: &'static [u8]) -> [Text; CODE_COUNT] {
    let mut texts = [Text::new("\0"); CODE_COUNT];
    let mut rest = bytes;
    let mut n = 0;
    while n < CODE_COUNT {
        let mut end = 0;
        while rest[end] != 0 {
            end += 1;
        }
        let (text, tail) = rest.split_at(end + 1);
        texts[n] = match core::str::from_utf8(text) {
            Ok(s) => Text::new(s),
            Err(_) => panic!("registry strings are ASCII"),
        };
        rest = tail;
        n += 1;
    }
    texts
}

/// How many distinct rows of prose there are: the table's, then one per class.
pub(crate) const ROW_COUNT: usize = TABLE.len() + CLASS_ROWS.len();

/// The row of prose the code at `index` reads from (below `TABLE.len()`: its own;
/// above: its class's shared row).
#[inline]
pub(crate) fn row_index(index: usize) -> usize {
    INDEX[index] as usize
}

/// The row of the code at `index` (see [`StatusCode::index`](super::code::StatusCode::index)).
#[inline]
pub(crate) fn row(index: usize) -> &'static Entry {
    ROWS[INDEX[index] as usize]
}

/// "NNN phrase" of the code at `index`.
#[inline]
pub(crate) fn status_line(index: usize) -> Text {
    STATUS_LINES[index]
}

/// "NNN" of the code at `index`.
#[inline]
pub(crate) fn code_text(index: usize) -> Text {
    CODE_TEXTS[index]
}
