//! Any bytes as request context: built-in documents stay well-formed and escaped,
//! and a prepared document filled with the values is byte for byte the full render.
#![no_main]

use httpstatus::render::{Prepared, render_to_vec};
use httpstatus::{Context, Field, Format, StatusCode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let code = StatusCode::new(100 + u16::from_le_bytes([data[0], data[1]]) % 500).unwrap();
    let value = &data[2..];
    let mut ctx = Context::new().with_details(data[0] & 1 == 1);
    for field in Field::ALL {
        ctx.set(field, Some(value));
    }
    for format in Format::ALL {
        let out = render_to_vec(code, format, &ctx);
        let text = std::str::from_utf8(&out).expect("documents are UTF-8");
        match format {
            Format::Html => assert!(!text.contains("<script") && !text.contains("<img")),
            Format::Json => {
                assert!(!text.contains('<'));
                // No raw control characters inside JSON strings.
                assert!(!text.bytes().any(|b| b < 0x20 && b != b'\n'));
            }
            Format::Text => assert!(!text.chars().any(|c| c.is_control() && c != '\n')),
        }
    }
    // The values a prepared document has holes for, set from the input; prepared
    // from a context of the same shape with other values.
    let holes = [
        Field::Method,
        Field::Path,
        Field::RequestId,
        Field::Server,
        Field::Date,
    ];
    let mut shaped = Context::new().with_details(ctx.details);
    let mut filled = shaped;
    for (i, field) in holes.into_iter().enumerate() {
        if data[1] & (1 << i) != 0 {
            shaped.set(field, Some(b"x"));
            filled.set(field, Some(value));
        }
    }
    for format in Format::ALL {
        let prepared =
            Prepared::new(code, format, &shaped).expect("no value that changes the shape");
        let mut out = Vec::new();
        prepared.render(&filled, &mut out);
        assert!(
            out == render_to_vec(code, format, &filled),
            "prepared and full render differ"
        );
    }
});
