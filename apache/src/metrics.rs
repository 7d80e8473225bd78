//! The module's counters for scrapers and for mod_status: the
//! `httpstatus-metrics` handler (Prometheus text or OpenMetrics, decided and
//! written by `mod_httpstatus_logic::metrics`) and mod_status's optional
//! `status_hook` (`HttpStatusResponses404: 56` lines in `?auto`, a table per
//! virtual host on the HTML page). Both read the shared segment into plain
//! values first; children count into it in `diagnostics::log_transaction`.

use core::ffi::{CStr, c_int};
use core::sync::atomic::Ordering;

use mod_httpstatus_logic::layout::{CODES, DOCUMENT_FORMATS};
use mod_httpstatus_logic::metrics::{self, HostCounts, OTHER_HOSTS};

use crate::config::ServerConfig;
use crate::glue::{Hook, LogTo, guard};
use crate::request::{Put, Request};
use crate::segment::{self, Segment};
use crate::sys;

/// The handler name for `SetHandler httpstatus-metrics`.
pub(crate) const HANDLER: &CStr = c"httpstatus-metrics";

/// The port of httpd's first listener: the label of a server whose name and
/// addresses give none (the main server without a port in its ServerName).
fn first_listener_port() -> u16 {
    // SAFETY: httpd's list of listeners, set up before any request and not
    // changed while requests are served; a plain read of its first entry.
    unsafe {
        let first = sys::ap_listeners;
        first
            .as_ref()
            .and_then(|l| l.bind_addr.as_ref())
            .map_or(0, |a| a.port)
    }
}

/// Every block's counters, labelled with the virtual host of this configuration
/// that uses it; the shared block and blocks no configured host uses are
/// labelled `other` (so no counter ever goes down when a host goes away).
/// Hosts under one label are summed. Also the document counts.
fn snapshot(segment: &Segment) -> (Vec<HostCounts>, [u64; DOCUMENT_FORMATS]) {
    let layout = segment.layout();
    let mut labels: Vec<Option<Vec<u8>>> = vec![None; layout.blocks];
    let fallback = first_listener_port();
    // SAFETY: ap_server_conf is this configuration's main server, set before any
    // request is served; the list is configuration data, unchanged while it is.
    let servers = unsafe { segment::server_list(sys::ap_server_conf) };
    for s in servers {
        // SAFETY: a live server of the list; its module_config is its vector.
        let config = unsafe { ServerConfig::of_vector((*s).module_config) };
        let block = config.log_block as usize;
        let ours = config.segment().is_some_and(|g| core::ptr::eq(g, segment));
        if ours && block < layout.shared_block() && labels[block].is_none() {
            // SAFETY: a live server of the list.
            labels[block] = Some(unsafe { segment::label_or_port(s, fallback) });
        }
    }
    let hosts = labels
        .into_iter()
        .enumerate()
        .map(|(block, label)| {
            let mut host = HostCounts::new(label.as_deref().unwrap_or(OTHER_HOSTS));
            if let Some(row) = segment.responses(block) {
                for (count, word) in host.responses.iter_mut().zip(row.iter()) {
                    *count = word.load(Ordering::Relaxed);
                }
            }
            for code in 0..CODES {
                if let Some(word) = segment.suppressed(block, code) {
                    host.suppressed[code] = word.load(Ordering::Relaxed);
                }
            }
            host
        })
        .collect();
    let mut documents = [0; DOCUMENT_FORMATS];
    for (i, count) in documents.iter_mut().enumerate() {
        *count = segment
            .documents(i)
            .map_or(0, |w| w.load(Ordering::Relaxed));
    }
    (metrics::merge(hosts), documents)
}

/// `SetHandler httpstatus-metrics`: the exposition, for GET and HEAD where
/// `HttpStatusMetrics` is on (404 where it is off, 405 for other methods).
pub(crate) fn handle(r: Request<'_>) -> c_int {
    // A count of this moment: no cache may keep it.
    r.forbid_caching();
    let server = r.server_config();
    if !server.metrics() {
        return sys::HTTP_NOT_FOUND as c_int;
    }
    if r.method_number() != sys::M_GET as c_int {
        r.allow_method(sys::M_GET as c_int);
        return sys::HTTP_METHOD_NOT_ALLOWED as c_int;
    }
    let format = metrics::negotiate(r.header_in(c"Accept"));
    r.set_content_type_static(format.content_type());
    r.put_header_out(Put::Set, c"Cache-Control", c"no-store".into());
    r.put_header_out(Put::Merge, c"Vary", c"Accept".into());
    if r.header_only() {
        return sys::OK as c_int;
    }
    let (hosts, documents) = server
        .segment()
        .map_or_else(|| (Vec::new(), [0; DOCUMENT_FORMATS]), snapshot);
    r.write(metrics::exposition(&hosts, documents, format).as_bytes());
    sys::OK as c_int
}

/// mod_status's `status_hook`: the module's lines in its report, where
/// `HttpStatusMetrics` is on.
pub(crate) unsafe extern "C" fn status_hook(raw: *mut sys::request_rec, flags: c_int) -> c_int {
    // SAFETY: mod_status passes the live request it is answering, which no Rust
    // reference covers.
    let Some(r) = (unsafe { Request::from_raw(raw) }) else {
        return sys::OK as c_int;
    };
    guard(Hook::ModStatus, LogTo::Request(raw), (), || {
        let server = r.server_config();
        let Some(segment) = server.segment().filter(|_| server.metrics()) else {
            return;
        };
        let (hosts, _) = snapshot(segment);
        let text = if flags & sys::AP_STATUS_SHORT as c_int != 0 {
            metrics::status_auto(&hosts)
        } else {
            metrics::status_html(&hosts)
        };
        r.write(text.as_bytes());
    });
    sys::OK as c_int
}

/// Registers `status_hook` with mod_status (an optional hook: registered whether
/// or not mod_status is loaded, run only by it).
pub(crate) fn register_status_hook() {
    // SAFETY: called from register_hooks, as APR's optional hooks are registered;
    // the function is 'static (the module is never unloaded).
    unsafe { sys::httpstatus_shim_register_status_hook(Some(status_hook)) };
}
