//! The status-code registry: every code from 100 to 599.
//!
//! By job: `data` is the single source table, written with the builders of
//! `entry` from the groups in `class` and `headers` and the strings of `text`;
//! `tables` derives the compile-time index and status lines from it (with
//! `verbatim`'s safety rule); `code` is the public API over them, and `search`
//! finds a code by its phrase.

pub(crate) mod class;
pub(crate) mod code;
mod data;
mod entry;
mod headers;
mod search;
mod tables;
pub(crate) mod text;
mod verbatim;

pub use class::{Class, Kind};
pub use code::{OutOfRange, StatusCode};
pub use entry::{Alias, ApacheHint, Flags, Reference};
pub use headers::{Header, HeaderSet};
pub use tables::{CODE_COUNT, MAX_CODE, MIN_CODE};
pub use text::Text;
pub(crate) use verbatim::is_verbatim_safe;
