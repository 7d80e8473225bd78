//! Any bytes as other modules' notes (`error-notes`, `variant-list`): the reader
//! never panics, keeps its bounds, shows notes only for the codes httpd shows them
//! with, and its text escaped for the log line holds only printable ASCII.
#![no_main]

use httpstatus::StatusCode;
use libfuzzer_sys::fuzz_target;
use mod_httpstatus_logic::log_line::{LOG_PLAIN, Line};
use mod_httpstatus_logic::notes::{Carried, MAX_ALTERNATIVES, html_to_text, links};

fuzz_target!(|data: &[u8]| {
    let [a, b, flags, html @ ..] = data else {
        return;
    };
    let code = StatusCode::new(100 + u16::from_le_bytes([*a, *b]) % 500).unwrap();
    let verbose: Option<&[u8]> = (flags & 1 == 1).then_some(b"*");
    let carried = Carried::read(code, Some(html), verbose, Some(html));

    if let Some(text) = carried.text() {
        let shown = matches!(code.as_u16(), 400 | 403 | 411 | 414 | 417 | 451 | 501 | 502)
            || (code.as_u16() == 500 && verbose.is_some());
        assert!(shown, "{code:?} shows no error notes");
        assert!(!text.is_empty() && text[0] != b' ' && text[text.len() - 1] != b' ');
        assert!(!text.windows(2).any(|w| w == b"  "));
        assert!(!text.iter().any(|&c| c != b' ' && c.is_ascii_whitespace()));
    }
    let alternatives = carried.alternatives();
    assert!(alternatives.len() <= MAX_ALTERNATIVES);
    assert!(alternatives.is_empty() || matches!(code.as_u16(), 300 | 406));
    assert!(alternatives.iter().all(|a| !a.href.is_empty()));
    assert!(links(html).len() <= MAX_ALTERNATIVES);

    // The hint carries the notes into the log line, escaped.
    let text = html_to_text(html);
    let mut line = Line::new(usize::from(flags >> 1) * 8);
    line.quoted("hint", Some(&text), 480, 0);
    let line = line.finish();
    let value = &line[b" hint=\"".len()..line.len() - 1];
    assert!(value.len() <= 480);
    let mut rest = value;
    while let Some((&c, tail)) = rest.split_first() {
        if c == b'%' {
            assert!(tail.len() >= 2 && tail[..2].iter().all(|h| h.is_ascii_hexdigit()));
            rest = &tail[2..];
        } else {
            assert!(LOG_PLAIN[usize::from(c)], "raw byte {c:#x} in the log line");
            rest = tail;
        }
    }
});
