//! Panics caught at the module's entry points: no panic may unwind into httpd,
//! and each caught one is reported by the module (one log line), not by Rust's
//! default hook writing to stderr (httpd's error log). Panics anywhere else in
//! the process are reported as they were before the module loaded.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

std::thread_local! {
    /// Inside `catch` on this thread: a panic here is the module's to report.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// The message and place of the panic being unwound under `catch`.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic `catch` stopped.
#[derive(Debug)]
pub struct Caught {
    /// The panic's message and where it was raised (`... at file:line`).
    pub message: String,
    /// The first panic caught for this entry point in this process: the one to log.
    pub first: bool,
}

/// Takes over reporting of the panics `catch` stops, once per process, and hands
/// every other panic to the hook that was there before (Rust's default, or
/// whatever other code in the process set).
fn take_over_caught_panics() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CATCHING.with(Cell::get) {
                return previous(info);
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("(a panic without a message)");
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            CAUGHT.with(|c| *c.borrow_mut() = Some(format!("{message}{place}")));
        }));
    });
}

/// Runs `body`, stopping a panic: Err tells what it said and whether it is the
/// first one `reported` has seen (each entry point keeps its own flag).
pub fn catch<R>(reported: &AtomicBool, body: impl FnOnce() -> R) -> Result<R, Caught> {
    take_over_caught_panics();
    let outer = CATCHING.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(body));
    CATCHING.with(|c| c.set(outer));
    result.map_err(|_| Caught {
        message: CAUGHT
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| "(a panic without a message)".to_string()),
        first: !reported.swap(true, Ordering::Relaxed),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_passes_through() {
        let flag = AtomicBool::new(false);
        assert_eq!(catch(&flag, || 7).unwrap(), 7);
        assert!(!flag.load(Ordering::Relaxed));
    }

    #[test]
    fn a_panic_is_stopped_with_its_message_and_place_once_per_flag() {
        let flag = AtomicBool::new(false);
        let caught = catch(&flag, || -> u8 { panic!("broken {}", 42) }).unwrap_err();
        assert!(
            caught.message.starts_with("broken 42 at "),
            "{}",
            caught.message
        );
        assert!(caught.message.contains("panics.rs:"), "{}", caught.message);
        assert!(caught.first);
        let again = catch(&flag, || -> u8 { panic!("static text") }).unwrap_err();
        assert!(again.message.starts_with("static text at "));
        assert!(!again.first, "a flag reports its first panic only");
        // Nested: the inner catch stops its own panic; the outer sees none.
        let outer = AtomicBool::new(false);
        let inner = AtomicBool::new(false);
        let nested = catch(&outer, || catch(&inner, || panic!("inner")).is_err());
        assert!(nested.unwrap());
    }
}
