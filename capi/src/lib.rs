//! The C ABI of httpstatus: `libhttpstatus.so` / `libhttpstatus.a`, described by
//! `include/httpstatus.h`, which cbindgen generates from this crate alone.
//!
//! Conventions (the header states each function's contract): every exported name
//! starts with `httpstatus_`, every constant and enumerator with `HTTPSTATUS_`;
//! codes are plain `int`s and bad input gives a documented neutral answer; strings
//! are static and owned by the library; every function may be called from any
//! thread. Each exported function runs its whole body inside [`boundary`], so no
//! panic crosses into C, and checks its arguments with the helpers there.

#![deny(unsafe_op_in_unsafe_fn)]
#![allow(non_camel_case_types)]

mod boundary;
mod lang;
mod registry;
mod render;
mod result;
