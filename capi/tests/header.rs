//! The checked-in C header must equal a fresh cbindgen generation of this crate,
//! version macros included (they come from Cargo.toml alone), and every name it
//! declares must carry the library's prefix.

use std::path::{Path, PathBuf};

fn header_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../include/httpstatus.h")
}

fn generate() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config =
        cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml");
    let (major, minor, patch) = (
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
    );
    config.after_includes = Some(format!(
        "\n#define HTTPSTATUS_VERSION_MAJOR {major}\n\
         #define HTTPSTATUS_VERSION_MINOR {minor}\n\
         #define HTTPSTATUS_VERSION_PATCH {patch}\n\
         #define HTTPSTATUS_VERSION_STRING \"{major}.{minor}.{patch}\"\n\
         /* MAJOR * 1000000 + MINOR * 1000 + PATCH, as httpstatus_version_number() returns. */\n\
         #define HTTPSTATUS_VERSION_NUMBER \\\n  \
         ((HTTPSTATUS_VERSION_MAJOR * 1000000) + (HTTPSTATUS_VERSION_MINOR * 1000) + HTTPSTATUS_VERSION_PATCH)"
    ));
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_config(config)
        .with_crate(root)
        .generate()
        .expect("cbindgen generation")
        .write(&mut out);
    String::from_utf8(out).expect("header is UTF-8")
}

#[test]
fn checked_in_header_matches_a_fresh_generation() {
    let path = header_path();
    let fresh = generate();
    if std::env::var_os("HTTPSTATUS_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("write header");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == fresh,
        "include/httpstatus.h is stale: run `HTTPSTATUS_BLESS=1 cargo test --test header`"
    );
}

/// Every identifier a C header declares at file scope: macros, functions, typedef
/// names, struct/enum/union tags and enumerators. A small tokenizer, enough for
/// what cbindgen writes: preprocessor lines only contribute `#define` names, and
/// parameter names (inside parentheses) are not declarations.
fn declared_names(header: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut code = String::new();
    let mut in_comment = false;
    for line in header.lines() {
        // Comments out; cbindgen writes no comment markers inside strings.
        let mut rest = line;
        let mut kept = String::new();
        loop {
            if in_comment {
                match rest.find("*/") {
                    Some(end) => {
                        rest = &rest[end + 2..];
                        in_comment = false;
                    }
                    None => break,
                }
            } else {
                let block = rest.find("/*");
                let line_comment = rest.find("//");
                match (block, line_comment) {
                    (Some(b), l) if l.is_none_or(|l| b < l) => {
                        kept.push_str(&rest[..b]);
                        rest = &rest[b + 2..];
                        in_comment = true;
                    }
                    (_, Some(l)) => {
                        kept.push_str(&rest[..l]);
                        break;
                    }
                    _ => {
                        kept.push_str(rest);
                        break;
                    }
                }
            }
        }
        let trimmed = kept.trim_start();
        if let Some(directive) = trimmed.strip_prefix('#') {
            if let Some(define) = directive.trim_start().strip_prefix("define") {
                let name: String = define
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                names.push(name);
            }
            continue;
        }
        code.push_str(&kept);
        code.push('\n');
    }

    // Tokens: identifiers and single punctuation characters; strings dropped.
    let mut tokens: Vec<String> = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            for d in chars.by_ref() {
                if d == '"' {
                    break;
                }
            }
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut ident = c.to_string();
            while let Some(&d) = chars
                .peek()
                .filter(|d| d.is_ascii_alphanumeric() || **d == '_')
            {
                ident.push(d);
                chars.next();
            }
            tokens.push(ident);
        } else if !c.is_whitespace() {
            tokens.push(c.to_string());
        }
    }

    let is_ident = |t: &str| t.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    let mut parens = 0;
    let mut in_typedef = false;
    let mut last_ident: Option<&str> = None;
    let mut enum_body = false;
    let mut expect_enumerator = false;
    let mut pending_enum = false;
    for (i, token) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1).map(String::as_str);
        match token.as_str() {
            "(" => parens += 1,
            ")" => parens -= 1,
            "{" if pending_enum => {
                enum_body = true;
                expect_enumerator = true;
                pending_enum = false;
            }
            "}" if enum_body => enum_body = false,
            "," if enum_body && parens == 0 => expect_enumerator = true,
            ";" if parens == 0 => {
                if in_typedef {
                    names.extend(last_ident.map(str::to_string));
                    in_typedef = false;
                }
                pending_enum = false;
            }
            "typedef" => in_typedef = true,
            "enum" | "struct" | "union" => {
                pending_enum = token == "enum";
                if let Some(tag) = next.filter(|n| is_ident(n)) {
                    names.push(tag.to_string());
                }
            }
            t if is_ident(t) => {
                if enum_body && expect_enumerator {
                    names.push(t.to_string());
                    expect_enumerator = false;
                } else if parens == 0 && next == Some("(") {
                    names.push(t.to_string());
                }
                last_ident = Some(t);
            }
            _ => {}
        }
    }
    names
}

fn unprefixed(names: &[String]) -> Vec<&String> {
    names
        .iter()
        .filter(|n| !n.starts_with("httpstatus_") && !n.starts_with("HTTPSTATUS_"))
        .collect()
}

#[test]
fn every_declared_name_carries_the_prefix() {
    let names = declared_names(&generate());
    // Each kind of declaration was seen, so the parser did read the header.
    for expected in [
        "HTTPSTATUS_H",
        "HTTPSTATUS_VERSION_NUMBER",
        "HTTPSTATUS_FORMAT_HTML",
        "httpstatus_class",
        "HTTPSTATUS_CLASS_CLIENT_ERROR",
        "httpstatus_result",
        "HTTPSTATUS_ERROR_INTERNAL",
        "httpstatus_context",
        "httpstatus_render_template",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected} not found");
    }
    let bad = unprefixed(&names);
    assert!(
        bad.is_empty(),
        "include/httpstatus.h declares names without the prefix: {bad:?}"
    );
}

#[test]
fn the_prefix_check_finds_unprefixed_names() {
    let leaky = "#define Class_ALL { Informational }\n\
        enum Class\n#if defined(__cplusplus)\n  : uint8_t\n#endif\n {\n  Informational = 1,\n\
        /** doc */ ClientError = 4,\n};\ntypedef uint8_t Kind;\nstruct Registered;\n\
        typedef enum { HTTPSTATUS_X = 1, Reserved } httpstatus_y;\n\
        extern \"C\" {\nconst char *lookup(int httpstatus_code, size_t len);\n}\n";
    let names = declared_names(leaky);
    let bad: Vec<&str> = unprefixed(&names).into_iter().map(String::as_str).collect();
    assert_eq!(
        bad,
        [
            "Class_ALL",
            "Class",
            "Informational",
            "ClientError",
            "Kind",
            "Registered",
            "Reserved",
            "lookup"
        ]
    );
}
