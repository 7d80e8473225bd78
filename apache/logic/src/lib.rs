//! The decisions mod_httpstatus makes that need nothing from httpd: plain values
//! in, plain values out. The module crate (`apache/`) reads httpd's structures,
//! asks here, and writes the answer back; everything here builds and is tested
//! without httpd's headers, libclang or a server.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod vary;
