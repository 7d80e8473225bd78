//! Where documents are rendered: uninitialized memory from the bucket allocator,
//! handed to httpd without a copy, and written without zeroing it first.

use core::ffi::c_char;
use core::mem::MaybeUninit;

use httpstatus::render::Sink;

use crate::sys;

/// Keeps what fits of the output in `buf` and counts what the whole needed
/// (snprintf semantics, like the library's `BufferSink`).
pub(crate) struct UninitSink<'a> {
    buf: &'a mut [MaybeUninit<u8>],
    /// Bytes of `buf` written so far: always initialized.
    len: usize,
    needed: usize,
}

impl<'a> UninitSink<'a> {
    pub(crate) fn new(buf: &'a mut [MaybeUninit<u8>]) -> Self {
        UninitSink {
            buf,
            len: 0,
            needed: 0,
        }
    }

    /// Bytes the whole output needs.
    pub(crate) fn needed(&self) -> usize {
        self.needed
    }

    /// Bytes written into the buffer (initialized): all of the output if it fit.
    pub(crate) fn written(&self) -> usize {
        self.len
    }
}

impl Sink for UninitSink<'_> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        let n = bytes.len().min(self.buf.len() - self.len);
        let room = &mut self.buf[self.len..self.len + n];
        // SAFETY: `room` is n writable bytes of buf, `bytes` has at least n; a shared
        // and a mutable borrow never overlap. (A safe `write_copy_of_slice` needs Rust
        // 1.93; the module supports older toolchains.)
        unsafe {
            core::ptr::copy_nonoverlapping(bytes.as_ptr(), room.as_mut_ptr().cast::<u8>(), n);
        }
        self.len += n;
        self.needed += bytes.len();
    }
}

/// Memory from a connection's bucket allocator that a document is rendered into and
/// then handed to httpd as a heap bucket, so the core output filter never copies
/// it (it would copy a transient bucket when it holds the response back). Freed on
/// drop unless handed over.
pub(crate) struct BucketMemory {
    ptr: *mut MaybeUninit<u8>,
    capacity: usize,
}

impl BucketMemory {
    /// `capacity` bytes from `alloc`.
    ///
    /// # Safety
    /// `alloc` must be a live bucket allocator (a connection's `bucket_alloc`).
    pub(crate) unsafe fn new(alloc: *mut sys::apr_bucket_alloc_t, capacity: usize) -> Self {
        // SAFETY: a live allocator (caller's duty); APR aborts rather than return
        // NULL when memory runs out.
        let ptr = unsafe { sys::apr_bucket_alloc(capacity, alloc) }.cast();
        BucketMemory { ptr, capacity }
    }

    pub(crate) fn as_uninit(&mut self) -> &mut [MaybeUninit<u8>] {
        // SAFETY: `capacity` bytes at ptr belong to this value alone.
        unsafe { core::slice::from_raw_parts_mut(self.ptr, self.capacity) }
    }

    /// Hands the memory over; whoever takes it frees it with `apr_bucket_free`.
    pub(crate) fn into_raw(self) -> *mut c_char {
        let ptr = self.ptr.cast();
        core::mem::forget(self);
        ptr
    }
}

impl Drop for BucketMemory {
    fn drop(&mut self) {
        // SAFETY: allocated by apr_bucket_alloc and not handed over.
        unsafe { sys::apr_bucket_free(self.ptr.cast()) };
    }
}
