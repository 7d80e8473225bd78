//! A request as the hooks see it: one type that reads and writes httpd's
//! `request_rec` through its pointer, so the hooks pass plain values around and
//! no other file dereferences a request.

use core::ffi::{CStr, c_char, c_int};
use core::marker::PhantomData;
use core::ptr::{self, NonNull};
use core::sync::atomic::{AtomicBool, Ordering};

use httpstatus::Text;
use mod_httpstatus_logic::causes::FileState;
use mod_httpstatus_logic::mark::{Answer, Mark, Reached};

use crate::config::{DirConfig, ServerConfig};
use crate::glue::{c_bytes, module_config, module_index, pool_str, set_module_config, table_get};
use crate::sys;

/// Is mod_unique_id loaded in this configuration (see `detect_unique_id`)?
static UNIQUE_ID_LOADED: AtomicBool = AtomicBool::new(true);

/// Notes whether mod_unique_id is loaded (from `post_config`, once the
/// configuration's modules are known).
pub(crate) fn detect_unique_id() {
    // SAFETY: a lookup by static name in httpd's list of loaded modules, in the
    // parent during post_config.
    let loaded = unsafe { !sys::ap_find_linked_module(c"mod_unique_id.c".as_ptr()).is_null() };
    UNIQUE_ID_LOADED.store(loaded, Ordering::Relaxed);
}

/// One request of the connection being served, valid for `'a` (the hook call).
///
/// Copying it copies the pointer: httpd's structures are read and written
/// through it field by field, and no Rust reference to a `request_rec` outlives
/// the method that makes it, so two views of one request never conflict.
#[derive(Clone, Copy)]
pub(crate) struct Request<'a> {
    raw: NonNull<sys::request_rec>,
    life: PhantomData<&'a mut sys::request_rec>,
}

/// How a response header is written.
#[derive(Clone, Copy)]
pub(crate) enum Put {
    /// Appended as another field (the table holds none yet).
    Add,
    /// Replaces every field of the name.
    Set,
    /// Joined to the existing field with ", ".
    Merge,
}

/// A NUL-terminated string that lives at least as long as `'a`: a static text of
/// the registry, a literal, or a string of the request's pool. Made without
/// measuring the string (a `&CStr` from a registry text would scan it).
#[derive(Clone, Copy)]
pub(crate) struct CText<'a> {
    ptr: *const c_char,
    life: PhantomData<&'a CStr>,
}

impl From<Text> for CText<'static> {
    fn from(text: Text) -> Self {
        CText {
            ptr: text.as_ptr(),
            life: PhantomData,
        }
    }
}

impl<'a> From<&'a CStr> for CText<'a> {
    fn from(s: &'a CStr) -> Self {
        CText {
            ptr: s.as_ptr(),
            life: PhantomData,
        }
    }
}

impl<'a> Request<'a> {
    /// The view of `r`; None for NULL.
    ///
    /// # Safety
    /// `r` must be NULL or a live request for `'a`, which httpd does not change
    /// concurrently (it never does while a hook runs for it) and to which no Rust
    /// reference exists during `'a`.
    pub(crate) unsafe fn from_raw(r: *mut sys::request_rec) -> Option<Request<'a>> {
        Some(Request {
            raw: NonNull::new(r)?,
            life: PhantomData,
        })
    }

    /// The pointer, for httpd's own functions.
    pub(crate) fn raw(self) -> *mut sys::request_rec {
        self.raw.as_ptr()
    }

    fn view(self, r: *mut sys::request_rec) -> Option<Request<'a>> {
        // SAFETY: `prev` and `next` link requests of the same connection request,
        // all live until the original request's pool is destroyed, after 'a.
        unsafe { Request::from_raw(r) }
    }

    // ----- the request line and its status --------------------------------------------

    /// The status the response carries now.
    pub(crate) fn status(self) -> c_int {
        // SAFETY: a live request (see from_raw); a plain field read.
        unsafe { (*self.raw()).status }
    }

    pub(crate) fn set_status(self, status: c_int) {
        // SAFETY: a live request no Rust reference covers; a plain field write.
        unsafe { (*self.raw()).status = status }
    }

    /// The status line set by httpd or a module, if any.
    pub(crate) fn status_line(self) -> Option<&'a [u8]> {
        // SAFETY: NULL or a NUL-terminated string of a pool or of the binary, which
        // outlives the request.
        unsafe { c_bytes((*self.raw()).status_line) }
    }

    /// Is a status line set? (Without measuring it.)
    pub(crate) fn has_status_line(self) -> bool {
        // SAFETY: a plain field read.
        unsafe { !(*self.raw()).status_line.is_null() }
    }

    /// Sets the status line; None lets httpd write its own from the status.
    pub(crate) fn set_status_line(self, line: Option<CText<'a>>) {
        let line = line.map_or(ptr::null(), |l| l.ptr);
        // SAFETY: a plain field write; the string outlives the request ('a).
        unsafe { (*self.raw()).status_line = line }
    }

    /// Is the response to a HEAD request (as httpd sees it now)?
    pub(crate) fn header_only(self) -> bool {
        // SAFETY: a plain field read.
        unsafe { (*self.raw()).header_only != 0 }
    }

    pub(crate) fn set_header_only(self, head: bool) {
        // SAFETY: a plain field write.
        unsafe { (*self.raw()).header_only = c_int::from(head) }
    }

    /// Tells mod_cache not to keep this response.
    pub(crate) fn forbid_caching(self) {
        // SAFETY: a plain field write.
        unsafe { (*self.raw()).no_cache = 1 }
    }

    /// The method as the client sent it (httpd shows an error document's original
    /// request as a GET and keeps the real method in REQUEST_METHOD).
    pub(crate) fn method(self) -> Option<&'a [u8]> {
        // SAFETY: NULL or a NUL-terminated pool string of the request.
        unsafe { c_bytes((*self.raw()).method) }
    }

    /// The path, decoded, without the query.
    pub(crate) fn uri(self) -> Option<&'a [u8]> {
        // SAFETY: NULL or a NUL-terminated pool string of the request.
        unsafe { c_bytes((*self.raw()).uri) }
    }

    /// The target as the client wrote it, else the whole request line.
    pub(crate) fn target(self) -> Option<&'a [u8]> {
        // SAFETY: NULL or NUL-terminated pool strings of the request.
        unsafe {
            c_bytes((*self.raw()).unparsed_uri).or_else(|| c_bytes((*self.raw()).the_request))
        }
    }

    /// The file the request was mapped to (`proxy:...` for a proxied one).
    pub(crate) fn filename(self) -> Option<&'a [u8]> {
        // SAFETY: NULL or a NUL-terminated pool string of the request.
        unsafe { c_bytes((*self.raw()).filename) }
    }

    /// The handler chosen for it.
    pub(crate) fn handler(self) -> Option<&'a [u8]> {
        // SAFETY: NULL or a NUL-terminated string that outlives the request.
        unsafe { c_bytes((*self.raw()).handler) }
    }

    /// Is its handler `name`? Compared without measuring either string.
    pub(crate) fn handler_is(self, name: &CStr) -> bool {
        // SAFETY: NULL or a NUL-terminated handler name.
        unsafe { crate::glue::c_str_is((*self.raw()).handler, name) }
    }

    // ----- tables ---------------------------------------------------------------------

    /// A request header.
    pub(crate) fn header_in(self, name: &CStr) -> Option<&'a [u8]> {
        // SAFETY: the request's own table, live with it.
        table_get(unsafe { (*self.raw()).headers_in }, name)
    }

    /// A response header set so far.
    pub(crate) fn header_out(self, name: &CStr) -> Option<&'a [u8]> {
        // SAFETY: the request's own table, live with it.
        table_get(unsafe { (*self.raw()).headers_out }, name)
    }

    /// Is `name` among the response headers, either those of a normal response or
    /// those kept for errors too (`Header always`, a CGI's, a back end's)?
    pub(crate) fn has_response_header(self, name: &CStr) -> bool {
        // SAFETY: the request's own tables, live with it.
        let (out, err) = unsafe { ((*self.raw()).headers_out, (*self.raw()).err_headers_out) };
        table_get(out, name).is_some() || table_get(err, name).is_some()
    }

    /// Sets a header sent with the response whatever it becomes (httpd's error
    /// path and internal redirects keep these).
    pub(crate) fn set_err_header_out(self, name: &'static CStr, value: CText<'a>) {
        // SAFETY: the request's own table; the name is static and the value lives
        // as long as the request.
        unsafe { sys::apr_table_setn((*self.raw()).err_headers_out, name.as_ptr(), value.ptr) }
    }

    /// Copies a response header to those httpd keeps on its error path, unless
    /// one is there already.
    pub(crate) fn keep_header_for_errors(self, name: &CStr) {
        // SAFETY: the request's own tables; a value found is a string of the
        // request's pool, which outlives both tables.
        unsafe {
            let (out, err) = ((*self.raw()).headers_out, (*self.raw()).err_headers_out);
            let value = sys::apr_table_get(out, name.as_ptr());
            if !value.is_null() && sys::apr_table_get(err, name.as_ptr()).is_null() {
                sys::apr_table_set(err, name.as_ptr(), value);
            }
        }
    }

    /// Adds a response header (the caller checked it is not there).
    pub(crate) fn add_header_out(self, name: &'static CStr, value: CText<'a>) {
        // SAFETY: the request's own table; the name is static and the value lives
        // as long as the request.
        unsafe { sys::apr_table_addn((*self.raw()).headers_out, name.as_ptr(), value.ptr) }
    }

    /// The client's address as httpd shows it (after mod_remoteip, if loaded).
    pub(crate) fn client_ip(self) -> Option<&'a [u8]> {
        // SAFETY: NULL or a NUL-terminated string of the request or connection,
        // which outlives the request.
        unsafe { c_bytes((*self.raw()).useragent_ip) }
    }

    /// When the request arrived, in whole seconds since the epoch (httpd reads
    /// the clock once per request; this asks it nothing).
    pub(crate) fn arrival_second(self) -> i64 {
        // SAFETY: a plain field read.
        let microseconds = unsafe { (*self.raw()).request_time };
        // Never before the epoch: divided unsigned, which is cheaper (asked by
        // every request where maintenance is configured).
        (microseconds.max(0) as u64 / 1_000_000) as i64
    }

    /// A variable of the request's environment.
    pub(crate) fn env(self, name: &CStr) -> Option<&'a [u8]> {
        // SAFETY: the request's own table, live with it.
        table_get(unsafe { (*self.raw()).subprocess_env }, name)
    }

    /// A note another module left on the request.
    pub(crate) fn note(self, name: &CStr) -> Option<&'a [u8]> {
        // SAFETY: the request's own table, live with it.
        table_get(unsafe { (*self.raw()).notes }, name)
    }

    /// Adds a note (a new key: adding skips the search setting would do).
    pub(crate) fn add_note(self, name: &'static CStr, value: CText<'a>) {
        // SAFETY: the request's own table; the key is static and the value lives as
        // long as the request.
        unsafe { sys::apr_table_addn((*self.raw()).notes, name.as_ptr(), value.ptr) }
    }

    /// Are the notes of `self` and `other` one table?
    pub(crate) fn shares_notes_with(self, other: Request<'_>) -> bool {
        // SAFETY: plain field reads.
        unsafe { (*self.raw()).notes == (*other.raw()).notes }
    }

    /// Drops the request's `Upgrade` header, from a copy of its headers: the table
    /// may be shared with the request it redirects from, which must keep it.
    pub(crate) fn drop_upgrade_request(self) {
        let r = self.raw();
        // SAFETY: the request's pool and table; the copy lives in the same pool.
        unsafe {
            (*r).headers_in = sys::apr_table_copy((*r).pool, (*r).headers_in);
            sys::apr_table_unset((*r).headers_in, c"Upgrade".as_ptr());
        }
    }

    /// Is the response header table still empty (an error httpd builds itself)?
    pub(crate) fn headers_out_empty(self) -> bool {
        // SAFETY: the request's own table.
        unsafe { sys::apr_is_empty_table((*self.raw()).headers_out) != 0 }
    }

    /// Removes a response header.
    pub(crate) fn unset_header_out(self, name: &CStr) {
        // SAFETY: the request's own table; the name is read during the call only.
        unsafe { sys::apr_table_unset((*self.raw()).headers_out, name.as_ptr()) }
    }

    /// Writes a response header of static text.
    pub(crate) fn put_header_out(self, how: Put, name: &'static CStr, value: CText<'static>) {
        let headers = {
            // SAFETY: a plain field read.
            unsafe { (*self.raw()).headers_out }
        };
        let (name, value) = (name.as_ptr(), value.ptr);
        // SAFETY: the request's own table; static strings outlive it (the n
        // variants keep the pointers without copying).
        unsafe {
            match how {
                Put::Add => sys::apr_table_addn(headers, name, value),
                Put::Set => sys::apr_table_setn(headers, name, value),
                Put::Merge => sys::apr_table_mergen(headers, name, value),
            }
        }
    }

    /// Sets the response's Content-Type.
    pub(crate) fn set_content_type(self, content_type: Text) {
        // SAFETY: a live request; httpd keeps the static string.
        unsafe { sys::ap_set_content_type(self.raw(), content_type.as_ptr()) }
    }

    /// A copy of `s` in the request's pool, NUL-terminated.
    pub(crate) fn pool_c_str(self, s: &str) -> &'a CStr {
        // SAFETY: a plain field read.
        let pool = unsafe { (*self.raw()).pool };
        let copy = pool_str(pool, s);
        // SAFETY: apr_pstrmemdup returned a NUL-terminated copy in the request's
        // pool, which lives as long as the request.
        unsafe { CStr::from_ptr(copy) }
    }

    // ----- the chain of internal redirects ----------------------------------------------

    /// Is this the request the client sent (not an internal redirect)?
    pub(crate) fn is_original(self) -> bool {
        // SAFETY: a plain field read.
        unsafe { (*self.raw()).prev.is_null() }
    }

    /// The request this one was redirected from, if any.
    pub(crate) fn previous(self) -> Option<Request<'a>> {
        // SAFETY: a plain field read.
        self.view(unsafe { (*self.raw()).prev })
    }

    /// The request this one redirected to, if any.
    pub(crate) fn next(self) -> Option<Request<'a>> {
        // SAFETY: a plain field read.
        self.view(unsafe { (*self.raw()).next })
    }

    /// The request the client sent, at the start of the chain.
    pub(crate) fn original(self) -> Request<'a> {
        let mut first = self;
        while let Some(prev) = first.previous() {
            first = prev;
        }
        first
    }

    /// This request and every internal redirect after it, in order.
    pub(crate) fn chain(self) -> impl Iterator<Item = Request<'a>> {
        std::iter::successors(Some(self), |q| q.next())
    }

    /// The last request in the chain: the one that produced the response.
    pub(crate) fn final_request(self) -> Request<'a> {
        self.chain().last().unwrap_or(self)
    }

    /// Is `other` this same request?
    pub(crate) fn is(self, other: Request<'_>) -> bool {
        self.raw == other.raw.cast()
    }

    // ----- configuration ----------------------------------------------------------------

    /// The module's directory configuration that applies to the request, read in
    /// place.
    pub(crate) fn dir_config(self) -> &'a DirConfig {
        // SAFETY: per_dir_config is httpd's configuration vector for the request,
        // whose records live in pools that outlive it.
        unsafe { DirConfig::of_vector((*self.raw()).per_dir_config) }
    }

    /// Test builds: the shared server record names `name` (copied into the
    /// request's pool) until the request ends, as mass-hosting modules do.
    #[cfg(feature = "fault-injection")]
    pub(crate) fn rename_server_for_request(self, name: &[u8]) {
        /// The record and the name it had, for the cleanup to put back.
        #[derive(Clone, Copy)]
        struct Renamed {
            server: *mut sys::server_rec,
            name: *mut c_char,
        }
        unsafe extern "C" fn put_back(data: *mut core::ffi::c_void) -> sys::apr_status_t {
            // SAFETY: the Renamed record registered with this cleanup, in the
            // request's pool, which is being cleared; the server record outlives it.
            unsafe {
                let renamed = *data.cast::<Renamed>();
                (*renamed.server).server_hostname = renamed.name;
            }
            sys::APR_SUCCESS as sys::apr_status_t
        }
        let copy = self.pool_c_str(&String::from_utf8_lossy(name));
        // SAFETY: a live request and its server record (test builds only: the
        // record is shared by every request, as the modules this imitates treat
        // it); the cleanup runs when the request's pool is cleared, and puts the
        // configured name back before the copy's memory goes.
        unsafe {
            let pool = (*self.raw()).pool;
            let server = (*self.raw()).server;
            let renamed = crate::glue::pool_new(
                pool,
                Renamed {
                    server,
                    name: (*server).server_hostname,
                },
            );
            (*server).server_hostname = copy.as_ptr().cast_mut();
            sys::apr_pool_cleanup_register(
                pool,
                renamed.cast(),
                Some(put_back),
                Some(sys::apr_pool_cleanup_null),
            );
        }
    }

    /// The addresses of the virtual host's name and `ServerAdmin` strings, if
    /// they are still the ones it was configured with (None when a module has
    /// put others in the server record for this request).
    pub(crate) fn configured_server_names(self) -> Option<[usize; 2]> {
        // SAFETY: r->server is always set and live while the request is.
        let server = unsafe { &*(*self.raw()).server };
        let now = [
            server.server_hostname.cast_const(),
            server.server_admin.cast_const(),
        ];
        (now == self.server_config().configured_names).then(|| now.map(|name| name.addr()))
    }

    /// The module's configuration of the request's virtual host, read in place.
    pub(crate) fn server_config(self) -> &'a ServerConfig {
        // SAFETY: r->server is always set; its module_config is its vector, whose
        // records live in the configuration pool, which outlives the request.
        unsafe { ServerConfig::of_vector((*(*self.raw()).server).module_config) }
    }

    /// Is this a sub-request (made by another request, never sent as such)?
    pub(crate) fn is_subrequest(self) -> bool {
        // SAFETY: a plain field read.
        unsafe { !(*self.raw()).main.is_null() }
    }

    /// httpd's number for the method (M_GET also for HEAD).
    pub(crate) fn method_number(self) -> c_int {
        // SAFETY: a plain field read.
        unsafe { (*self.raw()).method_number }
    }

    /// Adds a method to those a 405 answer's `Allow` names (httpd builds the
    /// header from `allowed_methods`; `allowed` is its older twin).
    pub(crate) fn allow_method(self, method: c_int) {
        let bit = 1i64 << method;
        // SAFETY: plain field writes; httpd makes `allowed_methods` with every
        // request (ap_make_method_list in its creation), NULL-checked anyway.
        unsafe {
            let r = self.raw();
            (*r).allowed |= bit;
            if let Some(list) = (*r).allowed_methods.as_mut() {
                list.method_mask |= bit;
            }
        }
    }

    /// Sets the response's Content-Type to a static string.
    pub(crate) fn set_content_type_static(self, content_type: &'static CStr) {
        // SAFETY: a live request; httpd keeps the static string.
        unsafe { sys::ap_set_content_type(self.raw(), content_type.as_ptr()) }
    }

    /// Writes `bytes` to the response body through httpd's output filters
    /// (ap_rwrite, as mod_status's hooks write its page).
    pub(crate) fn write(self, bytes: &[u8]) {
        let len = c_int::try_from(bytes.len()).unwrap_or(c_int::MAX);
        // SAFETY: a live request; httpd copies `len` bytes of the slice during the
        // call (or keeps them until it returns).
        unsafe { sys::ap_rwrite(bytes.as_ptr().cast(), len, self.raw()) };
    }

    /// The virtual host serving the request.
    pub(crate) fn server(self) -> *const sys::server_rec {
        // SAFETY: a plain field read.
        unsafe { (*self.raw()).server }
    }

    /// The virtual host's own name (never the client's Host header).
    pub(crate) fn server_name(self) -> Option<&'a [u8]> {
        // SAFETY: r->server is always set; its name is a configuration string.
        unsafe { c_bytes((*self.server()).server_hostname) }
    }

    /// The virtual host's `ServerAdmin`.
    pub(crate) fn server_admin(self) -> Option<&'a [u8]> {
        // SAFETY: r->server is always set; its admin is NULL or a configuration
        // string.
        unsafe { c_bytes((*self.server()).server_admin) }.filter(|a| !a.is_empty())
    }

    /// `ServerSignature` where the request stands: None for Off (the default),
    /// else whether it is `EMail`.
    pub(crate) fn server_signature(self) -> Option<bool> {
        // SAFETY: the core module's slot is index 0 of every configuration vector
        // (see any_custom_response); NULL or the core's record for the directory.
        let core = unsafe {
            (*(*self.raw())
                .per_dir_config
                .cast::<*const sys::core_dir_config>())
            .as_ref()
        }?;
        match core.server_signature {
            sys::server_signature_e_srv_sig_on => Some(false),
            sys::server_signature_e_srv_sig_withmail => Some(true),
            _ => None,
        }
    }

    /// The line httpd's own pages end with under `ServerSignature`, as text:
    /// "Apache/2.4.71 (Debian) Server at example.com Port 443".
    pub(crate) fn signature_text(self) -> &'a CStr {
        // SAFETY: httpd's banner is a static string; the name is a string of the
        // request or its server; both outlive the request.
        let (banner, name) = unsafe {
            (
                c_bytes(sys::ap_get_server_banner()).unwrap_or_default(),
                c_bytes(sys::ap_get_server_name_for_url(self.raw())).unwrap_or_default(),
            )
        };
        // SAFETY: a live request.
        let port = unsafe { sys::ap_get_server_port(self.raw()) };
        let text = format!(
            "{} Server at {} Port {port}",
            String::from_utf8_lossy(banner),
            String::from_utf8_lossy(name)
        );
        self.pool_c_str(&text)
    }

    /// The date of the response, as HTTP writes dates (RFC 9110), from the
    /// time httpd received the request.
    pub(crate) fn date_text(self) -> &'a CStr {
        let mut buffer = [0u8; sys::APR_RFC822_DATE_LEN as usize];
        // SAFETY: a buffer of the length apr_rfc822_date writes (with its NUL);
        // a plain field read.
        let status =
            unsafe { sys::apr_rfc822_date(buffer.as_mut_ptr().cast(), (*self.raw()).request_time) };
        let text = CStr::from_bytes_until_nul(&buffer)
            .ok()
            .filter(|_| status == sys::APR_SUCCESS as sys::apr_status_t)
            .and_then(|date| date.to_str().ok())
            .unwrap_or_default();
        self.pool_c_str(text)
    }

    /// The virtual host's port, else the port the connection arrived on.
    pub(crate) fn server_port(self) -> u16 {
        // SAFETY: r->server and r->connection are always set; the local address is
        // the connection's, NULL-checked.
        unsafe {
            let configured = (*self.server()).port;
            if configured != 0 {
                return configured;
            }
            (*(*self.raw()).connection)
                .local_addr
                .as_ref()
                .map_or(0, |a| a.port)
        }
    }

    /// `LimitRequestLine`, `LimitRequestFieldSize` and `LimitRequestFields` of the
    /// virtual host.
    pub(crate) fn header_limits(self) -> (c_int, c_int, c_int) {
        // SAFETY: r->server is always set; plain field reads.
        unsafe {
            let s = &*self.server();
            (s.limit_req_line, s.limit_req_fieldsize, s.limit_req_fields)
        }
    }

    /// `LimitRequestBody` where the request was served.
    pub(crate) fn body_limit(self) -> sys::apr_off_t {
        // SAFETY: reads the request's core configuration.
        unsafe { sys::ap_get_limit_req_body(self.raw()) }
    }

    /// Is an `ErrorDocument <status> "text"` configured for the current status?
    pub(crate) fn administrator_text_configured(self) -> bool {
        if !self.any_custom_response() {
            return false;
        }
        // SAFETY: plain lookups in httpd's configuration for this request.
        unsafe {
            let slot = sys::ap_index_of_response(self.status());
            let custom = sys::ap_response_code_string(self.raw(), slot);
            // httpd marks text (as opposed to a path or URL) with a leading quote.
            !custom.is_null() && *custom == b'"' as c_char
        }
    }

    /// Could httpd have a custom response for this request at all: strings from
    /// `ap_custom_response` on the request, or `ErrorDocument`s where it is
    /// served? Where there are neither, `ap_response_code_string` answers NULL
    /// for every status, and the lookup of the status's slot can be skipped.
    fn any_custom_response(self) -> bool {
        let r = self.raw();
        // SAFETY: the core module's slot is index 0 of every configuration vector
        // (http_core.h's ap_get_core_module_config reads it so); the request's
        // and its directory's vectors are live with the request.
        let (request, dir) = unsafe {
            (
                *(*r)
                    .request_config
                    .cast::<*const sys::core_request_config>(),
                *(*r).per_dir_config.cast::<*const sys::core_dir_config>(),
            )
        };
        // SAFETY: NULL or the core's configuration records of this request, laid
        // out as the headers the module was built against say; plain field reads.
        let (strings, documents) = unsafe {
            (
                request.as_ref().map(|c| c.response_code_strings.is_null()),
                dir.as_ref().map(|c| c.response_code_exprs.is_null()),
            )
        };
        // Anything unexpected (a missing record) leaves the decision to httpd.
        strings != Some(true) || documents != Some(true)
    }

    // ----- the module's own state -------------------------------------------------------

    /// What the module saw and did for this request (Mark::NONE when nothing).
    pub(crate) fn mark(self) -> Mark {
        // SAFETY: the request's config vector has a slot for every module; ours
        // holds the mark's byte as an address (set_mark is the only writer), never
        // dereferenced.
        let slot = unsafe { module_config((*self.raw()).request_config) };
        Mark::from_bits(slot.addr() as u8)
    }

    /// Records what the module saw and did for this request: the mark's byte kept
    /// in the slot itself, so a request allocates nothing for it.
    pub(crate) fn set_mark(self, mark: Mark) {
        let value = ptr::without_provenance_mut(usize::from(mark.bits()));
        // SAFETY: the request's config vector has a slot for this module; httpd
        // never dereferences a module's request slot, and neither does mark().
        unsafe { set_module_config((*self.raw()).request_config, value) };
    }

    /// Records what the module did about the response, keeping how far it got.
    pub(crate) fn set_answer(self, answer: Answer) {
        self.set_mark(self.mark().answered(answer));
    }

    /// Records how far the request got, keeping what was answered.
    pub(crate) fn set_reached(self, reached: Reached) {
        // SAFETY: as in mark(): our slot holds the mark's byte as an address.
        let kept = unsafe { module_config((*self.raw()).request_config) }.addr() as u8;
        self.set_mark(Mark::reaching_in(kept, reached));
    }

    /// What the request's file name showed when httpd mapped it (no `stat` here:
    /// httpd's directory walk filled `finfo`).
    pub(crate) fn file_state(self) -> FileState {
        if self.filename().is_none_or(|f| f.starts_with(b"proxy:")) {
            return FileState::Unknown;
        }
        // SAFETY: a plain field read of the request's file information.
        match unsafe { (*self.raw()).finfo.filetype } {
            sys::apr_filetype_e_APR_NOFILE => FileState::Missing,
            sys::apr_filetype_e_APR_DIR => FileState::Directory,
            _ => FileState::Exists,
        }
    }

    /// Were the request's line and headers read? httpd adds its HTTP input filter
    /// once they were; an internal redirect was read with its original request.
    pub(crate) fn was_read(self) -> bool {
        // HTTP/2 streams reach httpd as requests already parsed by mod_http2.
        // SAFETY: a plain field read.
        if !self.is_original() || unsafe { (*self.raw()).proto_num } >= 2000 {
            return true;
        }
        // SAFETY: the request's input filter chain: live filters whose records
        // and names live as long as the configuration.
        unsafe {
            let mut f = (*self.raw()).input_filters;
            while let Some(filter) = f.as_ref() {
                let name = filter.frec.as_ref().map_or(ptr::null(), |rec| rec.name);
                if crate::glue::c_str_is_ignoring_case(name, c"HTTP_IN") {
                    return true;
                }
                f = filter.next;
            }
        }
        false
    }

    /// Has httpd settled the request's file name (its default translation and its
    /// directory walk record it as canonical; a proxied request's is its back
    /// end)? Modules that answer while mapping the URL (Redirect, RewriteRule)
    /// leave it unset.
    pub(crate) fn mapped(self) -> bool {
        // SAFETY: a plain field read.
        let canonical = unsafe { (*self.raw()).canonical_filename };
        !canonical.is_null() || self.filename().is_some_and(|f| f.starts_with(b"proxy:"))
    }

    /// Is the request proxied to a back end?
    pub(crate) fn proxied(self) -> bool {
        // SAFETY: a plain field read.
        let proxyreq = unsafe { (*self.raw()).proxyreq };
        proxyreq != 0 || self.filename().is_some_and(|f| f.starts_with(b"proxy:"))
    }

    /// mod_unique_id's id for the request, when that module is loaded (looked up
    /// only then: the environment is searched for nothing otherwise).
    pub(crate) fn unique_id(self) -> Option<&'a CStr> {
        if !UNIQUE_ID_LOADED.load(Ordering::Relaxed) {
            return None;
        }
        self.env_c_str(c"UNIQUE_ID")
    }

    /// The id an operator can find the request by, without making one:
    /// mod_unique_id's, else httpd's log id if something generated it (the error
    /// log's `%L`).
    pub(crate) fn shown_id(self) -> Option<&'a CStr> {
        self.unique_id().or_else(|| {
            // SAFETY: NULL or a NUL-terminated string of the request's pool.
            unsafe {
                let id = (*self.raw()).log_id;
                (!id.is_null()).then(|| CStr::from_ptr(id))
            }
        })
    }

    /// The id the request's log lines carry: mod_unique_id's, else httpd's log
    /// id, generated now if nothing logged for the request yet (so the error log's
    /// `%L` shows the same value). A NUL-terminated pool string.
    pub(crate) fn logged_id(self) -> Option<&'a CStr> {
        if let Some(id) = self.unique_id() {
            return Some(id);
        }
        let r = self.raw();
        // SAFETY: a live request and its connection; httpd's generate_log_id hook
        // runs as the core runs it before it logs, allocating from the request pool.
        unsafe {
            if (*r).log_id.is_null() {
                let mut id: *const c_char = ptr::null();
                sys::ap_run_generate_log_id((*r).connection, r, &mut id);
                (*r).log_id = id;
            }
            (!(*r).log_id.is_null()).then(|| CStr::from_ptr((*r).log_id))
        }
    }

    /// The user the client authenticated as, or tried to.
    pub(crate) fn user(self) -> Option<&'a [u8]> {
        // SAFETY: NULL or a NUL-terminated pool string of the request.
        unsafe { c_bytes((*self.raw()).user) }
    }

    fn env_c_str(self, name: &CStr) -> Option<&'a CStr> {
        // SAFETY: the request's own table; values are NUL-terminated pool strings.
        unsafe {
            let value = sys::apr_table_get((*self.raw()).subprocess_env, name.as_ptr());
            (!value.is_null()).then(|| CStr::from_ptr(value))
        }
    }

    // ----- output -----------------------------------------------------------------------

    /// The connection's bucket allocator, for memory handed to httpd as a bucket.
    pub(crate) fn bucket_alloc(self) -> *mut sys::apr_bucket_alloc_t {
        // SAFETY: r->connection is always set; a plain field read.
        unsafe { (*(*self.raw()).connection).bucket_alloc }
    }

    /// Adds one of the module's output filters, by the handle post_config stored
    /// (by name if post_config has not run: errors while the configuration loads).
    pub(crate) fn add_output_filter(self, handle: *mut sys::ap_filter_rec_t, name: &CStr) {
        let r = self.raw();
        // SAFETY: a live request and its connection; `handle` is NULL or a filter
        // registered for this configuration (post_config stores nothing else).
        unsafe {
            if handle.is_null() {
                sys::ap_add_output_filter(name.as_ptr(), ptr::null_mut(), r, (*r).connection);
            } else {
                sys::ap_add_output_filter_handle(handle, ptr::null_mut(), r, (*r).connection);
            }
        }
    }

    /// Would a line of the module at `level` be logged for this request? What
    /// httpd's APLOG_R_MODULE_IS_LEVEL decides, read here without a call: the
    /// request's log configuration (else its connection's, else its server's),
    /// this module's level in it if set, else the general one.
    pub(crate) fn logs_at(self, level: c_int) -> bool {
        // SAFETY: a live request with its connection and server; their log
        // configurations and per-module level arrays (one entry per loaded module)
        // live as long as the configuration.
        unsafe {
            let r = self.raw();
            let conf = if !(*r).log.is_null() {
                (*r).log
            } else if !(*(*r).connection).log.is_null() {
                (*(*r).connection).log
            } else {
                &raw const (*(*r).server).log
            };
            let index = module_index();
            let levels = (*conf).module_levels;
            let module_level = if levels.is_null() || index < 0 {
                -1
            } else {
                c_int::from(*levels.add(index as usize))
            };
            let configured = if module_level < 0 {
                (*conf).level
            } else {
                module_level
            };
            level <= configured
        }
    }

    /// Logs `message` (without a NUL inside; one is added) at `level`.
    pub(crate) fn log(self, level: c_int, mut message: Vec<u8>) {
        debug_assert!(!message.contains(&0));
        message.push(0);
        // SAFETY: a NUL-terminated message that lives across the call, logged with
        // "%s" by the shim.
        unsafe { sys::httpstatus_shim_log(self.raw(), level, message.as_ptr().cast()) };
    }
}
