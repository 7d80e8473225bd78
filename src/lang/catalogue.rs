//! The compiled catalogues (see build.rs): static, read-only tables.

use crate::registry::Text;

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

const _: () = assert!(
    LANGUAGE_COUNT <= 64,
    "LanguageSet holds at most 64 languages"
);
