//! The module's panic reporting leaves every other panic in the process to the
//! hook that was there before (its own test process: the hook is process-wide).

use std::panic;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use mod_httpstatus_logic::panics::catch;

#[test]
fn panics_outside_catch_reach_the_previous_hook() {
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    // Another part of the process (another Rust module, the host) set its hook.
    panic::set_hook(Box::new(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    }));

    let flag = AtomicBool::new(false);
    assert!(catch(&flag, || panic!("the module's own")).is_err());
    assert_eq!(
        seen.load(Ordering::SeqCst),
        0,
        "the module's panic is its own to report"
    );

    let elsewhere = panic::catch_unwind(|| panic!("someone else's"));
    assert!(elsewhere.is_err());
    assert_eq!(
        seen.load(Ordering::SeqCst),
        1,
        "another panic reaches its own hook"
    );

    let thread = std::thread::spawn(|| panic!("in another thread"));
    assert!(thread.join().is_err());
    assert_eq!(seen.load(Ordering::SeqCst), 2);
}
