//! Directives and configuration records.
//!
//! Configuration lives in httpd's pools, never in Rust statics: records are plain
//! `repr(C)` data allocated with `apr_palloc` (merges happen per request, so they
//! must be cheap and need no destructor). Compiled templates are boxed and freed by
//! a cleanup on the configuration pool.

use core::ffi::{CStr, c_char, c_int, c_uint, c_void};
use core::ptr;
use core::sync::atomic::AtomicU64;
use std::io::Read as _;

use httpstatus::lang::{Language, LanguageSet};
use httpstatus::registry::CODE_COUNT;
use httpstatus::render::{FormatSet, MAX_TEMPLATE_BYTES};
use httpstatus::{Class, Format, StatusCode, Template};

use crate::glue::{c_bytes, guard, module_config, pool_new, pool_str};
use crate::sys;

const UNSET: u8 = 0;
const OFF: u8 = 1;
const ON: u8 = 2;

/// Per-directory configuration (also the server default for early errors).
#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct DirConfig {
    pages: u8,
    details: u8,
    log: u8,
    /// `FormatSet` bits; 0 when not configured here.
    formats: u8,
    /// Templates of this section, then those of the enclosing ones.
    templates: *const TemplateLayer,
    /// `HttpStatusLanguages` as LanguageSet bits; 0 when not configured here.
    languages: u64,
    /// `HttpStatusDefaultLanguage` as a language index, or ANY_LANGUAGE when unset.
    default_language: u8,
}

/// No particular language (a template for all; an unset default).
const ANY_LANGUAGE: u8 = u8::MAX;

impl DirConfig {
    const DEFAULT: DirConfig = DirConfig {
        pages: UNSET,
        details: UNSET,
        log: UNSET,
        formats: 0,
        templates: ptr::null(),
        languages: 0,
        default_language: ANY_LANGUAGE,
    };

    pub(crate) fn pages(&self) -> bool {
        self.pages != OFF
    }
    pub(crate) fn details(&self) -> bool {
        self.details != OFF
    }
    pub(crate) fn log(&self) -> bool {
        self.log != OFF
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

    /// The most specific template for `code` in `format` and `language`: an exact
    /// code beats its class (4xx/5xx), which beats `default`; at equal specificity
    /// the innermost section wins, and within a section a template for the
    /// language beats one for every language.
    pub(crate) fn template(
        &self,
        code: StatusCode,
        format: Format,
        language: Language,
    ) -> Option<&Template> {
        let class = Selector::Class(code.class());
        for wanted in [Selector::Code(code.as_u16()), class, Selector::Default] {
            let mut layer = self.templates;
            // SAFETY: layers and nodes are pool-allocated by this module and live as
            // long as the configuration they belong to.
            while let Some(l) = unsafe { layer.as_ref() } {
                let mut for_all = None;
                let mut node = l.nodes;
                while let Some(n) = unsafe { node.as_ref() } {
                    if n.selector == wanted && n.format == format {
                        if usize::from(n.language) == language.index() {
                            // SAFETY: the template is freed only with the config pool.
                            return unsafe { n.template.as_ref() };
                        }
                        if n.language == ANY_LANGUAGE && for_all.is_none() {
                            for_all = Some(n.template);
                        }
                    }
                    node = n.next;
                }
                if let Some(template) = for_all {
                    // SAFETY: as above.
                    return unsafe { template.as_ref() };
                }
                layer = l.outer;
            }
        }
        None
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Selector {
    Code(u16),
    Class(Class),
    Default,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct TemplateLayer {
    nodes: *const TemplateNode,
    outer: *const TemplateLayer,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct TemplateNode {
    selector: Selector,
    format: Format,
    /// The language index it is for, or ANY_LANGUAGE.
    language: u8,
    template: *const Template,
    next: *const TemplateNode,
}

/// Whose phrase goes on the status line of a code httpd knows (`HttpStatusPhrases`).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Phrases {
    Unset = 0,
    Registry = 1,
    Httpd = 2,
}

/// Lines per second one child writes for one status before it summarises.
const DEFAULT_LOG_LIMIT: u32 = 10;
/// The longest diagnostic line, in bytes.
const DEFAULT_LOG_LINE_LENGTH: u32 = 1024;
const LOG_LINE_LENGTH_RANGE: core::ops::RangeInclusive<u32> = 256..=8000;
/// Marks a numeric setting that this section leaves to the enclosing one.
const UNSET_NUMBER: u32 = u32::MAX;

/// Per-child counters of diagnostic lines, one per status code: the second they
/// count (high 32 bits) and how many lines came in it (low 32 bits). Allocated
/// zeroed from the configuration pool in post_config, before the children fork, so
/// each child counts for itself.
pub(crate) type LogCounters = [AtomicU64; CODE_COUNT];

/// Per-server configuration.
#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct ServerConfig {
    /// `HttpStatusReason` status lines ("420 Slow Down"), indexed by code - 100.
    reasons: *const [*const c_char; CODE_COUNT],
    phrases: Phrases,
    /// `HttpStatusLogLimit`, or UNSET_NUMBER.
    log_limit: u32,
    /// `HttpStatusLogLineLength`, or UNSET_NUMBER.
    log_line_length: u32,
    /// This configuration's handle of the page filter (set in post_config), so
    /// requests add it without a lookup by name.
    pub(crate) page_filter: *mut sys::ap_filter_rec_t,
    /// Set in post_config; NULL while the configuration is read.
    log_counters: *const LogCounters,
}

impl ServerConfig {
    const EMPTY: ServerConfig = ServerConfig {
        reasons: ptr::null(),
        phrases: Phrases::Unset,
        log_limit: UNSET_NUMBER,
        log_line_length: UNSET_NUMBER,
        page_filter: ptr::null_mut(),
        log_counters: ptr::null(),
    };

    /// True when httpd's own phrase is wanted for the codes it knows.
    pub(crate) fn httpd_phrases(&self) -> bool {
        self.phrases == Phrases::Httpd
    }

    /// Diagnostic lines per second and status a child writes; 0 for no limit.
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

    /// This child's line counters, once post_config has run.
    pub(crate) fn log_counters(&self) -> Option<&LogCounters> {
        // SAFETY: NULL or zeroed atomics in the configuration pool, which outlives
        // every request.
        unsafe { self.log_counters.as_ref() }
    }

    /// The configured status line for `code`, if any.
    pub(crate) fn reason_line(&self, code: StatusCode) -> Option<*const c_char> {
        // SAFETY: the table is pool-allocated and lives with the configuration.
        let table = unsafe { self.reasons.as_ref() }?;
        // Asked on every response: no indexing that could panic.
        let line = *table.get(code.index())?;
        (!line.is_null()).then_some(line)
    }

    /// The configured phrase alone ("Slow Down"), if any.
    pub(crate) fn reason_phrase(&self, code: StatusCode) -> Option<&str> {
        // SAFETY: configured lines are NUL-terminated pool strings "NNN phrase" that
        // live with the configuration; the phrase was checked to be ASCII.
        let line = unsafe { c_bytes(self.reason_line(code)?) }?;
        core::str::from_utf8(line.get(4..)?).ok()
    }
}

// ----- create and merge ---------------------------------------------------------------------

pub(crate) unsafe extern "C" fn create_dir_config(
    pool: *mut sys::apr_pool_t,
    _dir: *mut c_char,
) -> *mut c_void {
    // SAFETY: `pool` is the configuration pool httpd passes.
    guard(ptr::null_mut(), || {
        unsafe { pool_new(pool, DirConfig::DEFAULT) }.cast()
    })
}

pub(crate) unsafe extern "C" fn merge_dir_config(
    pool: *mut sys::apr_pool_t,
    base: *mut c_void,
    add: *mut c_void,
) -> *mut c_void {
    guard(add, || {
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
        };
        // SAFETY: as above.
        unsafe { pool_new(pool, merged) }.cast()
    })
}

/// The template layers of `inner` (innermost first) followed by those of `outer`.
/// `inner` may itself be a merge of several sections (httpd merges `<Location>`
/// blocks among themselves before merging them into the directory's), so all of
/// its layers are copied, never only the first.
///
/// # Safety
/// `pool` must be a live pool; both chains NULL or layers that outlive the result.
unsafe fn chain_layers(
    pool: *mut sys::apr_pool_t,
    inner: *const TemplateLayer,
    outer: *const TemplateLayer,
) -> *const TemplateLayer {
    // SAFETY: guaranteed by the caller.
    let Some(layer) = (unsafe { inner.as_ref() }) else {
        return outer;
    };
    if outer.is_null() {
        return inner;
    }
    let copy = TemplateLayer {
        nodes: layer.nodes,
        // SAFETY: as above.
        outer: unsafe { chain_layers(pool, layer.outer, outer) },
    };
    // SAFETY: as above.
    unsafe { pool_new(pool, copy) }.cast_const()
}

pub(crate) unsafe extern "C" fn create_server_config(
    pool: *mut sys::apr_pool_t,
    _server: *mut sys::server_rec,
) -> *mut c_void {
    let config = ServerConfig::EMPTY;
    // SAFETY: `pool` is the configuration pool httpd passes.
    guard(ptr::null_mut(), || unsafe { pool_new(pool, config) }.cast())
}

pub(crate) unsafe extern "C" fn merge_server_config(
    pool: *mut sys::apr_pool_t,
    base: *mut c_void,
    add: *mut c_void,
) -> *mut c_void {
    guard(add, || {
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
            ..ServerConfig::EMPTY
        };
        // SAFETY: as above.
        unsafe { pool_new(pool, merged) }.cast()
    })
}

/// The per-directory configuration that applies to `r`.
pub(crate) fn dir_config(r: &sys::request_rec) -> DirConfig {
    // SAFETY: per_dir_config is httpd's configuration vector for r; our slot holds a
    // DirConfig or NULL.
    let p = unsafe { module_config(r.per_dir_config) };
    // SAFETY: see above.
    unsafe { p.cast::<DirConfig>().as_ref() }
        .copied()
        .unwrap_or(DirConfig::DEFAULT)
}

/// The server configuration of `r`'s virtual host.
pub(crate) fn server_config(r: &sys::request_rec) -> ServerConfig {
    // SAFETY: r->server is always set; its module_config holds our ServerConfig.
    let p = unsafe { module_config((*r.server).module_config) };
    // SAFETY: see above.
    unsafe { p.cast::<ServerConfig>().as_ref() }
        .copied()
        .unwrap_or(ServerConfig::EMPTY)
}

/// Zeroed line counters in `pconf` (zeroed bytes are valid atomics holding 0, and
/// apr_palloc's alignment suits any type), for `post_config` to hand to every server.
///
/// # Safety
/// `pconf` must be the live configuration pool.
pub(crate) unsafe fn new_log_counters(pconf: *mut sys::apr_pool_t) -> *const LogCounters {
    let size = core::mem::size_of::<LogCounters>();
    // SAFETY: guaranteed by the caller; the memory is zeroed before use.
    unsafe {
        let counters = sys::apr_palloc(pconf, size).cast::<LogCounters>();
        counters.cast::<u8>().write_bytes(0, size);
        counters.cast_const()
    }
}

/// Gives the configuration of `server` and of every virtual host after it what
/// exists once per configuration load (`post_config`): the filter handles and the
/// line counters.
///
/// # Safety
/// `server` must be httpd's live list of servers; the handles registered for this
/// load; `counters` from [`new_log_counters`] on the same configuration pool.
pub(crate) unsafe fn attach_to_servers(
    server: *mut sys::server_rec,
    page_filter: *mut sys::ap_filter_rec_t,
    counters: *const LogCounters,
) {
    let mut s = server;
    // SAFETY: guaranteed by the caller; each module_config holds our ServerConfig.
    while let Some(srv) = unsafe { s.as_mut() } {
        let config = unsafe { module_config(srv.module_config) }.cast::<ServerConfig>();
        // SAFETY: as above; nothing else holds a reference to it now.
        if let Some(config) = unsafe { config.as_mut() } {
            config.page_filter = page_filter;
            config.log_counters = counters;
        }
        s = srv.next;
    }
}

// ----- directives -----------------------------------------------------------------------------

/// Turns a Rust error message into httpd's: pool-allocated, naming the directive.
fn error(cmd: &sys::cmd_parms, message: &str) -> *const c_char {
    // SAFETY: cmd->cmd is the command_rec being run; its name is static.
    let name = unsafe { c_bytes((*cmd.cmd).name) }.unwrap_or(b"HttpStatus");
    let text = format!("{}: {message}", String::from_utf8_lossy(name));
    pool_str(cmd.pool, &text)
}

/// Shows a directive argument in an error message: printable, bounded.
fn shown(arg: &[u8]) -> String {
    let s = String::from_utf8_lossy(&arg[..arg.len().min(200)]);
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// The directive table httpd reads (`cmds` of the module record): built from
/// bindgen's types, so no C trampolines are needed. TAKE123 everywhere arguments
/// are counted, so a wrong count gets this module's own message.
pub(crate) static COMMANDS: CommandTable = CommandTable([
    flag(
        c"HttpStatusPages",
        set_pages,
        DIRECTORY_AND_HTACCESS,
        c"On|Off: replace httpd's error pages with mod_httpstatus documents (default On)",
    ),
    flag(
        c"HttpStatusDetails",
        set_details,
        DIRECTORY_AND_HTACCESS,
        c"On|Off: show the long description and the spec link in pages (default On)",
    ),
    flag(
        c"HttpStatusLog",
        set_log,
        DIRECTORY,
        c"On|Off: write one diagnostic error-log line per error response (default On)",
    ),
    take123(
        c"HttpStatusReason",
        set_reason,
        SERVER,
        c"<code> \"<phrase>\": the reason phrase to send for a status code",
    ),
    command(
        c"HttpStatusTemplate",
        sys::cmd_func {
            take_argv: Some(set_template),
        },
        sys::cmd_how_TAKE_ARGV,
        DIRECTORY,
        c"<code|4xx|5xx|default> <file> [html|json|text] [language]: a page template",
    ),
    command(
        c"HttpStatusLanguages",
        sys::cmd_func {
            take1: Some(set_languages),
        },
        sys::cmd_how_ITERATE,
        DIRECTORY_AND_HTACCESS,
        c"<tag> ...: the languages documents may be written in (default all)",
    ),
    take123(
        c"HttpStatusDefaultLanguage",
        set_default_language,
        DIRECTORY_AND_HTACCESS,
        c"<tag>: the language when the client's preferences name none offered (default en)",
    ),
    take123(
        c"HttpStatusFormats",
        set_formats,
        DIRECTORY_AND_HTACCESS,
        c"html json text: the formats negotiation may choose (default all three)",
    ),
    take123(
        c"HttpStatusPhrases",
        set_phrases,
        SERVER,
        c"registry|httpd: whose phrase codes httpd knows get (default registry)",
    ),
    take123(
        c"HttpStatusLogLimit",
        set_log_limit,
        SERVER,
        c"<n>: diagnostic lines per second and status one child writes, 0 for no limit (default 10)",
    ),
    take123(
        c"HttpStatusLogLineLength",
        set_log_line_length,
        SERVER,
        c"<bytes>: the longest diagnostic line, 256 to 8000 (default 1024)",
    ),
    // httpd stops at the entry without a name.
    // SAFETY: an all-zero command_rec is httpd's documented terminator (`{NULL}`).
    unsafe { core::mem::zeroed() },
]);

/// The command table with its raw pointers, shared read-only by every thread.
#[repr(transparent)]
pub(crate) struct CommandTable([sys::command_rec; 12]);

// SAFETY: the table is immutable; its pointers are to static strings and functions.
unsafe impl Sync for CommandTable {}

const SERVER: u32 = sys::RSRC_CONF;
const DIRECTORY: u32 = sys::RSRC_CONF | sys::ACCESS_CONF;
const DIRECTORY_AND_HTACCESS: u32 = DIRECTORY | sys::OR_FILEINFO;

type FlagFn = unsafe extern "C" fn(*mut sys::cmd_parms, *mut c_void, c_int) -> *const c_char;
type Take3Fn = unsafe extern "C" fn(
    *mut sys::cmd_parms,
    *mut c_void,
    *const c_char,
    *const c_char,
    *const c_char,
) -> *const c_char;

/// One directive: its name, handler (in the union member its argument form uses),
/// where it may appear and its one-line help.
const fn command(
    name: &'static CStr,
    func: sys::cmd_func,
    how: sys::cmd_how,
    scope: u32,
    help: &'static CStr,
) -> sys::command_rec {
    sys::command_rec {
        name: name.as_ptr(),
        func,
        cmd_data: ptr::null_mut(),
        req_override: scope as c_int,
        args_how: how,
        errmsg: help.as_ptr(),
    }
}

const fn flag(
    name: &'static CStr,
    func: FlagFn,
    scope: u32,
    help: &'static CStr,
) -> sys::command_rec {
    let func = sys::cmd_func { flag: Some(func) };
    command(name, func, sys::cmd_how_FLAG, scope, help)
}

const fn take123(
    name: &'static CStr,
    func: Take3Fn,
    scope: u32,
    help: &'static CStr,
) -> sys::command_rec {
    let func = sys::cmd_func { take3: Some(func) };
    command(name, func, sys::cmd_how_TAKE123, scope, help)
}

/// Runs a flag directive's setter on the directory record httpd passes.
///
/// # Safety
/// `dir_config` must be this module's DirConfig for the section being read.
unsafe fn on_flag(
    cmd: *mut sys::cmd_parms,
    dir_config: *mut c_void,
    on: c_int,
    set: fn(&mut DirConfig, u8),
) -> *const c_char {
    guard(c"mod_httpstatus: internal error".as_ptr(), || {
        // SAFETY: guaranteed by the caller.
        if let Some(refused) = unsafe { refuse_in_htaccess(cmd) } {
            return refused;
        }
        // SAFETY: guaranteed by the caller.
        let config = unsafe { &mut *dir_config.cast::<DirConfig>() };
        set(config, if on != 0 { ON } else { OFF });
        ptr::null()
    })
}

/// httpd's message refusing the directive being read, when it stands in an
/// `.htaccess` file and is not one `.htaccess` may hold. `AllowOverride` already
/// keeps such directives out, but `AllowOverrideList` admits any directive it
/// names: a tenant could otherwise choose a template file (any file httpd can
/// read) or change server-wide settings while requests are served.
///
/// # Safety
/// `cmd` must be the command being run, as httpd passes it to a handler.
unsafe fn refuse_in_htaccess(cmd: *mut sys::cmd_parms) -> Option<*const c_char> {
    // SAFETY: cmd and its command_rec are httpd's, live for the call.
    unsafe {
        if (*(*cmd).cmd).req_override as u32 & sys::OR_FILEINFO != 0 {
            return None;
        }
        let refused = sys::ap_check_cmd_context(cmd, sys::NOT_IN_HTACCESS as c_uint);
        (!refused.is_null()).then_some(refused)
    }
}

/// What a TAKE123 directive does with its arguments (absent ones are None).
type DirectiveFn = fn(&mut sys::cmd_parms, &mut DirConfig, &[&[u8]]) -> Result<(), String>;

/// Runs a directive's parser on its arguments, turning its error into httpd's
/// message.
///
/// # Safety
/// As httpd calls directive handlers: the command being run, this module's
/// DirConfig, and NUL-terminated arguments (NULL ones are absent).
unsafe fn on_args(
    cmd: *mut sys::cmd_parms,
    dir_config: *mut c_void,
    args: &[*const c_char],
    run: DirectiveFn,
) -> *const c_char {
    guard(c"mod_httpstatus: internal error".as_ptr(), || {
        // SAFETY: guaranteed by the caller.
        if let Some(refused) = unsafe { refuse_in_htaccess(cmd) } {
            return refused;
        }
        // SAFETY: guaranteed by the caller.
        let (cmd, config) = unsafe { (&mut *cmd, &mut *dir_config.cast::<DirConfig>()) };
        // SAFETY: as above.
        let args: Vec<&[u8]> = args.iter().filter_map(|a| unsafe { c_bytes(*a) }).collect();
        match run(cmd, config, &args) {
            Ok(()) => ptr::null(),
            Err(message) => error(cmd, &message),
        }
    })
}

macro_rules! flag_directive {
    ($name:ident, $field:ident) => {
        unsafe extern "C" fn $name(
            cmd: *mut sys::cmd_parms,
            dir_config: *mut c_void,
            on: c_int,
        ) -> *const c_char {
            // SAFETY: httpd passes the command and our directory record.
            unsafe { on_flag(cmd, dir_config, on, |c, v| c.$field = v) }
        }
    };
}

macro_rules! take123_directive {
    ($name:ident, $run:expr) => {
        unsafe extern "C" fn $name(
            cmd: *mut sys::cmd_parms,
            dir_config: *mut c_void,
            a1: *const c_char,
            a2: *const c_char,
            a3: *const c_char,
        ) -> *const c_char {
            // SAFETY: httpd calls directive handlers as on_args requires.
            unsafe { on_args(cmd, dir_config, &[a1, a2, a3], $run) }
        }
    };
}

/// HttpStatusTemplate takes up to four arguments: more than TAKE123 passes.
unsafe extern "C" fn set_template(
    cmd: *mut sys::cmd_parms,
    dir_config: *mut c_void,
    argc: c_int,
    argv: *const *mut c_char,
) -> *const c_char {
    let count = usize::try_from(argc).unwrap_or(0);
    // SAFETY: httpd passes argc NUL-terminated arguments.
    let args: Vec<*const c_char> = (0..count)
        .map(|i| unsafe { *argv.add(i) }.cast_const())
        .collect();
    // SAFETY: as httpd calls directive handlers.
    unsafe { on_args(cmd, dir_config, &args, add_template) }
}

/// HttpStatusLanguages: httpd calls this once per argument (ITERATE).
unsafe extern "C" fn set_languages(
    cmd: *mut sys::cmd_parms,
    dir_config: *mut c_void,
    tag: *const c_char,
) -> *const c_char {
    // SAFETY: as httpd calls directive handlers.
    unsafe {
        on_args(cmd, dir_config, &[tag], |_, config, args| {
            let language = parse_language(one_arg(args)?)?;
            config.languages |= LanguageSet::EMPTY.with(language).bits();
            Ok(())
        })
    }
}

flag_directive!(set_pages, pages);
flag_directive!(set_details, details);
flag_directive!(set_log, log);
take123_directive!(set_reason, |cmd, _, args| add_reason(cmd, args));
take123_directive!(set_default_language, |_, config, args| {
    config.default_language = parse_language(one_arg(args)?)?.index() as u8;
    Ok(())
});
take123_directive!(set_formats, |_, config, args| parse_formats(config, args));
take123_directive!(set_phrases, |cmd, _, args| {
    let arg = one_arg(args)?;
    server_config_mut(cmd).phrases = match arg.to_ascii_lowercase().as_slice() {
        b"registry" => Phrases::Registry,
        b"httpd" => Phrases::Httpd,
        _ => return Err(format!("'{}' is not registry or httpd", shown(arg))),
    };
    Ok(())
});
take123_directive!(set_log_limit, |cmd, _, args| {
    server_config_mut(cmd).log_limit = parse_number(one_arg(args)?, 0..=1_000_000)?;
    Ok(())
});
take123_directive!(set_log_line_length, |cmd, _, args| {
    server_config_mut(cmd).log_line_length = parse_number(one_arg(args)?, LOG_LINE_LENGTH_RANGE)?;
    Ok(())
});

fn one_arg<'a>(args: &[&'a [u8]]) -> Result<&'a [u8], String> {
    match args {
        [arg] => Ok(arg),
        _ => Err("takes exactly one argument".into()),
    }
}

fn parse_language(arg: &[u8]) -> Result<Language, String> {
    Language::from_tag_bytes(arg).ok_or_else(|| {
        let known: Vec<&str> = Language::all().map(Language::tag).collect();
        format!(
            "'{}' is not a language of the catalogues ({})",
            shown(arg),
            known.join(" ")
        )
    })
}

fn parse_number(arg: &[u8], range: core::ops::RangeInclusive<u32>) -> Result<u32, String> {
    std::str::from_utf8(arg)
        .ok()
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|s| s.parse::<u32>().ok())
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            format!(
                "'{}' is not a whole number from {} to {}",
                shown(arg),
                range.start(),
                range.end()
            )
        })
}

/// The configuration of the server (virtual host) a directive is read for.
fn server_config_mut(cmd: &mut sys::cmd_parms) -> &mut ServerConfig {
    // SAFETY: cmd->server is the server being configured; its module_config holds
    // our ServerConfig, created by create_server_config and not otherwise borrowed
    // while a directive is read.
    unsafe { &mut *module_config((*cmd.server).module_config).cast::<ServerConfig>() }
}

fn parse_code(arg: &[u8]) -> Result<StatusCode, String> {
    let code = (arg.len() == 3 && arg.iter().all(u8::is_ascii_digit))
        .then(|| std::str::from_utf8(arg).ok()?.parse::<u16>().ok())
        .flatten()
        .and_then(StatusCode::new);
    code.ok_or_else(|| format!("'{}' is not a status code from 100 to 599", shown(arg)))
}

const TEMPLATE_USAGE: &str = "takes a code, 4xx, 5xx or default, then a file, then \
     optionally html, json or text, and optionally a language tag";

/// Characters refused in phrases: httpd's canned pages (HttpStatusPages Off) put the
/// status line into their HTML as it is.
const MARKUP: &[u8] = b"<>&\"'";

/// `HttpStatusReason <code> "<phrase>"`.
fn add_reason(cmd: &mut sys::cmd_parms, args: &[&[u8]]) -> Result<(), String> {
    let [code, phrase] = args else {
        return Err("takes exactly two arguments: a status code and a quoted phrase".into());
    };
    let code = parse_code(code)?;
    let valid = !phrase.is_empty()
        && phrase.len() <= 120
        && phrase.iter().all(|&b| b == b' ' || b.is_ascii_graphic())
        && !phrase.iter().any(|b| MARKUP.contains(b))
        && phrase[0] != b' '
        && phrase[phrase.len() - 1] != b' ';
    if !valid {
        return Err(format!(
            "phrase '{}' for {} must be 1 to 120 visible ASCII characters or spaces, \
             without leading or trailing spaces and without < > & \" or ' (httpd's own \
             pages show the phrase unescaped)",
            shown(phrase),
            code.as_u16()
        ));
    }
    let line = format!("{} {}", code.as_u16(), String::from_utf8_lossy(phrase));
    let pool = cmd.pool;
    let config = server_config_mut(cmd);
    if config.reasons.is_null() {
        // SAFETY: cmd->pool is the configuration pool.
        config.reasons = unsafe { pool_new(pool, [ptr::null::<c_char>(); CODE_COUNT]) };
    }
    // SAFETY: the table was allocated by this module for this configuration.
    let table = unsafe { &mut *config.reasons.cast_mut() };
    table[code.index()] = pool_str(pool, &line);
    Ok(())
}

fn parse_format(arg: &[u8]) -> Result<Format, String> {
    std::str::from_utf8(arg)
        .ok()
        .and_then(Format::from_name)
        .ok_or_else(|| format!("'{}' is not a format (html, json or text)", shown(arg)))
}

/// `HttpStatusFormats html json text`.
fn parse_formats(config: &mut DirConfig, args: &[&[u8]]) -> Result<(), String> {
    let mut set = FormatSet::EMPTY;
    for arg in args {
        set = set.with(parse_format(arg)?);
    }
    config.formats = set.bits() as u8;
    Ok(())
}

/// `HttpStatusTemplate <code|4xx|5xx|default> <file> [html|json|text]`.
fn add_template(
    cmd: &mut sys::cmd_parms,
    config: &mut DirConfig,
    args: &[&[u8]],
) -> Result<(), String> {
    let [which, file, options @ ..] = args else {
        return Err(TEMPLATE_USAGE.into());
    };
    if options.len() > 2 {
        return Err(TEMPLATE_USAGE.into());
    }
    // The options, in any order: a format (html, json, text) and a language tag.
    let mut format = None;
    let mut language = None;
    for option in options {
        match std::str::from_utf8(option).ok().and_then(Format::from_name) {
            Some(f) if format.is_none() => format = Some(f),
            _ if language.is_none() && Language::from_tag_bytes(option).is_some() => {
                language = Language::from_tag_bytes(option)
            }
            _ => {
                return Err(format!(
                    "'{}' is not a format (html, json or text) nor a language of the \
                     catalogues",
                    shown(option)
                ));
            }
        }
    }
    let selector = match which.to_ascii_lowercase().as_slice() {
        b"default" => Selector::Default,
        b"1xx" => Selector::Class(Class::Informational),
        b"2xx" => Selector::Class(Class::Successful),
        b"3xx" => Selector::Class(Class::Redirection),
        b"4xx" => Selector::Class(Class::ClientError),
        b"5xx" => Selector::Class(Class::ServerError),
        _ => Selector::Code(
            parse_code(which)
                .map_err(|e| format!("{e}, nor 1xx..5xx or default"))?
                .as_u16(),
        ),
    };
    let file_str = String::from_utf8_lossy(file).into_owned();
    let format = match format {
        Some(f) => f,
        None => Format::from_extension(&file_str).ok_or_else(|| {
            format!(
                "cannot tell the format of '{}' from its extension (.html, .json, .txt); \
                 add html, json or text as the third argument",
                shown(file)
            )
        })?,
    };
    // SAFETY: a NUL-terminated path and the configuration pool; httpd resolves it
    // against ServerRoot and returns NULL for an invalid path.
    let path = unsafe { sys::ap_server_root_relative(cmd.pool, pool_str(cmd.pool, &file_str)) };
    // SAFETY: NULL or a pool string.
    let path = unsafe { c_bytes(path) }
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .ok_or_else(|| format!("invalid file name '{}'", shown(file)))?;
    let source = read_template(&path).map_err(|why| {
        format!(
            "template '{path}' for {}: {why}. httpd reads templates at start-up and at \
             every restart: a restart that cannot read one stops the server, so check \
             changes with 'apachectl -t' (apachectl graceful does)",
            shown(which)
        )
    })?;
    let template = Template::compile(&source, format).map_err(|e| format!("{path}: {e}"))?;

    let boxed = Box::into_raw(Box::new(template));
    // SAFETY: registers the destructor of the box on the configuration pool, which
    // is destroyed before the module could be unloaded.
    unsafe {
        sys::apr_pool_cleanup_register(
            cmd.pool,
            boxed.cast_const().cast(),
            Some(drop_template),
            Some(sys::apr_pool_cleanup_null),
        );
    }
    // SAFETY: `templates` is NULL or this section's own layer (not yet merged).
    let layer = match unsafe { config.templates.cast_mut().as_mut() } {
        Some(layer) => layer,
        None => {
            let empty = TemplateLayer {
                nodes: ptr::null(),
                outer: ptr::null(),
            };
            // SAFETY: cmd->pool is the configuration pool.
            let layer = unsafe { pool_new(cmd.pool, empty) };
            config.templates = layer;
            // SAFETY: just allocated and initialised.
            unsafe { &mut *layer }
        }
    };
    let node = TemplateNode {
        selector,
        format,
        language: language.map_or(ANY_LANGUAGE, |l| l.index() as u8),
        template: boxed,
        next: layer.nodes,
    };
    // SAFETY: cmd->pool is the configuration pool.
    layer.nodes = unsafe { pool_new(cmd.pool, node) };
    Ok(())
}

/// Reads a template file: a regular file of at most MAX_TEMPLATE_BYTES, looked at
/// before it is read, opened without blocking (a FIFO would hang the server's
/// start) and read no further than the limit.
fn read_template(path: &str) -> Result<Vec<u8>, String> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let too_large =
        |size: u64| format!("it is {size} bytes, more than the limit of {MAX_TEMPLATE_BYTES}");
    let check = |meta: &std::fs::Metadata| {
        if !meta.is_file() {
            Err("it is not a regular file".to_string())
        } else if meta.len() > MAX_TEMPLATE_BYTES as u64 {
            Err(too_large(meta.len()))
        } else {
            Ok(())
        }
    };
    let reason = |e: std::io::Error| format!("cannot read it ({e})");
    check(&std::fs::metadata(path).map_err(reason)?)?;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(reason)?;
    // The same checks on what was opened, in case the path changed in between.
    check(&file.metadata().map_err(reason)?)?;
    let mut source = Vec::new();
    file.take(MAX_TEMPLATE_BYTES as u64 + 1)
        .read_to_end(&mut source)
        .map_err(reason)?;
    if source.len() > MAX_TEMPLATE_BYTES {
        return Err(too_large(source.len() as u64));
    }
    Ok(source)
}

unsafe extern "C" fn drop_template(data: *mut c_void) -> sys::apr_status_t {
    // SAFETY: `data` is the Box registered in set_template, dropped exactly once.
    guard((), || {
        drop(unsafe { Box::from_raw(data.cast::<Template>()) })
    });
    sys::APR_SUCCESS as sys::apr_status_t
}
