//! A bump allocator over `memory.grow`: the module runs once per page, so nothing is ever freed.

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32::{memory_grow, memory_size};
use core::cell::Cell;

const PAGE: usize = 65536;

pub struct Bump {
    /// The next free address; 0 before the first allocation.
    next: Cell<usize>,
}

// SAFETY: wasm32 without threads: one thread touches the allocator.
unsafe impl Sync for Bump {}

impl Bump {
    pub const fn new() -> Self {
        Self { next: Cell::new(0) }
    }
}

// SAFETY: every block is new memory inside the grown memory, aligned as asked, never handed out twice.
unsafe impl GlobalAlloc for Bump {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let mut next = self.next.get();
        if next == 0 {
            next = memory_size(0) * PAGE;
        }
        let align = layout.align();
        let start = (next + align - 1) & !(align - 1);
        let Some(end) = start.checked_add(layout.size()) else {
            return core::ptr::null_mut();
        };
        let have = memory_size(0) * PAGE;
        if end > have {
            let pages = (end - have).div_ceil(PAGE);
            if memory_grow(0, pages) == usize::MAX {
                return core::ptr::null_mut();
            }
        }
        self.next.set(end);
        start as *mut u8
    }

    unsafe fn dealloc(&self, _: *mut u8, _: Layout) {}
}
