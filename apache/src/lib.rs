//! mod_httpstatus: every status code gets its reason phrase on the status line,
//! every error response a proper document, and every error one diagnostic log line.
//!
//! Layout: `sys` is bindgen's view of httpd; `module` declares the module and its
//! hooks; `config` holds directives and per-server/per-directory configuration;
//! `pages` renders documents and fixes status lines; `diagnostics` builds the log
//! line; `buffer` is the bucket-allocator memory documents are rendered into. Only
//! `sys`-facing glue uses `unsafe`, each block with its reason.

#![deny(unsafe_op_in_unsafe_fn)]

mod buffer;
mod config;
mod diagnostics;
mod module;
mod notes;
mod pages;
mod request;

#[allow(
    non_upper_case_globals,
    non_camel_case_types,
    non_snake_case,
    dead_code,
    unsafe_op_in_unsafe_fn,
    unnecessary_transmutes,
    clippy::all
)]
mod sys {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

pub use module::httpstatus_module;
