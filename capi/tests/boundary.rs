//! Every exported function has one shape: its whole body is a call to `boundary`
//! or `fallible` (capi/src/boundary.rs), so no panic can reach C and every bad
//! argument gets its documented answer. Read from the sources, since the crate
//! has no Rust library to link against.

use std::path::Path;

#[test]
fn every_export_runs_its_whole_body_inside_the_boundary() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut exports = 0;
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(&src).expect("capi/src") {
        let path = entry.expect("entry").path();
        let source = std::fs::read_to_string(&path).expect("source");
        for (at, _) in source.match_indices("extern \"C\" fn ") {
            exports += 1;
            let rest = &source[at + "extern \"C\" fn ".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // The body starts at the first `{` after the signature's closing `)`.
            let signature_end = rest
                .find(") ->")
                .or_else(|| rest.find(") {"))
                .expect("signature");
            let body = &rest[signature_end..];
            let body = body[body.find('{').expect("body") + 1..].trim_start();
            // The body is exactly one call: its parenthesis closes right before the
            // function's closing brace (comments skipped while counting).
            let is_one_call = (body.starts_with("boundary(") || body.starts_with("fallible("))
                && call_end(body).is_some_and(|end| body[end..].trim_start().starts_with('}'));
            if !is_one_call {
                wrong.push(format!("{}: {name}", path.display()));
            }
        }
    }
    assert!(exports >= 37, "found only {exports} exported functions");
    assert!(wrong.is_empty(), "exports outside the boundary: {wrong:#?}");
}

/// The index just past the parenthesis that closes the first one opened in `code`.
fn call_end(code: &str) -> Option<usize> {
    let mut depth = 0;
    let mut in_comment = false;
    let bytes = code.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' => in_comment = false,
            _ if in_comment => {}
            b'/' if bytes.get(i + 1) == Some(&b'/') => in_comment = true,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}
