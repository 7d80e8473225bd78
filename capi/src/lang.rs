//! Languages: which there are, choosing one from `Accept-Language`, and a code's
//! texts in one. Languages are named by their BCP 47 tags (`"de"`, `"pt-BR"`,
//! `"zh-Hant"`), compared without regard to ASCII case; every tag returned is a
//! static string. All functions are thread-safe.

use core::ffi::c_char;
use core::ptr;

use httpstatus_rs::lang::{Language, LanguageSet, negotiate_language};
use httpstatus_rs::{StatusCode, Text};

use crate::boundary::{boundary, bytes_arg, c_str_arg, code_arg};

/// Longest tag looked at; longer strings name no language.
const MAX_TAG: usize = 64;
/// How much of an Accept-Language header is read.
const MAX_ACCEPT_LANGUAGE: usize = 1 << 20;

/// The language a NUL-terminated tag names, if any.
///
/// # Safety
/// `tag` must be NULL or a NUL-terminated string.
pub(crate) unsafe fn language_arg(tag: *const c_char) -> Option<Language> {
    // SAFETY: NULL or NUL-terminated, as the caller guarantees; at most MAX_TAG + 1
    // bytes are read.
    unsafe { c_str_arg(tag, MAX_TAG) }.and_then(Language::from_tag_bytes)
}

/// How many languages the catalogues hold (English among them). Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_language_count() -> usize {
    boundary(0, || Language::COUNT)
}

/// The tag of the language at `index` (0 is `"en"`, the default), or NULL when
/// `index` is not below `httpstatus_language_count()`. Static; thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_language_tag(index: usize) -> *const c_char {
    boundary(ptr::null(), || {
        Language::from_index(index).map_or(ptr::null(), |l| l.tag_text().as_ptr())
    })
}

/// `"rtl"` for a language written right to left (Arabic, Persian, Hebrew), `"ltr"`
/// for the others, NULL when `tag` is NULL or names no language. Static.
///
/// # Safety
/// `tag` must be NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_language_dir(tag: *const c_char) -> *const c_char {
    boundary(ptr::null(), || {
        // SAFETY: NULL or NUL-terminated, as documented.
        match unsafe { language_arg(tag) } {
            Some(l) if l.is_right_to_left() => c"rtl".as_ptr(),
            Some(_) => c"ltr".as_ptr(),
            None => ptr::null(),
        }
    })
}

/// Picks the language to answer in from an `Accept-Language` value (RFC 9110 with
/// RFC 4647 lookup: q-values, `*`, `q=0` refusals, `fr-CA` → `fr`, `zh-TW` →
/// `zh-Hant`, `no` → `nb`...), among all languages. `accept_language` NULL means no
/// header; `default_tag` is the answer when the header names nothing acceptable
/// (NULL or an unknown tag: `"en"`). Reads at most 1 MiB; never fails; returns a
/// static tag. Thread-safe.
///
/// # Safety
/// Both must be NULL or NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_negotiate_language(
    accept_language: *const c_char,
    default_tag: *const c_char,
) -> *const c_char {
    boundary(Language::ENGLISH.tag_text().as_ptr(), || {
        // SAFETY: NULL or NUL-terminated, as documented.
        let default = unsafe { language_arg(default_tag) }.unwrap_or(Language::ENGLISH);
        // SAFETY: NULL or NUL-terminated, as documented; at most 1 MiB + 1 bytes
        // are read.
        let header = match unsafe { c_str_arg(accept_language, MAX_ACCEPT_LANGUAGE) } {
            // Longer than 1 MiB: judged by its first MiB.
            // SAFETY: c_str_arg has just read those bytes, so they are readable.
            None if !accept_language.is_null() => unsafe {
                bytes_arg(accept_language, MAX_ACCEPT_LANGUAGE)
            },
            bytes => bytes,
        };
        negotiate_language(header, LanguageSet::ALL, default)
            .tag_text()
            .as_ptr()
    })
}

/// The text `pick` chooses for `code` in `tag`'s language, or NULL.
///
/// # Safety
/// `tag` must be NULL or a NUL-terminated string.
unsafe fn text_in(
    code: core::ffi::c_int,
    tag: *const c_char,
    pick: fn(Language, StatusCode) -> Text,
) -> *const c_char {
    // SAFETY: NULL or NUL-terminated, as the caller guarantees.
    match (code_arg(code), unsafe { language_arg(tag) }) {
        (Ok(code), Some(language)) => pick(language, code).as_ptr(),
        _ => ptr::null(),
    }
}

/// The code's title (its name as a page heading) in the language `tag` names;
/// NULL for a code outside 100..599, a NULL tag or one that names no language.
/// Static; thread-safe.
///
/// # Safety
/// `tag` must be NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_title_in(
    code: core::ffi::c_int,
    tag: *const c_char,
) -> *const c_char {
    boundary(ptr::null(), || {
        // SAFETY: NULL or NUL-terminated, as documented.
        unsafe { text_in(code, tag, Language::title) }
    })
}

/// The code's one-sentence summary in the language `tag` names; NULL as for
/// `httpstatus_title_in`. Static; thread-safe.
///
/// # Safety
/// `tag` must be NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_summary_in(
    code: core::ffi::c_int,
    tag: *const c_char,
) -> *const c_char {
    boundary(ptr::null(), || {
        // SAFETY: NULL or NUL-terminated, as documented.
        unsafe { text_in(code, tag, Language::summary) }
    })
}

/// The code's longer description in the language `tag` names; NULL as for
/// `httpstatus_title_in`. Static; thread-safe.
///
/// # Safety
/// `tag` must be NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_description_in(
    code: core::ffi::c_int,
    tag: *const c_char,
) -> *const c_char {
    boundary(ptr::null(), || {
        // SAFETY: NULL or NUL-terminated, as documented.
        unsafe { text_in(code, tag, Language::description) }
    })
}
