//! Why a response carries an error status, from facts httpd exposes about the
//! request (never from the status alone): one stable token per cause for the log
//! line (`cause=`), the level the line is written at, and the explanation
//! `httpstatus explain` and `docs/diagnostics.md` give for it.

use core::fmt;

/// Where the request stood when its status was set, as far as httpd's records show
/// it: each phase fills something the next ones read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Before the request line was understood (no method yet).
    Reading,
    /// Mapping the URL: no file was chosen yet (`Redirect`, `RewriteRule` in the
    /// server's configuration, `Alias` and the like run here).
    Translation,
    /// The URL was mapped, the handler not started: access control,
    /// authentication, authorization and `.htaccess` files run here, and the
    /// rules of a directory's configuration (`RewriteRule` in `.htaccess`, in
    /// fixups). httpd's error path wipes what would tell those apart, and a hook
    /// to mark the boundary would cost every request.
    Access,
    /// The handler ran.
    Handler,
}

/// The level a line is written at: by whose responsibility the status is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Routine, expected on every site (a first authentication challenge).
    Debug,
    /// Chosen on purpose by the configuration, or the client's doing.
    Info,
    /// An application or back end chose an error of its own.
    Warn,
    /// The server or a back end failed.
    Error,
}

/// What a file name shows, looked at with `stat` only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileState {
    /// Not looked at (no file name, or the line is not written).
    Unknown,
    /// It does not exist.
    Missing,
    /// A directory.
    Directory,
    /// Something else that exists.
    Exists,
}

/// The facts a cause is decided from, read from the request by the module.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    /// The status the client got.
    pub status: u16,
    /// Where the request stood when the status was set.
    pub phase: Phase,
    /// httpd's error path produced the response (as opposed to a handler or back
    /// end sending the status with a body of its own).
    pub answered_by_httpd: bool,
    /// The handler's name, if one was chosen.
    pub handler: Option<&'a [u8]>,
    /// The request was proxied to a back end.
    pub proxied: bool,
    /// The handler or back end had set a status line of its own when httpd's error
    /// path took over (a back end's error under `ProxyErrorOverride`).
    pub own_status_line: bool,
    /// The client sent credentials (`Authorization`).
    pub credentials_sent: bool,
    /// Other modules' note about the error (`error-notes`), as text.
    pub error_notes: Option<&'a [u8]>,
    /// Internal redirects before the response.
    pub redirects: usize,
    /// What the request's file name shows.
    pub file: FileState,
    /// The module answered 503 because the request's scope is in maintenance
    /// (`HttpStatusMaintenance`).
    pub maintenance: bool,
}

macro_rules! causes {
    ($(
        $(#[$doc:meta])*
        $name:ident = $token:literal {
            meaning: $meaning:literal,
            check: $check:literal,
            directives: $directives:literal $(,)?
        }
    )*) => {
        /// Why a response carries an error status.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Cause {
            $($(#[$doc])* $name,)*
        }

        impl Cause {
            /// Every cause, in the documented order.
            pub const ALL: &'static [Cause] = &[$(Cause::$name),*];

            /// The stable token the log line carries (`cause=missing-file`).
            pub const fn token(self) -> &'static str {
                match self { $(Cause::$name => $token,)* }
            }

            /// What it means, for an operator.
            pub const fn meaning(self) -> &'static str {
                match self { $(Cause::$name => $meaning,)* }
            }

            /// What to look at first.
            pub const fn check(self) -> &'static str {
                match self { $(Cause::$name => $check,)* }
            }

            /// The directives involved.
            pub const fn directives(self) -> &'static str {
                match self { $(Cause::$name => $directives,)* }
            }
        }
    };
}

causes! {
    /// The URL maps to a file that does not exist.
    MissingFile = "missing-file" {
        meaning: "The URL was mapped to a file name and no such file exists.",
        check: "The file and directory the line names; a link or bookmark that points to an old address; case in file names.",
        directives: "DocumentRoot, Alias, AliasMatch, RewriteRule",
    }
    /// A directory was asked for and has no index file, and no listing is allowed.
    DirectoryWithoutIndex = "directory-without-index" {
        meaning: "The URL names a directory that holds none of the index files, and listing it is not allowed.",
        check: "Whether the directory should have an index file, or a listing.",
        directives: "DirectoryIndex, Options Indexes, DirectorySlash",
    }
    /// Access control refused the request.
    Denied = "denied" {
        meaning: "An access rule refused the request before any handler ran.",
        check: "The Require lines (or Order/Deny) that apply to the path, in every section and .htaccess file that reaches it.",
        directives: "Require, RequireAll, RequireAny, Deny, AllowOverride AuthConfig",
    }
    /// A protected resource asked for credentials the client had not sent yet.
    AuthChallenge = "auth-challenge" {
        meaning: "The resource needs a login and the client had not sent credentials yet; browsers then ask the user. Routine.",
        check: "Nothing, unless clients that should not need to log in see it.",
        directives: "AuthType, AuthName, Require valid-user",
    }
    /// The client sent credentials that were not accepted.
    AuthFailed = "auth-failed" {
        meaning: "The client sent credentials and they were not accepted (unknown user, wrong password, or a user the rules do not admit).",
        check: "The user in the access log (%u); the password file or provider; the Require lines.",
        directives: "AuthUserFile, AuthBasicProvider, AuthDigestProvider, Require user, Require group",
    }
    /// A configured rule or redirect chose the status on purpose.
    Rule = "rule" {
        meaning: "The configuration chose this status on purpose: a Redirect, a RewriteRule flag, or a similar rule.",
        check: "The rule that matched the path, if the status is not what was meant.",
        directives: "Redirect, RedirectMatch, RewriteRule [R=...] [F] [G]",
    }
    /// The site is in maintenance.
    Maintenance = "maintenance" {
        meaning: "The site or path is in maintenance, as configured.",
        check: "HttpStatusMaintenance and its flag file.",
        directives: "HttpStatusMaintenance, HttpStatusMaintenanceAllow",
    }
    /// An application (a CGI script or another handler) chose the status and sent
    /// its own body.
    Application = "application" {
        meaning: "The application that handled the request chose this status and sent its own response.",
        check: "The application's own log for the request.",
        directives: "ScriptAlias, SetHandler, AddHandler",
    }
    /// A script ended before it sent its headers.
    ScriptFailed = "script-failed" {
        meaning: "A script ended, or failed to start, before it sent its response headers.",
        check: "The script's own error output in the error log (the lines around this one), its interpreter line and permissions.",
        directives: "ScriptAlias, Options ExecCGI, ScriptLog",
    }
    /// The back end could not be reached.
    BackEndUnreachable = "backend-unreachable" {
        meaning: "The request was to be passed to a back end server that could not be reached.",
        check: "Whether the back end named on the line is running and listening, and reachable from this host.",
        directives: "ProxyPass, BalancerMember, ProxySet retry connectiontimeout",
    }
    /// The back end did not answer in time.
    BackEndTimeout = "backend-timeout" {
        meaning: "The back end server accepted the request but did not answer in time.",
        check: "The back end's load and its log for the request.",
        directives: "ProxyTimeout, ProxyPass timeout=, Timeout",
    }
    /// The back end's answer could not be used.
    BackEndFailed = "backend-failed" {
        meaning: "The back end server's answer could not be used: the connection broke or the response was malformed.",
        check: "The back end's log for the request, and the proxy's lines around this one.",
        directives: "ProxyPass, ProxyErrorOverride",
    }
    /// The back end answered with an error of its own.
    BackEndStatus = "backend-status" {
        meaning: "The back end server answered with this status itself; it was passed on.",
        check: "The back end's own log for the request.",
        directives: "ProxyPass, ProxyErrorOverride",
    }
    /// A limit on the request's size was exceeded.
    Limits = "limits" {
        meaning: "The request exceeded a configured size limit (body, request line, header fields).",
        check: "Whether the limit named on the line fits what clients legitimately send.",
        directives: "LimitRequestBody, LimitRequestLine, LimitRequestFieldSize, LimitRequestFields",
    }
    /// The client was too slow to send its request.
    Timeout = "timeout" {
        meaning: "The client did not send its request, or its body, in time.",
        check: "Usually nothing: slow or idle clients. Many at once can mean an attack on connections.",
        directives: "RequestReadTimeout, Timeout",
    }
    /// The request did not follow the protocol.
    Protocol = "protocol" {
        meaning: "The request was malformed or asked for something the protocol does not allow.",
        check: "The client that sent it; httpd's own line before this one says what was wrong.",
        directives: "HttpProtocolOptions",
    }
    /// The method is not allowed here.
    Method = "method" {
        meaning: "The request's method is not allowed for this resource, or not known to the server.",
        check: "Whether the resource should accept the method.",
        directives: "<Limit>, <LimitExcept>, AllowMethods, Script",
    }
    /// Content negotiation found no acceptable variant, or several.
    Negotiation = "negotiation" {
        meaning: "Content negotiation found no variant the client accepts, or several equally good ones.",
        check: "The variants of the resource and the client's Accept headers.",
        directives: "Options MultiViews, ForceLanguagePriority, LanguagePriority",
    }
    /// The configuration stopped the request.
    Configuration = "configuration" {
        meaning: "The server's configuration stopped the request before a handler ran (for example an .htaccess file with an error).",
        check: "httpd's own line before this one, which names the file and the directive.",
        directives: "AllowOverride, AllowOverrideList",
    }
    /// Internal redirects went round in a loop.
    RedirectLoop = "redirect-loop" {
        meaning: "The request was redirected internally more times than allowed, usually by rules that match their own result.",
        check: "The redirects the line lists, and the rewrite rules or ErrorDocument targets they come from.",
        directives: "RewriteRule, ErrorDocument, LimitInternalRecursion",
    }
    /// A handler returned the status.
    Handler = "handler" {
        meaning: "The handler of the request returned this status without a response of its own.",
        check: "The handler named on the line and its module's lines around this one.",
        directives: "SetHandler, AddHandler",
    }
    /// None of the above can be told from what httpd shows.
    Unknown = "unknown" {
        meaning: "The facts the module can see do not tell why.",
        check: "httpd's own lines around this one.",
        directives: "",
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.token())
    }
}

impl Cause {
    /// The cause with this token.
    pub fn from_token(token: &str) -> Option<Cause> {
        Cause::ALL.iter().copied().find(|c| c.token() == token)
    }

    /// The level of a line for this cause and status: statuses chosen on purpose
    /// and the client's own errors at `info` (also a 501 for an unknown method), a
    /// first authentication challenge at `debug`, other 4xx at `info`, an
    /// application's or back end's own 5xx at `warn`, faults of the server or its
    /// back ends at `error`.
    pub const fn level(self, status: u16) -> Level {
        match self {
            Cause::AuthChallenge => Level::Debug,
            // Chosen on purpose, or the client's doing, whatever the status.
            Cause::Rule
            | Cause::Maintenance
            | Cause::Limits
            | Cause::Timeout
            | Cause::Protocol
            | Cause::Method
            | Cause::Negotiation => Level::Info,
            Cause::ScriptFailed
            | Cause::BackEndUnreachable
            | Cause::BackEndTimeout
            | Cause::BackEndFailed
            | Cause::Configuration
            | Cause::RedirectLoop => Level::Error,
            _ if status < 500 => Level::Info,
            Cause::Application | Cause::BackEndStatus => Level::Warn,
            _ => Level::Error,
        }
    }
}

/// The most verbose level any cause of `status` is logged at: when that level is
/// logged, so is every line of the status, whatever its cause (which then needs
/// no classifying). Only a 401's first challenge is at `debug`.
pub const fn least_level(status: u16) -> Level {
    if status == 401 {
        Level::Debug
    } else {
        Level::Info
    }
}

/// httpd's default `LimitInternalRecursion`: a chain this long is a loop.
pub const REDIRECT_LIMIT: usize = 10;

/// Why the response to a request carries its error status.
pub fn classify(facts: &Facts<'_>) -> Cause {
    let status = facts.status;
    let notes = facts.error_notes.unwrap_or_default();
    if facts.maintenance && status == 503 {
        return Cause::Maintenance;
    }
    if facts.redirects >= REDIRECT_LIMIT {
        return Cause::RedirectLoop;
    }
    if facts.proxied && facts.phase == Phase::Handler {
        if !facts.answered_by_httpd || facts.own_status_line {
            return Cause::BackEndStatus;
        }
        return match status {
            503 => Cause::BackEndUnreachable,
            504 => Cause::BackEndTimeout,
            502 | 500 => Cause::BackEndFailed,
            _ => Cause::Handler,
        };
    }
    // A rule chose the status while the URL was mapped or in fixups, whatever it
    // is (Redirect 405 is as deliberate as Redirect 410). Rules leave no error
    // notes: a status with notes there was explained by a module that refused
    // the request as it arrived (mod_ssl's plain HTTP on a TLS port).
    if facts.phase == Phase::Translation {
        return match facts.error_notes {
            None => Cause::Rule,
            Some(_) if status == 400 => Cause::Protocol,
            Some(_) => Cause::Unknown,
        };
    }
    match status {
        401 if facts.credentials_sent => return Cause::AuthFailed,
        401 => return Cause::AuthChallenge,
        408 => return Cause::Timeout,
        413 | 414 | 431 => return Cause::Limits,
        // core's notes for LimitRequestFieldSize and LimitRequestFields.
        400 if contains(notes, b"exceeds server limit")
            || contains(notes, b"exceeds this server's limit") =>
        {
            return Cause::Limits;
        }
        405 => return Cause::Method,
        501 if facts.phase != Phase::Handler => return Cause::Method,
        300 | 406 => return Cause::Negotiation,
        _ => {}
    }
    match facts.phase {
        Phase::Reading => Cause::Protocol,
        Phase::Translation => Cause::Rule,
        // Access control answers 401 or 403, a broken .htaccess file 500; any other
        // status here is a directory's rule's choice.
        Phase::Access if status == 403 => Cause::Denied,
        Phase::Access if status == 500 => Cause::Configuration,
        Phase::Access => Cause::Rule,
        Phase::Handler => {
            let cgi = facts.handler.is_some_and(is_script_handler);
            if !facts.answered_by_httpd {
                return Cause::Application;
            }
            match (status, facts.file) {
                (500, _) if cgi => Cause::ScriptFailed,
                (404, FileState::Missing) => Cause::MissingFile,
                (403 | 404, FileState::Directory) => Cause::DirectoryWithoutIndex,
                (400 | 417 | 505, _) => Cause::Protocol,
                _ => Cause::Handler,
            }
        }
    }
}

/// CGI handlers, which run scripts that may fail before their headers.
fn is_script_handler(handler: &[u8]) -> bool {
    matches!(handler, b"cgi-script" | b"application/x-httpd-cgi")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(status: u16, phase: Phase) -> Facts<'static> {
        Facts {
            status,
            phase,
            answered_by_httpd: true,
            handler: None,
            proxied: false,
            own_status_line: false,
            credentials_sent: false,
            error_notes: None,
            redirects: 0,
            file: FileState::Unknown,
            maintenance: false,
        }
    }

    #[test]
    fn no_line_is_more_verbose_than_the_least_level_of_its_status() {
        let phases = [
            Phase::Reading,
            Phase::Translation,
            Phase::Access,
            Phase::Handler,
        ];
        let files = [
            FileState::Unknown,
            FileState::Missing,
            FileState::Directory,
            FileState::Exists,
        ];
        let handlers: [Option<&[u8]>; 3] = [None, Some(b"cgi-script"), Some(b"proxy-server")];
        let notes: [Option<&[u8]>; 2] = [None, Some(b"a note")];
        let mut all = Vec::new();
        for phase in phases {
            for file in files {
                for handler in handlers {
                    for error_notes in notes {
                        for bits in 0..16u8 {
                            all.push((phase, file, handler, error_notes, bits));
                        }
                    }
                }
            }
        }
        for status in 400..=599 {
            for &(phase, file, handler, error_notes, bits) in &all {
                let f = Facts {
                    handler,
                    file,
                    error_notes,
                    answered_by_httpd: bits & 1 != 0,
                    proxied: bits & 2 != 0,
                    own_status_line: bits & 4 != 0,
                    credentials_sent: bits & 8 != 0,
                    redirects: usize::from(bits & 1) * REDIRECT_LIMIT,
                    ..facts(status, phase)
                };
                let cause = classify(&f);
                assert!(
                    cause.level(status) >= least_level(status),
                    "{status} {cause}"
                );
            }
        }
    }

    #[test]
    fn tokens_are_unique_and_round_trip() {
        for (i, c) in Cause::ALL.iter().enumerate() {
            assert_eq!(Cause::from_token(c.token()), Some(*c));
            assert!(Cause::ALL[..i].iter().all(|d| d.token() != c.token()));
            assert!(
                c.token()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-')
            );
            assert!(!c.meaning().is_empty() && !c.check().is_empty());
        }
        assert_eq!(Cause::from_token("nope"), None);
        assert_eq!(Cause::MissingFile.to_string(), "missing-file");
    }

    #[test]
    fn rules_and_redirects_are_deliberate() {
        // Redirect 420 /x, RewriteRule ^/maint - [R=503] in the server's configuration.
        for status in [420, 503, 410, 403] {
            let cause = classify(&facts(status, Phase::Translation));
            assert_eq!(cause, Cause::Rule, "{status}");
            assert_eq!(cause.level(status), Level::Info);
        }
        // A RewriteRule in .htaccess runs after access control.
        assert_eq!(classify(&facts(503, Phase::Access)), Cause::Rule);
        // A module that refuses a request as it arrives explains itself.
        let plain_http_to_tls = Facts {
            error_notes: Some(b"Reason: You're speaking plain HTTP to an SSL-enabled server port."),
            ..facts(400, Phase::Translation)
        };
        assert_eq!(classify(&plain_http_to_tls), Cause::Protocol);
    }

    #[test]
    fn authentication_and_access() {
        let challenge = facts(401, Phase::Access);
        assert_eq!(classify(&challenge), Cause::AuthChallenge);
        assert_eq!(Cause::AuthChallenge.level(401), Level::Debug);
        let failed = Facts {
            credentials_sent: true,
            ..challenge
        };
        assert_eq!(classify(&failed), Cause::AuthFailed);
        assert_eq!(Cause::AuthFailed.level(401), Level::Info);
        assert_eq!(classify(&facts(403, Phase::Access)), Cause::Denied);
        assert_eq!(classify(&facts(500, Phase::Access)), Cause::Configuration);
        assert_eq!(Cause::Configuration.level(500), Level::Error);
    }

    #[test]
    fn applications_and_scripts() {
        let cgi = Facts {
            handler: Some(b"cgi-script"),
            ..facts(500, Phase::Handler)
        };
        assert_eq!(classify(&cgi), Cause::ScriptFailed);
        assert_eq!(Cause::ScriptFailed.level(500), Level::Error);
        // The script chose its status and sent its own body.
        for status in [500, 418, 420, 404] {
            let own = Facts {
                answered_by_httpd: false,
                status,
                ..cgi
            };
            assert_eq!(classify(&own), Cause::Application, "{status}");
        }
        assert_eq!(Cause::Application.level(500), Level::Warn);
        assert_eq!(Cause::Application.level(404), Level::Info);
    }

    #[test]
    fn back_ends() {
        let proxied = Facts {
            proxied: true,
            handler: Some(b"proxy-server"),
            ..facts(503, Phase::Handler)
        };
        assert_eq!(classify(&proxied), Cause::BackEndUnreachable);
        assert_eq!(
            classify(&Facts {
                status: 504,
                ..proxied
            }),
            Cause::BackEndTimeout
        );
        assert_eq!(
            classify(&Facts {
                status: 502,
                ..proxied
            }),
            Cause::BackEndFailed
        );
        let own_404 = Facts {
            status: 404,
            answered_by_httpd: false,
            ..proxied
        };
        assert_eq!(classify(&own_404), Cause::BackEndStatus);
        // ProxyErrorOverride: the back end's 502, answered by httpd's error path.
        let overridden = Facts {
            status: 502,
            own_status_line: true,
            ..proxied
        };
        assert_eq!(classify(&overridden), Cause::BackEndStatus);
        assert_eq!(Cause::BackEndStatus.level(404), Level::Info);
        assert_eq!(Cause::BackEndStatus.level(500), Level::Warn);
        assert_eq!(Cause::BackEndUnreachable.level(503), Level::Error);
    }

    #[test]
    fn files_and_directories() {
        let missing = Facts {
            file: FileState::Missing,
            handler: Some(b"default-handler"),
            ..facts(404, Phase::Handler)
        };
        assert_eq!(classify(&missing), Cause::MissingFile);
        let dir = Facts {
            file: FileState::Directory,
            status: 403,
            ..missing
        };
        assert_eq!(classify(&dir), Cause::DirectoryWithoutIndex);
        // A handler's 404 for a file that exists is the handler's.
        let exists = Facts {
            file: FileState::Exists,
            ..missing
        };
        assert_eq!(classify(&exists), Cause::Handler);
        // The file state is not looked at when no line is written.
        let unknown = Facts {
            file: FileState::Unknown,
            ..missing
        };
        assert_eq!(classify(&unknown), Cause::Handler);
    }

    #[test]
    fn limits_timeouts_protocol_methods_negotiation_loops() {
        for status in [413, 414, 431] {
            assert_eq!(classify(&facts(status, Phase::Reading)), Cause::Limits);
        }
        let header_too_long = Facts {
            error_notes: Some(b"Size of a request header field exceeds server limit."),
            ..facts(400, Phase::Reading)
        };
        assert_eq!(classify(&header_too_long), Cause::Limits);
        assert_eq!(classify(&facts(400, Phase::Reading)), Cause::Protocol);
        assert_eq!(classify(&facts(408, Phase::Reading)), Cause::Timeout);
        assert_eq!(classify(&facts(405, Phase::Handler)), Cause::Method);
        assert_eq!(classify(&facts(501, Phase::Access)), Cause::Method);
        assert_eq!(Cause::Method.level(501), Level::Info);
        // A rule's 405 is the rule's.
        assert_eq!(classify(&facts(405, Phase::Translation)), Cause::Rule);
        assert_eq!(classify(&facts(406, Phase::Handler)), Cause::Negotiation);
        let looped = Facts {
            redirects: REDIRECT_LIMIT,
            ..facts(500, Phase::Handler)
        };
        assert_eq!(classify(&looped), Cause::RedirectLoop);
        assert_eq!(Cause::RedirectLoop.level(500), Level::Error);
        assert_eq!(classify(&facts(500, Phase::Handler)), Cause::Handler);
        assert_eq!(Cause::Handler.level(500), Level::Error);
    }

    #[test]
    fn maintenance_is_deliberate() {
        let maintenance = Facts {
            maintenance: true,
            ..facts(503, Phase::Access)
        };
        assert_eq!(classify(&maintenance), Cause::Maintenance);
        assert_eq!(Cause::Maintenance.level(503), Level::Info);
    }
}
