//! The checked-in C header must equal a fresh cbindgen generation, version
//! macros included (they come from Cargo.toml alone).

use std::path::Path;

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
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("include/httpstatus.h");
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
