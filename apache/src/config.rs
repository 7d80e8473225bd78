//! Directives and configuration records.
//!
//! Configuration lives in httpd's pools, never in Rust statics: records are plain
//! `repr(C)` data allocated with `apr_palloc` (merges happen per request, so they
//! must be cheap and need no destructor). Compiled templates are boxed and freed by
//! a cleanup on the configuration pool.

use core::ffi::{c_char, c_int, c_void};
use core::ptr;

use httpstatus::registry::CODE_COUNT;
use httpstatus::render::FormatSet;
use httpstatus::{Class, Format, StatusCode, Template};

use crate::module::{guard, module_ptr};
use crate::request::c_bytes;
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
}

impl DirConfig {
    const DEFAULT: DirConfig = DirConfig {
        pages: UNSET,
        details: UNSET,
        log: UNSET,
        formats: 0,
        templates: ptr::null(),
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

    /// The most specific template for `code` in `format`: an exact code beats its
    /// class (4xx/5xx), which beats `default`; at equal specificity the innermost
    /// section wins.
    pub(crate) fn template(&self, code: StatusCode, format: Format) -> Option<&Template> {
        let class = Selector::Class(code.class());
        for wanted in [Selector::Code(code.as_u16()), class, Selector::Default] {
            let mut layer = self.templates;
            // SAFETY: layers and nodes are pool-allocated by this module and live as
            // long as the configuration they belong to.
            while let Some(l) = unsafe { layer.as_ref() } {
                let mut node = l.nodes;
                while let Some(n) = unsafe { node.as_ref() } {
                    if n.selector == wanted && n.format == format {
                        // SAFETY: the template is freed only with the config pool.
                        return unsafe { n.template.as_ref() };
                    }
                    node = n.next;
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
    template: *const Template,
    next: *const TemplateNode,
}

/// Per-server configuration.
#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct ServerConfig {
    /// `HttpStatusReason` status lines ("420 Slow Down"), indexed by code - 100.
    reasons: *const [*const c_char; CODE_COUNT],
    /// This configuration's handles of our output filters (set in post_config), so
    /// requests add them without a lookup by name.
    pub(crate) page_filter: *mut sys::ap_filter_rec_t,
    pub(crate) status_filter: *mut sys::ap_filter_rec_t,
}

impl ServerConfig {
    const EMPTY: ServerConfig = ServerConfig {
        reasons: ptr::null(),
        page_filter: ptr::null_mut(),
        status_filter: ptr::null_mut(),
    };

    /// The configured status line for `code`, if any.
    pub(crate) fn reason_line(&self, code: StatusCode) -> Option<*const c_char> {
        // SAFETY: the table is pool-allocated and lives with the configuration.
        let table = unsafe { self.reasons.as_ref() }?;
        let line = table[code.index()];
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

// ----- pool helpers -----------------------------------------------------------------------

/// Allocates and initialises a `T` in `pool`. `T` must need no destructor.
unsafe fn pool_new<T: Copy>(pool: *mut sys::apr_pool_t, value: T) -> *mut T {
    // SAFETY: apr_palloc returns memory aligned for any type (APR_ALIGN_DEFAULT),
    // living as long as the pool; we initialise it before use.
    unsafe {
        let p = sys::apr_palloc(pool, core::mem::size_of::<T>()).cast::<T>();
        p.write(value);
        p
    }
}

/// A copy of `s` in `pool`, NUL-terminated.
pub(crate) fn pool_str(pool: *mut sys::apr_pool_t, s: &str) -> *const c_char {
    // SAFETY: apr_pstrmemdup copies `len` bytes and adds a NUL.
    unsafe { sys::apr_pstrmemdup(pool, s.as_ptr().cast(), s.len()) }
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
        // SAFETY: `add.templates` is NULL or a layer of this module.
        let add_nodes = unsafe { add.templates.as_ref() }.map_or(ptr::null(), |l| l.nodes);
        let templates = if add_nodes.is_null() {
            base.templates
        } else {
            let layer = TemplateLayer {
                nodes: add_nodes,
                outer: base.templates,
            };
            // SAFETY: `pool` is the merge pool httpd passes.
            unsafe { pool_new(pool, layer) }.cast_const()
        };
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
        };
        // SAFETY: as above.
        unsafe { pool_new(pool, merged) }.cast()
    })
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
        let merged = ServerConfig {
            reasons,
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
    let p = unsafe { sys::ap_get_module_config(r.per_dir_config, module_ptr()) };
    // SAFETY: see above.
    unsafe { p.cast::<DirConfig>().as_ref() }
        .copied()
        .unwrap_or(DirConfig::DEFAULT)
}

/// The server configuration of `r`'s virtual host.
pub(crate) fn server_config(r: &sys::request_rec) -> ServerConfig {
    // SAFETY: r->server is always set; its module_config holds our ServerConfig.
    let p = unsafe { sys::ap_get_module_config((*r.server).module_config, module_ptr()) };
    // SAFETY: see above.
    unsafe { p.cast::<ServerConfig>().as_ref() }
        .copied()
        .unwrap_or(ServerConfig::EMPTY)
}

/// `post_config` hook: gives every server's configuration the filter handles, and
/// compares httpd's status lines with the registry's (once per process).
pub(crate) unsafe extern "C" fn post_config(
    _pconf: *mut sys::apr_pool_t,
    _plog: *mut sys::apr_pool_t,
    _ptemp: *mut sys::apr_pool_t,
    server: *mut sys::server_rec,
) -> c_int {
    guard(sys::OK as c_int, || {
        use crate::module::{PAGE_FILTER, STATUS_FILTER};
        crate::pages::learn_httpd_status_lines();
        // SAFETY: the filters were registered in register_hooks for this load; the
        // server list and its configurations belong to the configuration pool.
        unsafe {
            let page = sys::ap_get_output_filter_handle(PAGE_FILTER.as_ptr());
            let status = sys::ap_get_output_filter_handle(STATUS_FILTER.as_ptr());
            let mut s = server;
            while let Some(srv) = s.as_mut() {
                let config = sys::ap_get_module_config(srv.module_config, module_ptr())
                    .cast::<ServerConfig>();
                if let Some(config) = config.as_mut() {
                    config.page_filter = page;
                    config.status_filter = status;
                }
                s = srv.next;
            }
        }
        sys::OK as c_int
    })
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

pub(crate) unsafe extern "C" fn on_flag(
    cmd: *mut sys::cmd_parms,
    dir_config: *mut c_void,
    on: c_int,
) -> *const c_char {
    guard(c"mod_httpstatus: internal error".as_ptr(), || {
        // SAFETY: httpd passes the command being run and our directory record.
        let (cmd, config) = unsafe { (&*cmd, &mut *dir_config.cast::<DirConfig>()) };
        let value = if on != 0 { ON } else { OFF };
        // SAFETY: reads cmd->info, set by the command table.
        match unsafe { sys::httpstatus_shim_directive(cmd) } as u32 {
            sys::httpstatus_directive_HTTPSTATUS_DIRECTIVE_PAGES => config.pages = value,
            sys::httpstatus_directive_HTTPSTATUS_DIRECTIVE_DETAILS => config.details = value,
            sys::httpstatus_directive_HTTPSTATUS_DIRECTIVE_LOG => config.log = value,
            _ => return error(cmd, "unknown flag directive"),
        }
        ptr::null()
    })
}

pub(crate) unsafe extern "C" fn on_take123(
    cmd: *mut sys::cmd_parms,
    dir_config: *mut c_void,
    a1: *const c_char,
    a2: *const c_char,
    a3: *const c_char,
) -> *const c_char {
    guard(c"mod_httpstatus: internal error".as_ptr(), || {
        // SAFETY: httpd passes the command being run, our directory record and up to
        // three NUL-terminated arguments (NULL when absent).
        let (cmd, config) = unsafe { (&mut *cmd, &mut *dir_config.cast::<DirConfig>()) };
        let args = unsafe { [c_bytes(a1), c_bytes(a2), c_bytes(a3)] };
        let result = match unsafe { sys::httpstatus_shim_directive(cmd) } as u32 {
            sys::httpstatus_directive_HTTPSTATUS_DIRECTIVE_REASON => set_reason(cmd, args),
            sys::httpstatus_directive_HTTPSTATUS_DIRECTIVE_TEMPLATE => {
                set_template(cmd, config, args)
            }
            sys::httpstatus_directive_HTTPSTATUS_DIRECTIVE_FORMATS => set_formats(config, args),
            _ => Err("unknown directive".to_string()),
        };
        match result {
            Ok(()) => ptr::null(),
            Err(message) => error(cmd, &message),
        }
    })
}

fn parse_code(arg: &[u8]) -> Result<StatusCode, String> {
    let code = (arg.len() == 3 && arg.iter().all(u8::is_ascii_digit))
        .then(|| std::str::from_utf8(arg).ok()?.parse::<u16>().ok())
        .flatten()
        .and_then(StatusCode::new);
    code.ok_or_else(|| format!("'{}' is not a status code from 100 to 599", shown(arg)))
}

/// `HttpStatusReason <code> "<phrase>"`.
fn set_reason(cmd: &sys::cmd_parms, args: [Option<&[u8]>; 3]) -> Result<(), String> {
    let [Some(code), Some(phrase), None] = args else {
        return Err("takes exactly two arguments: a status code and a quoted phrase".into());
    };
    let code = parse_code(code)?;
    let valid = !phrase.is_empty()
        && phrase.len() <= 120
        && phrase.iter().all(|&b| b == b' ' || b.is_ascii_graphic())
        && phrase[0] != b' '
        && phrase[phrase.len() - 1] != b' ';
    if !valid {
        return Err(format!(
            "phrase '{}' for {} must be 1 to 120 visible ASCII characters or spaces, \
             without leading or trailing spaces",
            shown(phrase),
            code.as_u16()
        ));
    }
    let line = format!("{} {}", code.as_u16(), String::from_utf8_lossy(phrase));
    // SAFETY: cmd->server is the server being configured; its module_config holds
    // our ServerConfig, created by create_server_config.
    let config = unsafe {
        &mut *sys::ap_get_module_config((*cmd.server).module_config, module_ptr())
            .cast::<ServerConfig>()
    };
    if config.reasons.is_null() {
        // SAFETY: cmd->pool is the configuration pool.
        config.reasons = unsafe { pool_new(cmd.pool, [ptr::null::<c_char>(); CODE_COUNT]) };
    }
    // SAFETY: the table was allocated by this module for this configuration.
    let table = unsafe { &mut *config.reasons.cast_mut() };
    table[code.index()] = pool_str(cmd.pool, &line);
    Ok(())
}

fn parse_format(arg: &[u8]) -> Result<Format, String> {
    std::str::from_utf8(arg)
        .ok()
        .and_then(Format::from_name)
        .ok_or_else(|| format!("'{}' is not a format (html, json or text)", shown(arg)))
}

/// `HttpStatusFormats html json text`.
fn set_formats(config: &mut DirConfig, args: [Option<&[u8]>; 3]) -> Result<(), String> {
    let mut set = FormatSet::EMPTY;
    for arg in args.into_iter().flatten() {
        set = set.with(parse_format(arg)?);
    }
    config.formats = set.bits() as u8;
    Ok(())
}

/// `HttpStatusTemplate <code|4xx|5xx|default> <file> [html|json|text]`.
fn set_template(
    cmd: &sys::cmd_parms,
    config: &mut DirConfig,
    args: [Option<&[u8]>; 3],
) -> Result<(), String> {
    let [Some(which), Some(file), format] = args else {
        return Err(
            "takes a code, 4xx, 5xx or default, then a file, then optionally \
                    html, json or text"
                .into(),
        );
    };
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
        Some(f) => parse_format(f)?,
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
    let source = std::fs::read(&path).map_err(|e| format!("cannot read '{path}': {e}"))?;
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
        template: boxed,
        next: layer.nodes,
    };
    // SAFETY: cmd->pool is the configuration pool.
    layer.nodes = unsafe { pool_new(cmd.pool, node) };
    Ok(())
}

unsafe extern "C" fn drop_template(data: *mut c_void) -> sys::apr_status_t {
    // SAFETY: `data` is the Box registered in set_template, dropped exactly once.
    guard((), || {
        drop(unsafe { Box::from_raw(data.cast::<Template>()) })
    });
    sys::APR_SUCCESS as sys::apr_status_t
}
