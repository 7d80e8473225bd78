//! `HttpStatusMaintenance`: the hooks that answer 503 while a scope is in
//! maintenance, before authentication and before any handler or back end, the
//! headers that go with it, and what the page says. Where every maintenance
//! directive of a virtual host stands outside `<Directory>`-like sections (the
//! usual case), the answer comes as the URL is translated, before httpd walks
//! the file system; otherwise once the URL is mapped.

use core::ffi::{CStr, c_int};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt as _;
use std::path::Path;
use std::sync::Arc;

use httpstatus::render::Maintenance as PageMaintenance;
use mod_httpstatus_logic::client_addresses::allowed;
use mod_httpstatus_logic::maintenance::{self, Change, Loudness, Notice, change_line, look};

use crate::config::{DirConfig, Maintenance};
use crate::glue::{Hook, LogTo, guard};
use crate::request::Request;
use crate::sys;

/// Registers this module's maintenance hooks for the configuration being read:
/// `translate_name` once any maintenance directive is read, `header_parser` once
/// one stands where it must wait for the URL's mapping. A configuration without
/// maintenance runs neither (httpd sorts hooks registered while the
/// configuration is read, and forgets them all at each reload; `pool`, the
/// configuration pool, remembers what this load registered).
///
/// # Safety
/// `pool` must be the configuration pool of the load being read.
pub(crate) unsafe fn register_hooks_for_this_load(pool: *mut sys::apr_pool_t, after_mapping: bool) {
    let registered = |key: &CStr| {
        let mut data = core::ptr::null_mut();
        // SAFETY: a lookup in the live configuration pool's user data.
        unsafe { sys::apr_pool_userdata_get(&mut data, key.as_ptr(), pool) };
        if !data.is_null() {
            return true;
        }
        // SAFETY: a static key and a non-NULL marker that is never dereferenced,
        // kept by the configuration pool.
        unsafe {
            sys::apr_pool_userdata_setn(c"".as_ptr().cast(), key.as_ptr(), None, pool);
        }
        false
    };
    if !registered(c"httpstatus-maintenance-translate-name") {
        // SAFETY: a plain registration while the configuration is read, with a
        // 'static function; httpd sorts the hooks once the configuration is read.
        unsafe {
            sys::ap_hook_translate_name(
                Some(translate_name),
                core::ptr::null(),
                core::ptr::null(),
                sys::APR_HOOK_REALLY_FIRST as c_int,
            );
        }
    }
    if after_mapping && !registered(c"httpstatus-maintenance-header-parser") {
        // SAFETY: as above.
        unsafe {
            sys::ap_hook_header_parser(
                Some(header_parser),
                core::ptr::null(),
                core::ptr::null(),
                sys::APR_HOOK_REALLY_FIRST as c_int,
            );
        }
    }
}

/// `translate_name` hook, first of all: 503 for a scope in maintenance when its
/// sections are all merged by now (`<Location>` ones are).
pub(crate) unsafe extern "C" fn translate_name(raw: *mut sys::request_rec) -> c_int {
    // SAFETY: httpd passes a live request, which no Rust reference covers.
    let Some(r) = (unsafe { Request::from_raw(raw) }) else {
        return sys::DECLINED;
    };
    // Sub-requests (DirectoryIndex, SSI) serve a request already let through.
    if r.is_subrequest() {
        return sys::DECLINED;
    }
    decide(r, false)
}

/// `header_parser` hook (main requests only, as httpd runs it; registered only
/// where a `<Directory>`-like section sets maintenance): the same, once the URL
/// is mapped.
pub(crate) unsafe extern "C" fn header_parser(raw: *mut sys::request_rec) -> c_int {
    // SAFETY: httpd passes a live request, which no Rust reference covers.
    let Some(r) = (unsafe { Request::from_raw(raw) }) else {
        return sys::DECLINED;
    };
    decide(r, true)
}

/// 503 for a scope in maintenance, unless the client is allowed through.
/// `mapped`: called once the URL is mapped (else as it is translated); each
/// virtual host decides at one of the two.
fn decide(r: Request<'_>, mapped: bool) -> c_int {
    // Nearly every request: no maintenance configured, or a flag file found
    // absent less than a second ago; decided by loads, which cannot panic.
    let dir = r.dir_config();
    // SAFETY: NULL or a setting of the configuration pool, which outlives the
    // request.
    match unsafe { dir.maintenance.as_ref() } {
        None | Some(Maintenance::Off) => return sys::DECLINED,
        Some(_) if r.server_config().maintenance_after_mapping != mapped => return sys::DECLINED,
        Some(Maintenance::Flag { watch, .. }) => {
            // SAFETY: a Box made with the configuration, which outlives the request.
            let watch = unsafe { &**watch };
            if watch.fresh_answer(r.arrival_second()) == Some(false) {
                return sys::DECLINED;
            }
        }
        Some(Maintenance::On) => {}
    }
    refuse_guarded(r, dir)
}

/// The rest of `decide`, under the panic guard: a call of its own, so that
/// every request let through at once saves no registers.
#[inline(never)]
fn refuse_guarded(r: Request<'_>, dir: &DirConfig) -> c_int {
    guard(
        Hook::Maintenance,
        LogTo::Request(r.raw()),
        sys::DECLINED,
        || {
            #[cfg(feature = "fault-injection")]
            crate::faults::inject(Hook::Maintenance, r);
            refuse_in_maintenance(r, dir)
        },
    )
}

fn refuse_in_maintenance(r: Request<'_>, dir: &DirConfig) -> c_int {
    let Some(setting) = dir.maintenance().filter(|_| dir.enabled()) else {
        return sys::DECLINED;
    };
    // The error document of an answered request (the maintenance page's own
    // ErrorDocument among them) is part of that answer, not a new request.
    if r.previous().is_some_and(|p| p.status() >= 400) {
        return sys::DECLINED;
    }
    let now = r.arrival_second();
    if !in_maintenance(r, setting, now) {
        return sys::DECLINED;
    }
    if r.client_ip()
        .is_some_and(|ip| allowed(dir.maintenance_allow(), ip))
    {
        return sys::DECLINED;
    }
    r.set_mark(r.mark().in_maintenance());
    // Kept on every path the answer may take (httpd's page, an ErrorDocument,
    // the module's document); a `Header always set` still replaces them.
    if let Some(seconds) = notice(setting).and_then(|n| n.seconds_left(now)) {
        let value = r.pool_c_str(&seconds.to_string());
        r.set_err_header_out(c"Retry-After", value.into());
    }
    r.set_err_header_out(c"Cache-Control", c"no-store".into());
    sys::HTTP_SERVICE_UNAVAILABLE as c_int
}

/// Is `setting` in force at `now`? A flag file is looked at once a second per
/// child at most; a change is logged once.
fn in_maintenance(r: Request<'_>, setting: Maintenance, now: i64) -> bool {
    match setting {
        Maintenance::Off => false,
        Maintenance::On => true,
        Maintenance::Flag { path, watch } => {
            // SAFETY: the path is a NUL-terminated string and the watch a Box,
            // both made with the configuration, which outlives every request.
            let (path, watch) = unsafe { (CStr::from_ptr(path), &*watch) };
            let file = Path::new(OsStr::from_bytes(path.to_bytes()));
            watch.in_maintenance(
                now,
                || look(file),
                || maintenance::read_file(file),
                |change| report(r, path, &change),
            )
        }
    }
}

/// Logs a change of a flag file, for the server (a fact about the site, not
/// about the request that happened to see it first).
fn report(r: Request<'_>, path: &CStr, change: &Change) {
    let (loudness, mut line) = change_line(change, path.to_bytes());
    let level = match loudness {
        Loudness::Notice => sys::APLOG_NOTICE,
        Loudness::Warning => sys::APLOG_WARNING,
    };
    line.push(0);
    // SAFETY: a NUL-terminated line logged with "%s" by the shim, for the
    // request's live server.
    unsafe {
        sys::httpstatus_shim_log_server(r.server(), level as c_int, line.as_ptr().cast());
    }
}

/// What the flag file says, as last read (nothing for `On`).
fn notice(setting: Maintenance) -> Option<Arc<Notice>> {
    match setting {
        Maintenance::Flag { watch, .. } => {
            // SAFETY: a Box made with the configuration, which outlives every
            // request.
            Some(unsafe { &*watch }.notice())
        }
        Maintenance::Off | Maintenance::On => None,
    }
}

/// What the page of a request refused for maintenance says: kept alive by the
/// caller while the page is written.
pub(crate) struct PageNotice {
    notice: Option<Arc<Notice>>,
    now: i64,
}

impl PageNotice {
    /// The notice for `about`, if the module refused it for maintenance.
    /// (The mark is on the refused request itself: the one the page filter
    /// answers, or the original request of an `ErrorDocument`.)
    pub(crate) fn of(about: Request<'_>) -> Option<PageNotice> {
        if !about.mark().maintenance() {
            return None;
        }
        let setting = about.dir_config().maintenance();
        Some(PageNotice {
            notice: setting.and_then(notice),
            now: about.arrival_second(),
        })
    }

    /// The page's view of it.
    pub(crate) fn page(&self) -> PageMaintenance<'_> {
        PageMaintenance {
            message: self
                .notice
                .as_ref()
                .and_then(|n| n.message.as_deref())
                .map(str::as_bytes),
            retry_after: self.notice.as_ref().and_then(|n| n.seconds_left(self.now)),
        }
    }
}
