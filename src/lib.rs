//! # httpstatus
//!
//! Every HTTP status code from 100 to 599 with its reason phrase, aliases, class,
//! kind, meaning, defining specification, flags and Apache httpd hints, plus error
//! documents in HTML, `application/problem+json` and plain text.
//!
//! ```
//! use httpstatus::StatusCode;
//! let nf = StatusCode::new(404).unwrap();
//! assert_eq!(nf.reason(), "Not Found");
//! assert_eq!(nf.status_line(), "404 Not Found");
//! assert_eq!(StatusCode::from_reason("payload too large"), StatusCode::new(413));
//! ```
//!
//! The C ABI (`include/httpstatus.h`, `libhttpstatus.so`) is a thin layer over this
//! crate, in a crate of its own (`capi/`).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod accept_list;
pub mod lang;
pub mod registry;
pub mod render;

pub use registry::{
    Alias, ApacheHint, Class, Flags, Header, HeaderSet, Kind, OutOfRange, Reference, StatusCode,
    Text,
};
pub use render::{
    Alternative, Context, Field, Format, FormatSet, Template, TemplateError, negotiate,
};

/// The library version, from Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
