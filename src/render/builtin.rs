//! The built-in documents. Static parts are written as they are; every value from
//! the request context goes through the escaper for the format.

use super::context::Context;
use super::escape::{write_escaped, write_escaped_lines};
use super::field::Field;
use super::format::Escape;
use super::format::Format;
use super::link::is_linkable;
use super::maintenance::{Maintenance, put_maintenance_summary};
use super::sink::{MaintenanceValue, Sink};
use crate::lang::{Action, Language, Message};
use crate::registry::Reference;
use crate::registry::class::Kind;
use crate::registry::code::StatusCode;
use crate::registry::text::Text;

/// Renders the built-in document for `code` in `format` into `out`.
pub fn render(code: StatusCode, format: Format, ctx: &Context<'_>, out: &mut impl Sink) {
    match format {
        Format::Html => html(code, ctx, out),
        Format::Json => json(code, ctx, out),
        Format::Text => text(code, ctx, out),
    }
}

/// Renders the built-in document into a new `Vec` (convenience; allocates).
pub fn render_to_vec(code: StatusCode, format: Format, ctx: &Context<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    render(code, format, ctx, &mut out);
    out
}

// Self-contained: no external fonts, scripts or images. Light and dark themes,
// fluid type for phones, AA contrast in both themes. The request values keep
// their own direction (`plaintext`) but stand beside their labels, also in
// right-to-left pages; on a phone each value goes under its label, so an
// identifier gets the whole width rather than breaking.
const HTML_HEAD: &str = "\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"robots\" content=\"noindex\">\n<title>";
const HTML_STYLE: &str = "</title>\n<style>\n\
:root{color-scheme:light dark;--bg:#f4f5f7;--fg:#1b2130;--muted:#4f586b;--card:#fff;--line:#d9dde5;--accent:#1f5fbf}\n\
.c4{--accent:#a3470a}.c5{--accent:#b3202a}\n\
@media (prefers-color-scheme:dark){:root{--bg:#10131a;--fg:#e9ecf2;--muted:#aab2c3;--card:#191e27;--line:#2d3442;--accent:#7fb0ff}\
.c4{--accent:#ffae6b}.c5{--accent:#ff8a8f}}\n\
*{box-sizing:border-box}\n\
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:1rem;\
background:var(--bg);color:var(--fg);font:1rem/1.55 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}\n\
main{width:100%;max-width:40rem;background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:clamp(1.25rem,5vw,2.5rem)}\n\
h1{margin:0 0 1rem;font-size:clamp(1.4rem,4.5vw,1.9rem);line-height:1.2}\n\
h1 span{display:block;font-size:clamp(3rem,14vw,4.75rem);font-weight:800;letter-spacing:-.02em;color:var(--accent)}\n\
p{margin:0 0 1rem}.muted{color:var(--muted)}a{color:var(--accent)}a,code{unicode-bidi:isolate}\n\
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.3rem 1rem;margin:1.5rem 0 0;padding-top:1rem;border-top:1px solid var(--line);font-size:.9rem}\n\
dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere;unicode-bidi:plaintext;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}\n\
[dir=rtl] dd{text-align:right}\n\
@media (max-width:30rem){dl{grid-template-columns:minmax(0,1fr);gap:0}dd{margin-bottom:.5rem}}\n\
ul.actions{margin:0 0 1rem;padding-inline-start:1.25rem}ul.actions li{margin:.2rem 0}\n\
.site{margin:0 0 .75rem;font-weight:600;color:var(--muted);overflow-wrap:anywhere}\n\
footer{margin-top:1.5rem;font-size:.85rem;color:var(--muted)}\n\
.logo{display:block;max-height:3rem;max-width:100%}\n";
const HTML_STYLE_END: &str = "</style>\n</head>\n";

/// Writes a catalogue text, filling each `{placeholder}` with `fill`. Catalogue
/// texts are verbatim-safe (checked when the catalogues are compiled and by the
/// tests), so they are written as they are.
fn put_message(
    out: &mut impl Sink,
    language: Language,
    message: Message,
    fill: impl FnMut(&mut dyn FnMut(&[u8]), &str),
) {
    fill_placeholders(&mut |bytes| out.put(bytes), language.message(message), fill);
}

/// Writes `text` through `put`, calling `fill` for each `{name}` in it. A plain
/// byte scan: these texts are short, and a general string search costs more than
/// the scan (it runs several times for every page).
fn fill_placeholders(
    put: &mut dyn FnMut(&[u8]),
    text: Text,
    mut fill: impl FnMut(&mut dyn FnMut(&[u8]), &str),
) {
    let text = text.as_str();
    let bytes = text.as_bytes();
    let mut written = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'{' {
            if let Some(len) = bytes[at..].iter().position(|&b| b == b'}') {
                put(&bytes[written..at]);
                fill(&mut *put, &text[at + 1..at + len]);
                at += len + 1;
                written = at;
                continue;
            }
        }
        at += 1;
    }
    put(&bytes[written..]);
}

fn html(code: StatusCode, ctx: &Context<'_>, out: &mut impl Sink) {
    let language = ctx.language();
    out.put_str("<!DOCTYPE html>\n<html lang=\"");
    out.put_str(language.tag());
    out.put_str("\" dir=\"");
    out.put_str(language.dir());
    out.put_str(HTML_HEAD);
    let maintenance = ctx.maintenance();
    let visitor = language.visitor(code);
    match maintenance {
        Some(_) => out.put_str(language.message(Message::MaintenanceTitle).as_str()),
        None => ctx.write_status_line(code, out, Escape::Html, true),
    }
    let site = ctx.shown(Field::Site);
    if let Some(site) = site {
        out.put_str(" \u{2013} ");
        put_field(out, Field::Site, site, Escape::Html);
    }
    out.put_str(HTML_STYLE);
    if let Some(accent) = ctx.accent() {
        // Generated from checked colours: nothing in it needs escaping.
        accent.write_css(out);
        out.put_str("\n");
    }
    out.put_str(HTML_STYLE_END);
    out.put_str("<body class=\"c");
    out.put(&[b'0' + code.class() as u8]);
    out.put_str("\">\n<main>\n");
    match (ctx.shown(Field::Logo), site) {
        (Some(logo), _) => {
            // The site's name is the image's text (empty without one: a
            // decoration then).
            out.put_str("<p class=\"site\"><img class=\"logo\" src=\"");
            put_field(out, Field::Logo, logo, Escape::Html);
            out.put_str("\" alt=\"");
            if let Some(site) = site {
                put_field(out, Field::Site, site, Escape::Html);
            }
            out.put_str("\"></p>\n");
        }
        (None, Some(site)) => {
            out.put_str("<p class=\"site\">");
            put_field(out, Field::Site, site, Escape::Html);
            out.put_str("</p>\n");
        }
        (None, None) => {}
    }
    out.put_str("<h1><span>");
    out.put_u16(code.as_u16());
    out.put_str("</span> ");
    match maintenance {
        Some(maintenance) => {
            out.put_str(language.message(Message::MaintenanceTitle).as_str());
            out.put_str("</h1>\n");
            html_maintenance(out, language, maintenance);
        }
        None => {
            ctx.write_reason(code, out, Escape::Html, true);
            out.put_str("</h1>\n<p>");
            // An error tells the visitor what happened and what they can do; the
            // registry's summary, for developers, joins the details.
            match visitor {
                Some((text, actions)) => {
                    out.put_str(text.as_str());
                    out.put_str("</p>\n");
                    html_message(out, ctx);
                    html_actions(out, language, actions, ctx);
                }
                None => {
                    out.put_str(language.summary(code).as_str());
                    out.put_str("</p>\n");
                    html_message(out, ctx);
                    html_actions(out, language, &[], ctx);
                }
            }
        }
    }
    if let Some(location) = ctx.get(Field::Location) {
        out.put_str("<p>");
        put_message(out, language, Message::AvailableAt, |put, _| {
            html_link(&mut SinkFn(put), location)
        });
        out.put_str("</p>\n");
    }
    if let Some(notes) = ctx.get(Field::Notes) {
        // Other modules' words, in English and left to right, line breaks kept.
        out.put_str(if language == Language::ENGLISH {
            "<p style=\"white-space:pre-line\">"
        } else {
            "<p lang=\"en\" dir=\"ltr\" style=\"white-space:pre-line\">"
        });
        write_escaped(out, notes, Escape::Html);
        out.put_str("</p>\n");
    }
    if !ctx.alternatives().is_empty() {
        out.put_str("<p>");
        out.put_str(language.message(Message::AvailableVersions).as_str());
        out.put_str("</p>\n<ul>\n");
        for alt in ctx.alternatives() {
            out.put_str("<li>");
            html_link(out, alt.href);
            if !alt.note.is_empty() {
                out.put_str(" <span class=\"muted\">");
                write_escaped(out, alt.note, Escape::Html);
                out.put_str("</span>");
            }
            out.put_str("</li>\n");
        }
        out.put_str("</ul>\n");
    }
    if ctx.details {
        if visitor.is_some() && maintenance.is_none() {
            out.put_str("<p class=\"muted\">");
            out.put_str(language.summary(code).as_str());
            out.put_str("</p>\n");
        }
        out.put_str("<p class=\"muted\">");
        out.put_str(language.description(code).as_str());
        out.put_str("</p>\n");
        if let Some(r) = code.reference() {
            out.put_str("<p class=\"muted\">");
            put_message(out, language, Message::DefinedIn, |put, _| {
                put(b"<a href=\"");
                put(r.url.as_str().as_bytes());
                put(b"\" rel=\"noreferrer\">");
                put_citation(put, language, r);
                put(b"</a>");
            });
            out.put_str("</p>\n");
        } else if let Some(origin) = code.origin() {
            out.put_str("<p class=\"muted\">");
            put_message(out, language, Message::UnofficialUsedBy, |put, _| {
                put(origin.as_str().as_bytes())
            });
            out.put_str("</p>\n");
        }
    }
    if LABELLED.iter().any(|(f, _)| ctx.get(*f).is_some()) {
        out.put_str("<dl>\n");
        for (field, label) in LABELLED {
            if let Some(v) = ctx.get(field) {
                out.put_str("<dt>");
                out.put_str(language.message(label).as_str());
                out.put_str("</dt><dd>");
                put_field(out, field, v, Escape::Html);
                out.put_str("</dd>\n");
            }
        }
        out.put_str("</dl>\n");
    }
    if let Some(server) = ctx.get(Field::Server) {
        out.put_str("<footer>");
        put_field(out, Field::Server, server, Escape::Html);
        out.put_str("</footer>\n");
    }
    out.put_str("</main>\n</body>\n</html>\n");
}

/// What the visitor can do, as a list; the home page link only where the page
/// has a home to link to.
fn html_actions(out: &mut impl Sink, language: Language, actions: &[Action], ctx: &Context<'_>) {
    let home = ctx.shown(Field::Home);
    let contact = ctx.shown(Field::Contact);
    // A contact given for the page is offered even where the code's own list
    // does not suggest it (a 503's, say).
    let extra_contact = contact.is_some() && !actions.contains(&Action::Contact);
    let shows = |a: &Action| *a != Action::Home || home.is_some();
    let links = ctx.links().iter().filter(|l| is_linkable(l.href));
    if !actions.iter().any(shows) && !extra_contact && links.clone().next().is_none() {
        return;
    }
    out.put_str("<ul class=\"actions\">\n");
    let listed = actions.iter().copied().filter(shows);
    let appended = extra_contact.then_some(Action::Contact);
    for action in listed.chain(appended) {
        let link = match action {
            Action::Home => home.map(|h| (Field::Home, h)),
            Action::Contact => contact.map(|c| (Field::Contact, c)),
            _ => None,
        };
        out.put_str("<li>");
        if let Some((field, target)) = link {
            out.put_str("<a href=\"");
            put_field(out, field, target, Escape::Html);
            out.put_str("\">");
        }
        out.put_str(language.message(action.message()).as_str());
        if link.is_some() {
            out.put_str("</a>");
        }
        out.put_str("</li>\n");
    }
    for link in links {
        out.put_str("<li><a href=\"");
        write_escaped(out, link.href, Escape::Html);
        out.put_str("\">");
        write_escaped(out, link.label, Escape::Html);
        out.put_str("</a></li>\n");
    }
    out.put_str("</ul>\n");
}

/// The operator's own sentence, line breaks kept.
fn html_message(out: &mut impl Sink, ctx: &Context<'_>) {
    if let Some(message) = ctx.message() {
        out.put_str("<p style=\"white-space:pre-line\">");
        if !out.message_hole(Escape::Html) {
            write_escaped(out, message, Escape::Html);
        }
        out.put_str("</p>\n");
    }
}

/// The maintenance page's sentences: the operator's message (its line breaks
/// kept) or the built-in one, then when the site should be back.
fn html_maintenance(out: &mut impl Sink, language: Language, maintenance: Maintenance<'_>) {
    match maintenance.message {
        Some(message) => {
            out.put_str("<p style=\"white-space:pre-line\">");
            if !out.maintenance_hole(MaintenanceValue::Message, Escape::Html) {
                write_escaped(out, message, Escape::Html);
            }
        }
        None => {
            out.put_str("<p>");
            out.put_str(language.message(Message::MaintenanceSummary).as_str());
        }
    }
    out.put_str("</p>\n");
    if let Some(back) = maintenance.back() {
        out.put_str("<p>");
        out.put_str(language.message(back).as_str());
        out.put_str("</p>\n");
    }
}

/// Writes a code's citation in `language`: an RFC section through the
/// catalogue's wording, any other citation (and every English one) as it is.
fn put_citation(put: &mut dyn FnMut(&[u8]), language: Language, reference: Reference) {
    match reference.rfc_section {
        Some((number, section)) if language != Language::ENGLISH => {
            let wording = language.message(Message::RfcSection);
            fill_placeholders(put, wording, |put, name| {
                put(if name == "number" {
                    number.as_str().as_bytes()
                } else {
                    section.as_str().as_bytes()
                })
            });
        }
        _ => put(reference.citation.as_str().as_bytes()),
    }
}

/// The request values both the page and the text document show with a label.
const LABELLED: [(Field, Message); 4] = [
    (Field::Method, Message::Method),
    (Field::Path, Message::Path),
    (Field::RequestId, Message::RequestId),
    (Field::Date, Message::Date),
];

/// Writes a request value, or leaves a hole for it when `out` records.
fn put_field(out: &mut impl Sink, field: Field, value: &[u8], escape: Escape) {
    if !out.hole(field, escape) {
        write_escaped(out, value, escape);
    }
}

/// A sink over a closure, to write a link into a message's placeholder.
struct SinkFn<'f>(&'f mut dyn FnMut(&[u8]));

impl Sink for SinkFn<'_> {
    fn put(&mut self, bytes: &[u8]) {
        (self.0)(bytes)
    }
}

/// A link to `target` showing the target itself, or only the text when following
/// it would not be safe.
fn html_link(out: &mut impl Sink, target: &[u8]) {
    if is_linkable(target) {
        out.put_str("<a href=\"");
        write_escaped(out, target, Escape::Html);
        out.put_str("\">");
        write_escaped(out, target, Escape::Html);
        out.put_str("</a>");
    } else {
        out.put_str("<code>");
        write_escaped(out, target, Escape::Html);
        out.put_str("</code>");
    }
}

/// `,\n  "name": "` — what opens every member after the first.
fn json_key(out: &mut impl Sink, name: &str) {
    out.put_str(",\n  \"");
    out.put_str(name);
    out.put_str("\": \"");
}

fn json_member(out: &mut impl Sink, field: Field, name: &str, value: &[u8]) {
    json_key(out, name);
    put_field(out, field, value, Escape::Json);
    out.put_str("\"");
}

/// A member whose value is registry prose: verbatim-safe in a JSON string (checked
/// at compile time), so it skips the escaper.
fn json_registry_member(out: &mut impl Sink, name: &str, value: Text) {
    json_key(out, name);
    out.put_str(value.as_str());
    out.put_str("\"");
}

fn json(code: StatusCode, ctx: &Context<'_>, out: &mut impl Sink) {
    // RFC 9457: "type" identifies the problem; the defining section of the status
    // code is the best identifier we have, "about:blank" otherwise.
    out.put_str("{\n  \"type\": \"");
    match code.reference() {
        Some(r) if code.kind() != Kind::Unassigned => out.put_str(r.url.as_str()),
        _ => out.put_str("about:blank"),
    }
    out.put_str("\",\n  \"title\": \"");
    ctx.write_reason(code, out, Escape::Json, true);
    out.put_str("\",\n  \"status\": ");
    out.put_u16(code.as_u16());
    let language = ctx.language();
    match ctx.maintenance() {
        Some(maintenance) => {
            if let Some(seconds) = maintenance.retry_after {
                out.put_str(",\n  \"retry_after\": ");
                if !out.maintenance_hole(MaintenanceValue::RetryAfter, Escape::Raw) {
                    out.put_u64(seconds);
                }
            }
            json_key(out, "detail");
            put_maintenance_summary(out, language, maintenance, Escape::Json, " ");
            out.put_str("\"");
        }
        None => match ctx.message() {
            Some(message) => {
                json_key(out, "detail");
                if !out.message_hole(Escape::Json) {
                    write_escaped(out, message, Escape::Json);
                }
                out.put_str("\"");
            }
            None => json_registry_member(out, "detail", language.summary(code)),
        },
    }
    if let Some(path) = ctx.get(Field::Path) {
        json_member(out, Field::Path, "instance", path);
    }
    if let Some(id) = ctx.get(Field::RequestId) {
        json_member(out, Field::RequestId, "request_id", id);
    }
    if let Some(method) = ctx.get(Field::Method) {
        json_member(out, Field::Method, "method", method);
    }
    if let Some(location) = ctx.get(Field::Location) {
        json_member(out, Field::Location, "location", location);
    }
    if let Some(date) = ctx.get(Field::Date) {
        json_member(out, Field::Date, "date", date);
    }
    if let Some(notes) = ctx.get(Field::Notes) {
        json_member(out, Field::Notes, "notes", notes);
    }
    if !ctx.alternatives().is_empty() {
        out.put_str(",\n  \"alternatives\": [");
        for (i, alt) in ctx.alternatives().iter().enumerate() {
            out.put_str(if i == 0 {
                "\n    {\"href\": \""
            } else {
                ",\n    {\"href\": \""
            });
            write_escaped(out, alt.href, Escape::Json);
            out.put_str("\", \"note\": \"");
            write_escaped(out, alt.note, Escape::Json);
            out.put_str("\"}");
        }
        out.put_str("\n  ]");
    }
    if ctx.details {
        json_registry_member(out, "description", language.description(code));
        if let Some(r) = code.reference() {
            json_key(out, "reference");
            put_citation(&mut |bytes| out.put(bytes), language, r);
            out.put_str("\"");
        }
        if let Some(origin) = code.origin() {
            json_registry_member(out, "origin", origin);
        }
    }
    out.put_str("\n}\n");
}

fn text(code: StatusCode, ctx: &Context<'_>, out: &mut impl Sink) {
    let language = ctx.language();
    ctx.write_status_line(code, out, Escape::Text, true);
    out.put_str("\n\n");
    match ctx.maintenance() {
        Some(maintenance) => {
            out.put_str(language.message(Message::MaintenanceTitle).as_str());
            out.put_str("\n\n");
            put_maintenance_summary(out, language, maintenance, Escape::Text, "\n");
        }
        None => {
            out.put_str(language.summary(code).as_str());
            if let Some(message) = ctx.message() {
                out.put_str("\n\n");
                if !out.message_hole(Escape::Text) {
                    write_escaped_lines(out, message, Escape::Text);
                }
            }
        }
    }
    out.put_str("\n");
    if let Some(location) = ctx.get(Field::Location) {
        out.put_str(language.message(Message::Location).as_str());
        out.put_str(": ");
        write_escaped(out, location, Escape::Text);
        out.put_str("\n");
    }
    if let Some(notes) = ctx.get(Field::Notes) {
        out.put_str("\n");
        write_escaped_lines(out, notes, Escape::Text);
        out.put_str("\n");
    }
    if !ctx.alternatives().is_empty() {
        out.put_str("\n");
        out.put_str(language.message(Message::AvailableVersions).as_str());
        out.put_str("\n");
        for alt in ctx.alternatives() {
            out.put_str("  ");
            write_escaped(out, alt.href, Escape::Text);
            if !alt.note.is_empty() {
                out.put_str("  (");
                write_escaped(out, alt.note, Escape::Text);
                out.put_str(")");
            }
            out.put_str("\n");
        }
    }
    if ctx.details {
        out.put_str("\n");
        out.put_str(language.description(code).as_str());
        out.put_str("\n");
        if let Some(r) = code.reference() {
            put_message(out, language, Message::DefinedIn, |put, _| {
                put_citation(put, language, r);
                put(b" <");
                put(r.url.as_str().as_bytes());
                put(b">");
            });
            out.put_str("\n");
        } else if let Some(origin) = code.origin() {
            put_message(out, language, Message::UnofficialUsedBy, |put, _| {
                put(origin.as_str().as_bytes())
            });
            out.put_str("\n");
        }
    }
    let mut first = true;
    for (field, label) in LABELLED {
        if let Some(v) = ctx.get(field) {
            if first {
                out.put_str("\n");
                first = false;
            }
            out.put_str(language.message(label).as_str());
            out.put_str(": ");
            put_field(out, field, v, Escape::Text);
            out.put_str("\n");
        }
    }
    if let Some(server) = ctx.get(Field::Server) {
        out.put_str("\n");
        put_field(out, Field::Server, server, Escape::Text);
        out.put_str("\n");
    }
}
