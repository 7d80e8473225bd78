//! Built-in documents prepared once and filled in per request. Most of a built-in
//! document depends only on the code, the format, the language and which request
//! values it shows; a prepared document keeps that part as rendered text with
//! holes where the values go, so a request costs a few copies and the escaping of
//! its own values instead of a whole render.

use super::accent::Accent;
use super::builtin::render;
use super::context::Context;
use super::escape::write_escaped;
use super::escape::write_escaped_lines;
use super::field::Field;
use super::format::Escape;
use super::format::Format;
use super::sink::{MaintenanceValue, Sink};
use crate::lang::{Language, Message};
use crate::registry::code::StatusCode;

/// The request values a prepared document can hold holes for: those the built-in
/// documents show the same way whatever their value.
const HOLE_FIELDS: [Field; 9] = [
    Field::Method,
    Field::Path,
    Field::RequestId,
    Field::Server,
    Field::Date,
    Field::Home,
    Field::Site,
    Field::Contact,
    Field::Logo,
];

/// The values a site's scope fixes (its name, home page, contact and logo): a
/// document prepared for one scope has them written in, with the operator's
/// message and links (see [`Prepared::for_scope`]).
const SCOPE_FIELDS: [Field; 4] = [Field::Home, Field::Site, Field::Contact, Field::Logo];

/// Everything about a context that shapes its document except the values
/// themselves: contexts of one shape get the same document with other values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shape {
    /// Which of HOLE_FIELDS are set, one bit each.
    present: u16,
    details: bool,
    language: Language,
    /// For a maintenance page: whether it has the operator's message, and the
    /// sentence saying when the site is back.
    maintenance: Option<(bool, Option<Message>)>,
    /// Whether the page has the operator's own sentence.
    message: bool,
    /// The site's accent (a prepared page per accent in use).
    accent: Option<Accent>,
    /// Prepared for one scope, its values written in: never the shape of a
    /// context (whose scope values may differ).
    scope: bool,
}

impl Shape {
    /// The shape of `ctx`; None when its document cannot be prepared because values
    /// change more than their holes (a location is linked only when safe, notes
    /// and alternatives add paragraphs, a phrase override changes the title).
    /// Those are rare and rendered directly.
    #[inline]
    pub fn of(ctx: &Context<'_>) -> Option<Shape> {
        Shape::shaping(ctx, false)
    }

    /// The shape of `ctx` for [`Shape::of`], or for a document of its scope
    /// (whose links are written in).
    #[inline]
    fn shaping(ctx: &Context<'_>, scope: bool) -> Option<Shape> {
        if ctx.get(Field::Location).is_some()
            || ctx.get(Field::Notes).is_some()
            || !ctx.alternatives().is_empty()
            || ctx.has_reason()
            || (!scope && !ctx.links().is_empty())
        {
            return None;
        }
        let mut present = 0;
        for (bit, field) in HOLE_FIELDS.into_iter().enumerate() {
            if ctx.shown(field).is_some() {
                present |= 1 << bit;
            }
        }
        Some(Shape {
            present,
            details: ctx.details,
            language: ctx.language(),
            maintenance: ctx.maintenance().map(|m| (m.message.is_some(), m.back())),
            message: ctx.message().is_some(),
            accent: ctx.accent(),
            scope,
        })
    }
}

/// A context with its shape, worked out once: finding a prepared document and
/// filling it in then need not look at the context's fields twice.
#[derive(Clone, Copy, Debug)]
pub struct Shaped<'c, 'a> {
    ctx: &'c Context<'a>,
    shape: Shape,
}

impl<'c, 'a> Shaped<'c, 'a> {
    /// `ctx` with its [`Shape`]; None when it has none.
    #[inline]
    pub fn of(ctx: &'c Context<'a>) -> Option<Shaped<'c, 'a>> {
        Some(Shaped {
            ctx,
            shape: Shape::of(ctx)?,
        })
    }

    /// The shape of the context.
    pub fn shape(self) -> Shape {
        self.shape
    }

    /// The context itself.
    pub fn context(self) -> &'c Context<'a> {
        self.ctx
    }
}

/// Where a request value goes in a prepared document.
#[derive(Clone, Copy, Debug)]
struct Hole {
    /// Offset in the prepared text.
    at: usize,
    fill: Fill,
    escape: Escape,
}

/// What goes into a hole.
#[derive(Clone, Copy, Debug)]
enum Fill {
    Field(Field),
    Maintenance(MaintenanceValue),
    Message,
}

/// A built-in document rendered once for a code, format and [`Shape`], to be
/// filled in with the values of any context of that shape. The output is byte
/// for byte what [`render`](super::render) writes for the same context.
#[derive(Clone, Debug)]
pub struct Prepared {
    text: Box<[u8]>,
    holes: Box<[Hole]>,
    code: StatusCode,
    format: Format,
    shape: Shape,
}

impl Prepared {
    /// Prepares the document for `code` in `format` for contexts shaped like `ctx`
    /// (its values are not kept). None when `ctx` has no [`Shape`].
    pub fn new(code: StatusCode, format: Format, ctx: &Context<'_>) -> Option<Prepared> {
        Prepared::recording(code, format, ctx, false)
    }

    /// Prepares the document for `code` in `format` of `ctx`'s scope: its name,
    /// home page, contact, logo, message and links are written in as `ctx` has
    /// them, and only the request's own values (method, path, request id, server,
    /// date, a maintenance message and delay) are left to [`fill`](Self::fill).
    /// The caller keeps one such document per scope: nothing in a context tells
    /// which scope it belongs to, so [`render`](Self::render) renders in full.
    /// None when `ctx`'s document cannot be prepared (see [`Shape::of`]; links
    /// are allowed here).
    pub fn for_scope(code: StatusCode, format: Format, ctx: &Context<'_>) -> Option<Prepared> {
        Prepared::recording(code, format, ctx, true)
    }

    fn recording(
        code: StatusCode,
        format: Format,
        ctx: &Context<'_>,
        scope: bool,
    ) -> Option<Prepared> {
        let shape = Shape::shaping(ctx, scope)?;
        let mut recorder = Recorder {
            scope,
            ..Recorder::default()
        };
        render(code, format, ctx, &mut recorder);
        Some(Prepared {
            text: recorder.text.into_boxed_slice(),
            holes: recorder.holes.into_boxed_slice(),
            code,
            format,
            shape,
        })
    }

    /// The shape of the contexts this document is for.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// Writes the document with `ctx`'s values. A context of another shape is
    /// rendered in full instead, so the output is always `render`'s.
    pub fn render(&self, ctx: &Context<'_>, out: &mut impl Sink) {
        match Shaped::of(ctx) {
            Some(shaped) => self.render_shaped(shaped, out),
            None => render(self.code, self.format, ctx, out),
        }
    }

    /// [`render`](Self::render) for a context whose shape is already known.
    pub fn render_shaped(&self, shaped: Shaped<'_, '_>, out: &mut impl Sink) {
        let ctx = shaped.ctx;
        if shaped.shape != self.shape {
            render(self.code, self.format, ctx, out);
            return;
        }
        self.fill(ctx, out);
    }

    /// Writes the document with `ctx`'s values in its holes, trusting that `ctx`
    /// is of the document's shape (and, for [`for_scope`](Self::for_scope), of its
    /// scope): a value the document has no hole for is not shown, a hole without
    /// a value stays empty. [`render`](Self::render) checks first.
    pub fn fill(&self, ctx: &Context<'_>, out: &mut impl Sink) {
        let mut from = 0;
        for hole in &self.holes {
            out.put(&self.text[from..hole.at]);
            match hole.fill {
                Fill::Field(field) => {
                    if let Some(value) = ctx.get(field) {
                        write_escaped(out, value, hole.escape);
                    }
                }
                Fill::Message => {
                    if let Some(message) = ctx.message() {
                        write_escaped_lines(out, message, hole.escape);
                    }
                }
                Fill::Maintenance(value) => {
                    let maintenance = ctx.maintenance().unwrap_or_default();
                    match value {
                        MaintenanceValue::Message => {
                            if let Some(message) = maintenance.message {
                                write_escaped_lines(out, message, hole.escape);
                            }
                        }
                        MaintenanceValue::RetryAfter => {
                            out.put_u64(maintenance.retry_after.unwrap_or_default());
                        }
                    }
                }
            }
            from = hole.at;
        }
        out.put(&self.text[from..]);
    }
}

/// Records a document's text and where its values go.
#[derive(Default)]
struct Recorder {
    text: Vec<u8>,
    holes: Vec<Hole>,
    /// Writes the scope's values in rather than leaving holes for them.
    scope: bool,
}

impl Sink for Recorder {
    fn put(&mut self, bytes: &[u8]) {
        self.text.extend_from_slice(bytes);
    }

    fn hole(&mut self, field: Field, escape: Escape) -> bool {
        if self.scope && SCOPE_FIELDS.contains(&field) {
            return false;
        }
        self.holes.push(Hole {
            at: self.text.len(),
            fill: Fill::Field(field),
            escape,
        });
        true
    }

    fn message_hole(&mut self, escape: Escape) -> bool {
        if self.scope {
            return false;
        }
        self.holes.push(Hole {
            at: self.text.len(),
            fill: Fill::Message,
            escape,
        });
        true
    }

    fn maintenance_hole(&mut self, value: MaintenanceValue, escape: Escape) -> bool {
        self.holes.push(Hole {
            at: self.text.len(),
            fill: Fill::Maintenance(value),
            escape,
        });
        true
    }
}
