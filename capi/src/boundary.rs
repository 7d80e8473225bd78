//! The shape every exported function shares: its whole body runs in [`boundary`]
//! (or [`fallible`], for functions that return a result code), and its arguments
//! go through the checks below, each of which gives the documented answer for bad
//! input.

use core::ffi::{c_char, c_int};
use core::ptr::NonNull;
use std::panic::{AssertUnwindSafe, catch_unwind};

use httpstatus_rs::{Field, Format, StatusCode};

use crate::result::httpstatus_result::{self, *};

/// Runs `body`, turning a panic into `fallback` so it never unwinds into C.
/// Asserting unwind safety is sound here: after a panic the caller gets only the
/// fallback, and the only state a body mutates is a value it replaces whole.
#[inline]
pub(crate) fn boundary<R>(fallback: R, body: impl FnOnce() -> R) -> R {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// [`boundary`] for functions that return a result code: `Ok` is `HTTPSTATUS_OK`,
/// a panic is `HTTPSTATUS_ERROR_INTERNAL`.
#[inline]
pub(crate) fn fallible(body: impl FnOnce() -> Result<(), httpstatus_result>) -> httpstatus_result {
    boundary(HTTPSTATUS_ERROR_INTERNAL, || match body() {
        Ok(()) => HTTPSTATUS_OK,
        Err(e) => e,
    })
}

/// A status code in 100..599, else `HTTPSTATUS_ERROR_INVALID_CODE`.
pub(crate) fn code_arg(code: c_int) -> Result<StatusCode, httpstatus_result> {
    StatusCode::from_int(code).ok_or(HTTPSTATUS_ERROR_INVALID_CODE)
}

/// One of `HTTPSTATUS_FORMAT_*`, else `HTTPSTATUS_ERROR_INVALID_FORMAT`.
pub(crate) fn format_arg(format: c_int) -> Result<Format, httpstatus_result> {
    Format::ALL
        .into_iter()
        .find(|f| *f as c_int == format)
        .ok_or(HTTPSTATUS_ERROR_INVALID_FORMAT)
}

/// One of `HTTPSTATUS_FIELD_*`, else `HTTPSTATUS_ERROR_INVALID_FIELD`.
pub(crate) fn field_arg(field: c_int) -> Result<Field, httpstatus_result> {
    Field::from_number(i64::from(field)).ok_or(HTTPSTATUS_ERROR_INVALID_FIELD)
}

/// The object behind a required pointer, else `HTTPSTATUS_ERROR_NULL_ARGUMENT`.
///
/// # Safety
/// `ptr` must be NULL or point to a live `T` that nothing mutates during the call.
pub(crate) unsafe fn required<'a, T>(ptr: *const T) -> Result<&'a T, httpstatus_result> {
    // SAFETY: NULL or a live object, as the caller guarantees.
    unsafe { ptr.as_ref() }.ok_or(HTTPSTATUS_ERROR_NULL_ARGUMENT)
}

/// [`required`] for an object the call modifies.
///
/// # Safety
/// `ptr` must be NULL or point to a live `T` that nothing else uses during the call.
pub(crate) unsafe fn required_mut<'a, T>(ptr: *mut T) -> Result<&'a mut T, httpstatus_result> {
    // SAFETY: NULL or a live object used by this call alone, as the caller guarantees.
    unsafe { ptr.as_mut() }.ok_or(HTTPSTATUS_ERROR_NULL_ARGUMENT)
}

/// A required out-parameter, else `HTTPSTATUS_ERROR_NULL_ARGUMENT`. The caller
/// writes it (with `NonNull::write`) only once the call has succeeded.
pub(crate) fn required_out<T>(ptr: *mut T) -> Result<NonNull<T>, httpstatus_result> {
    NonNull::new(ptr).ok_or(HTTPSTATUS_ERROR_NULL_ARGUMENT)
}

/// The `len` bytes at `ptr`; `None` for NULL.
///
/// # Safety
/// `ptr` must be NULL or point to `len` readable bytes that stay unchanged during
/// the call.
pub(crate) unsafe fn bytes_arg<'a>(ptr: *const c_char, len: usize) -> Option<&'a [u8]> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: non-NULL, and the caller guarantees `len` readable bytes.
    Some(unsafe { core::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// The bytes of a NUL-terminated string, if it is at most `max` bytes long; `None`
/// for NULL and for longer strings (of which at most `max + 1` bytes are read).
///
/// # Safety
/// `ptr` must be NULL or point to a readable NUL-terminated string, or to at least
/// `max + 1` readable bytes.
pub(crate) unsafe fn c_str_arg<'a>(ptr: *const c_char, max: usize) -> Option<&'a [u8]> {
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
    // SAFETY: the `len` bytes before the NUL were just read, so they are readable.
    Some(unsafe { core::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// A caller's output buffer: empty for NULL with length 0 (a size query),
/// `HTTPSTATUS_ERROR_NULL_ARGUMENT` for NULL with a length.
///
/// # Safety
/// `ptr` must be NULL or point to `len` writable bytes not otherwise used during
/// the call.
pub(crate) unsafe fn buffer_arg<'a>(
    ptr: *mut c_char,
    len: usize,
) -> Result<&'a mut [u8], httpstatus_result> {
    match (ptr.is_null(), len) {
        (true, 0) => Ok(&mut []),
        (true, _) => Err(HTTPSTATUS_ERROR_NULL_ARGUMENT),
        // SAFETY: non-NULL, and the caller guarantees `len` writable bytes.
        (false, _) => Ok(unsafe { core::slice::from_raw_parts_mut(ptr.cast::<u8>(), len) }),
    }
}

/// Stores `value` through an optional out-parameter.
///
/// # Safety
/// `ptr` must be NULL or point to a writable `T`.
pub(crate) unsafe fn set_out<T>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        // SAFETY: non-NULL and writable, as the caller guarantees; `write` does not
        // read the old value, which may be uninitialised.
        unsafe { ptr.write(value) };
    }
}

/// Frees an object the library handed out with `Box::into_raw`; NULL is a no-op.
///
/// # Safety
/// `ptr` must be NULL or from `Box::into_raw` of a `Box<T>`, not yet freed.
pub(crate) unsafe fn free_boxed<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: guaranteed by the caller: this is the one free of that box.
        drop(unsafe { Box::from_raw(ptr) });
    }
}
