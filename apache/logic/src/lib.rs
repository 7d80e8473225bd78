//! The decisions mod_httpstatus makes that need nothing from httpd: plain values
//! in, plain values out. The module crate (`apache/`) reads httpd's structures,
//! asks here, and writes the answer back; everything here builds and is tested
//! without httpd's headers, libclang or a server.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod causes;
pub mod client_addresses;
pub mod diagnostic;
pub mod directive_args;
pub mod directives;
pub mod header_rules;
pub mod layout;
pub mod log_line;
pub mod maintenance;
pub mod mark;
pub mod metrics;
pub mod notes;
pub mod panics;
pub mod prepared;
pub mod rate_limit;
pub mod status_line;
pub mod templates;
pub mod times;
pub mod vary;
