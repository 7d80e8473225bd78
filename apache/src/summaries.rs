//! The lines `HttpStatusLogLimit` left out, summarised by the parent: one line
//! per virtual host and status saying how many and over which seconds, in that
//! host's error log, at the level of the lines it stands for.
//!
//! A small process the parent forks for each configuration (the ticker) writes
//! them twice a second, so a summary comes within about a second of the
//! interval it covers even when no request follows. httpd's `monitor` hook, which
//! the MPMs of httpd 2.4 run only every tenth pass of their one-second
//! maintenance loop (about every 10 seconds), writes them too should the ticker
//! be gone, and once more when a configuration ends: at a restart from a
//! cleanup on the configuration pool, at the stop from a pre-cleanup on the
//! global pool (httpd destroys the pool of the log files before the
//! configuration pool then, so the latter's cleanup would write to closed logs). Children only count; what they counted
//! stays in the shared segment when they exit, and a restart of the parent
//! keeps the segment, so nothing is lost or counted twice across either.

use core::ffi::{c_int, c_void};
use core::ptr;

use httpstatus::StatusCode;
use mod_httpstatus_logic::layout::CODES;
use mod_httpstatus_logic::rate_limit::{self, Summary};

use crate::glue::{Hook, LogTo, guard, pool_new};
use crate::segment::{self, Writers};
use crate::sys;

/// `monitor` hook: runs in the parent only.
pub(crate) unsafe extern "C" fn monitor(
    _pool: *mut sys::apr_pool_t,
    server: *mut sys::server_rec,
) -> c_int {
    guard(Hook::Monitor, LogTo::Server(server), (), write_summaries);
    sys::DECLINED
}

/// How often the ticker looks for summaries to write.
const TICK_MICROSECONDS: u32 = 500_000;

/// Forks the ticker for this configuration: a process that writes the summaries
/// twice a second with httpd's unprivileged user and group, and ends with the
/// configuration (httpd kills the processes noted on its pool when the pool is
/// cleared at a restart or the stop) or with the parent. Both it and the parent
/// take each count by swapping it to zero, so none is written twice.
///
/// # Safety
/// In the parent's post_config, single-threaded, after the segment was attached;
/// `pconf` the configuration pool and `server` httpd's list of servers.
pub(crate) unsafe fn start_ticker(pconf: *mut sys::apr_pool_t, server: *mut sys::server_rec) {
    // The record lives in the configuration pool: the pool keeps a pointer to it
    // until it is cleared, when it ends the process.
    // SAFETY: a zeroed apr_proc_t is what apr_proc_fork fills in; pconf is live.
    let proc = unsafe { pool_new(pconf, core::mem::zeroed::<sys::apr_proc_t>()) };
    // SAFETY: the parent is single-threaded during post_config, so forking copies
    // a consistent process; the record and the pool outlive the call.
    let forked = unsafe { sys::apr_proc_fork(proc, pconf) };
    if forked == sys::APR_INCHILD as sys::apr_status_t {
        // SAFETY: in the new process, which never returns into httpd.
        unsafe { tick(pconf, server) }
    }
    if forked == sys::APR_INPARENT as sys::apr_status_t {
        // SAFETY: the process just forked, noted on the configuration pool so
        // that clearing it (a restart, the stop) ends it: SIGTERM, then SIGKILL
        // if it has not ended after a few seconds.
        unsafe {
            sys::apr_pool_note_subprocess(
                pconf,
                proc,
                sys::apr_kill_conditions_e_APR_KILL_AFTER_TIMEOUT,
            )
        };
    }
    // A failed fork leaves the summaries to the monitor hook.
}

/// The ticker's life: httpd's default signal handling (the parent's handlers
/// would only set the parent's flags here), httpd's unprivileged user, then the
/// summaries every tick until the parent is gone. Ends with `_exit`: nothing of
/// the parent's (pools, files, atexit handlers) is the ticker's to clean up.
///
/// # Safety
/// Only in the process `start_ticker` forked.
unsafe fn tick(pconf: *mut sys::apr_pool_t, server: *mut sys::server_rec) -> ! {
    // SAFETY: plain system calls in a single-threaded process of our own; the
    // pool and servers are this process's copies of the parent's.
    unsafe {
        for signal in [
            libc::SIGTERM,
            libc::SIGHUP,
            libc::SIGUSR1,
            libc::SIGINT,
            libc::SIGWINCH,
        ] {
            libc::signal(signal, libc::SIG_DFL);
        }
        let parent = libc::getppid();
        segment::become_ticker();
        if sys::ap_run_drop_privileges(pconf, server) != 0 {
            libc::_exit(1);
        }
        while libc::getppid() == parent {
            guard(Hook::Monitor, LogTo::Server(server), (), write_summaries);
            libc::usleep(TICK_MICROSECONDS);
        }
        libc::_exit(0)
    }
}

/// Registers the last summaries of this configuration on its pool.
///
/// # Safety
/// `pconf` must be the configuration pool, in the parent's post_config.
pub(crate) unsafe fn at_configuration_end(pconf: *mut sys::apr_pool_t) {
    // SAFETY: a cleanup with no data on the configuration pool; the module is
    // never unloaded (-z nodelete), so the function outlives the pool. Its child
    // variant does nothing: a child execs nothing that needs it.
    unsafe {
        sys::apr_pool_cleanup_register(
            pconf,
            ptr::null(),
            Some(configuration_end),
            Some(sys::apr_pool_cleanup_null),
        );
    }
}

/// Registers the summaries written when the parent exits, once per parent.
///
/// # Safety
/// In the parent's post_config.
pub(crate) unsafe fn at_exit() {
    // SAFETY: a pre-cleanup with no data on httpd's global pool: it runs before
    // any pool under it (the configuration's, the logs') is destroyed; the module
    // is never unloaded, so the function outlives the pool.
    unsafe {
        sys::apr_pool_pre_cleanup_register(sys::ap_pglobal, ptr::null(), Some(configuration_end));
    }
}

/// The cleanup: the last summaries while this configuration's servers and their
/// logs are still open, then forgets the servers. Exiting children run it too
/// (they destroy the global pool at exit); `segment::writers` is None there.
unsafe extern "C" fn configuration_end(_data: *mut c_void) -> sys::apr_status_t {
    guard(Hook::SummaryCleanup, LogTo::Server(ptr::null()), (), || {
        write_summaries();
        segment::detach_servers();
    });
    sys::APR_SUCCESS as sys::apr_status_t
}

/// Takes every block's left-out lines and writes one summary per status.
fn write_summaries() {
    let Some(writers) = segment::writers() else {
        return;
    };
    for block in 0..writers.segment.layout().blocks {
        let Some(pending) = writers.segment.pending(block) else {
            continue;
        };
        if !rate_limit::take_pending(pending) {
            continue;
        }
        for code_index in 0..CODES {
            let summary = writers
                .segment
                .slot(block, code_index)
                .and_then(|slot| slot.take());
            if let Some(summary) = summary {
                write(&writers, block, code_index, &summary);
            }
        }
    }
}

fn write(writers: &Writers, block: usize, code_index: usize, summary: &Summary) {
    let Some(code) = StatusCode::from_int(code_index + 100) else {
        return;
    };
    // The level of the lines left out, recorded by the children; else the one
    // an error line of this class has.
    let level = summary.level.map_or(
        if code.as_u16() >= 500 {
            sys::APLOG_ERR
        } else {
            sys::APLOG_INFO
        } as c_int,
        c_int::from,
    );
    let (server, vhost) = match writers.server(block) {
        // SAFETY: a live server of the current configuration.
        Some(s) => (s, unsafe { segment::label(s) }),
        None => (writers.main, b"*".to_vec()),
    };
    let mut line = rate_limit::summary_line(code.as_u16(), &vhost, summary);
    line.push(0);
    // SAFETY: a NUL-terminated message logged with "%s", for a live server of the
    // current configuration.
    unsafe { sys::httpstatus_shim_log_server(server, level, line.as_ptr().cast()) };
}
