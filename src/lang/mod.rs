//! Languages of the documents: the catalogues of translations beside the
//! registry's English prose.

mod messages;

pub use messages::{Message, SourceEntry, catalogue_source};
