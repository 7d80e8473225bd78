//! The module's configuration records and how httpd creates and merges them.
//! (The directives that fill them are in `directives.rs`.)
//!
//! Configuration lives in httpd's pools, never in Rust statics: records are plain
//! data allocated with `apr_palloc` (merges happen per request, so they must be
//! cheap and need no destructor). Compiled templates are boxed and freed by a
//! cleanup on the configuration pool.

use core::ffi::{CStr, c_char, c_int, c_void};
use core::ptr;
use core::sync::atomic::{AtomicU64, Ordering};

use httpstatus::lang::{Language, LanguageSet};
use httpstatus::registry::CODE_COUNT;
use httpstatus::render::{Accent, FormatSet, Link};
use httpstatus::{Format, StatusCode, Template};
use mod_httpstatus_logic::client_addresses::Network;
use mod_httpstatus_logic::directive_args::Phrases;
use mod_httpstatus_logic::header_rules::{self, RetryAfter};
use mod_httpstatus_logic::maintenance::FlagWatch;
use mod_httpstatus_logic::rate_limit::Counter;
use mod_httpstatus_logic::templates::{self, Selector, TemplateKey};

use crate::glue::{Filters, Hook, LogTo, guard, module_config, pool_new};
use crate::segment::{Attach, Segment};
use crate::sys;

/// A switch a section leaves to the enclosing one.
pub(crate) const UNSET: u8 = 0;
pub(crate) const OFF: u8 = 1;
pub(crate) const ON: u8 = 2;

/// No particular language (an unset default).
pub(crate) const ANY_LANGUAGE: u8 = u8::MAX;

/// Marks a numeric setting that this section leaves to the enclosing one.
pub(crate) const UNSET_NUMBER: u32 = u32::MAX;

/// Lines per second for one virtual host and status, across all children.
const DEFAULT_LOG_LIMIT: u32 = 10;
/// The longest diagnostic line, in bytes.
const DEFAULT_LOG_LINE_LENGTH: u32 = 1024;

/// Per-directory configuration (also the server default for early errors).
#[derive(Clone, Copy)]
pub(crate) struct DirConfig {
    /// `HttpStatusPages`: UNSET, OFF or ON.
    pub(crate) pages: u8,
    /// `HttpStatusDetails`.
    pub(crate) details: u8,
    /// `HttpStatusLog`.
    pub(crate) log: u8,
    /// `FormatSet` bits; 0 when not configured here.
    pub(crate) formats: u8,
    /// Templates of this section, then those of the enclosing ones.
    pub(crate) templates: *const Layer<TemplateEntry>,
    /// `HttpStatusLanguages` as LanguageSet bits; 0 when not configured here.
    pub(crate) languages: u64,
    /// `HttpStatusDefaultLanguage` as a language index, or ANY_LANGUAGE when unset.
    pub(crate) default_language: u8,
    /// `HttpStatus`: UNSET, OFF or ON.
    pub(crate) enabled: u8,
    /// `HttpStatusMaintenance`; NULL when not configured here.
    pub(crate) maintenance: *const Maintenance,
    /// `HttpStatusMaintenanceAllow`, most recent first; NULL when not configured here.
    pub(crate) maintenance_allow: *const Node<Network>,
    /// `HttpStatusRetryAfter` rules of this section, then the enclosing ones'.
    pub(crate) retry_after: *const Layer<(Selector, RetryAfter)>,
    /// `HttpStatusCacheControl` rules (a NULL value for `none`), likewise.
    pub(crate) cache_control: *const Layer<(Selector, *const c_char)>,
    /// `HttpStatusHome`: NULL when not configured here, an empty string for Off.
    pub(crate) home: *const c_char,
    /// `HttpStatusSiteName`: NULL when not configured here.
    pub(crate) site_name: *const c_char,
    /// `HttpStatusContact`: NULL when not configured here, an empty string for Off.
    pub(crate) contact: *const c_char,
    /// `HttpStatusMessage` rules of this section, then the enclosing ones'.
    pub(crate) messages: *const Layer<(Selector, Option<Language>, *const c_char)>,
    /// `HttpStatusLink`s (label, URL) of this section, then the enclosing ones'.
    pub(crate) links: *const Layer<(*const c_char, *const c_char)>,
    /// `HttpStatusLogo`: NULL when not configured here, an empty string for Off.
    pub(crate) logo: *const c_char,
    /// `HttpStatusAccent`: NULL when not configured here; a record of the
    /// configuration pool (None for Off).
    pub(crate) accent: *const Option<Accent>,
    /// Read in part from an `.htaccess` file: some values live only as long as
    /// the request that read it, so their addresses name nothing for longer.
    pub(crate) from_htaccess: bool,
}

/// A setting of text a section may leave to the enclosing one (NULL), turn
/// off (the empty string) or set.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Setting<'a> {
    Unset,
    Off,
    Set(&'a [u8]),
}

impl Setting<'_> {
    /// The setting a configuration string stands for.
    fn of<'a>(value: *const c_char) -> Setting<'a> {
        if value.is_null() {
            return Setting::Unset;
        }
        // SAFETY: a NUL-terminated string of the pool the record was made in (the
        // configuration's, or the request's for an `.htaccess` file), or a static
        // empty one for Off: it lives as long as the record, which callers borrow.
        let bytes = unsafe { CStr::from_ptr(value) }.to_bytes();
        if bytes.is_empty() {
            Setting::Off
        } else {
            Setting::Set(bytes)
        }
    }
}

/// `HttpStatusMaintenance` as a section set it.
#[derive(Clone, Copy)]
pub(crate) enum Maintenance {
    /// `Off`: not in maintenance (also inside a scope that is).
    Off,
    /// `On`: in maintenance until the configuration changes.
    On,
    /// A flag file: in maintenance while it exists.
    Flag {
        /// The file's absolute path, NUL-terminated, in the configuration pool.
        path: *const c_char,
        /// This child's watch over it (freed with the configuration pool).
        watch: *const FlagWatch,
    },
}

impl DirConfig {
    pub(crate) const DEFAULT: DirConfig = DirConfig {
        pages: UNSET,
        details: UNSET,
        log: UNSET,
        formats: 0,
        templates: ptr::null(),
        languages: 0,
        default_language: ANY_LANGUAGE,
        enabled: UNSET,
        maintenance: ptr::null(),
        maintenance_allow: ptr::null(),
        retry_after: ptr::null(),
        cache_control: ptr::null(),
        home: ptr::null(),
        site_name: ptr::null(),
        contact: ptr::null(),
        messages: ptr::null(),
        links: ptr::null(),
        logo: ptr::null(),
        accent: ptr::null(),
        from_htaccess: false,
    };

    /// The record in a configuration vector, read in place (the default when the
    /// slot is empty): the record has grown past what a copy per use would cost.
    ///
    /// # Safety
    /// `vector` must be a live per-directory configuration vector of this
    /// process, whose records live for `'a`.
    pub(crate) unsafe fn of_vector<'a>(vector: *mut sys::ap_conf_vector_t) -> &'a DirConfig {
        // SAFETY: our slot of the vector (caller's duty) holds NULL or a DirConfig
        // made by create_dir_config or merge_dir_config, never written after.
        unsafe { module_config(vector).cast::<DirConfig>().as_ref() }.unwrap_or(&DirConfig::DEFAULT)
    }

    /// `HttpStatus On` (the default): the module does its work in this scope.
    pub(crate) fn enabled(&self) -> bool {
        self.enabled != OFF
    }
    pub(crate) fn pages(&self) -> bool {
        self.pages != OFF && self.enabled()
    }
    /// `HttpStatusDetails`: off unless set (the pages are for visitors).
    pub(crate) fn details(&self) -> bool {
        self.details == ON
    }

    /// The home page the pages link to: `/` unless configured, None for Off.
    pub(crate) fn home(&self) -> Option<&[u8]> {
        match Setting::of(self.home) {
            Setting::Unset => Some(b"/"),
            Setting::Off => None,
            Setting::Set(home) => Some(home),
        }
    }

    /// `HttpStatusSiteName`, if configured.
    pub(crate) fn site_name(&self) -> Option<&[u8]> {
        match Setting::of(self.site_name) {
            Setting::Set(name) => Some(name),
            Setting::Unset | Setting::Off => None,
        }
    }

    /// `HttpStatusLogo`, if configured.
    pub(crate) fn logo(&self) -> Option<&[u8]> {
        match Setting::of(self.logo) {
            Setting::Set(logo) => Some(logo),
            Setting::Unset | Setting::Off => None,
        }
    }

    /// `HttpStatusAccent`, if configured.
    pub(crate) fn accent(&self) -> Option<Accent> {
        // SAFETY: NULL or a record of the pool this record was made in (the
        // configuration's, or the request's for `.htaccess`), as long-lived.
        unsafe { self.accent.as_ref() }.copied().flatten()
    }

    /// `HttpStatusContact` as configured.
    pub(crate) fn contact(&self) -> Setting<'_> {
        Setting::of(self.contact)
    }

    pub(crate) fn log(&self) -> bool {
        self.log != OFF && self.enabled()
    }

    /// The `HttpStatusMessage` for `code` in `language`, if any.
    pub(crate) fn message(&self, code: StatusCode, language: Language) -> Option<&[u8]> {
        let text = header_rules::choose_in_language(Layers(self.messages), code, language)?;
        // SAFETY: a NUL-terminated string of the pool the section was read into
        // (the configuration's, or the request's for `.htaccess`), which lives as
        // long as this record.
        Some(unsafe { CStr::from_ptr(text) }.to_bytes())
    }

    /// The `HttpStatusLink`s, outer sections first, each in the order written.
    pub(crate) fn links(&self) -> Vec<Link<'_>> {
        let mut links: Vec<Link<'_>> = Layers(self.links)
            .flatten()
            // SAFETY: NUL-terminated strings of the pools the sections were read
            // into (the configuration's, or the request's for `.htaccess`), which
            // live as long as this record.
            .map(|(label, href)| unsafe {
                Link {
                    label: CStr::from_ptr(label).to_bytes(),
                    href: CStr::from_ptr(href).to_bytes(),
                }
            })
            .collect();
        links.reverse();
        links
    }

    /// The addresses that name this scope's page values for as long as the
    /// configuration is in use (see `documents::Scope::key`), in a fixed order:
    /// None when some value lives only as long as a request (read from an
    /// `.htaccess` file) or a list comes from more than two sections.
    pub(crate) fn page_settings(&self) -> Option<[usize; 9]> {
        if self.from_htaccess {
            return None;
        }
        let [message, outer_message] = lasting_layers(self.messages)?;
        let [link, outer_link] = lasting_layers(self.links)?;
        Some([
            self.home.addr(),
            self.site_name.addr(),
            self.contact.addr(),
            self.logo.addr(),
            self.accent.addr(),
            message,
            outer_message,
            link,
            outer_link,
        ])
    }

    /// The scope's maintenance setting, unless it is `Off` (or unset).
    pub(crate) fn maintenance(&self) -> Option<Maintenance> {
        // SAFETY: NULL or a setting of this module in the configuration pool,
        // which outlives every request.
        let setting = unsafe { self.maintenance.as_ref() }.copied()?;
        (!matches!(setting, Maintenance::Off)).then_some(setting)
    }

    /// The clients that pass through maintenance.
    pub(crate) fn maintenance_allow(&self) -> impl Iterator<Item = Network> {
        Nodes(self.maintenance_allow)
    }

    /// Does this scope set a `Retry-After` or `Cache-Control` rule?
    pub(crate) fn has_header_rules(&self) -> bool {
        !self.retry_after.is_null() || !self.cache_control.is_null()
    }

    /// The `HttpStatusRetryAfter` rule for `code`, if any.
    pub(crate) fn retry_after(&self, code: StatusCode) -> Option<RetryAfter> {
        header_rules::choose(Layers(self.retry_after), code)
    }

    /// The `HttpStatusCacheControl` value for `code`, if one is set (`none` is
    /// None, as is no rule).
    pub(crate) fn cache_control(&self, code: StatusCode) -> Option<&CStr> {
        let value = header_rules::choose(Layers(self.cache_control), code)?;
        // SAFETY: NULL (for none) or a NUL-terminated string of the pool the
        // section was read into (the configuration's, or the request's for
        // `.htaccess`), which lives as long as this record.
        (!value.is_null()).then(|| unsafe { CStr::from_ptr(value) })
    }
    pub(crate) fn formats(&self) -> FormatSet {
        if self.formats == 0 {
            FormatSet::ALL
        } else {
            FormatSet::from_bits(u32::from(self.formats))
        }
    }

    /// The languages documents may be written in (all unless configured).
    pub(crate) fn languages(&self) -> LanguageSet {
        if self.languages == 0 {
            LanguageSet::ALL
        } else {
            LanguageSet::from_bits(self.languages)
        }
    }

    /// The language when the client's preferences name none offered: the
    /// configured one, else English if offered, else the first offered.
    pub(crate) fn default_language(&self) -> Language {
        Language::from_index(usize::from(self.default_language)).unwrap_or_else(|| {
            let offered = self.languages();
            if offered.contains(Language::ENGLISH) {
                Language::ENGLISH
            } else {
                offered.iter().next().unwrap_or(Language::ENGLISH)
            }
        })
    }

    /// The template for `code` in `format` and `language` among this scope's
    /// sections (see `templates::choose`), and the language its documents are
    /// written in when it has one of its own: the language it was configured for,
    /// or the one its `<html lang>` names.
    pub(crate) fn template(
        &self,
        code: StatusCode,
        format: Format,
        language: Language,
    ) -> Option<(&Template, Option<Language>)> {
        if self.templates.is_null() {
            return None;
        }
        let sections =
            Layers(self.templates).map(|nodes| nodes.map(|(key, t)| (key, (key.language, t))));
        let (configured, chosen) = templates::choose(sections, code, format, language)?;
        // SAFETY: templates are freed only with the configuration pool, which
        // outlives every request (and so this record).
        let template = unsafe { chosen.as_ref() }?;
        Some((template, configured.or(template.language())))
    }
}

/// What names a chain of layers for the configuration's life: the addresses of
/// its sections' own entries, innermost first, 0 where there are fewer than
/// two (the chain itself may be a copy a merge made for one request; the
/// entries never are). None for a chain of more than two.
fn lasting_layers<T>(chain: *const Layer<T>) -> Option<[usize; 2]> {
    let mut named = [0; 2];
    let mut next = chain;
    for slot in &mut named {
        // SAFETY: NULL or a layer of this module, live with the configuration
        // (or with the request whose merge made it).
        let Some(layer) = (unsafe { next.as_ref() }) else {
            break;
        };
        *slot = layer.nodes.addr();
        next = layer.outer;
    }
    next.is_null().then_some(named)
}

/// The entries one section configured for a list-valued directive (templates,
/// header rules), and the layer of the enclosing sections.
pub(crate) struct Layer<T> {
    pub(crate) nodes: *const Node<T>,
    pub(crate) outer: *const Layer<T>,
}

// Layers hold only pointers: copied, never cloned deeply (derive would ask T to
// be Copy as well).
impl<T> Clone for Layer<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Layer<T> {}

/// One entry of a section, most recently configured first.
#[derive(Clone, Copy)]
pub(crate) struct Node<T> {
    pub(crate) item: T,
    pub(crate) next: *const Node<T>,
}

/// One `HttpStatusTemplate`: what it serves and its compiled template.
pub(crate) type TemplateEntry = (TemplateKey, *const Template);

/// The layers of a scope, innermost first, each as the entries of its section.
pub(crate) struct Layers<T>(*const Layer<T>);

impl<T> Clone for Layers<T> {
    fn clone(&self) -> Self {
        Layers(self.0)
    }
}

impl<T: Copy + 'static> Iterator for Layers<T> {
    type Item = Nodes<T>;
    fn next(&mut self) -> Option<Nodes<T>> {
        // SAFETY: layers are pool-allocated by this module, in the configuration's pool (or
        // the request's for `.htaccess`), and live as long as the records that
        // hold them.
        let layer = unsafe { self.0.as_ref() }?;
        self.0 = layer.outer;
        Some(Nodes(layer.nodes))
    }
}

/// The entries of one section, most recently configured first.
pub(crate) struct Nodes<T>(*const Node<T>);

impl<T: Copy + 'static> Iterator for Nodes<T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        // SAFETY: nodes are pool-allocated by this module, in the configuration's pool (or
        // the request's for `.htaccess`), and live as long as the records that
        // hold them.
        let node = unsafe { self.0.as_ref() }?;
        self.0 = node.next;
        Some(node.item)
    }
}

/// Adds `item` to this section's own layer of `layer` (made on first use).
///
/// # Safety
/// `pool` must be the configuration pool; `*layer` NULL or this section's own
/// layer (not yet merged), allocated in it.
pub(crate) unsafe fn push_entry<T: Copy>(
    pool: *mut sys::apr_pool_t,
    layer: &mut *const Layer<T>,
    item: T,
) {
    if layer.is_null() {
        let empty = Layer {
            nodes: ptr::null(),
            outer: ptr::null(),
        };
        // SAFETY: the configuration pool (caller's duty).
        *layer = unsafe { pool_new(pool, empty) }.cast_const();
    }
    // SAFETY: just made, or this section's own layer (caller's duty), which no
    // other reference covers while the directive is read.
    let own = unsafe { &mut *layer.cast_mut() };
    let node = Node {
        item,
        next: own.nodes,
    };
    // SAFETY: the configuration pool.
    own.nodes = unsafe { pool_new(pool, node) }.cast_const();
}

/// `HttpStatusReason` status lines ("420 Slow Down"), indexed by code - 100.
pub(crate) type ReasonLines = [*const c_char; CODE_COUNT];

/// Per-server configuration.
#[derive(Clone, Copy)]
pub(crate) struct ServerConfig {
    /// NULL until a phrase is configured.
    pub(crate) reasons: *const ReasonLines,
    pub(crate) phrases: Phrases,
    /// `HttpStatusLogLimit`, or UNSET_NUMBER.
    pub(crate) log_limit: u32,
    /// `HttpStatusLogLineLength`, or UNSET_NUMBER.
    pub(crate) log_line_length: u32,
    /// This configuration's records of the module's filters (set in
    /// post_config), so requests add them without a lookup by name.
    pub(crate) filters: Filters,
    /// The shared segment the lines are counted in, set in post_config; NULL
    /// while the configuration is read (and when it is only tested).
    pub(crate) segment: *const Segment,
    /// This virtual host's block in the segment, set with it.
    pub(crate) log_block: u32,
    /// This virtual host's response counters in the segment, set with it.
    pub(crate) responses: Option<&'static [AtomicU64; CODE_COUNT]>,
    /// `HttpStatusMetrics`: UNSET, OFF or ON.
    pub(crate) metrics: u8,
    /// A maintenance directive of this server stands in a section httpd merges
    /// only once the URL is mapped (`<Directory>`, `<Files>`, `<Proxy>`, `<If>`):
    /// maintenance is then decided after the mapping rather than before.
    pub(crate) maintenance_after_mapping: bool,
    /// The virtual host's `ServerName` and `ServerAdmin` as configured, set in
    /// post_config: a page prepared for a scope may write them in only while
    /// the request's server record still holds these very strings (mass-hosting
    /// modules put others there per request).
    pub(crate) configured_names: [*const c_char; 2],
}

impl ServerConfig {
    pub(crate) const EMPTY: ServerConfig = ServerConfig {
        reasons: ptr::null(),
        phrases: Phrases::Unset,
        log_limit: UNSET_NUMBER,
        log_line_length: UNSET_NUMBER,
        filters: Filters::NONE,
        segment: ptr::null(),
        log_block: 0,
        responses: None,
        metrics: UNSET,
        maintenance_after_mapping: false,
        configured_names: [ptr::null(); 2],
    };

    /// The record in a server's configuration vector, read in place (the empty
    /// record when the slot is): requests read it on every response.
    ///
    /// # Safety
    /// `vector` must be a live server configuration vector of this process,
    /// whose records live for `'a`.
    pub(crate) unsafe fn of_vector<'a>(vector: *mut sys::ap_conf_vector_t) -> &'a ServerConfig {
        // SAFETY: our slot of the vector (caller's duty) holds NULL or a
        // ServerConfig made by create_server_config or merge_server_config, in
        // the configuration pool, written only while the configuration is read
        // and in post_config.
        unsafe { module_config(vector).cast::<ServerConfig>().as_ref() }
            .unwrap_or(&ServerConfig::EMPTY)
    }

    /// Counts a response with final status `status` for this virtual host
    /// (nothing before post_config attached the segment, or for a status outside
    /// 100-599). Run for every request: loads, a bounds check and one atomic add.
    #[inline]
    pub(crate) fn count_response(&self, status: c_int) {
        let row = self.responses;
        let index = status.wrapping_sub(100) as u32 as usize;
        if let Some(word) = row.and_then(|row| row.get(index)) {
            word.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Is the `httpstatus-metrics` handler (and the module's part of mod_status)
    /// answered for this virtual host?
    pub(crate) fn metrics(&self) -> bool {
        self.metrics != OFF
    }

    /// The shared segment, once post_config attached it.
    pub(crate) fn segment(&self) -> Option<&'static Segment> {
        // SAFETY: NULL or the Segment in httpd's retained data, which lives as long
        // as the process (the parent's, and each child's copy of it).
        unsafe { self.segment.as_ref() }
    }

    /// Counts a document the module wrote in `format`.
    pub(crate) fn count_document(&self, format: Format) {
        let index = match format {
            Format::Html => 0,
            Format::Json => 1,
            Format::Text => 2,
        };
        if let Some(word) = self.segment().and_then(|s| s.documents(index)) {
            word.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// True when httpd's own phrase is wanted for the codes it knows.
    pub(crate) fn httpd_phrases(&self) -> bool {
        self.phrases == Phrases::Httpd
    }

    /// Diagnostic lines per second for one status of this virtual host, across
    /// all children; 0 for no limit.
    pub(crate) fn log_limit(&self) -> u32 {
        if self.log_limit == UNSET_NUMBER {
            DEFAULT_LOG_LIMIT
        } else {
            self.log_limit
        }
    }

    /// The longest diagnostic line, in bytes.
    pub(crate) fn log_line_length(&self) -> usize {
        if self.log_line_length == UNSET_NUMBER {
            DEFAULT_LOG_LINE_LENGTH as usize
        } else {
            self.log_line_length as usize
        }
    }

    /// The line counters of this virtual host for `code`, once post_config has
    /// attached the segment.
    pub(crate) fn log_counter(&self, code: StatusCode) -> Option<Counter<'static>> {
        // SAFETY: NULL or the Segment in httpd's retained data, which lives as long
        // as the process (the parent's, and each child's copy of it).
        let segment: &'static Segment = unsafe { self.segment.as_ref() }?;
        segment.counter(self.log_block as usize, code.index())
    }

    /// The configured status line for `code` ("420 Slow Down"), if any. The
    /// configuration pool holds it, and it outlives every request served under
    /// the configuration.
    pub(crate) fn reason_line<'a>(&self, code: StatusCode) -> Option<&'a CStr> {
        // SAFETY: NULL or a table of this module in the configuration pool.
        let table = unsafe { self.reasons.as_ref() }?;
        // Asked on every response: no indexing that could panic.
        let line = *table.get(code.index())?;
        // SAFETY: NULL or a NUL-terminated pool string made by the directive.
        (!line.is_null()).then(|| unsafe { CStr::from_ptr(line) })
    }

    /// The configured phrase alone ("Slow Down"), if any.
    pub(crate) fn reason_phrase<'a>(&self, code: StatusCode) -> Option<&'a str> {
        let line = self.reason_line(code)?.to_bytes();
        // The directive checked the phrase to be ASCII.
        core::str::from_utf8(line.get(4..)?).ok()
    }
}

// ----- create and merge ---------------------------------------------------------------------

pub(crate) unsafe extern "C" fn create_dir_config(
    pool: *mut sys::apr_pool_t,
    _dir: *mut c_char,
) -> *mut c_void {
    guard(
        Hook::CreateConfig,
        LogTo::Server(ptr::null()),
        ptr::null_mut(),
        || {
            // SAFETY: `pool` is the configuration pool httpd passes.
            unsafe { pool_new(pool, DirConfig::DEFAULT) }.cast()
        },
    )
}

pub(crate) unsafe extern "C" fn merge_dir_config(
    pool: *mut sys::apr_pool_t,
    base: *mut c_void,
    add: *mut c_void,
) -> *mut c_void {
    guard(Hook::MergeConfig, LogTo::Server(ptr::null()), add, || {
        // SAFETY: httpd passes two records created by create_dir_config or merges.
        let (base, add) = unsafe { (*base.cast::<DirConfig>(), *add.cast::<DirConfig>()) };
        let pick = |a: u8, b: u8| if a != UNSET { a } else { b };
        // SAFETY: `pool` is the merge pool; both chains are NULL or layers of this
        // module that live at least as long as it.
        let templates = unsafe { chain_layers(pool, add.templates, base.templates) };
        let merged = DirConfig {
            pages: pick(add.pages, base.pages),
            details: pick(add.details, base.details),
            log: pick(add.log, base.log),
            formats: if add.formats != 0 {
                add.formats
            } else {
                base.formats
            },
            templates,
            languages: if add.languages != 0 {
                add.languages
            } else {
                base.languages
            },
            default_language: if add.default_language != ANY_LANGUAGE {
                add.default_language
            } else {
                base.default_language
            },
            enabled: pick(add.enabled, base.enabled),
            maintenance: inner_or_outer(add.maintenance, base.maintenance),
            maintenance_allow: inner_or_outer(add.maintenance_allow, base.maintenance_allow),
            // SAFETY: as for the templates.
            retry_after: unsafe { chain_layers(pool, add.retry_after, base.retry_after) },
            // SAFETY: as for the templates.
            cache_control: unsafe { chain_layers(pool, add.cache_control, base.cache_control) },
            home: inner_or_outer(add.home, base.home),
            site_name: inner_or_outer(add.site_name, base.site_name),
            contact: inner_or_outer(add.contact, base.contact),
            // SAFETY: as for the templates.
            messages: unsafe { chain_layers(pool, add.messages, base.messages) },
            // SAFETY: as for the templates.
            links: unsafe { chain_layers(pool, add.links, base.links) },
            logo: inner_or_outer(add.logo, base.logo),
            accent: inner_or_outer(add.accent, base.accent),
            from_htaccess: add.from_htaccess || base.from_htaccess,
        };
        // SAFETY: `pool` is the merge pool.
        unsafe { pool_new(pool, merged) }.cast()
    })
}

/// A setting kept by pointer: the inner section's when it sets one (non-NULL),
/// else the enclosing one's.
fn inner_or_outer<T>(inner: *const T, outer: *const T) -> *const T {
    if inner.is_null() { outer } else { inner }
}

/// The layers of `inner` (innermost first) followed by those of `outer`.
/// `inner` may itself be a merge of several sections (httpd merges `<Location>`
/// blocks among themselves before merging them into the directory's), so all of
/// its layers are copied, never only the first.
///
/// # Safety
/// `pool` must be a live pool; both chains NULL or layers that outlive the result.
unsafe fn chain_layers<T>(
    pool: *mut sys::apr_pool_t,
    inner: *const Layer<T>,
    outer: *const Layer<T>,
) -> *const Layer<T> {
    // SAFETY: a layer of this module or NULL (caller's duty).
    let Some(layer) = (unsafe { inner.as_ref() }) else {
        return outer;
    };
    if outer.is_null() {
        return inner;
    }
    let copy = Layer {
        nodes: layer.nodes,
        // SAFETY: the rest of the same chain, under the same duty.
        outer: unsafe { chain_layers(pool, layer.outer, outer) },
    };
    // SAFETY: a live pool (caller's duty).
    unsafe { pool_new(pool, copy) }.cast_const()
}

pub(crate) unsafe extern "C" fn create_server_config(
    pool: *mut sys::apr_pool_t,
    server: *mut sys::server_rec,
) -> *mut c_void {
    guard(
        Hook::CreateConfig,
        LogTo::Server(server),
        ptr::null_mut(),
        || {
            // SAFETY: `pool` is the configuration pool httpd passes.
            unsafe { pool_new(pool, ServerConfig::EMPTY) }.cast()
        },
    )
}

pub(crate) unsafe extern "C" fn merge_server_config(
    pool: *mut sys::apr_pool_t,
    base: *mut c_void,
    add: *mut c_void,
) -> *mut c_void {
    guard(Hook::MergeConfig, LogTo::Server(ptr::null()), add, || {
        // SAFETY: httpd passes two records created by create_server_config.
        let (base, add) = unsafe { (*base.cast::<ServerConfig>(), *add.cast::<ServerConfig>()) };
        // SAFETY: both tables are NULL or pool-allocated by this module.
        let reasons = match unsafe { (base.reasons.as_ref(), add.reasons.as_ref()) } {
            (None, _) => add.reasons,
            (Some(_), None) => base.reasons,
            (Some(b), Some(a)) => {
                let mut table = *b;
                for (slot, line) in table.iter_mut().zip(a.iter()) {
                    if !line.is_null() {
                        *slot = *line;
                    }
                }
                // SAFETY: `pool` is the merge pool.
                unsafe { pool_new(pool, table) }.cast_const()
            }
        };
        let pick = |a: u32, b: u32| if a != UNSET_NUMBER { a } else { b };
        let merged = ServerConfig {
            reasons,
            phrases: if add.phrases != Phrases::Unset {
                add.phrases
            } else {
                base.phrases
            },
            log_limit: pick(add.log_limit, base.log_limit),
            log_line_length: pick(add.log_line_length, base.log_line_length),
            metrics: if add.metrics != UNSET {
                add.metrics
            } else {
                base.metrics
            },
            // The main server's sections apply to every virtual host.
            maintenance_after_mapping: add.maintenance_after_mapping
                || base.maintenance_after_mapping,
            ..ServerConfig::EMPTY
        };
        // SAFETY: `pool` is the merge pool.
        unsafe { pool_new(pool, merged) }.cast()
    })
}

/// The settings of every server in the list starting at `server`, in order,
/// read in place.
///
/// # Safety
/// `server` must be NULL or the head of httpd's live list of servers, whose
/// records live for `'a`.
pub(crate) unsafe fn server_configs<'a>(server: *const sys::server_rec) -> Vec<&'a ServerConfig> {
    let mut configs = Vec::new();
    let mut s = server;
    // SAFETY: a live list of servers (caller's duty).
    while let Some(srv) = unsafe { s.as_ref() } {
        // SAFETY: each server's module_config is its live vector.
        configs.push(unsafe { ServerConfig::of_vector(srv.module_config) });
        s = srv.next;
    }
    configs
}

/// Gives the configuration of `server` and of every virtual host after it what
/// exists once per configuration load (`post_config`): the filter handles, the
/// configured names, and the shared segment with each host's block of line
/// counters.
///
/// # Safety
/// `server` must be httpd's live list of servers; the handles registered for this
/// load; `attach` made for the same list.
pub(crate) unsafe fn attach_to_servers(
    server: *mut sys::server_rec,
    filters: Filters,
    attach: Option<&Attach>,
) {
    // One block per server, in the list's order.
    let mut blocks = attach.map(|a| a.blocks.iter().copied());
    let mut s = server;
    // SAFETY: a live list of servers (caller's duty).
    while let Some(srv) = unsafe { s.as_mut() } {
        let block = blocks.as_mut().and_then(Iterator::next);
        // SAFETY: each server's module_config is its live vector; our slot holds
        // its ServerConfig, which nothing else references during post_config.
        let config = unsafe { module_config(srv.module_config) }.cast::<ServerConfig>();
        // SAFETY: NULL or the server's own ServerConfig, made by create or merge in
        // the configuration pool; post_config runs alone, so no other reference.
        if let Some(config) = unsafe { config.as_mut() } {
            config.filters = filters;
            config.configured_names = [
                srv.server_hostname.cast_const(),
                srv.server_admin.cast_const(),
            ];
            if let (Some(attach), Some(block)) = (attach, block) {
                config.segment = attach.segment;
                config.log_block = block;
                // SAFETY: the Segment in the retained data (see `segment()`).
                config.responses = unsafe { attach.segment.as_ref() }
                    .and_then(|segment| segment.responses(block as usize));
            }
        }
        s = srv.next;
    }
}
