//! The registry: the one table every other view (lookups, status lines, phrase
//! search, pages, the C ABI, the Apache module) is derived from.
//!
//! `TABLE` holds every code with a meaning of its own, sorted by code. Codes not
//! in it are unassigned and share their class's row in `CLASS_ROWS`.
//! All prose here is the project's own wording.

use super::class::Class;
use super::entry::{Entry, alias, rfc};
use super::headers::Header;
use super::text::t;

/// One shared row per class, used for every unassigned code of that class.
pub(crate) const CLASS_ROWS: [Entry; 5] = [
    Entry::unassigned(Class::Informational)
        .about(
            t!("An interim response with a code that has no registered meaning."),
            t!(
                "Codes in the 1xx range announce progress before the final answer. ",
                "This one is not registered, so a client cannot know what it signals; ",
                "it should ignore it and keep waiting for the final response."
            ),
        )
        .apache(
            t!("Handlers and proxied back ends; httpd itself only sends 100, 101 and 103."),
            t!(
                "An unregistered 1xx usually comes from an application or a back end behind ",
                "mod_proxy. Check what the back end sends; httpd forwards interim responses as they are."
            ),
        ),
    Entry::unassigned(Class::Successful)
        .about(
            t!("A success code that has no registered meaning."),
            t!(
                "The request worked, but the exact code is not registered, so it tells the ",
                "client nothing beyond success. Clients treat it as 200 OK."
            ),
        )
        .apache(
            t!("Applications: CGI scripts, mod_proxy back ends, modules that set r->status."),
            t!(
                "httpd never picks an unregistered 2xx on its own. Look at the application or ",
                "back end that produced the response."
            ),
        ),
    Entry::unassigned(Class::Redirection)
        .about(
            t!("A redirection code that has no registered meaning."),
            t!(
                "The server asks the client to look elsewhere, with a code that is not registered. ",
                "Clients treat it like 300 Multiple Choices and do not follow Location automatically."
            ),
        )
        .apache(
            t!("Redirect, RedirectMatch, RewriteRule [R=3xx], applications."),
            t!(
                "Check Redirect and RewriteRule lines for a mistyped status; an unregistered 3xx ",
                "is not followed by browsers."
            ),
        ),
    Entry::unassigned(Class::ClientError)
        .about(
            t!("A client error code that has no registered meaning."),
            t!(
                "The server blames the request, with a code that is not registered. Clients treat ",
                "it like 400 Bad Request: the same request will fail again unless it changes."
            ),
        )
        .apache(
            t!("Redirect NNN, RewriteRule [R=NNN], handlers and back ends that return the code."),
            t!(
                "An unusual code: find the Redirect, RewriteRule or application that returns it. ",
                "(Without mod_httpstatus, httpd would send it as 500 with the 500 page.)"
            ),
        ),
    Entry::unassigned(Class::ServerError)
        .about(
            t!("A server error code that has no registered meaning."),
            t!(
                "The server failed, with a code that is not registered. Clients treat it like ",
                "500 Internal Server Error and may retry later."
            ),
        )
        .apache(
            t!("Redirect NNN, handlers and back ends that return the code."),
            t!(
                "An unusual code: find the directive, handler or back end that returns it; the ",
                "error log entries just before this one help. (Without mod_httpstatus, httpd ",
                "would send it as 500.)"
            ),
        ),
];

/// Every code with a meaning of its own, sorted by code.
pub(crate) const TABLE: &[Entry] = &[
    // ----- 1xx ---------------------------------------------------------------------------
    Entry::registered(100, t!("Continue"), rfc!(9110, "15.2.1"))
        .about(
            t!("The server is ready for the request body; go on sending it."),
            t!(
                "A client that sent `Expect: 100-continue` waits for this interim answer before it ",
                "uploads a body, so a large upload is not wasted on a request that will be refused. ",
                "The final status follows once the body has been read."
            ),
        )
        .apache(
            t!("core (sent when a handler starts reading a body announced with Expect: 100-continue)"),
            t!(
                "httpd answers 100 itself when a module reads the request body. If clients stall, ",
                "check proxies in front that drop interim responses."
            ),
        ),
    Entry::registered(101, t!("Switching Protocols"), rfc!(9110, "15.2.2"))
        .requires(Header::Upgrade)
        .about(
            t!("The connection now speaks the protocol named in the Upgrade header."),
            t!(
                "The server accepted the client's Upgrade request, for example to WebSocket or to ",
                "h2c. After the empty line that ends this response, the bytes on the connection ",
                "belong to the new protocol."
            ),
        )
        .apache(
            t!("mod_proxy_wstunnel, mod_proxy_http (upgrade=), mod_http2 with Protocols h2c"),
            t!(
                "If an upgrade fails, check that the Protocols directive lists the protocol and that ",
                "ProxyPass carries upgrade=websocket for WebSocket back ends."
            ),
        ),
    Entry::registered(102, t!("Processing"), rfc!(2518, "10.1"))
        .obsolete()
        .about(
            t!("Still working on it; the final response will come later (obsolete)."),
            t!(
                "WebDAV servers once sent it to keep a client from timing out during a long ",
                "operation. RFC 4918 dropped it and current clients ignore it; use 103 or ",
                "asynchronous designs instead."
            ),
        ),
    Entry::registered(103, t!("Early Hints"), rfc!(8297, "2"))
        .relates(Header::Link)
        .aliases(&[alias!(
            "Checkpoint",
            "resumable upload proposal for Google Gears"
        )])
        .about(
            t!("Preload hints sent before the final response is ready."),
            t!(
                "The server sends Link headers it expects the final response to carry, so a browser ",
                "can start fetching style sheets and scripts while the page is still being built. ",
                "Clients must not treat these headers as final."
            ),
        )
        .apache(
            t!("mod_http2 (H2EarlyHints On, H2EarlyHint, H2Push)"),
            t!(
                "Early hints need H2EarlyHints On and HTTP/2; over HTTP/1.1 many clients mishandle ",
                "interim responses, which is why httpd does not send them there by default."
            ),
        ),
    Entry::temporary(
        104,
        t!("Upload Resumption Supported"),
        super::Reference {
            citation: t!("draft-ietf-httpbis-resumable-upload"),
            url: t!("https://datatracker.ietf.org/doc/draft-ietf-httpbis-resumable-upload/"),
            rfc_section: None,
        },
    )
    .relates(Header::Location)
    .relates(Header::UploadOffset)
    .about(
        t!("The server can resume this upload if it breaks off."),
        t!(
            "Part of the IETF resumable upload protocol: the interim response tells the client ",
            "where the upload resource lives, so an interrupted transfer can continue from the ",
            "last stored offset instead of starting over."
        ),
    ),
    // ----- 2xx ---------------------------------------------------------------------------
    Entry::registered(200, t!("OK"), rfc!(9110, "15.3.1"))
        .cacheable()
        .about(
            t!("The request worked; the content is the result."),
            t!(
                "The everyday success answer. For GET the content is the resource, for POST it is ",
                "the outcome of the action. Caches may store it unless told otherwise."
            ),
        )
        .apache(
            t!("every handler: default_handler for files, mod_autoindex, mod_proxy, CGI"),
            t!("Nothing to fix. Unexpected 200s for error cases usually come from applications."),
        ),
    Entry::registered(201, t!("Created"), rfc!(9110, "15.3.2"))
        .relates(Header::Location)
        .about(
            t!("A new resource was created; Location usually points at it."),
            t!(
                "Typical for POST to a collection or PUT to a new URL. The Location header, when ",
                "present, names the new resource; the content, if any, describes it."
            ),
        )
        .apache(
            t!("mod_dav (PUT, MKCOL, COPY, MOVE), applications"),
            t!("Comes from mod_dav or the application; no server-side problem."),
        ),
    Entry::registered(202, t!("Accepted"), rfc!(9110, "15.3.3"))
        .about(
            t!("The request was queued; the work is not done yet."),
            t!(
                "The server took the request for later processing and cannot say whether it will ",
                "succeed. Good APIs point to a status resource the client can poll."
            ),
        ),
    Entry::registered(203, t!("Non-Authoritative Information"), rfc!(9110, "15.3.4"))
        .cacheable()
        .about(
            t!("Success, but a transforming proxy changed the content."),
            t!(
                "An intermediary altered the origin's 200 response, for example by recompressing ",
                "images, and says so with this code. The client gets a modified copy."
            ),
        ),
    Entry::registered(204, t!("No Content"), rfc!(9110, "15.3.5"))
        .cacheable()
        .about(
            t!("Success, and there is nothing to send back."),
            t!(
                "Common for PUT, DELETE and form saves that need no new page. The response ends ",
                "after its headers; a browser stays on the current document."
            ),
        )
        .apache(
            t!("applications, mod_dav (DELETE)"),
            t!(
                "A 204 must not carry content; an application that writes one breaks keep-alive ",
                "framing for the next response."
            ),
        ),
    Entry::registered(205, t!("Reset Content"), rfc!(9110, "15.3.6"))
        .about(
            t!("Success; clear the form or view that sent the request."),
            t!(
                "Asks the user agent to reset the document that made the request, for example to ",
                "empty a data-entry form for the next record. It carries no content."
            ),
        ),
    Entry::registered(206, t!("Partial Content"), rfc!(9110, "15.3.7"))
        .cacheable()
        .requires(Header::ContentRange)
        .about(
            t!("Here is the part of the resource the Range header asked for."),
            t!(
                "The answer to a range request: one range with a Content-Range header, or several ",
                "as multipart/byteranges. Download managers and video players rely on it."
            ),
        )
        .apache(
            t!("core byterange filter (MaxRanges), default_handler"),
            t!(
                "Range support is automatic for static files. MaxRanges limits how many ranges a ",
                "request may ask for; beyond it httpd sends the whole file with 200."
            ),
        ),
    Entry::registered(207, t!("Multi-Status"), rfc!(4918, "11.1"))
        .about(
            t!("Several results in one XML body, one per resource (WebDAV)."),
            t!(
                "A WebDAV operation touched several resources and the body lists each outcome with ",
                "its own status. Clients must read the body; the 207 alone says little."
            ),
        )
        .apache(
            t!("mod_dav (PROPFIND, PROPPATCH, COPY, MOVE, DELETE on collections)"),
            t!("Normal for WebDAV. Read the per-resource statuses in the body for failures."),
        ),
    Entry::registered(208, t!("Already Reported"), rfc!(5842, "7.1"))
        .about(
            t!("This member was already listed earlier in the same Multi-Status answer."),
            t!(
                "Used inside a 207 body when bindings make a resource reachable more than once, so ",
                "it is reported once instead of in a loop."
            ),
        ),
    Entry::unofficial(218, t!("This Is Fine"), t!("Apache HTTP Server (informal)"))
        .about(
            t!("A joke code, listed by some references as an Apache catch-all."),
            t!(
                "Collections of unofficial codes list it as an Apache HTTP Server catch-all. ",
                "No standard defines it; treat it as 200."
            ),
        ),
    Entry::registered(226, t!("IM Used"), rfc!(3229, "10.4.1"))
        .about(
            t!("The content is the result of instance manipulations such as a delta."),
            t!(
                "The server applied the manipulations named in the client's A-IM header, for ",
                "example sending only the difference from a version the client already has."
            ),
        ),
    // ----- 3xx ---------------------------------------------------------------------------
    Entry::registered(300, t!("Multiple Choices"), rfc!(9110, "15.4.1"))
        .cacheable()
        .relates(Header::Location)
        .about(
            t!("Several representations exist; pick one."),
            t!(
                "The server offers a list of alternatives and, optionally, a preferred one in ",
                "Location. Browsers rarely choose automatically, so the content should list links."
            ),
        )
        .apache(
            t!("mod_negotiation (MultiViews, type maps), mod_speling (CheckSpelling)"),
            t!(
                "mod_speling answers 300 when several files match a misspelled name; MultiViews ",
                "when no variant wins. Tighten the file names or the negotiation settings."
            ),
        ),
    Entry::registered(301, t!("Moved Permanently"), rfc!(9110, "15.4.2"))
        .cacheable()
        .requires(Header::Location)
        .about(
            t!("The resource has a new permanent URL, given in Location."),
            t!(
                "Clients should use the new URL from now on, and search engines move their index. ",
                "Browsers may turn a POST into a GET when following it; use 308 to forbid that."
            ),
        )
        .apache(
            t!(
                "Redirect permanent, RedirectPermanent, RedirectMatch 301, RewriteRule [R=301], ",
                "mod_dir (DirectorySlash)"
            ),
            t!(
                "Browsers cache 301 for a long time, so test with 302 first. A missing trailing ",
                "slash on a directory gets a 301 from mod_dir."
            ),
        ),
    Entry::registered(302, t!("Found"), rfc!(9110, "15.4.3"))
        .requires(Header::Location)
        .aliases(&[alias!("Moved Temporarily", "RFC 1945 and RFC 2068")])
        .about(
            t!("The resource is temporarily at the URL given in Location."),
            t!(
                "Keep using the original URL for later requests. For historical reasons browsers ",
                "may switch POST to GET when following it; 307 keeps the method."
            ),
        )
        .apache(
            t!(
                "Redirect, RedirectTemp, RedirectMatch, RewriteRule [R], ErrorDocument with a full ",
                "URL"
            ),
            t!(
                "A bare [R] in mod_rewrite means 302. An ErrorDocument pointing at http://... turns ",
                "every error into a 302, which hides the real status from clients."
            ),
        ),
    Entry::registered(303, t!("See Other"), rfc!(9110, "15.4.4"))
        .requires(Header::Location)
        .about(
            t!("Fetch the result with a GET to the URL in Location."),
            t!(
                "The standard answer after a form POST: the client retrieves a result page with ",
                "GET, so reloading it does not submit the form again."
            ),
        )
        .apache(
            t!("Redirect seeother, RewriteRule [R=303], applications"),
            t!("Used on purpose after POST; no server-side problem."),
        ),
    Entry::registered(304, t!("Not Modified"), rfc!(9110, "15.4.5"))
        .about(
            t!("The cached copy the client holds is still current."),
            t!(
                "The answer to a conditional GET (If-None-Match or If-Modified-Since) when nothing ",
                "changed: no content, and the client reuses what it has."
            ),
        )
        .apache(
            t!("core (ETag and Last-Modified checks), mod_cache, FileETag"),
            t!(
                "If clients never get 304, check FileETag and whether a filter such as mod_deflate ",
                "changes the ETag. Behind a load balancer, inode-based ETags differ between servers."
            ),
        ),
    Entry::registered(305, t!("Use Proxy"), rfc!(9110, "15.4.6"))
        .obsolete()
        .relates(Header::Location)
        .about(
            t!("Deprecated: access the resource through the proxy in Location."),
            t!(
                "Letting a server choose a client's proxy proved unsafe, and browsers ignore it. ",
                "Do not send it."
            ),
        ),
    Entry::reserved(306, t!("Switch Proxy"), rfc!(9110, "15.4.7"))
        .obsolete()
        .aliases(&[alias!("(Unused)", "IANA registry")])
        .about(
            t!("Reserved and unused; it once meant 'use this proxy from now on'."),
            t!(
                "An early HTTP/1.1 draft used it to switch a client's proxy. It was never adopted ",
                "and is kept only so the number is not reused."
            ),
        ),
    Entry::registered(307, t!("Temporary Redirect"), rfc!(9110, "15.4.8"))
        .requires(Header::Location)
        .about(
            t!("Repeat the same request, same method and body, at the URL in Location."),
            t!(
                "Like 302, but the client must not change the method: a POST stays a POST. Browsers ",
                "also use it internally for HSTS upgrades to https."
            ),
        )
        .apache(
            t!("RewriteRule [R=307], RedirectMatch 307, Redirect 307"),
            t!("Used on purpose; check the target when clients loop."),
        ),
    Entry::registered(308, t!("Permanent Redirect"), rfc!(9110, "15.4.9"))
        .cacheable()
        .requires(Header::Location)
        .aliases(&[alias!(
            "Resume Incomplete",
            "Google resumable uploads (Gears, Drive, Cloud Storage)"
        )])
        .about(
            t!("Moved for good; repeat the same request at the URL in Location."),
            t!(
                "The permanent counterpart of 307: caches keep it and the method and body stay ",
                "the same. Google's resumable upload APIs use the same number to mean that an ",
                "upload is incomplete."
            ),
        )
        .apache(
            t!("RewriteRule [R=308], RedirectMatch 308, Redirect 308"),
            t!("Cached like 301; test with 307 first."),
        ),
    // ----- 4xx ---------------------------------------------------------------------------
    Entry::registered(400, t!("Bad Request"), rfc!(9110, "15.5.1"))
        .about(
            t!("The server cannot read the request: its syntax or framing is wrong."),
            t!(
                "Something in the request line, headers or body breaks the protocol or the ",
                "server's rules, for example a missing Host header, an over-long header line or ",
                "invalid characters. Sending the same bytes again will fail again."
            ),
        )
        .apache(
            t!(
                "core request parsing (HttpProtocolOptions, LimitRequestFieldSize, ",
                "LimitRequestFields), mod_ssl (plain HTTP to an https port), mod_reqtimeout"
            ),
            t!(
                "The error log names the reason (e.g. AH00567 or AH02429). Headers larger than ",
                "LimitRequestFieldSize or more than LimitRequestFields give 400 in httpd 2.4; ",
                "HttpProtocolOptions Strict rejects requests older servers accepted."
            ),
        ),
    Entry::registered(401, t!("Unauthorized"), rfc!(9110, "15.5.2"))
        .requires(Header::WwwAuthenticate)
        .about(
            t!("Authentication is required, or the credentials sent were wrong."),
            t!(
                "The WWW-Authenticate header says how to log in. A browser shows a login prompt; ",
                "an API client should obtain or refresh its credentials and retry."
            ),
        )
        .apache(
            t!(
                "mod_auth_basic, mod_auth_digest, mod_auth_form, mod_authnz_ldap with AuthType ",
                "and Require"
            ),
            t!(
                "Check the user exists in AuthUserFile (or the LDAP/DBD provider), that the ",
                "password hash format is supported, and that AuthName matches across locations."
            ),
        ),
    Entry::registered(402, t!("Payment Required"), rfc!(9110, "15.5.3"))
        .about(
            t!("Reserved for future payment schemes; some APIs use it for billing limits."),
            t!(
                "HTTP never defined how it works. Services use it ad hoc to say a plan, quota or ",
                "subscription must be paid for before access resumes."
            ),
        ),
    Entry::registered(403, t!("Forbidden"), rfc!(9110, "15.5.4"))
        .about(
            t!("The server understood the request and refuses to carry it out."),
            t!(
                "Logging in will not help, or is not what is missing. The server may say why in the ",
                "content, or hide the reason on purpose. Asking again unchanged gives the same answer."
            ),
        )
        .apache(
            t!(
                "mod_authz_core (Require), mod_autoindex/mod_dir (no index, Options -Indexes), ",
                "file-system permissions, Options FollowSymLinks, RewriteRule [F]"
            ),
            t!(
                "AH01630/AH01797 mean a Require rule denied the client. AH01276 means a directory ",
                "has no DirectoryIndex file and Indexes is off. AH00035 or 'Permission denied' ",
                "means the httpd user cannot search a parent directory or read the file."
            ),
        ),
    Entry::registered(404, t!("Not Found"), rfc!(9110, "15.5.5"))
        .cacheable()
        .about(
            t!("Nothing exists at this URL, or the server will not say that it does."),
            t!(
                "The most common error on the web: a mistyped link, a moved page, or a resource ",
                "that was never there. It may be temporary; 410 says the loss is permanent."
            ),
        )
        .apache(
            t!("core (map_to_storage, default_handler), mod_alias, mod_rewrite, mod_proxy back ends"),
            t!(
                "AH00128 names the file httpd looked for. Check DocumentRoot, Alias targets and ",
                "case: Linux file names are case-sensitive. mod_speling's CheckCaseOnly can fix ",
                "case mistakes for clients."
            ),
        ),
    Entry::registered(405, t!("Method Not Allowed"), rfc!(9110, "15.5.6"))
        .cacheable()
        .requires(Header::Allow)
        .about(
            t!("This resource does not support the request method; Allow lists those it does."),
            t!(
                "For example a POST to a static file or a DELETE to a read-only API. The server ",
                "must list the supported methods in the Allow header."
            ),
        )
        .apache(
            t!("core default_handler (POST to a static file), TraceEnable Off, mod_dav, mod_allowmethods"),
            t!(
                "A form posting to a plain file gets 405: point it at a script or handler. ",
                "AllowMethods restricts methods per directory."
            ),
        ),
    Entry::registered(406, t!("Not Acceptable"), rfc!(9110, "15.5.7"))
        .about(
            t!("No representation matches the client's Accept headers."),
            t!(
                "Proactive negotiation found nothing the client said it accepts in type, language ",
                "or encoding. Most servers send a default instead of this error."
            ),
        )
        .apache(
            t!("mod_negotiation (MultiViews, type maps), mod_security rules"),
            t!(
                "With MultiViews, a request for foo with no acceptable foo.* variant gives 406. ",
                "ForceLanguagePriority Fallback makes httpd pick a variant instead."
            ),
        ),
    Entry::registered(407, t!("Proxy Authentication Required"), rfc!(9110, "15.5.8"))
        .requires(Header::ProxyAuthenticate)
        .about(
            t!("The proxy wants credentials before it forwards the request."),
            t!(
                "Like 401, but for the proxy between client and server: the client should answer ",
                "the Proxy-Authenticate challenge with a Proxy-Authorization header."
            ),
        )
        .apache(
            t!("mod_proxy as a forward proxy (ProxyRequests On) with authentication in <Proxy *>"),
            t!("Check the AuthType and Require inside the <Proxy> block and the client's proxy settings."),
        ),
    Entry::registered(408, t!("Request Timeout"), rfc!(9110, "15.5.9"))
        .aliases(&[alias!("Request Time-out", "RFC 2616")])
        .about(
            t!("The client took too long to send its request."),
            t!(
                "The connection was open but the request did not arrive in time, so the server gives ",
                "up and closes it. Clients may retry on a new connection."
            ),
        )
        .apache(
            t!("mod_reqtimeout (RequestReadTimeout), core Timeout"),
            t!(
                "Slow clients, mobile networks and slowloris attacks trigger it. Tune ",
                "RequestReadTimeout; idle keep-alive connections close silently instead."
            ),
        ),
    Entry::registered(409, t!("Conflict"), rfc!(9110, "15.5.10"))
        .about(
            t!("The request clashes with the current state of the resource."),
            t!(
                "Typical for edits based on an old version or creating something that exists. ",
                "The client should fetch the current state, resolve the difference and try again."
            ),
        )
        .apache(
            t!("mod_dav (MKCOL without parent, PUT conflicts), applications"),
            t!("For WebDAV, check that parent collections exist."),
        ),
    Entry::registered(410, t!("Gone"), rfc!(9110, "15.5.11"))
        .cacheable()
        .about(
            t!("The resource was removed on purpose and will not come back."),
            t!(
                "Unlike 404 this is a deliberate, permanent statement. Clients should drop links ",
                "and bookmarks; search engines remove the URL faster than for 404."
            ),
        )
        .apache(
            t!("Redirect gone, RedirectMatch 410, RewriteRule [G]"),
            t!("Comes from a configured rule; check Redirect gone and [G] flags if unexpected."),
        ),
    Entry::registered(411, t!("Length Required"), rfc!(9110, "15.5.12"))
        .about(
            t!("The server needs a Content-Length for this request body."),
            t!(
                "The server refuses a body whose size is not declared up front, typically a ",
                "chunked upload. Send Content-Length and retry."
            ),
        )
        .apache(
            t!("modules that read bodies with REQUEST_CHUNKED_ERROR, mod_proxy to some back ends"),
            t!(
                "Some handlers and back ends do not accept chunked bodies. For mod_proxy_fcgi and ",
                "mod_proxy_http see proxy-sendcl and related environment variables."
            ),
        ),
    Entry::registered(412, t!("Precondition Failed"), rfc!(9110, "15.5.13"))
        .about(
            t!("A condition in the request headers did not hold."),
            t!(
                "If-Match, If-Unmodified-Since or a similar header described a state the resource ",
                "is no longer in, so the change was not applied. Fetch the resource again first."
            ),
        )
        .apache(
            t!("core conditional request checks (If-Match, If-Unmodified-Since), mod_dav"),
            t!("Usually a client acting on a stale ETag; check FileETag consistency across servers."),
        ),
    Entry::registered(413, t!("Content Too Large"), rfc!(9110, "15.5.14"))
        .relates(Header::RetryAfter)
        .aliases(&[
            alias!("Request Entity Too Large", "RFC 2616; Apache httpd 2.4"),
            alias!("Payload Too Large", "RFC 7231"),
        ])
        .about(
            t!("The request body is larger than the server will accept."),
            t!(
                "The server refuses the body and may close the connection. If the limit is ",
                "temporary, Retry-After says when to try again; otherwise send less."
            ),
        )
        .apache(
            t!("LimitRequestBody, LimitXMLRequestBody, SSLRenegBufferSize, mod_security"),
            t!(
                "Raise LimitRequestBody for the location that takes uploads (its default is 1 GiB ",
                "since 2.4.54). For client certificate renegotiation, SSLRenegBufferSize applies."
            ),
        ),
    Entry::registered(414, t!("URI Too Long"), rfc!(9110, "15.5.15"))
        .cacheable()
        .aliases(&[
            alias!("Request-URI Too Long", "RFC 2616; Apache httpd 2.4"),
            alias!("Request-URI Too Large", "RFC 2068"),
        ])
        .about(
            t!("The target URI is longer than the server will read."),
            t!(
                "Often a redirect loop that keeps appending to the query, or a form that should use ",
                "POST instead of GET. Shorten the URL."
            ),
        )
        .apache(
            t!("LimitRequestLine (default 8190 bytes)"),
            t!(
                "Raise LimitRequestLine only if long URLs are legitimate; check first for a rewrite ",
                "or redirect loop that grows the query string."
            ),
        ),
    Entry::registered(415, t!("Unsupported Media Type"), rfc!(9110, "15.5.16"))
        .relates(Header::Accept)
        .relates(Header::AcceptEncoding)
        .about(
            t!("The body's format or encoding is not one this resource accepts."),
            t!(
                "Check the Content-Type and Content-Encoding of the request. The server may list ",
                "what it accepts in Accept or Accept-Encoding."
            ),
        )
        .apache(
            t!("applications and back ends, mod_dav, mod_deflate input filter"),
            t!("Usually from the application; check the client's Content-Type header."),
        ),
    Entry::registered(416, t!("Range Not Satisfiable"), rfc!(9110, "15.5.17"))
        .requires(Header::ContentRange)
        .aliases(&[alias!(
            "Requested Range Not Satisfiable",
            "RFC 2616; Apache httpd 2.4"
        )])
        .about(
            t!("None of the requested byte ranges lies within the resource."),
            t!(
                "The client asked for a part of the file that does not exist, often after the file ",
                "shrank. Content-Range tells the current size; request the whole resource again."
            ),
        )
        .apache(
            t!("core byterange filter, default_handler"),
            t!("A resumed download of a file that has since changed; no server-side problem."),
        ),
    Entry::registered(417, t!("Expectation Failed"), rfc!(9110, "15.5.18"))
        .about(
            t!("The server cannot meet the Expect header of the request."),
            t!(
                "Only `Expect: 100-continue` is defined. Any other expectation, or one an ",
                "intermediary cannot honour, ends here; retry without the Expect header."
            ),
        )
        .apache(
            t!("core request parsing"),
            t!(
                "httpd answers 417 to any Expect value other than 100-continue. Old httpd versions ",
                "echoed the header into the page (CVE-2006-3918)."
            ),
        ),
    Entry::reserved(418, t!("I'm a teapot"), rfc!(9110, "15.5.19"))
        .aliases(&[
            alias!("(Unused)", "IANA registry"),
            alias!("I'm a Teapot", "RFC 7168"),
        ])
        .about(
            t!("An April Fools' code from the coffee-pot protocol, reserved so it stays a joke."),
            t!(
                "RFC 2324 let a teapot refuse to brew coffee. Many libraries implemented it for fun, ",
                "so the number is reserved rather than reused; some services send it to refuse ",
                "requests they consider automated."
            ),
        ),
    Entry::unofficial(419, t!("Page Expired"), t!("Laravel"))
        .about(
            t!("The form's CSRF token is missing or expired (Laravel)."),
            t!(
                "Laravel answers a form submission with it when the session that issued the CSRF ",
                "token has ended. Reload the page to get a fresh token."
            ),
        ),
    Entry::unofficial(420, t!("Enhance Your Calm"), t!("Twitter API v1"))
        .aliases(&[alias!("Method Failure", "Spring Framework")])
        .about(
            t!("Rate limited (old Twitter API); in Spring, a method failed."),
            t!(
                "Twitter's first search and trends APIs sent it to clients that made too many ",
                "requests; today such services use 429. Spring's WebDAV support used the same ",
                "number for a failed method."
            ),
        ),
    Entry::registered(421, t!("Misdirected Request"), rfc!(9110, "15.5.20"))
        .about(
            t!("This server is not the one that can answer for this host."),
            t!(
                "Typical with connection reuse: a client sent a request for one host over a ",
                "connection set up for another. Retry on a fresh connection."
            ),
        )
        .apache(
            t!("mod_ssl (SNI name differs from Host), mod_http2 connection reuse"),
            t!(
                "AH02032 means the TLS server name and the Host header pointed to different ",
                "virtual hosts with different TLS settings. Align certificates and vhost settings."
            ),
        ),
    Entry::registered(422, t!("Unprocessable Content"), rfc!(9110, "15.5.21"))
        .aliases(&[alias!("Unprocessable Entity", "RFC 4918; Apache httpd 2.4")])
        .about(
            t!("The body is well-formed, but its content fails validation."),
            t!(
                "Syntax and type are right, yet the instructions cannot be followed: a required ",
                "field is missing, a value is out of range. Fix the data and resend."
            ),
        ),
    Entry::registered(423, t!("Locked"), rfc!(4918, "11.3"))
        .about(
            t!("The resource is locked (WebDAV)."),
            t!(
                "Another client holds a lock on the resource. Wait, or supply the lock token in an ",
                "If header."
            ),
        )
        .apache(
            t!("mod_dav, mod_dav_fs lock database (DAVLockDB)"),
            t!("Stale locks can stay in DAVLockDB after a client crash; they expire with their timeout."),
        ),
    Entry::registered(424, t!("Failed Dependency"), rfc!(4918, "11.4"))
        .about(
            t!("The action depended on another action that failed (WebDAV)."),
            t!(
                "In a batch such as PROPPATCH, one failure makes the others fail too; find the ",
                "member with the primary error in the Multi-Status body."
            ),
        ),
    Entry::registered(425, t!("Too Early"), rfc!(8470, "5.2"))
        .aliases(&[alias!("Unordered Collection", "WebDAV ordered collections draft")])
        .about(
            t!("The server will not process a request that might be replayed (TLS early data)."),
            t!(
                "The request arrived as TLS 1.3 early data, which an attacker could replay. The ",
                "client should send it again after the handshake completes."
            ),
        ),
    Entry::registered(426, t!("Upgrade Required"), rfc!(9110, "15.5.22"))
        .requires(Header::Upgrade)
        .about(
            t!("Switch to the protocol named in Upgrade and try again."),
            t!(
                "The server refuses the request over the current protocol, for example plain ",
                "HTTP/1.1, and names an acceptable one in the Upgrade header."
            ),
        )
        .apache(
            t!("mod_ssl (SSLEngine optional with upgrade), Protocols"),
            t!("Rare with httpd; check the Protocols directive and clients that cannot upgrade."),
        ),
    Entry::registered(428, t!("Precondition Required"), rfc!(6585, "3"))
        .about(
            t!("This request must be conditional, e.g. carry If-Match."),
            t!(
                "The server prevents lost updates by refusing unconditional changes. Fetch the ",
                "resource, then send the change with its ETag in If-Match."
            ),
        ),
    Entry::registered(429, t!("Too Many Requests"), rfc!(6585, "4"))
        .relates(Header::RetryAfter)
        .about(
            t!("Rate limit reached; slow down."),
            t!(
                "The client sent too many requests in a period. Wait as long as Retry-After says ",
                "(or back off exponentially) before trying again."
            ),
        )
        .apache(
            t!("third-party modules (mod_evasive, mod_qos, mod_security), back ends behind mod_proxy"),
            t!(
                "Stock httpd has no request-rate limiter; find which module or back end applies the ",
                "limit and whether clients share one address behind NAT."
            ),
        ),
    Entry::unofficial(430, t!("Shopify Security Rejection"), t!("Shopify"))
        .aliases(&[alias!("Request Header Fields Too Large", "Shopify (before 431 existed)")])
        .about(
            t!("Shopify refused the request as potentially malicious."),
            t!(
                "Shopify's edge sends it for traffic that looks automated or abusive, and earlier ",
                "used it for oversized headers. Slow down and check the request's headers."
            ),
        ),
    Entry::registered(431, t!("Request Header Fields Too Large"), rfc!(6585, "5"))
        .about(
            t!("One header, or all of them together, is too large."),
            t!(
                "Often caused by piling up cookies. The client should drop or shrink the offending ",
                "fields, for example by clearing cookies for the site."
            ),
        )
        .apache(
            t!("back ends behind mod_proxy; httpd 2.4 itself answers 400 for over-long headers"),
            t!(
                "httpd applies LimitRequestFieldSize and LimitRequestFields with a 400; a 431 ",
                "comes from the back end. Check cookie sizes first."
            ),
        ),
    Entry::unofficial(440, t!("Login Time-out"), t!("Microsoft IIS"))
        .about(
            t!("The client's session expired; log in again (IIS)."),
            t!(
                "Microsoft IIS and Outlook Web Access send it when the session behind a request ",
                "has timed out."
            ),
        ),
    Entry::unofficial(444, t!("No Response"), t!("nginx"))
        .about(
            t!("nginx closed the connection without sending anything."),
            t!(
                "Only ever seen in nginx's own logs: `return 444` drops the connection, usually to ",
                "shed unwanted or malicious traffic. No client receives this code."
            ),
        ),
    Entry::unofficial(449, t!("Retry With"), t!("Microsoft IIS"))
        .about(
            t!("Resend the request with the information the server asked for (IIS)."),
            t!("A Microsoft extension: the server needs more data from the client before it can act."),
        ),
    Entry::unofficial(450, t!("Blocked by Windows Parental Controls"), t!("Microsoft"))
        .about(
            t!("Windows Parental Controls blocked this page."),
            t!("Sent by Microsoft's parental control filtering when the requested page is blocked."),
        ),
    Entry::registered(451, t!("Unavailable For Legal Reasons"), rfc!(7725, "3"))
        .cacheable()
        .relates(Header::Link)
        .aliases(&[alias!("Redirect", "Microsoft Exchange ActiveSync")])
        .about(
            t!("Access is denied because of a legal demand."),
            t!(
                "The resource exists, but a court order, law or similar obligation prevents the ",
                "server from providing it. A Link with rel=blocked-by can name who demanded it."
            ),
        )
        .apache(
            t!("Redirect 451, RewriteRule [R=451], applications"),
            t!("Comes from a configured rule or the application."),
        ),
    Entry::unofficial(460, t!("Client Closed Connection"), t!("AWS Elastic Load Balancing"))
        .about(
            t!("The client closed the connection before the load balancer's idle timeout ran out."),
            t!(
                "Logged by AWS load balancers when the client gave up before the target answered; ",
                "check client timeouts and slow targets."
            ),
        ),
    Entry::unofficial(
        463,
        t!("Too Many Forwarded Addresses"),
        t!("AWS Elastic Load Balancing"),
    )
    .about(
        t!("The X-Forwarded-For header lists too many addresses (AWS)."),
        t!(
            "AWS load balancers refuse requests whose X-Forwarded-For chain is longer than 30 ",
            "entries, which usually indicates a forwarding loop."
        ),
    ),
    Entry::unofficial(
        464,
        t!("Incompatible Protocol Versions"),
        t!("AWS Elastic Load Balancing"),
    )
    .about(
        t!("Client and target group use incompatible HTTP versions (AWS)."),
        t!(
            "An AWS load balancer could not pass a request between, for example, an HTTP/1.1 ",
            "client and a gRPC or HTTP/2-only target group."
        ),
    ),
    Entry::unofficial(494, t!("Request Header Too Large"), t!("nginx"))
        .about(
            t!("nginx found a request header larger than its buffers (nginx)."),
            t!(
                "nginx logs this before answering 400 when a header line exceeds ",
                "large_client_header_buffers."
            ),
        ),
    Entry::unofficial(495, t!("SSL Certificate Error"), t!("nginx"))
        .about(
            t!("The client certificate did not verify (nginx)."),
            t!("An nginx-internal code for a client certificate that failed verification."),
        ),
    Entry::unofficial(496, t!("SSL Certificate Required"), t!("nginx"))
        .about(
            t!("A client certificate is required but none was sent (nginx)."),
            t!("An nginx-internal code used when ssl_verify_client demands a certificate."),
        ),
    Entry::unofficial(497, t!("HTTP Request Sent to HTTPS Port"), t!("nginx"))
        .about(
            t!("Plain HTTP arrived on a port that expects TLS (nginx)."),
            t!("An nginx-internal code; point the client at https:// or the plain-HTTP port."),
        ),
    Entry::unofficial(498, t!("Invalid Token"), t!("Esri ArcGIS Server"))
        .about(
            t!("The access token is expired or invalid (ArcGIS)."),
            t!("ArcGIS Server rejects requests whose token has expired or is malformed; get a new token."),
        ),
    Entry::unofficial(499, t!("Client Closed Request"), t!("nginx"))
        .aliases(&[alias!("Token Required", "Esri ArcGIS Server")])
        .about(
            t!("The client went away before the server answered (nginx)."),
            t!(
                "nginx logs it when the client closes the connection while the request is still ",
                "being processed, often because an upstream is slow. ArcGIS uses the number to say ",
                "a token is required."
            ),
        ),
    // ----- 5xx ---------------------------------------------------------------------------
    Entry::registered(500, t!("Internal Server Error"), rfc!(9110, "15.6.1"))
        .about(
            t!("The server hit an unexpected problem and could not finish the request."),
            t!(
                "A generic failure on the server's side: a crashed script, a configuration error, ",
                "an unhandled exception. The client did nothing wrong; the details are in the ",
                "server's logs."
            ),
        )
        .apache(
            t!(
                "CGI and FastCGI scripts, .htaccess syntax errors, mod_rewrite loops ",
                "(LimitInternalRecursion), modules and handlers that fail"
            ),
            t!(
                "Look at the error log lines just before this one: AH01215 or 'End of script output ",
                "before headers' for scripts, 'Invalid command' for .htaccess, AH00124 for redirect ",
                "loops."
            ),
        ),
    Entry::registered(501, t!("Not Implemented"), rfc!(9110, "15.6.2"))
        .cacheable()
        .about(
            t!("The server does not support what the request needs, e.g. its method."),
            t!(
                "The server recognises no handler for this method on any resource, or cannot ",
                "decode a Transfer-Encoding the request uses."
            ),
        )
        .apache(
            t!("core (unknown methods, unsupported Transfer-Encoding)"),
            t!(
                "A method httpd does not know and no module handles gives 501. Check the client, ",
                "or enable the module (mod_dav for WebDAV methods)."
            ),
        ),
    Entry::registered(502, t!("Bad Gateway"), rfc!(9110, "15.6.3"))
        .about(
            t!("A gateway got an invalid answer from the server behind it."),
            t!(
                "The proxy reached the upstream server but its response was broken, cut off or ",
                "unreadable. The fault is upstream, not in the client's request."
            ),
        )
        .apache(
            t!("mod_proxy_http, mod_proxy_fcgi, mod_proxy_ajp, mod_proxy_uwsgi"),
            t!(
                "Look for AH01102 (error reading status line), AH01097 or AH01068 in the error log: ",
                "the back end closed the connection or sent malformed headers. Check the back end's ",
                "own log and ProxyTimeout."
            ),
        ),
    Entry::registered(503, t!("Service Unavailable"), rfc!(9110, "15.6.4"))
        .relates(Header::RetryAfter)
        .about(
            t!("The server cannot handle the request right now; try later."),
            t!(
                "Overload or maintenance. The condition is expected to pass; Retry-After may say ",
                "when. Clients should back off rather than retry at once."
            ),
        )
        .apache(
            t!("mod_proxy (back end unreachable, no balancer member), mod_proxy_balancer, maintenance rules"),
            t!(
                "AH00957 or AH01114 mean httpd could not connect to the back end: is it running and ",
                "listening where ProxyPass points? After a failure a worker stays disabled for its ",
                "retry= period."
            ),
        ),
    Entry::registered(504, t!("Gateway Timeout"), rfc!(9110, "15.6.5"))
        .aliases(&[alias!("Gateway Time-out", "RFC 2616")])
        .about(
            t!("A gateway waited too long for the server behind it."),
            t!(
                "The upstream server did not answer in time. The request may or may not have been ",
                "processed there; retry only if it is safe to repeat."
            ),
        )
        .apache(
            t!("mod_proxy (ProxyTimeout, Timeout, ProxyPass timeout=)"),
            t!(
                "The back end is slow or hung. Check its load and logs, and whether ProxyTimeout or ",
                "the worker's timeout= fits the slowest legitimate request."
            ),
        ),
    Entry::registered(505, t!("HTTP Version Not Supported"), rfc!(9110, "15.6.6"))
        .aliases(&[alias!("HTTP Version not supported", "RFC 2616")])
        .about(
            t!("The server refuses the HTTP major version the request used."),
            t!("Usually a broken or very old client; send HTTP/1.1 or newer."),
        )
        .apache(
            t!("core request parsing (HttpProtocolOptions)"),
            t!("HttpProtocolOptions Strict refuses odd version strings; check the client's request line."),
        ),
    Entry::registered(506, t!("Variant Also Negotiates"), rfc!(2295, "8.1"))
        .about(
            t!("Content negotiation is misconfigured: the chosen variant negotiates again."),
            t!(
                "Transparent negotiation led to a variant that is itself negotiable, a loop the ",
                "server refuses to follow. The fix is on the server."
            ),
        )
        .apache(
            t!("mod_negotiation (type maps, MultiViews)"),
            t!("A type-map variant points at another negotiated resource; point it at a concrete file."),
        ),
    Entry::registered(507, t!("Insufficient Storage"), rfc!(4918, "11.5"))
        .about(
            t!("The server has no room to store what the request needs (WebDAV)."),
            t!(
                "The disk or quota is full. The condition may pass once space is freed; the client ",
                "should not retry at once."
            ),
        )
        .apache(
            t!("mod_dav, mod_dav_fs"),
            t!("Check free space and quotas on the file system behind the DAV location."),
        ),
    Entry::registered(508, t!("Loop Detected"), rfc!(5842, "7.2"))
        .about(
            t!("An infinite loop was found while processing a Depth: infinity request (WebDAV)."),
            t!("The operation stopped because bindings make the collection tree cyclic."),
        )
        .apache(
            t!("mod_dav"),
            t!("Look for bindings or symbolic links that make the DAV tree loop."),
        ),
    Entry::unofficial(509, t!("Bandwidth Limit Exceeded"), t!("Apache httpd bandwidth modules, cPanel"))
        .about(
            t!("The site used up its traffic allowance (hosting panels)."),
            t!(
                "Sent by third-party Apache bandwidth modules on shared hosting (cPanel among ",
                "them) until the allowance resets or the plan is raised."
            ),
        )
        .apache(
            t!("third-party modules such as mod_bw or mod_cband; hosting control panels"),
            t!("Check the hosting panel's bandwidth limits for the site."),
        ),
    Entry::registered(510, t!("Not Extended"), rfc!(2774, "7"))
        .obsolete()
        .about(
            t!("The request must use an HTTP extension it did not declare (obsolete)."),
            t!(
                "Part of the HTTP Extension Framework, which was moved to historic status. Do not ",
                "send it in new software."
            ),
        ),
    Entry::registered(511, t!("Network Authentication Required"), rfc!(6585, "6"))
        .about(
            t!("Log in to the network first, e.g. on a captive portal."),
            t!(
                "Sent by hotspots and captive portals that intercept traffic until the user signs ",
                "in. The content usually links to the login page; origin servers must not use it."
            ),
        ),
    Entry::unofficial(520, t!("Web Server Returned an Unknown Error"), t!("Cloudflare"))
        .about(
            t!("The origin answered something Cloudflare could not use."),
            t!(
                "The origin's response was empty, unexpected or too large for Cloudflare. Check the ",
                "origin's error log at the time of the request."
            ),
        ),
    Entry::unofficial(521, t!("Web Server Is Down"), t!("Cloudflare"))
        .about(
            t!("Cloudflare could not connect: the origin refused the connection."),
            t!(
                "The origin is offline or a firewall blocks Cloudflare's addresses. Make sure the ",
                "server listens and allows those ranges."
            ),
        ),
    Entry::unofficial(522, t!("Connection Timed Out"), t!("Cloudflare"))
        .about(
            t!("Cloudflare's TCP connection to the origin timed out."),
            t!("The origin is overloaded or packets are dropped on the way; check load and firewalls."),
        ),
    Entry::unofficial(523, t!("Origin Is Unreachable"), t!("Cloudflare"))
        .about(
            t!("Cloudflare has no route to the origin."),
            t!("Often a wrong DNS record for the origin, or a network problem between the two."),
        ),
    Entry::unofficial(524, t!("A Timeout Occurred"), t!("Cloudflare"))
        .about(
            t!("The origin accepted the connection but did not answer in time."),
            t!(
                "Cloudflare connected but waited too long (100 s by default) for the HTTP response. ",
                "Long jobs should run in the background."
            ),
        ),
    Entry::unofficial(525, t!("SSL Handshake Failed"), t!("Cloudflare"))
        .about(
            t!("The TLS handshake between Cloudflare and the origin failed."),
            t!("Check the origin's TLS configuration, ciphers and SNI handling."),
        ),
    Entry::unofficial(526, t!("Invalid SSL Certificate"), t!("Cloudflare"))
        .about(
            t!("Cloudflare could not validate the origin's certificate."),
            t!("In strict mode the origin needs a valid, unexpired certificate for the host name."),
        ),
    Entry::unofficial(527, t!("Railgun Error"), t!("Cloudflare"))
        .obsolete()
        .about(
            t!("A Railgun connection to the origin failed (discontinued Cloudflare service)."),
            t!("Railgun linked Cloudflare and an origin; the service has been retired."),
        ),
    Entry::unofficial(529, t!("Site is overloaded"), t!("Qualys SSL Labs"))
        .about(
            t!("The service has too many requests to take this one."),
            t!("Qualys's SSL Labs API sends it when it is overloaded; retry later."),
        ),
    Entry::unofficial(530, t!("Site is frozen"), t!("Pantheon"))
        .aliases(&[alias!("Origin DNS Error", "Cloudflare (with a 1xxx error code)")])
        .about(
            t!("The site was frozen for inactivity (Pantheon); at Cloudflare, a 1xxx error."),
            t!(
                "Pantheon answers 530 for a site frozen after inactivity. Cloudflare uses 530 ",
                "together with one of its 1xxx error numbers, often a DNS problem at the origin."
            ),
        ),
    Entry::unofficial(540, t!("Temporarily Disabled"), t!("Shopify"))
        .about(
            t!("The endpoint has been switched off for a while (Shopify)."),
            t!("Shopify disables an API endpoint temporarily; retry later."),
        ),
    Entry::unofficial(561, t!("Unauthorized"), t!("AWS Elastic Load Balancing"))
        .about(
            t!("The identity provider refused the user during load balancer authentication (AWS)."),
            t!(
                "An AWS load balancer configured to authenticate users got an error from the ",
                "identity provider."
            ),
        ),
    Entry::unofficial(598, t!("Network Read Timeout Error"), t!("some HTTP proxies (informal)"))
        .about(
            t!("A proxy timed out reading from the network behind it (informal)."),
            t!("Some proxies use it to tell clients about a read timeout towards the origin."),
        ),
    Entry::unofficial(599, t!("Network Connect Timeout Error"), t!("some HTTP proxies (informal)"))
        .about(
            t!("A proxy timed out connecting to the network behind it (informal)."),
            t!("Some proxies use it to tell clients that connecting to the origin timed out."),
        ),
];
