//! Memory, measured: a counting allocator for the unit-test binary, counting on a thread only
//! while `measured` runs it.

use proptest::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting what the current thread asks for while it is measured.
struct Counting;

#[global_allocator]
static COUNTING: Counting = Counting;

thread_local! {
    static MEASURING: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

fn allocated(size: usize) {
    let _ = MEASURING.try_with(|m| {
        if m.get() {
            LARGEST.set(LARGEST.get().max(size));
            let live = LIVE.get().saturating_add(size as isize);
            LIVE.set(live);
            PEAK.set(PEAK.get().max(live));
        }
    });
}

fn freed(size: usize) {
    let _ = MEASURING.try_with(|m| {
        if m.get() {
            LIVE.set(LIVE.get().saturating_sub(size as isize));
        }
    });
}

// SAFETY: every call is passed on to `System` unchanged; the counters are thread-local cells
// initialised by constants, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        allocated(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        allocated(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        freed(layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            freed(layout.size());
            allocated(new_size);
        }
        p
    }
}

/// What running `f` cost in memory: the largest single request and the peak of live bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cost {
    pub(crate) largest: usize,
    pub(crate) peak: isize,
}

pub(crate) fn measured<T>(f: impl FnOnce() -> T) -> (T, Cost) {
    LIVE.set(0);
    PEAK.set(0);
    LARGEST.set(0);
    MEASURING.set(true);
    let out = f();
    MEASURING.set(false);
    let cost = Cost {
        largest: LARGEST.get(),
        peak: PEAK.get(),
    };
    (out, cost)
}

/// What a reader may ask for, whatever the file: the generated files are at most a few
/// hundred kilobytes, and the rows kept are limited to 5,000 × 64 cells.
pub(crate) const MAX_REQUEST: usize = 64 << 20;
pub(crate) const MAX_PEAK: isize = 256 << 20;

pub(crate) fn modest(cost: Cost) -> Result<(), TestCaseError> {
    prop_assert!(
        cost.largest <= MAX_REQUEST && cost.peak <= MAX_PEAK,
        "the reader asked for {} bytes at once, {} at its peak",
        cost.largest,
        cost.peak
    );
    Ok(())
}
