//! Where documents are rendered: uninitialized memory from the bucket allocator,
//! written without zeroing it first and handed to httpd without a copy.

use core::ffi::c_char;

use httpstatus::render::Sink;

use crate::sys;

/// Memory from a connection's bucket allocator that a document is rendered into
/// and then handed to httpd as a heap bucket, so the core output filter never
/// copies it (it would copy a transient bucket when it holds the response back).
/// As a [`Sink`] it keeps what fits and counts what the whole document needs
/// (snprintf semantics, like the library's `BufferSink`). Freed on drop unless
/// handed over.
pub(crate) struct BucketBuffer {
    ptr: *mut u8,
    capacity: usize,
    /// Bytes written at ptr so far: always initialized.
    len: usize,
    needed: usize,
}

impl BucketBuffer {
    /// `capacity` bytes from `alloc`.
    ///
    /// # Safety
    /// `alloc` must be a live bucket allocator (a connection's `bucket_alloc`).
    pub(crate) unsafe fn new(alloc: *mut sys::apr_bucket_alloc_t, capacity: usize) -> Self {
        // SAFETY: a live allocator (caller's duty); APR aborts rather than return
        // NULL when memory runs out.
        let ptr = unsafe { sys::apr_bucket_alloc(capacity, alloc) }.cast();
        BucketBuffer {
            ptr,
            capacity,
            len: 0,
            needed: 0,
        }
    }

    /// Bytes the whole output needs (it all fit if this is at most the capacity).
    pub(crate) fn needed(&self) -> usize {
        self.needed
    }

    /// Hands the memory over with the length written; whoever takes it frees it
    /// with `apr_bucket_free`.
    pub(crate) fn into_raw(self) -> (*mut c_char, usize) {
        let taken = (self.ptr.cast(), self.len);
        core::mem::forget(self);
        taken
    }
}

impl Sink for BucketBuffer {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        let n = bytes.len().min(self.capacity - self.len);
        // SAFETY: ptr has `capacity` bytes of which `len` are used, so n more fit;
        // the source is a live slice of at least n bytes that cannot overlap memory
        // this buffer owns.
        unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), self.ptr.add(self.len), n) };
        self.len += n;
        self.needed += bytes.len();
    }
}

impl Drop for BucketBuffer {
    fn drop(&mut self) {
        // SAFETY: allocated by apr_bucket_alloc and not handed over.
        unsafe { sys::apr_bucket_free(self.ptr.cast()) };
    }
}
