//! A container count that the bytes left could hold, but whose elements are large in memory,
//! must not make the decoder reserve count x element size up front. A counting allocator
//! watches the largest single allocation.

#![allow(
    unsafe_code,
    reason = "a global allocator that counts, forwarding to System"
)]

use bytes::{BufMut, BytesMut};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use thrift_runtime::protocol::{ProtocolReader, ProtocolWriter, TType};
use thrift_runtime::{Protocol, ProtocolError, Thrift, deserialize};

struct Largest;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Largest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Largest = Largest;

/// 4 KiB in memory, as little as one byte (an empty struct) on the wire.
#[derive(Debug)]
struct Big(#[allow(dead_code, reason = "only its size matters")] [u8; 4096]);

impl Thrift for Big {
    const TTYPE: TType = TType::Struct;
    fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
        let s = w.write_struct_begin()?;
        w.write_field_stop();
        w.write_struct_end(s);
        Ok(())
    }
    fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError> {
        let s = r.read_struct_begin()?;
        while let Some((t, _)) = r.read_field_begin()? {
            r.skip(t)?;
        }
        r.read_struct_end(s);
        Ok(Big([0; 4096]))
    }
}

#[test]
fn a_count_that_fits_the_bytes_does_not_reserve_count_times_element_size() {
    // list<struct>, 8 M elements claimed, 8 MiB of bytes behind (1 byte each would fit),
    // but the first element is malformed (type id 0xff). Reserving by count alone would ask
    // for 8 M x 4 KiB = 32 GiB.
    let count = 8 << 20;
    let mut buf = BytesMut::with_capacity(count + 5);
    buf.put_u8(12);
    buf.put_i32(count as i32);
    buf.put_bytes(0xff, count);
    let bytes = buf.freeze();
    LARGEST.store(0, Ordering::Relaxed);
    let err = deserialize::<Vec<Big>>(bytes, Protocol::Binary).unwrap_err();
    let largest = LARGEST.load(Ordering::Relaxed);
    assert!(err.to_string().contains("type id"), "{err}");
    assert!(
        largest <= 2 << 20,
        "largest allocation during decode: {largest} bytes"
    );
}
