//! The directive table httpd reads and the handlers that fill the configuration
//! records. Each entry's name, syntax, help and scope come from the module's one
//! table of directives (`mod_httpstatus_logic::directives`); the arguments are
//! read by `mod_httpstatus_logic::directive_args`.

use core::ffi::{c_char, c_int, c_uint, c_void};
use core::ptr;
use std::path::Path;

use httpstatus::Template;
use httpstatus::lang::LanguageSet;
use mod_httpstatus_logic::directive_args::{
    self as args, LOG_LIMIT_RANGE, LOG_LINE_LENGTH_RANGE, shown,
};
use mod_httpstatus_logic::directives::{self, Arguments, Directive, Scope};
use mod_httpstatus_logic::templates::{self, TemplateKey};

use mod_httpstatus_logic::client_addresses::Network;
use mod_httpstatus_logic::header_rules;
use mod_httpstatus_logic::maintenance::{FlagWatch, decided_before_mapping};

use crate::config::{DirConfig, Maintenance, Node, OFF, ON, ServerConfig, push_entry};
use crate::glue::{
    Hook, LogTo, MAINTENANCE_HOOKS, c_bytes, guard, module_config, pool_new, pool_str,
};
use crate::sys;

/// The directive table httpd reads (`cmds` of the module record), in the order of
/// the logic's table, built from bindgen's types so no C trampolines are needed.
pub(crate) static COMMANDS: CommandTable = CommandTable([
    command(
        &directives::ENABLED,
        sys::cmd_func {
            flag: Some(set_enabled),
        },
    ),
    command(
        &directives::PAGES,
        sys::cmd_func {
            flag: Some(set_pages),
        },
    ),
    command(
        &directives::REASON,
        sys::cmd_func {
            take3: Some(set_reason),
        },
    ),
    command(
        &directives::TEMPLATE,
        sys::cmd_func {
            take_argv: Some(set_template),
        },
    ),
    command(
        &directives::FORMATS,
        sys::cmd_func {
            take3: Some(set_formats),
        },
    ),
    command(
        &directives::DETAILS,
        sys::cmd_func {
            flag: Some(set_details),
        },
    ),
    command(
        &directives::LOG,
        sys::cmd_func {
            flag: Some(set_log),
        },
    ),
    command(
        &directives::PHRASES,
        sys::cmd_func {
            take3: Some(set_phrases),
        },
    ),
    command(
        &directives::LOG_LIMIT,
        sys::cmd_func {
            take3: Some(set_log_limit),
        },
    ),
    command(
        &directives::LOG_LINE_LENGTH,
        sys::cmd_func {
            take3: Some(set_log_line_length),
        },
    ),
    command(
        &directives::LANGUAGES,
        sys::cmd_func {
            take1: Some(set_languages),
        },
    ),
    command(
        &directives::DEFAULT_LANGUAGE,
        sys::cmd_func {
            take3: Some(set_default_language),
        },
    ),
    command(
        &directives::METRICS,
        sys::cmd_func {
            flag: Some(set_metrics),
        },
    ),
    command(
        &directives::MAINTENANCE,
        sys::cmd_func {
            take3: Some(set_maintenance),
        },
    ),
    command(
        &directives::MAINTENANCE_ALLOW,
        sys::cmd_func {
            take1: Some(set_maintenance_allow),
        },
    ),
    command(
        &directives::RETRY_AFTER,
        sys::cmd_func {
            take3: Some(set_retry_after),
        },
    ),
    command(
        &directives::CACHE_CONTROL,
        sys::cmd_func {
            take_argv: Some(set_cache_control),
        },
    ),
    command(
        &directives::HOME,
        sys::cmd_func {
            take3: Some(set_home),
        },
    ),
    command(
        &directives::SITE_NAME,
        sys::cmd_func {
            take3: Some(set_site_name),
        },
    ),
    command(
        &directives::CONTACT,
        sys::cmd_func {
            take3: Some(set_contact),
        },
    ),
    command(
        &directives::MESSAGE,
        sys::cmd_func {
            take_argv: Some(set_message),
        },
    ),
    command(
        &directives::LINK,
        sys::cmd_func {
            take3: Some(set_link),
        },
    ),
    command(
        &directives::LOGO,
        sys::cmd_func {
            take3: Some(set_logo),
        },
    ),
    command(
        &directives::ACCENT,
        sys::cmd_func {
            take3: Some(set_accent),
        },
    ),
    // httpd stops at the entry without a name.
    // SAFETY: an all-zero command_rec is httpd's documented terminator (`{NULL}`).
    unsafe { core::mem::zeroed() },
]);

// Every directive of the table has its entry, and only those.
const _: () = assert!(COMMAND_COUNT == directives::ALL.len() + 1);

const COMMAND_COUNT: usize = 25;

/// The command table with its raw pointers, shared read-only by every thread.
#[repr(transparent)]
pub(crate) struct CommandTable([sys::command_rec; COMMAND_COUNT]);

// SAFETY: the table is immutable; its pointers are to static strings and functions.
unsafe impl Sync for CommandTable {}

/// One entry: the directive's name, handler (in the union member its argument
/// form uses), where it may stand and its one-line help, all from `directive`.
/// The union member must match `directive.arguments`.
const fn command(directive: &'static Directive, func: sys::cmd_func) -> sys::command_rec {
    let how = match directive.arguments {
        Arguments::Flag => sys::cmd_how_FLAG,
        // Counted by the module, so a wrong count gets its usage message.
        Arguments::OneToThree => sys::cmd_how_TAKE123,
        Arguments::Many => sys::cmd_how_TAKE_ARGV,
        Arguments::EachOne => sys::cmd_how_ITERATE,
    };
    let scope = match directive.scope {
        Scope::Server => sys::RSRC_CONF,
        Scope::Directory => sys::RSRC_CONF | sys::ACCESS_CONF,
        Scope::DirectoryAndHtaccess => sys::RSRC_CONF | sys::ACCESS_CONF | sys::OR_FILEINFO,
    };
    sys::command_rec {
        name: directive.name.as_ptr(),
        func,
        cmd_data: ptr::null_mut(),
        req_override: scope as c_int,
        args_how: how,
        errmsg: directive.help.as_ptr(),
    }
}

// ----- running a directive ------------------------------------------------------------------

/// The directive being read, as the handlers use it.
struct Reading<'c> {
    cmd: &'c mut sys::cmd_parms,
}

impl Reading<'_> {
    /// The configuration pool.
    fn pool(&self) -> *mut sys::apr_pool_t {
        self.cmd.pool
    }

    /// The configuration of the server (virtual host) the directive is read for.
    fn server_config(&mut self) -> &mut ServerConfig {
        // SAFETY: cmd->server is the server being configured; its module_config
        // holds our ServerConfig, created by create_server_config and not
        // otherwise borrowed while a directive is read.
        unsafe { &mut *module_config((*self.cmd.server).module_config).cast::<ServerConfig>() }
    }

    /// Notes in the server's record whether this maintenance directive can be
    /// obeyed before httpd maps the URL (see `decided_before_mapping`).
    fn note_maintenance_section(&mut self) {
        let mut names = Vec::new();
        // SAFETY: cmd->directive is the directive being read; its parents are the
        // enclosing sections of the configuration tree, live while it is read.
        unsafe {
            let mut section = self
                .cmd
                .directive
                .as_ref()
                .map_or(ptr::null_mut(), |d| d.parent);
            while let Some(s) = section.as_ref() {
                names.push(c_bytes(s.directive).unwrap_or_default());
                section = s.parent;
            }
        }
        let after_mapping = !decided_before_mapping(names.into_iter());
        if after_mapping {
            self.server_config().maintenance_after_mapping = true;
        }
        if let Some(register) = MAINTENANCE_HOOKS.get() {
            // SAFETY: the configuration pool of the load being read.
            unsafe { register(self.pool(), after_mapping) };
        }
    }

    /// A text setting as the configuration keeps it: a pool copy, or the empty
    /// string for `Off` (see `config::Setting`).
    fn setting(&self, value: Option<&str>) -> *const c_char {
        value.map_or(c"".as_ptr(), |v| pool_str(self.pool(), v))
    }

    /// httpd's message for `message`: pool-allocated, naming the directive.
    fn error(&self, message: &str) -> *const c_char {
        // SAFETY: cmd->cmd is the command_rec being run; its name is static.
        let name = unsafe { c_bytes((*self.cmd.cmd).name) }.unwrap_or(b"HttpStatus");
        let text = format!("{}: {message}", String::from_utf8_lossy(name));
        pool_str(self.cmd.pool, &text)
    }
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

/// What a directive does with its arguments (absent ones are left out).
type DirectiveFn = fn(&mut Reading<'_>, &mut DirConfig, &[&[u8]]) -> Result<(), String>;

/// Runs `run` for the directive being read, under the panic guard and after the
/// `.htaccess` check, turning its error into httpd's message.
///
/// # Safety
/// As httpd calls directive handlers: the command being run and this module's
/// DirConfig for the section.
unsafe fn directive(
    cmd: *mut sys::cmd_parms,
    dir_config: *mut c_void,
    run: impl FnOnce(&mut Reading<'_>, &mut DirConfig) -> Result<(), String>,
) -> *const c_char {
    // SAFETY: httpd's command record for this call.
    let server = unsafe { (*cmd).server };
    let internal = c"mod_httpstatus: internal error (see the error log)".as_ptr();
    guard(Hook::Directive, LogTo::Server(server), internal, || {
        // SAFETY: the command being run (caller's duty).
        if let Some(refused) = unsafe { refuse_in_htaccess(cmd) } {
            return refused;
        }
        // SAFETY: httpd's command and our record for the section, not otherwise
        // borrowed while the directive is read (caller's duty).
        let (cmd, config) = unsafe { (&mut *cmd, &mut *dir_config.cast::<DirConfig>()) };
        // httpd reads an `.htaccess` file into the request's pool, which is then
        // also the command's temporary pool (as ap_check_cmd_context tells it).
        config.from_htaccess |= cmd.pool == cmd.temp_pool;
        let mut reading = Reading { cmd };
        match run(&mut reading, config) {
            Ok(()) => ptr::null(),
            Err(message) => reading.error(&message),
        }
    })
}

/// Runs a directive's handler on its arguments.
///
/// # Safety
/// As httpd calls directive handlers: the command being run, this module's
/// DirConfig, and NUL-terminated arguments (NULL ones are absent) that live
/// across the call.
unsafe fn on_args(
    cmd: *mut sys::cmd_parms,
    dir_config: *mut c_void,
    raw_args: &[*const c_char],
    run: DirectiveFn,
) -> *const c_char {
    // SAFETY: NULL or NUL-terminated arguments that live across the call (caller's
    // duty).
    let values: Vec<&[u8]> = raw_args
        .iter()
        .filter_map(|a| unsafe { c_bytes(*a) })
        .collect();
    // SAFETY: as httpd calls directive handlers (caller's duty).
    unsafe {
        directive(cmd, dir_config, |reading, config| {
            run(reading, config, &values)
        })
    }
}

/// Runs a flag directive's setter on the directory record httpd passes.
///
/// # Safety
/// As httpd calls a FLAG handler: the command being run and this module's
/// DirConfig for the section.
unsafe fn on_flag(
    cmd: *mut sys::cmd_parms,
    dir_config: *mut c_void,
    on: c_int,
    set: fn(&mut DirConfig, u8),
) -> *const c_char {
    let value = if on != 0 { ON } else { OFF };
    // SAFETY: as httpd calls directive handlers (caller's duty).
    unsafe {
        directive(cmd, dir_config, |_, config| {
            set(config, value);
            Ok(())
        })
    }
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

/// A directive that takes any number of words (TAKE_ARGV).
macro_rules! argv_directive {
    ($name:ident, $run:expr) => {
        unsafe extern "C" fn $name(
            cmd: *mut sys::cmd_parms,
            dir_config: *mut c_void,
            argc: c_int,
            argv: *const *mut c_char,
        ) -> *const c_char {
            let count = usize::try_from(argc).unwrap_or(0);
            // SAFETY: httpd passes argc NUL-terminated arguments.
            let raw_args: Vec<*const c_char> = (0..count)
                .map(|i| unsafe { *argv.add(i) }.cast_const())
                .collect();
            // SAFETY: httpd calls directive handlers as on_args requires.
            unsafe { on_args(cmd, dir_config, &raw_args, $run) }
        }
    };
}

flag_directive!(set_enabled, enabled);
flag_directive!(set_pages, pages);
flag_directive!(set_details, details);
flag_directive!(set_log, log);

/// `HttpStatusMetrics On|Off`: a server setting, so it goes into the server's
/// record rather than the section's.
unsafe extern "C" fn set_metrics(
    cmd: *mut sys::cmd_parms,
    dir_config: *mut c_void,
    on: c_int,
) -> *const c_char {
    let value = if on != 0 { ON } else { OFF };
    // SAFETY: httpd passes the command and our directory record.
    unsafe {
        directive(cmd, dir_config, |reading, _| {
            reading.server_config().metrics = value;
            Ok(())
        })
    }
}

take123_directive!(set_reason, add_reason);
take123_directive!(set_default_language, |_, config, values| {
    let tag = args::one_arg(&directives::DEFAULT_LANGUAGE, values)?;
    config.default_language = args::language(tag)?.index() as u8;
    Ok(())
});
take123_directive!(set_formats, |_, config, values| {
    config.formats = args::formats(values)?.bits() as u8;
    Ok(())
});
take123_directive!(set_phrases, |reading, _, values| {
    reading.server_config().phrases = args::phrases(values)?;
    Ok(())
});
take123_directive!(set_log_limit, |reading, _, values| {
    let value = args::one_arg(&directives::LOG_LIMIT, values)?;
    reading.server_config().log_limit = args::number(value, LOG_LIMIT_RANGE)?;
    Ok(())
});
take123_directive!(set_log_line_length, |reading, _, values| {
    let value = args::one_arg(&directives::LOG_LINE_LENGTH, values)?;
    reading.server_config().log_line_length = args::number(value, LOG_LINE_LENGTH_RANGE)?;
    Ok(())
});

/// HttpStatusLanguages: httpd calls this once per argument (ITERATE).
unsafe extern "C" fn set_languages(
    cmd: *mut sys::cmd_parms,
    dir_config: *mut c_void,
    tag: *const c_char,
) -> *const c_char {
    // SAFETY: as httpd calls directive handlers.
    unsafe {
        on_args(cmd, dir_config, &[tag], |_, config, values| {
            let language = args::language(args::one_arg(&directives::LANGUAGES, values)?)?;
            config.languages |= LanguageSet::EMPTY.with(language).bits();
            Ok(())
        })
    }
}

take123_directive!(set_maintenance, set_maintenance_mode);
take123_directive!(set_site_name, |reading, config, values| {
    let name = args::site_name(args::one_arg(&directives::SITE_NAME, values)?)?;
    config.site_name = pool_str(reading.pool(), &name);
    Ok(())
});
take123_directive!(set_contact, |reading, config, values| {
    let value = args::contact(args::one_arg(&directives::CONTACT, values)?)?;
    config.contact = reading.setting(value.as_deref());
    Ok(())
});
take123_directive!(set_link, add_link);
take123_directive!(set_logo, |reading, config, values| {
    let value = args::logo(args::one_arg(&directives::LOGO, values)?)?;
    config.logo = reading.setting(value.as_deref());
    Ok(())
});
take123_directive!(set_accent, add_accent);

/// `HttpStatusAccent #rrggbb|Off`.
fn add_accent(
    reading: &mut Reading<'_>,
    config: &mut DirConfig,
    values: &[&[u8]],
) -> Result<(), String> {
    let accent = args::accent(args::one_arg(&directives::ACCENT, values)?)?;
    // SAFETY: the configuration pool.
    config.accent = unsafe { pool_new(reading.pool(), accent) }.cast_const();
    Ok(())
}

/// `HttpStatusLink "label" url`.
fn add_link(
    reading: &mut Reading<'_>,
    config: &mut DirConfig,
    values: &[&[u8]],
) -> Result<(), String> {
    let (label, url) = header_rules::link(values)?;
    let pool = reading.pool();
    let entry = (pool_str(pool, label), pool_str(pool, &url));
    // SAFETY: the configuration pool; the section's own layer or NULL.
    unsafe { push_entry(pool, &mut config.links, entry) };
    Ok(())
}

argv_directive!(set_message, add_message);

/// `HttpStatusMessage code|class... [language] "text"`.
fn add_message(
    reading: &mut Reading<'_>,
    config: &mut DirConfig,
    values: &[&[u8]],
) -> Result<(), String> {
    let (selectors, language, text) = header_rules::message(values)?;
    let pool = reading.pool();
    let text = pool_str(pool, text);
    for selector in selectors {
        // SAFETY: the configuration pool; the section's own layer or NULL.
        unsafe { push_entry(pool, &mut config.messages, (selector, language, text)) };
    }
    Ok(())
}

take123_directive!(set_home, |reading, config, values| {
    let value = args::home(args::one_arg(&directives::HOME, values)?)?;
    config.home = reading.setting(value.as_deref());
    Ok(())
});
take123_directive!(set_retry_after, add_retry_after);

/// `HttpStatusRetryAfter <code|3xx|4xx|5xx> <seconds|HTTP-date|off>`.
fn add_retry_after(
    reading: &mut Reading<'_>,
    config: &mut DirConfig,
    values: &[&[u8]],
) -> Result<(), String> {
    let rule = header_rules::retry_after(values)?;
    // SAFETY: the configuration pool; the section's own layer or NULL.
    unsafe { push_entry(reading.pool(), &mut config.retry_after, rule) };
    Ok(())
}

/// HttpStatusMaintenanceAllow: httpd calls this once per argument (ITERATE).
unsafe extern "C" fn set_maintenance_allow(
    cmd: *mut sys::cmd_parms,
    dir_config: *mut c_void,
    network: *const c_char,
) -> *const c_char {
    // SAFETY: as httpd calls directive handlers.
    unsafe {
        on_args(cmd, dir_config, &[network], |reading, config, values| {
            let arg = args::one_arg(&directives::MAINTENANCE_ALLOW, values)?;
            reading.note_maintenance_section();
            let node = Node {
                item: Network::parse(arg)?,
                next: config.maintenance_allow,
            };
            // SAFETY: the configuration pool.
            config.maintenance_allow = pool_new(reading.pool(), node).cast_const();
            Ok(())
        })
    }
}

argv_directive!(set_cache_control, add_cache_control);

/// `HttpStatusCacheControl <code|class>... "<value>"|none`.
fn add_cache_control(
    reading: &mut Reading<'_>,
    config: &mut DirConfig,
    values: &[&[u8]],
) -> Result<(), String> {
    let (selectors, value) = header_rules::cache_control(values)?;
    let pool = reading.pool();
    let value = value.map_or(ptr::null(), |v| pool_str(pool, v));
    for selector in selectors {
        // SAFETY: the configuration pool; the section's own layer or NULL.
        unsafe { push_entry(pool, &mut config.cache_control, (selector, value)) };
    }
    Ok(())
}

/// `HttpStatusMaintenance Off|On|<flag file>`: a flag file's path is taken
/// relative to ServerRoot, and its watch lives as long as the configuration.
fn set_maintenance_mode(
    reading: &mut Reading<'_>,
    config: &mut DirConfig,
    values: &[&[u8]],
) -> Result<(), String> {
    let arg = args::one_arg(&directives::MAINTENANCE, values)?;
    reading.note_maintenance_section();
    let pool = reading.pool();
    let setting = if arg.eq_ignore_ascii_case(b"off") {
        Maintenance::Off
    } else if arg.eq_ignore_ascii_case(b"on") {
        Maintenance::On
    } else {
        let file = String::from_utf8_lossy(arg).into_owned();
        // SAFETY: a NUL-terminated path and the configuration pool; httpd resolves
        // it against ServerRoot and returns NULL for an invalid path.
        let path = unsafe { sys::ap_server_root_relative(pool, pool_str(pool, &file)) };
        // SAFETY: NULL or a pool string.
        let resolved = unsafe { c_bytes(path) }
            .ok_or_else(|| format!("invalid file name '{}'", shown(arg)))?;
        if Path::new(&*String::from_utf8_lossy(resolved)).is_dir() {
            return Err(format!(
                "'{}' is a directory; the flag file is a file whose presence puts the \
                 scope in maintenance",
                shown(resolved)
            ));
        }
        let watch = Box::into_raw(Box::new(FlagWatch::new()));
        // SAFETY: registers the destructor of the box on the configuration pool,
        // which is destroyed before the module could be unloaded.
        unsafe {
            sys::apr_pool_cleanup_register(
                pool,
                watch.cast_const().cast(),
                Some(drop_boxed::<FlagWatch>),
                Some(sys::apr_pool_cleanup_null),
            );
        }
        Maintenance::Flag {
            path,
            watch: watch.cast_const(),
        }
    };
    // SAFETY: the configuration pool.
    config.maintenance = unsafe { pool_new(pool, setting) }.cast_const();
    Ok(())
}

// HttpStatusTemplate takes up to four arguments: more than TAKE123 passes.
argv_directive!(set_template, add_template);

/// `HttpStatusReason <code> "<phrase>"`.
fn add_reason(
    reading: &mut Reading<'_>,
    _: &mut DirConfig,
    values: &[&[u8]],
) -> Result<(), String> {
    let (code, line) = args::reason(values)?;
    let pool = reading.pool();
    let config = reading.server_config();
    if config.reasons.is_null() {
        // SAFETY: the configuration pool.
        config.reasons = unsafe {
            pool_new(
                pool,
                [ptr::null::<c_char>(); httpstatus::registry::CODE_COUNT],
            )
        };
    }
    // SAFETY: the table was allocated by this module for this configuration and
    // nothing else references it while the directive is read.
    let table = unsafe { &mut *config.reasons.cast_mut() };
    table[code.index()] = pool_str(pool, &line);
    Ok(())
}

/// `HttpStatusTemplate <code|1xx..5xx|default> <file> [html|json|text] [language]`.
fn add_template(
    reading: &mut Reading<'_>,
    config: &mut DirConfig,
    values: &[&[u8]],
) -> Result<(), String> {
    let spec = args::template(values)?;
    let pool = reading.pool();
    let file = String::from_utf8_lossy(spec.file).into_owned();
    // SAFETY: a NUL-terminated path and the configuration pool; httpd resolves it
    // against ServerRoot and returns NULL for an invalid path.
    let path = unsafe { sys::ap_server_root_relative(pool, pool_str(pool, &file)) };
    // SAFETY: NULL or a pool string.
    let path = unsafe { c_bytes(path) }
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .ok_or_else(|| format!("invalid file name '{}'", shown(spec.file)))?;
    let source = templates::read_file(Path::new(&path)).map_err(|why| {
        format!(
            "template '{path}' for {}: {why}. httpd reads templates at start-up and at \
             every restart: a restart that cannot read one stops the server, so check \
             changes with 'apachectl -t' (apachectl graceful does)",
            shown(values[0])
        )
    })?;
    let template = Template::compile(&source, spec.format).map_err(|e| format!("{path}: {e}"))?;

    let boxed = Box::into_raw(Box::new(template));
    // SAFETY: registers the destructor of the box on the configuration pool, which
    // is destroyed before the module could be unloaded.
    unsafe {
        sys::apr_pool_cleanup_register(
            pool,
            boxed.cast_const().cast(),
            Some(drop_boxed::<Template>),
            Some(sys::apr_pool_cleanup_null),
        );
    }
    let key = TemplateKey {
        selector: spec.selector,
        format: spec.format,
        language: spec.language,
    };
    // SAFETY: the configuration pool; `templates` is NULL or this section's own
    // layer, made by push_entry in the same pool.
    unsafe { push_entry(pool, &mut config.templates, (key, boxed.cast_const())) };
    Ok(())
}

/// Pool cleanup for a boxed value of this module (a compiled template, a flag
/// file's watch) registered when a directive made it.
///
/// # Safety
/// `data` must be a `Box<T>` turned into a raw pointer and registered with this
/// cleanup on the configuration pool, dropped by nothing else.
unsafe extern "C" fn drop_boxed<T>(data: *mut c_void) -> sys::apr_status_t {
    guard(Hook::ConfigCleanup, LogTo::Server(ptr::null()), (), || {
        // SAFETY: a Box registered with this cleanup (caller's duty), dropped
        // exactly once, when the configuration pool is destroyed.
        drop(unsafe { Box::from_raw(data.cast::<T>()) })
    });
    sys::APR_SUCCESS as sys::apr_status_t
}
