//! The built-in documents this process has prepared: each rendered once (see
//! `httpstatus::render::Prepared`), then only filled in with a request's values.
//! What is kept depends on the registry and the catalogues alone, never on the
//! configuration, so it is immutable and lives as long as the process.

use core::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{OnceLock, RwLock};

use httpstatus::registry::CODE_COUNT;
use httpstatus::render::{Prepared, Shaped};
use httpstatus::{Format, StatusCode};

/// At most this many documents per process (2 to 3 KB each). A client can ask
/// for a bounded number of shapes anyway (a language and a format per code), but
/// the bound here keeps any child within a few MB whatever the traffic.
const MAX_DOCUMENTS: usize = 1024;

const FORMATS: usize = 3;

/// The documents of one code and format: the first shape prepared (usually the
/// only one a server sees), found with a single atomic load, and any others
/// (one per further language in use) behind a lock.
struct Slot {
    first: OnceLock<&'static Prepared>,
    more: RwLock<Vec<&'static Prepared>>,
}

static SLOTS: [Slot; CODE_COUNT * FORMATS] = [const {
    Slot {
        first: OnceLock::new(),
        more: RwLock::new(Vec::new()),
    }
}; CODE_COUNT * FORMATS];

static DOCUMENTS: AtomicUsize = AtomicUsize::new(0);

/// The slot of `code` in `format`: one per pair, none shared.
pub fn slot_index(code: StatusCode, format: Format) -> usize {
    let format_index = match format {
        Format::Html => 0,
        Format::Json => 1,
        Format::Text => 2,
    };
    code.index() * FORMATS + format_index
}

/// The prepared document for `code` in `format` of `ctx`'s shape, preparing it on
/// first use. None when the bound is reached: the caller renders in full.
pub fn prepared(
    code: StatusCode,
    format: Format,
    ctx: Shaped<'_, '_>,
) -> Option<&'static Prepared> {
    let shape = ctx.shape();
    let slot = SLOTS.get(slot_index(code, format))?;
    let first = slot.first.get().copied();
    if let Some(found) = first.filter(|p| p.shape() == shape) {
        return Some(found);
    }
    let find =
        |documents: &[&'static Prepared]| documents.iter().copied().find(|p| p.shape() == shape);
    if first.is_some() {
        if let Some(found) = find(&slot.more.read().ok()?) {
            return Some(found);
        }
    }
    // Prepared under the slot's write lock, so two threads never both prepare it.
    let mut more = slot.more.write().ok()?;
    if let Some(found) = slot.first.get().copied().filter(|p| p.shape() == shape) {
        return Some(found);
    }
    if let Some(found) = find(&more) {
        return Some(found);
    }
    if DOCUMENTS.fetch_add(1, Ordering::Relaxed) >= MAX_DOCUMENTS {
        DOCUMENTS.fetch_sub(1, Ordering::Relaxed);
        return None;
    }
    let document: &'static Prepared =
        Box::leak(Box::new(Prepared::new(code, format, ctx.context())?));
    // Only this thread, holding the write lock, ever sets `first`.
    if slot.first.set(document).is_err() {
        more.push(document);
    }
    Some(document)
}

#[cfg(test)]
mod tests {
    use super::*;
    use httpstatus::Context;
    use httpstatus::lang::Language;

    fn prepared_for(code: StatusCode, format: Format, ctx: &Context<'_>) -> &'static Prepared {
        prepared(code, format, Shaped::of(ctx).unwrap()).unwrap()
    }

    #[test]
    fn every_code_and_format_has_its_own_slot() {
        let mut seen = vec![false; SLOTS.len()];
        for code in StatusCode::all() {
            for format in Format::ALL {
                let i = slot_index(code, format);
                assert!(!seen[i], "{} {format:?}", code.as_u16());
                seen[i] = true;
            }
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn a_shape_is_prepared_once_and_found_again() {
        let code = StatusCode::new(404).unwrap();
        let language = |tag: &[u8]| Language::from_tag_bytes(tag).unwrap();
        let de = Context::new().with_language(language(b"de"));
        let fr = Context::new().with_language(language(b"fr"));
        let ja = Context::new().with_language(language(b"ja"));
        let first = prepared_for(code, Format::Html, &de);
        assert!(core::ptr::eq(first, prepared_for(code, Format::Html, &de)));
        // Further shapes of the same slot are kept apart and found again too.
        let other = prepared_for(code, Format::Html, &fr);
        assert!(!core::ptr::eq(first, other));
        let third = prepared_for(code, Format::Html, &ja);
        assert!(core::ptr::eq(other, prepared_for(code, Format::Html, &fr)));
        assert!(core::ptr::eq(third, prepared_for(code, Format::Html, &ja)));
        assert!(core::ptr::eq(first, prepared_for(code, Format::Html, &de)));
        assert_eq!(other.shape(), Shaped::of(&fr).unwrap().shape());
        assert!(!core::ptr::eq(first, prepared_for(code, Format::Json, &de)));
    }
}
