//! Languages of the documents: the catalogues of translations beside the
//! registry's English prose (po/, compiled into static tables by build.rs), and
//! the choice of a language from a client's `Accept-Language`.

mod catalogue;
mod language;
mod messages;
mod negotiate;
mod visitor;

pub use language::{Language, LanguageSet};
pub use messages::{Message, SourceEntry, catalogue_source};
pub use negotiate::{MAX_LANGUAGE_RANGES, lookup, negotiate_language};
pub use visitor::{Action, VISITOR_TEXTS, VisitorText};

/// The catalogue keys in text order (for tools and the sync test).
pub fn catalogue_keys() -> &'static [&'static str] {
    &catalogue::KEYS
}

/// The entries catalogues keep as in English on purpose, as (language tag, key,
/// the reason the catalogue gives), e.g. `("fr", "page.date", ...)`: the list a
/// reviewer checks.
pub fn reviewed_identical() -> &'static [(&'static str, &'static str, &'static str)] {
    &catalogue::IDENTICAL
}
