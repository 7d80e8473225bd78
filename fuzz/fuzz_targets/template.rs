//! Any bytes as a template: compiling never panics; a compiled template renders
//! well-formed output for every format with hostile context values.
#![no_main]

use httpstatus::{Context, Field, Format, StatusCode, Template};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, source)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(selector) % 3];
    let Ok(template) = Template::compile(source, format) else {
        return;
    };
    let ctx = Context::new()
        .with(Field::Path, source)
        .with(Field::Method, b"<\"'\x00\xff");
    let code = StatusCode::new(100 + u16::from(selector) % 250 * 2).unwrap();
    let out = template.render_to_vec(code, &ctx);
    // Valid UTF-8 unless the template asked for a raw value.
    if !source.windows(3).any(|w| w == b"raw") {
        assert!(std::str::from_utf8(&out).is_ok());
    }
});
