//! The built-in documents this process has prepared: each rendered once (see
//! `httpstatus::render::Prepared`), then only filled in with a request's values.
//! What is kept depends on the registry and the catalogues alone, never on the
//! configuration, so it is immutable and lives as long as the process.

use core::sync::atomic::{AtomicUsize, Ordering};
use std::sync::RwLock;

use httpstatus::registry::CODE_COUNT;
use httpstatus::render::{Prepared, Shape};
use httpstatus::{Context, Format, StatusCode};

/// At most this many documents per process (2 to 3 KB each). A client can ask
/// for a bounded number of shapes anyway (a language and a format per code), but
/// the bound here keeps any child within a few MB whatever the traffic.
const MAX_DOCUMENTS: usize = 1024;

const FORMATS: usize = 3;

/// One slot per code and format, holding the few shapes seen for it (usually one
/// per language in use).
static SLOTS: [RwLock<Vec<&'static Prepared>>; CODE_COUNT * FORMATS] =
    [const { RwLock::new(Vec::new()) }; CODE_COUNT * FORMATS];

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

/// The prepared document for `code` in `format` shaped like `ctx`, preparing it on
/// first use. None when `ctx` cannot be prepared or the bound is reached: the
/// caller renders in full.
pub fn prepared(code: StatusCode, format: Format, ctx: &Context<'_>) -> Option<&'static Prepared> {
    let shape = Shape::of(ctx)?;
    let slot = SLOTS.get(slot_index(code, format))?;
    let find =
        |documents: &[&'static Prepared]| documents.iter().copied().find(|p| p.shape() == shape);
    if let Some(found) = find(&slot.read().ok()?) {
        return Some(found);
    }
    // Prepared under the slot's write lock, so two threads never both prepare it.
    let mut documents = slot.write().ok()?;
    if let Some(found) = find(&documents) {
        return Some(found);
    }
    if DOCUMENTS.fetch_add(1, Ordering::Relaxed) >= MAX_DOCUMENTS {
        DOCUMENTS.fetch_sub(1, Ordering::Relaxed);
        return None;
    }
    let document: &'static Prepared = Box::leak(Box::new(Prepared::new(code, format, ctx)?));
    documents.push(document);
    Some(document)
}

#[cfg(test)]
mod tests {
    use super::*;
    use httpstatus::lang::Language;

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
        let de = Context::new().with_language(Language::from_tag_bytes(b"de").unwrap());
        let fr = Context::new().with_language(Language::from_tag_bytes(b"fr").unwrap());
        let first = prepared(code, Format::Html, &de).unwrap();
        let again = prepared(code, Format::Html, &de).unwrap();
        assert!(core::ptr::eq(first, again));
        let other = prepared(code, Format::Html, &fr).unwrap();
        assert!(!core::ptr::eq(first, other));
        assert!(!core::ptr::eq(
            first,
            prepared(code, Format::Json, &de).unwrap()
        ));
    }
}
