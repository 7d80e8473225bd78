//! Where rendered bytes go: a growable `Vec<u8>`, or a caller's fixed buffer that
//! keeps what fits and counts what it would have needed (snprintf semantics).

use super::field::Field;
use super::format::Escape;

/// A value of a maintenance page that changes from request to request, for a
/// prepared document's holes (see [`Sink::maintenance_hole`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MaintenanceValue {
    /// The operator's message.
    Message,
    /// The seconds to the planned end (problem+json's `retry_after`).
    RetryAfter,
}

/// A destination for rendered bytes.
pub trait Sink {
    /// Appends `bytes`.
    fn put(&mut self, bytes: &[u8]);

    /// Called where the request value of `field` goes, escaped for `escape`. A
    /// sink that records a document to fill in later (see
    /// [`Prepared`](super::Prepared)) notes the hole and returns true, and the value
    /// is not written; every other sink keeps this default, false.
    #[inline]
    fn hole(&mut self, field: Field, escape: Escape) -> bool {
        let _ = (field, escape);
        false
    }

    /// Like [`hole`](Self::hole), for a value of a maintenance page (the
    /// operator's message, the seconds to the planned end).
    #[inline]
    fn maintenance_hole(&mut self, value: MaintenanceValue, escape: Escape) -> bool {
        let _ = (value, escape);
        false
    }

    /// Like [`hole`](Self::hole), for the operator's message (see
    /// `Context::with_message`).
    #[inline]
    fn message_hole(&mut self, escape: Escape) -> bool {
        let _ = escape;
        false
    }

    /// Appends a string.
    #[inline]
    fn put_str(&mut self, s: &str) {
        self.put(s.as_bytes());
    }

    /// Appends a number in decimal, without allocating.
    fn put_u16(&mut self, n: u16) {
        self.put_u64(u64::from(n));
    }

    /// Appends a number in decimal, without allocating (nor the formatting
    /// machinery, which costs hundreds of instructions).
    fn put_u64(&mut self, n: u64) {
        let mut digits = [0u8; 20];
        self.put(decimal(n, &mut digits));
    }
}

impl Sink for Vec<u8> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// Writes into a fixed buffer, dropping what does not fit, and counts the total.
#[derive(Debug)]
pub struct BufferSink<'a> {
    buf: &'a mut [u8],
    needed: usize,
}

impl<'a> BufferSink<'a> {
    /// A sink over `buf`.
    pub fn new(buf: &'a mut [u8]) -> Self {
        BufferSink { buf, needed: 0 }
    }

    /// Bytes the whole output needs (it fit if this is at most the buffer's length).
    pub fn needed(&self) -> usize {
        self.needed
    }

    /// True when everything fit.
    pub fn fits(&self) -> bool {
        self.needed <= self.buf.len()
    }

    /// The bytes written so far (all of the output if it fit).
    pub fn written(&self) -> &[u8] {
        &self.buf[..self.needed.min(self.buf.len())]
    }
}

impl Sink for BufferSink<'_> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        let start = self.needed.min(self.buf.len());
        let room = self.buf.len() - start;
        let n = bytes.len().min(room);
        self.buf[start..start + n].copy_from_slice(&bytes[..n]);
        self.needed += bytes.len();
    }
}

/// Counts bytes without storing them.
#[derive(Debug, Default)]
pub struct CountingSink(pub usize);

impl Sink for CountingSink {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
}

/// `n` in decimal ASCII digits, written at the end of `digits`.
pub fn decimal(mut n: u64, digits: &mut [u8; 20]) -> &[u8] {
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &digits[at..]
}
