//! Error documents: built-in pages in three formats, `Accept` negotiation and
//! user templates. Rendering writes into a [`Sink`]; into a large-enough
//! [`BufferSink`] it performs no heap allocation.
//!
//! By job: `format` and `field` name what a document can be and show, `context`
//! carries one request's values (and `maintenance` what a page says while its
//! site is closed), `escape` and `link` make them safe, `sink` takes
//! the bytes; `builtin` and `template` write documents, `prepared` keeps built-in
//! ones for reuse, `negotiate` picks their format.

mod accent;
mod builtin;
mod context;
mod escape;
mod field;
mod format;
mod link;
mod maintenance;
mod negotiate;
mod prepared;
mod sink;
mod template;

pub use accent::{Accent, contrast};
pub use builtin::{render, render_to_vec};
pub use context::{Alternative, Context, Link};
pub use escape::{MAX_VALUE_BYTES, write_escaped};
pub use field::Field;
pub use format::{Escape, Format, FormatSet};
pub use link::{is_contact_link, is_linkable};
pub use maintenance::{Maintenance, back_in};
pub use negotiate::negotiate;
pub use prepared::{Prepared, Shape, Shaped};
pub use sink::{BufferSink, CountingSink, MaintenanceValue, Sink, decimal};
pub use template::{MAX_TEMPLATE_BYTES, Template, TemplateError, TemplateErrorKind};
