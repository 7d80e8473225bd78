//! Rendering into a large-enough buffer and negotiating must not touch the heap.
//! A counting global allocator observes every allocation this test's own thread
//! makes while it measures (the test harness's other threads may allocate at any
//! time, and must not count).

use httpstatus::lang::{Language, LanguageSet, negotiate_language};
use httpstatus::render::{Accent, BufferSink, negotiate, render};
use httpstatus::{Context, Field, Format, FormatSet, StatusCode, Template};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

std::thread_local! {
    static MEASURING: Cell<bool> = const { Cell::new(false) };
}

// SAFETY: forwards to the system allocator unchanged; only counts calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // A const-initialised thread-local needs no allocation to read.
        if MEASURING.with(Cell::get) {
            ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        }
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn hot_paths_do_not_allocate() {
    let template = Template::compile(
        b"<h1>{{status_line}}</h1><p>{{summary}}</p><p>{{path}} {{request_id}}</p>",
        Format::Html,
    )
    .unwrap();
    // A branded page too: site name, home, contact, logo and accent.
    let ctx = Context::new()
        .with(Field::Method, b"GET")
        .with(Field::Path, b"/a/<b>/\xff")
        .with(Field::RequestId, b"abc")
        .with(Field::Site, b"Example <Shop>")
        .with(Field::Home, b"/shop/")
        .with(Field::Contact, b"mailto:help@example.com")
        .with(Field::Logo, b"/logo.svg")
        .with_accent(Accent::from_hex("#ffd700").unwrap())
        .with_details(true);
    let mut buf = vec![0u8; 64 * 1024];
    let accept = b"text/html;q=0.9, application/json, */*;q=0.1".as_slice();
    let accept_language = b"de-CH, de;q=0.9, fr-CA;q=0.8, en;q=0.5, *;q=0.1".as_slice();
    let hostile_language = "xx-YY;q=0.5,".repeat(2_000).into_bytes();
    let languages: Vec<Language> = Language::all().collect();

    // Once before measuring: whatever a first call sets up is not the hot path.
    let mut sink = BufferSink::new(&mut buf);
    render(StatusCode::new(404).unwrap(), Format::Html, &ctx, &mut sink);
    let _ = negotiate_language(Some(accept_language), LanguageSet::ALL, Language::ENGLISH);
    let _ = StatusCode::from_reason("Not Found");

    let before = ALLOCATIONS.load(Ordering::SeqCst);
    MEASURING.with(|m| m.set(true));
    let mut total = 0;
    for code in StatusCode::all() {
        // Every code in one language or another, in turn.
        let ctx = ctx.with_language(languages[code.index() % languages.len()]);
        for format in Format::ALL {
            let mut sink = BufferSink::new(&mut buf);
            render(code, format, &ctx, &mut sink);
            assert!(sink.fits());
            total += sink.needed();
        }
        let mut sink = BufferSink::new(&mut buf);
        template.render(code, &ctx, &mut sink);
        total += sink.needed();
        total += code.reason().len() + code.status_line().len();
        total += negotiate(Some(accept), FormatSet::ALL) as usize;
        let language =
            negotiate_language(Some(accept_language), LanguageSet::ALL, Language::ENGLISH);
        total += language.index() + language.title(code).as_str().len();
        total += usize::from(StatusCode::from_reason("Not Found").is_some());
    }
    total +=
        negotiate_language(Some(&hostile_language), LanguageSet::ALL, Language::ENGLISH).index();
    MEASURING.with(|m| m.set(false));
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    assert!(total > 500 * 1000);
    assert_eq!(after - before, 0, "the hot paths allocated");
}
