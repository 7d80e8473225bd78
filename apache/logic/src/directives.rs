//! The module's directives, one entry each: name, syntax, default, where it may
//! stand and what it does. The module's command table (and so what
//! `apachectl -L` prints), its usage errors and the check against
//! `docs/directives.md` all read this table.

use core::ffi::CStr;

/// Where a directive may stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The main server and virtual hosts.
    Server,
    /// Also `<Directory>`, `<Location>` and `<Files>` sections.
    Directory,
    /// Also `.htaccess`, under `AllowOverride FileInfo`.
    DirectoryAndHtaccess,
}

impl Scope {
    /// httpd's words for the contexts, as the documentation lists them.
    pub const fn context(self) -> &'static str {
        match self {
            Scope::Server => "server config, virtual host",
            Scope::Directory => "server config, virtual host, directory",
            Scope::DirectoryAndHtaccess => "server config, virtual host, directory, .htaccess",
        }
    }

    /// The `AllowOverride` class that admits the directive in `.htaccess`.
    pub const fn override_class(self) -> Option<&'static str> {
        match self {
            Scope::DirectoryAndHtaccess => Some("FileInfo"),
            Scope::Server | Scope::Directory => None,
        }
    }
}

/// How httpd hands a directive its arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arguments {
    /// `On` or `Off`.
    Flag,
    /// One to three words, counted by the module (so a wrong count gets its message).
    OneToThree,
    /// Any number of words at once.
    Many,
    /// Any number of words, one call each.
    EachOne,
}

/// What a directive means when it is not given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Default {
    /// As if `Name value` were written.
    Value(&'static str),
    /// Said in words (no single value stands for it).
    Described(&'static str),
}

/// One directive.
#[derive(Clone, Copy, Debug)]
pub struct Directive {
    /// Its name, for httpd.
    pub name: &'static CStr,
    /// The arguments, as the documentation writes them after the name.
    pub syntax: &'static str,
    /// What it does, in a few words.
    pub description: &'static str,
    /// What holds without it.
    pub default: Default,
    /// Where it may stand.
    pub scope: Scope,
    /// How httpd passes its arguments.
    pub arguments: Arguments,
    /// `syntax - description (default ...)`: httpd's one-line help.
    pub help: &'static CStr,
}

impl Directive {
    /// Its name as text.
    pub fn name(&self) -> &'static str {
        // The names below are ASCII literals.
        self.name.to_str().unwrap_or("HttpStatus")
    }

    /// The usage message for a wrong number or shape of arguments.
    pub fn usage(&self) -> String {
        format!("usage: {} {}", self.name(), self.syntax)
    }
}

/// A `&CStr` from a literal that ends in NUL, checked at compile time.
const fn c_str(bytes: &'static [u8]) -> &'static CStr {
    match CStr::from_bytes_with_nul(bytes) {
        Ok(s) => s,
        Err(_) => panic!("a directive literal holds a NUL or lacks its end"),
    }
}

macro_rules! default_help {
    (value $v:literal) => {
        concat!("default ", $v)
    };
    (described $v:literal) => {
        concat!("default: ", $v)
    };
}

macro_rules! default_value {
    (value $v:literal) => {
        Default::Value($v)
    };
    (described $v:literal) => {
        Default::Described($v)
    };
}

macro_rules! directive {
    (
        $name:literal, $scope:ident, $arguments:ident,
        syntax $syntax:literal,
        $kind:ident $default:literal,
        $description:literal $(,)?
    ) => {
        Directive {
            name: c_str(concat!($name, "\0").as_bytes()),
            syntax: $syntax,
            description: $description,
            default: default_value!($kind $default),
            scope: Scope::$scope,
            arguments: Arguments::$arguments,
            help: c_str(
                concat!(
                    $syntax,
                    " - ",
                    $description,
                    " (",
                    default_help!($kind $default),
                    ")\0"
                )
                .as_bytes(),
            ),
        }
    };
}

/// `HttpStatus On|Off`.
pub const ENABLED: Directive = directive!(
    "HttpStatus", Directory, Flag,
    syntax "On|Off",
    value "On",
    "Off leaves this scope's responses exactly as httpd makes them",
);

/// `HttpStatusPages On|Off`.
pub const PAGES: Directive = directive!(
    "HttpStatusPages", DirectoryAndHtaccess, Flag,
    syntax "On|Off",
    value "On",
    "Replace httpd's error pages with mod_httpstatus documents",
);

/// `HttpStatusReason code "phrase"`.
pub const REASON: Directive = directive!(
    "HttpStatusReason", Server, OneToThree,
    syntax "code \"phrase\"",
    described "the registry's phrase",
    "The reason phrase sent for a status code",
);

/// `HttpStatusTemplate selector file [format] [language]`.
pub const TEMPLATE: Directive = directive!(
    "HttpStatusTemplate", Directory, Many,
    syntax "code|1xx..5xx|default file [html|json|text] [language]",
    described "none (built-in documents)",
    "A user template for error documents",
);

/// `HttpStatusFormats format...`.
pub const FORMATS: Directive = directive!(
    "HttpStatusFormats", DirectoryAndHtaccess, OneToThree,
    syntax "format [format] [format]",
    value "html json text",
    "The formats negotiation may choose",
);

/// `HttpStatusDetails On|Off`.
pub const DETAILS: Directive = directive!(
    "HttpStatusDetails", DirectoryAndHtaccess, Flag,
    syntax "On|Off",
    value "Off",
    "Show the long description and the link to the defining specification",
);

/// `HttpStatusLog On|Off`.
pub const LOG: Directive = directive!(
    "HttpStatusLog", Directory, Flag,
    syntax "On|Off",
    value "On",
    "Write one diagnostic error-log line per error response",
);

/// `HttpStatusPhrases registry|httpd`.
pub const PHRASES: Directive = directive!(
    "HttpStatusPhrases", Server, OneToThree,
    syntax "registry|httpd",
    value "registry",
    "Whose phrase the codes httpd knows get",
);

/// `HttpStatusLogLimit n`.
pub const LOG_LIMIT: Directive = directive!(
    "HttpStatusLogLimit", Server, OneToThree,
    syntax "n",
    value "10",
    "Diagnostic lines per second for one status of a virtual host",
);

/// `HttpStatusLogLineLength bytes`.
pub const LOG_LINE_LENGTH: Directive = directive!(
    "HttpStatusLogLineLength", Server, OneToThree,
    syntax "bytes",
    value "1024",
    "The longest diagnostic line, in bytes",
);

/// `HttpStatusLanguages tag...`.
pub const LANGUAGES: Directive = directive!(
    "HttpStatusLanguages", DirectoryAndHtaccess, EachOne,
    syntax "tag [tag] ...",
    described "every language of the catalogues",
    "The languages documents may be written in",
);

/// `HttpStatusDefaultLanguage tag`.
pub const DEFAULT_LANGUAGE: Directive = directive!(
    "HttpStatusDefaultLanguage", DirectoryAndHtaccess, OneToThree,
    syntax "tag",
    value "en",
    "The language when the client's preferences name none offered",
);

/// `HttpStatusMetrics On|Off`.
pub const METRICS: Directive = directive!(
    "HttpStatusMetrics", Server, Flag,
    syntax "On|Off",
    value "On",
    "Answer the httpstatus-metrics handler and mod_status with the module's counters",
);

/// `HttpStatusMaintenance Off|On|file`.
pub const MAINTENANCE: Directive = directive!(
    "HttpStatusMaintenance", Directory, OneToThree,
    syntax "Off|On|file",
    value "Off",
    "Answer 503 with a maintenance page (On, or while the flag file exists)",
);

/// `HttpStatusMaintenanceAllow address...`.
pub const MAINTENANCE_ALLOW: Directive = directive!(
    "HttpStatusMaintenanceAllow", Directory, EachOne,
    syntax "address|network [address|network] ...",
    described "none",
    "Clients that pass through maintenance",
);

/// `HttpStatusRetryAfter selector value`.
pub const RETRY_AFTER: Directive = directive!(
    "HttpStatusRetryAfter", DirectoryAndHtaccess, OneToThree,
    syntax "code|3xx|4xx|5xx seconds|HTTP-date|off",
    described "none",
    "The Retry-After header of 3xx, 413, 429 and 503 responses that have none",
);

/// `HttpStatusCacheControl selector... value`.
pub const CACHE_CONTROL: Directive = directive!(
    "HttpStatusCacheControl", DirectoryAndHtaccess, Many,
    syntax "code|class [code|class] ... \"value\"|none",
    described "none",
    "The Cache-Control header of the module's documents that have none",
);

/// `HttpStatusHome url|Off`.
pub const HOME: Directive = directive!(
    "HttpStatusHome", DirectoryAndHtaccess, OneToThree,
    syntax "url|Off",
    value "/",
    "The link to the site's home page that error pages offer",
);

/// `HttpStatusSiteName "text"`.
pub const SITE_NAME: Directive = directive!(
    "HttpStatusSiteName", DirectoryAndHtaccess, OneToThree,
    syntax "\"text\"",
    described "the virtual host's ServerName",
    "The site's name, shown above the heading of error pages and in their title",
);

/// `HttpStatusContact mailto:address|url|Off`.
pub const CONTACT: Directive = directive!(
    "HttpStatusContact", DirectoryAndHtaccess, OneToThree,
    syntax "mailto:address|url|Off",
    described "ServerAdmin, on 5xx pages",
    "Where error pages tell visitors to get help",
);

/// `HttpStatusMessage code|class... [language] "text"`.
pub const MESSAGE: Directive = directive!(
    "HttpStatusMessage", DirectoryAndHtaccess, Many,
    syntax "code|class [code|class] ... [language] \"text\"",
    described "none",
    "The site's own sentence under the heading of error pages",
);

/// `HttpStatusLink "label" url`.
pub const LINK: Directive = directive!(
    "HttpStatusLink", DirectoryAndHtaccess, OneToThree,
    syntax "\"label\" url",
    described "none",
    "A link error pages offer besides their own suggestions",
);

/// `HttpStatusLogo url|Off`.
pub const LOGO: Directive = directive!(
    "HttpStatusLogo", DirectoryAndHtaccess, OneToThree,
    syntax "url|Off",
    described "none",
    "An image above the heading of error pages, with the site's name as its text",
);

/// `HttpStatusAccent #rrggbb|Off`.
pub const ACCENT: Directive = directive!(
    "HttpStatusAccent", DirectoryAndHtaccess, OneToThree,
    syntax "#rrggbb|Off",
    described "the pages' own colours",
    "The accent colour of error pages, kept readable in light and dark schemes",
);

/// Every directive, in the order the documentation describes them.
pub const ALL: [&Directive; 24] = [
    &ENABLED,
    &PAGES,
    &REASON,
    &TEMPLATE,
    &FORMATS,
    &DETAILS,
    &LOG,
    &PHRASES,
    &LOG_LIMIT,
    &LOG_LINE_LENGTH,
    &LANGUAGES,
    &DEFAULT_LANGUAGE,
    &METRICS,
    &MAINTENANCE,
    &MAINTENANCE_ALLOW,
    &RETRY_AFTER,
    &CACHE_CONTROL,
    &HOME,
    &SITE_NAME,
    &CONTACT,
    &MESSAGE,
    &LINK,
    &LOGO,
    &ACCENT,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_prefixed() {
        for (i, d) in ALL.iter().enumerate() {
            assert!(d.name().starts_with("HttpStatus"), "{}", d.name());
            assert!(
                ALL[..i].iter().all(|e| e.name() != d.name()),
                "{}",
                d.name()
            );
        }
    }

    #[test]
    fn help_is_syntax_description_and_default() {
        assert_eq!(
            TEMPLATE.help.to_str().unwrap(),
            "code|1xx..5xx|default file [html|json|text] [language] - A user template \
             for error documents (default: none (built-in documents))"
        );
        assert_eq!(
            LOG_LIMIT.help.to_str().unwrap(),
            "n - Diagnostic lines per second for one status of a virtual host (default 10)"
        );
        for d in ALL {
            let help = d.help.to_str().unwrap();
            assert!(help.starts_with(d.syntax) && help.contains(d.description));
        }
    }

    #[test]
    fn usage_names_the_directive_and_its_syntax() {
        assert_eq!(
            REASON.usage(),
            "usage: HttpStatusReason code \"phrase\"",
            "the usage shows the table's syntax"
        );
    }

    #[test]
    fn only_fileinfo_directives_reach_htaccess() {
        for d in ALL {
            let htaccess = d.scope.context().ends_with(".htaccess");
            assert_eq!(htaccess, d.scope.override_class() == Some("FileInfo"));
        }
        assert_eq!(Scope::Server.context(), "server config, virtual host");
    }
}
