//! The shared segment: anonymous shared memory the parent maps once in its life,
//! before any child forks, in which every child counts diagnostic lines per
//! virtual host and status (`mod_httpstatus_logic::layout` says what lies where,
//! `rate_limit` how the words are used).
//!
//! It is kept in httpd's retained data, so graceful and full restarts of the same
//! parent find it again and the children of every generation count in the same
//! words; a new parent makes a new one. Its size is fixed then: one block per
//! virtual host known at that moment, and one block that the hosts a later
//! restart adds share.

use core::ffi::{CStr, c_int};
use core::ptr;
use core::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use mod_httpstatus_logic::layout::{self, CODES, Layout};
use mod_httpstatus_logic::rate_limit::{Counter, Slot};

use crate::glue::c_bytes;
use crate::sys;

/// The key of the retained data; it names the layout's version, so a module of
/// another layout loaded by a restart makes its own segment.
const RETAINED_KEY: &CStr = c"mod_httpstatus segment v2";
const _: () = assert!(layout::VERSION == 2, "rename RETAINED_KEY with the version");

/// The segment as every process uses it: where it is mapped and its layout.
/// Lives in the retained data (never freed while the parent lives, inherited by
/// every child at the same address), so configuration records point at it.
/// A null base: no segment (a configuration test, the first pass at start-up).
#[derive(Clone, Copy)]
pub(crate) struct Segment {
    base: *mut u8,
    layout: Layout,
}

impl Segment {
    /// The atomic word at `offset`, which `layout` placed inside the segment.
    fn word(&self, offset: usize) -> Option<&AtomicU64> {
        if self.base.is_null() {
            return None;
        }
        debug_assert!(offset % 8 == 0 && offset + 8 <= self.layout.total);
        // SAFETY: the segment is `layout.total` bytes of anonymous shared memory
        // (MAP_SHARED), mapped by the parent before any fork, so every child
        // inherits the same pages at the same address, and never unmapped while a
        // process that holds a Segment runs; `offset` is inside it and a multiple
        // of 8 from a base make() checked to be 8-aligned; the kernel hands the
        // pages out zeroed, a valid AtomicU64 holding 0; no process ever reads or
        // writes these words except through atomic operations, so the concurrent
        // accesses of processes and threads are data-race free.
        Some(unsafe { AtomicU64::from_ptr(self.base.add(offset).cast()) })
    }

    /// The counters of `block` for the status at `code_index`.
    pub(crate) fn counter(&self, block: usize, code_index: usize) -> Option<Counter<'_>> {
        Some(Counter {
            slot: self.slot(block, code_index)?,
            block_pending: self.pending(block)?,
            suppressed: self.word(self.layout.suppressed(block, code_index)?)?,
        })
    }

    /// The response counters of `block`, one per status (at `StatusCode::index()`).
    /// `'static`: the segment outlives every configuration that points at it.
    pub(crate) fn responses(&self, block: usize) -> Option<&'static [AtomicU64; CODES]> {
        let offset = self.layout.response(block, 0)?;
        // The row's first word: also checks that there is a segment.
        self.word(offset)?;
        debug_assert!(offset + CODES * 8 <= self.layout.total);
        // SAFETY: CODES AtomicU64 words from `offset`, all inside the segment (the
        // layout placed the row in its region, checked by the layout's tests); the
        // mapping is never removed while a process that holds a Segment runs (the
        // parent keeps it in its global pool for its whole life, each child
        // inherits it), so 'static holds for every caller; the base is 8-aligned
        // and the kernel zeroed the pages; every access is atomic.
        Some(unsafe { &*self.base.add(offset).cast::<[AtomicU64; CODES]>() })
    }

    /// The running total of left-out lines of `block` for the status at `code_index`.
    pub(crate) fn suppressed(&self, block: usize, code_index: usize) -> Option<&AtomicU64> {
        self.word(self.layout.suppressed(block, code_index)?)
    }

    /// The count of documents written in format number `format`.
    pub(crate) fn documents(&self, format: usize) -> Option<&AtomicU64> {
        self.word(self.layout.document(format)?)
    }

    /// The slot of `block` for the status at `code_index`.
    pub(crate) fn slot(&self, block: usize, code_index: usize) -> Option<&Slot> {
        let offset = self.layout.log_slot(block, code_index)?;
        // The slot's first word: also checks that there is a segment.
        self.word(offset)?;
        debug_assert!(offset + size_of::<Slot>() <= self.layout.total);
        // SAFETY: a Slot is four AtomicU64 (repr(C), 8-aligned, SLOT_BYTES,
        // checked at compile time in layout), all inside the segment, which is
        // mapped for this process's life from a base checked to be 8-aligned;
        // the kernel zeroed it (a valid, empty Slot); every process reads and
        // writes slots only through their atomics, never through &mut.
        Some(unsafe { &*self.base.add(offset).cast::<Slot>() })
    }

    /// The word that says `block` has lines to summarise.
    pub(crate) fn pending(&self, block: usize) -> Option<&AtomicU64> {
        self.word(self.layout.log_pending(block)?)
    }

    pub(crate) fn layout(&self) -> Layout {
        self.layout
    }
}

/// What the parent keeps across restarts: httpd's retained data, zeroed memory
/// of its global pool, so every field is valid as zeros, meaning "not yet".
struct Retained {
    segment: Segment,
    /// The identities of the hosts the blocks were made for (block i for the
    /// i-th), leaked once per parent, as long-lived as the retained data.
    known: *const [Vec<u8>],
    /// This configuration's server for each block (NULL where none), in pconf;
    /// NULL between configurations.
    servers: *const *mut sys::server_rec,
    /// This configuration's main server.
    main: *mut sys::server_rec,
    /// The parent's pid: the pconf cleanup also runs in exiting children.
    parent: libc::pid_t,
}

/// Runs `f` on the retained data, made on the first call of this parent.
fn with_retained<R>(f: impl FnOnce(&mut Retained) -> R) -> R {
    // SAFETY: the key is a static C string; httpd returns NULL or the memory
    // made below for this key, which lives in the global pool.
    let found = unsafe { sys::ap_retained_data_get(RETAINED_KEY.as_ptr()) };
    let memory = if found.is_null() {
        // SAFETY: a static C string as the key; httpd allocates `size` zeroed
        // bytes in its global pool, aligned for any type, and keeps them.
        unsafe { sys::ap_retained_data_create(RETAINED_KEY.as_ptr(), size_of::<Retained>()) }
    } else {
        found
    };
    // SAFETY: zeroed or earlier-written memory of Retained's size and alignment,
    // for the life of the process; only the parent's hooks call this, one at a
    // time, and no reference to it outlives the call (children read their copy of
    // `segment` through a raw pointer, and never call this).
    f(unsafe { &mut *memory.cast::<Retained>() })
}

/// What post_config gives each server: the segment and its block.
pub(crate) struct Attach {
    /// True when this pass made the segment (the parent's first serving pass).
    pub(crate) made: bool,
    pub(crate) segment: *const Segment,
    /// One per server, in the order of httpd's list.
    pub(crate) blocks: Vec<u32>,
}

/// Whether this configuration pass serves requests: not the first read of the
/// configuration at start-up (which is thrown away) nor a configuration test.
fn serving_pass() -> bool {
    // SAFETY: ap_state_query only reads httpd's state.
    unsafe {
        sys::ap_state_query(sys::AP_SQ_MAIN_STATE as c_int) == sys::AP_SQ_MS_CREATE_CONFIG as c_int
            && sys::ap_state_query(sys::AP_SQ_RUN_MODE as c_int) == sys::AP_SQ_RM_NORMAL as c_int
    }
}

/// `post_config`: finds or makes the segment and gives each server its block.
/// Err with a message when the segment cannot be made (the server does not
/// start: a flood would otherwise write every line).
///
/// # Safety
/// `server` must be httpd's live list of servers and `pconf` its configuration
/// pool, in the parent's post_config.
pub(crate) unsafe fn attach(
    pconf: *mut sys::apr_pool_t,
    server: *mut sys::server_rec,
) -> Result<Option<Attach>, String> {
    if !serving_pass() {
        return Ok(None);
    }
    // SAFETY: a live list of servers (caller's duty).
    let servers = unsafe { server_list(server) };
    let identities: Vec<Vec<u8>> = servers
        .iter()
        // SAFETY: each a live server of the list.
        .map(|&s| unsafe { identity(s) })
        .collect();
    // SAFETY: the caller's duties, passed on.
    with_retained(|kept| unsafe { attach_retained(kept, pconf, server, &servers, identities) })
}

/// attach() on the retained data.
///
/// # Safety
/// As attach(); `servers` is the list from `server`.
unsafe fn attach_retained(
    kept: &mut Retained,
    pconf: *mut sys::apr_pool_t,
    server: *mut sys::server_rec,
    servers: &[*mut sys::server_rec],
    identities: Vec<Vec<u8>>,
) -> Result<Option<Attach>, String> {
    let made = kept.segment.base.is_null();
    if made {
        // SAFETY: plain calls into APR in the parent, before any child forks.
        unsafe { make(kept, identities.len())? };
        kept.known = Box::into_raw(identities.clone().into_boxed_slice());
        // SAFETY: getpid has no preconditions.
        kept.parent = unsafe { libc::getpid() };
    }
    let layout = kept.segment.layout;
    // SAFETY: leaked above by this parent and never freed.
    let known = unsafe { &*kept.known };
    let (blocks, sharing) = layout::assign_blocks(known, &identities, layout.shared_block());
    if sharing > 0 {
        let message = format!(
            "cause=log-limit-hosts added={sharing} note=\"virtual hosts configured since the \
             server started share one set of HttpStatusLogLimit counters until it is stopped \
             and started\"\0"
        );
        // SAFETY: a NUL-terminated message, logged with "%s", for the live main server.
        unsafe {
            sys::httpstatus_shim_log_server(
                server,
                sys::APLOG_NOTICE as c_int,
                message.as_ptr().cast(),
            )
        };
    }
    // The server whose log takes each block's summaries (the shared block's go to
    // the main server's).
    let count = layout.blocks;
    // SAFETY: a live pool (caller's duty), whose memory suits any alignment; the
    // array is filled with NULL first, and every block assign_blocks returns is
    // below layout.blocks.
    let table = unsafe {
        let table = sys::apr_palloc(pconf, count * size_of::<*mut sys::server_rec>())
            .cast::<*mut sys::server_rec>();
        for i in 0..count {
            table.add(i).write(ptr::null_mut());
        }
        for (&s, &block) in servers.iter().zip(&blocks) {
            let entry = table.add(block);
            if block != layout.shared_block() && (*entry).is_null() {
                *entry = s;
            }
        }
        table
    };
    kept.servers = table;
    kept.main = server;
    Ok(Some(Attach {
        made,
        segment: &raw const kept.segment,
        blocks: blocks.iter().map(|&b| b as u32).collect(),
    }))
}

/// Maps the segment for `hosts` virtual hosts and writes its header.
///
/// # Safety
/// In the parent, before any child forks.
unsafe fn make(kept: &mut Retained, hosts: usize) -> Result<(), String> {
    let layout = Layout::new(hosts).ok_or("too many virtual hosts for the log counters")?;
    let mut shm: *mut sys::apr_shm_t = ptr::null_mut();
    // SAFETY: anonymous shared memory (NULL file name) in httpd's global pool,
    // which lives as long as the parent and, copied by fork, each child.
    let status =
        unsafe { sys::apr_shm_create(&mut shm, layout.total, ptr::null(), sys::ap_pglobal) };
    if status != sys::APR_SUCCESS as sys::apr_status_t || shm.is_null() {
        return Err(format!(
            "cannot map {} bytes of anonymous shared memory for the log counters (APR status {status})",
            layout.total
        ));
    }
    // SAFETY: a segment just made.
    let base = unsafe { sys::apr_shm_baseaddr_get(shm) }.cast::<u8>();
    if base.is_null() || base.align_offset(8) != 0 {
        return Err("the log counters' shared memory is not 8-byte aligned".into());
    }
    // SAFETY: the header lies inside the new segment, 8-aligned; no other process
    // exists yet that could read it.
    unsafe {
        for (i, word) in layout.header_words().into_iter().enumerate() {
            base.cast::<u64>().add(i).write(word);
        }
    }
    kept.segment = Segment { base, layout };
    Ok(())
}

/// The servers of httpd's list, main server first.
///
/// # Safety
/// `server` must be a live list of servers.
pub(crate) unsafe fn server_list(server: *mut sys::server_rec) -> Vec<*mut sys::server_rec> {
    let mut list = Vec::new();
    let mut s = server;
    while !s.is_null() {
        list.push(s);
        // SAFETY: a live server of the list (caller's duty).
        s = unsafe { (*s).next };
    }
    list
}

/// What names a virtual host across restarts: main or virtual, its name and
/// port, and the addresses of its `<VirtualHost>` line.
///
/// # Safety
/// `s` must be a live server.
unsafe fn identity(s: *mut sys::server_rec) -> Vec<u8> {
    // SAFETY: a live server (caller's duty); its strings and address list are
    // configuration data of the same life.
    unsafe {
        let s = &*s;
        let mut id = format!("{}|{}|", s.is_virtual, s.port).into_bytes();
        id.extend_from_slice(c_bytes(s.server_hostname).unwrap_or(b"-"));
        let mut addr = s.addrs;
        while let Some(a) = addr.as_ref() {
            id.push(b'|');
            id.extend_from_slice(c_bytes(a.virthost).unwrap_or(b"-"));
            id.extend_from_slice(format!(":{}", a.host_port).as_bytes());
            addr = a.next;
        }
        id
    }
}

/// `name:port` of a server, for the summary line.
///
/// # Safety
/// `s` must be a live server.
pub(crate) unsafe fn label(s: *const sys::server_rec) -> Vec<u8> {
    // SAFETY: the caller's duty, passed on.
    unsafe { label_or_port(s, 0) }
}

/// `name:port` of a server; `fallback` when neither its name nor its addresses
/// give a port (the main server without a port in its ServerName).
///
/// # Safety
/// `s` must be a live server.
pub(crate) unsafe fn label_or_port(s: *const sys::server_rec, fallback: u16) -> Vec<u8> {
    // SAFETY: a live server (caller's duty): plain reads of configuration data.
    unsafe {
        let s = &*s;
        let port = match s.addrs.as_ref() {
            Some(a) if s.port == 0 => a.host_port,
            _ => s.port,
        };
        let mut buffer = [0u8; mod_httpstatus_logic::log_line::VHOST_BYTES];
        mod_httpstatus_logic::log_line::vhost(
            c_bytes(s.server_hostname),
            port,
            fallback,
            &mut buffer,
        )
        .to_vec()
    }
}

/// What the parent needs to write summaries now: the segment, each block's
/// server and the main server. None before the segment is made, between
/// configurations, and in a child.
pub(crate) struct Writers {
    pub(crate) segment: Segment,
    servers: *const *mut sys::server_rec,
    pub(crate) main: *mut sys::server_rec,
}

impl Writers {
    /// The server whose log takes `block`'s summaries (None: the shared block,
    /// or a host no longer configured: the main server's log, vhost "*").
    pub(crate) fn server(&self, block: usize) -> Option<*mut sys::server_rec> {
        if block >= self.segment.layout.blocks {
            return None;
        }
        // SAFETY: the table has one entry per block, allocated in this
        // configuration's pool, which is live while `servers` is set.
        let s = unsafe { *self.servers.add(block) };
        (!s.is_null()).then_some(s)
    }
}

/// Set in the summaries' ticker process (forked by the parent, see summaries.rs),
/// which writes summaries like the parent; children serving requests only count.
static IS_TICKER: AtomicBool = AtomicBool::new(false);

/// Marks this process as the summaries' ticker.
pub(crate) fn become_ticker() {
    IS_TICKER.store(true, Ordering::Relaxed);
}

pub(crate) fn writers() -> Option<Writers> {
    with_retained(|kept| {
        // SAFETY: getpid has no preconditions.
        let in_parent = kept.parent == unsafe { libc::getpid() };
        let writer = in_parent || IS_TICKER.load(Ordering::Relaxed);
        let ready = !kept.segment.base.is_null() && !kept.servers.is_null() && writer;
        ready.then_some(Writers {
            segment: kept.segment,
            servers: kept.servers,
            main: kept.main,
        })
    })
}

/// Forgets this configuration's servers (its pool is being cleared).
pub(crate) fn detach_servers() {
    with_retained(|kept| {
        kept.servers = ptr::null();
        kept.main = ptr::null_mut();
    });
}
