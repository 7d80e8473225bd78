//! The built-in documents this process has prepared: each rendered once (see
//! `httpstatus::render::Prepared`), then only filled in with a request's values.
//! Documents kept by shape depend on the registry and the catalogues alone;
//! documents kept by scope also on the configuration values their key names.
//! Either kind is immutable once made and lives as long as the process.

use core::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{OnceLock, RwLock};

use httpstatus::registry::CODE_COUNT;
use httpstatus::render::{Prepared, Shape, Shaped};
use httpstatus::{Format, StatusCode};

/// At most this many documents per process (2 to 3 KB each). A client can ask
/// for a bounded number of shapes anyway (a language and a format per code), but
/// the bound here keeps any child within a few MB whatever the traffic.
const MAX_DOCUMENTS: usize = 1024;

const FORMATS: usize = 3;

/// The documents of one code and format, each found by its key: the first one
/// prepared (usually the only one a server sees) with a single atomic load, any
/// others (one per further language or scope in use) behind a lock.
struct Slot<K> {
    first: OnceLock<(K, &'static Prepared)>,
    more: RwLock<Vec<(K, &'static Prepared)>>,
}

impl<K: Copy + PartialEq> Slot<K> {
    const fn empty() -> Slot<K> {
        Slot {
            first: OnceLock::new(),
            more: RwLock::new(Vec::new()),
        }
    }

    /// The document kept under `key`, prepared by `make` on first use. None
    /// when `make` gives none or the bound is reached: the caller renders in full.
    fn find_or_prepare(
        &self,
        key: K,
        make: impl FnOnce() -> Option<Prepared>,
    ) -> Option<&'static Prepared> {
        let first = self.first.get().copied();
        if let Some((_, found)) = first.filter(|(k, _)| *k == key) {
            return Some(found);
        }
        let find = |documents: &[(K, &'static Prepared)]| {
            documents
                .iter()
                .find(|(k, _)| *k == key)
                .map(|&(_, found)| found)
        };
        if first.is_some() {
            if let Some(found) = find(&self.more.read().ok()?) {
                return Some(found);
            }
        }
        // Prepared under the slot's write lock, so two threads never both prepare it.
        let mut more = self.more.write().ok()?;
        if let Some((_, found)) = self.first.get().copied().filter(|(k, _)| *k == key) {
            return Some(found);
        }
        if let Some(found) = find(&more) {
            return Some(found);
        }
        if DOCUMENTS.fetch_add(1, Ordering::Relaxed) >= MAX_DOCUMENTS {
            DOCUMENTS.fetch_sub(1, Ordering::Relaxed);
            return None;
        }
        let Some(document) = make() else {
            DOCUMENTS.fetch_sub(1, Ordering::Relaxed);
            return None;
        };
        let document: &'static Prepared = Box::leak(Box::new(document));
        // Only this thread, holding the write lock, ever sets `first`.
        if self.first.set((key, document)).is_err() {
            more.push((key, document));
        }
        Some(document)
    }
}

/// Documents prepared for every context of one shape (see `prepared`).
static SLOTS: [Slot<Shape>; CODE_COUNT * FORMATS] = [const { Slot::empty() }; CODE_COUNT * FORMATS];

/// Documents prepared for one scope (see `scope_page`).
static SCOPE_SLOTS: [Slot<ScopeKey>; CODE_COUNT * FORMATS] =
    [const { Slot::empty() }; CODE_COUNT * FORMATS];

/// Documents prepared so far, of both kinds.
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
    SLOTS
        .get(slot_index(code, format))?
        .find_or_prepare(ctx.shape(), || Prepared::new(code, format, ctx.context()))
}

/// Which scope a document was prepared for, and the shape of the request's own
/// values in it (see `Prepared::for_scope`). The module tells scopes apart by the
/// addresses of the configuration values that fill a page (site name, home
/// page, contact, logo, accent, messages, links, the virtual host's name and
/// administrator): they stay put and unchanged while one configuration is in
/// use, and `generation` tells configurations apart, as a new one may reuse an
/// old one's addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScopeKey {
    /// The configuration the addresses belong to.
    pub generation: u32,
    /// The shape of the request's own values: language, detail, which values
    /// are shown, maintenance.
    pub shape: Shape,
    /// `ServerSignature EMail`: the administrator is the page's contact.
    pub mailed_signature: bool,
    /// The scope's values, by address.
    pub settings: [usize; 9],
    /// The virtual host's name and `ServerAdmin`, by address: they fill the
    /// page where the scope sets none.
    pub host: [usize; 2],
}

/// The document for `code` in `format` prepared for the scope and request
/// shape of `key` (see `Prepared::for_scope`), prepared by `make` on first use.
/// None when `make` gives none or the bound is reached: the caller renders in
/// full.
pub fn scope_page(
    code: StatusCode,
    format: Format,
    key: ScopeKey,
    make: impl FnOnce() -> Option<Prepared>,
) -> Option<&'static Prepared> {
    SCOPE_SLOTS
        .get(slot_index(code, format))?
        .find_or_prepare(key, make)
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

    #[test]
    fn a_scope_page_is_made_once_per_key_and_kept_apart_from_every_other() {
        let code = StatusCode::new(410).unwrap();
        let request = Context::new().with(httpstatus::Field::Path, b"/x");
        let shape = |ctx: Context<'_>| Shape::of(&ctx).unwrap();
        let key = ScopeKey {
            generation: 1,
            shape: shape(request),
            mailed_signature: false,
            settings: [1, 2, 3, 4, 5, 6, 7, 8, 9],
            host: [10, 11],
        };
        let make = |site: &'static [u8]| {
            move || {
                let ctx = Context::new().with(httpstatus::Field::Site, site);
                Prepared::for_scope(code, Format::Text, &ctx)
            }
        };
        let first = scope_page(code, Format::Text, key, make(b"one")).unwrap();
        let again = scope_page(code, Format::Text, key, || panic!("made twice")).unwrap();
        assert!(core::ptr::eq(first, again));
        // Any part of the key tells another scope: a new configuration, another
        // language or shown value, the signature, a configuration value.
        let others = [
            ScopeKey {
                generation: 2,
                ..key
            },
            ScopeKey {
                shape: shape(request.with_language(Language::from_tag_bytes(b"de").unwrap())),
                ..key
            },
            ScopeKey {
                shape: shape(request.with(httpstatus::Field::Method, b"GET")),
                ..key
            },
            ScopeKey {
                mailed_signature: true,
                ..key
            },
            ScopeKey {
                settings: [1, 2, 3, 4, 5, 6, 7, 8, 0],
                ..key
            },
            ScopeKey {
                host: [10, 12],
                ..key
            },
        ];
        for other in others {
            let page = scope_page(code, Format::Text, other, make(b"two")).unwrap();
            assert!(!core::ptr::eq(first, page));
            assert!(core::ptr::eq(
                page,
                scope_page(code, Format::Text, other, || None).unwrap()
            ));
        }
        // Nothing made, nothing kept: the caller renders in full.
        let unmade = ScopeKey {
            generation: 3,
            ..key
        };
        assert!(scope_page(code, Format::Text, unmade, || None).is_none());
    }
}
