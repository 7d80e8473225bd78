//! The catalogues' template (po/httpstatus.pot) is generated from the registry and
//! the documents' words; this fails when the checked-in copy is stale.
//! `HTTPSTATUS_BLESS=1 cargo test --test catalogue` rewrites it.

use std::fmt::Write as _;
use std::path::Path;

use httpstatus::lang::catalogue_source;

/// A PO string literal: backslash, quote and newline escaped.
fn po_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn template() -> String {
    let mut pot = String::from(
        "# httpstatus: the English source of every catalogue in po/.\n\
         # Generated from the registry by tests/catalogue.rs; do not edit by hand.\n\
         # msgctxt is the key, msgid the English text, msgstr the translation.\n\
         msgid \"\"\n\
         msgstr \"\"\n\
         \"Project-Id-Version: httpstatus\\n\"\n\
         \"MIME-Version: 1.0\\n\"\n\
         \"Content-Type: text/plain; charset=UTF-8\\n\"\n\
         \"Content-Transfer-Encoding: 8bit\\n\"\n",
    );
    for entry in catalogue_source() {
        let _ = write!(
            pot,
            "\n#. {}\nmsgctxt {}\nmsgid {}\nmsgstr \"\"\n",
            entry.note,
            po_string(&entry.key),
            po_string(entry.english)
        );
    }
    pot
}

#[test]
fn checked_in_template_matches_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("po/httpstatus.pot");
    let fresh = template();
    if std::env::var_os("HTTPSTATUS_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == fresh,
        "po/httpstatus.pot is stale; run HTTPSTATUS_BLESS=1 cargo test --test catalogue"
    );
}

#[test]
fn keys_are_unique_and_texts_present() {
    let source = catalogue_source();
    let mut keys: Vec<_> = source.iter().map(|e| e.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), source.len());
    assert!(source.iter().all(|e| !e.english.is_empty()));
}
