//! mod_httpstatus: every status code gets its reason phrase on the status line,
//! every error response a proper document, and every error one diagnostic log line.
//!
//! This crate is the httpd boundary: it reads httpd's structures into plain values,
//! asks `mod_httpstatus_logic` (every decision that needs no httpd, tested without
//! one), and writes the answers back. Layers, each importing only from those below:
//! - `sys` (bindgen's view of httpd) and `glue` (the panic guard, the module
//!   record's address, C strings, APR tables, pool allocation);
//! - `segment` (the shared memory every child counts responses and log lines
//!   in, kept by the parent across restarts);
//! - `config` (the configuration records, created and merged) and `buffer` (the
//!   memory documents are rendered into);
//! - `request` (a request as the hooks see it: every read and write of httpd's
//!   `request_rec`) and `directives` (the directive table and its handlers);
//! - `metrics` (the counters for scrapers and mod_status), `status_lines`
//!   (whose line each response gets), `maintenance` (the 503 of a scope in
//!   maintenance) and `response_headers` (`Retry-After` and `Cache-Control`
//!   rules), then `documents` (the error
//!   page filter, the `httpstatus` handler, negotiation and rendering), then
//!   `header_filter` (the wrap of httpd's header filter) and `diagnostics` (the
//!   error-log line and the notes, and the count of every response),
//!   `summaries` (the parent's lines about the lines the limit left out);
//! - `module`: the record httpd loads, hook registration and `post_config`.
//!
//! `unsafe` is confined to this boundary, each block with its reason.

#![deny(unsafe_op_in_unsafe_fn)]

mod buffer;
mod config;
mod diagnostics;
mod directives;
mod documents;
#[cfg(feature = "fault-injection")]
mod faults;
mod glue;
mod header_filter;
mod maintenance;
mod metrics;
mod module;
mod request;
mod response_headers;
mod segment;
mod status_lines;
mod summaries;
mod sys;

// The module record (module.rs) is exported by its #[no_mangle]; it is the only
// symbol this library exports.
