//! mod_httpstatus: every status code gets its reason phrase on the status line,
//! every error response a proper document, and every error one diagnostic log line.
//!
//! Layers, each importing only from those below it:
//! - `sys` (bindgen's view of httpd) and `glue` (panic guard, the module record's
//!   address, C strings, APR tables, pool allocation);
//! - `config` (directives, per-server and per-directory configuration), `request`
//!   (reading a request and the module's marks on it), `buffer` (the memory
//!   documents are rendered into), `notes` (other modules' notes as plain data),
//!   `prepared` (the built-in documents this process has prepared);
//! - `pages` (status lines, documents, the handler) and `diagnostics` (the log line);
//! - `module`: the record httpd loads, hook registration and `post_config`.
//!
//! `unsafe` is confined to the httpd boundary, each block with its reason.

#![deny(unsafe_op_in_unsafe_fn)]

mod buffer;
mod config;
mod diagnostics;
mod glue;
mod module;
mod notes;
mod pages;
mod prepared;
mod request;
mod sys;

// The module record (module.rs) is exported by its #[no_mangle]; it is the only
// symbol this library exports.
