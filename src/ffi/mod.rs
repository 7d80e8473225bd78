//! The C ABI: thin, panic-proof wrappers over the Rust API.
//!
//! Conventions (see `include/httpstatus.h` for the per-function contract):
//! every exported name starts with `httpstatus_`, every constant with
//! `HTTPSTATUS_`; codes are plain `int`s and anything out of range gives a
//! documented neutral answer; strings are static and owned by the library;
//! no panic crosses the boundary; every function may be called from any thread.

#![allow(non_camel_case_types)]

mod registry;
mod render;

pub use registry::*;
pub use render::*;

use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs `body`, turning a panic into `fallback` so it never unwinds into C.
/// Asserting unwind safety is sound here: after a panic the caller gets only the
/// fallback, and the only state a body mutates is a value it replaces whole.
#[inline]
pub(crate) fn guard<R>(fallback: R, body: impl FnOnce() -> R) -> R {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// The bytes of a NUL-terminated C string, if it is at most `max` bytes long.
///
/// # Safety
/// `ptr` must be NULL or point to a readable NUL-terminated string, or to at least
/// `max + 1` readable bytes.
pub(crate) unsafe fn bounded_c_bytes<'a>(
    ptr: *const core::ffi::c_char,
    max: usize,
) -> Option<&'a [u8]> {
    if ptr.is_null() {
        return None;
    }
    let mut len = 0;
    // SAFETY: the caller guarantees the bytes up to the NUL (or up to `max + 1`) are
    // readable; we stop at the first NUL and never read past index `max`.
    while unsafe { *ptr.add(len) } != 0 {
        if len == max {
            return None;
        }
        len += 1;
    }
    // SAFETY: the `len` bytes before the NUL were just read, so they are valid.
    Some(unsafe { core::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}
