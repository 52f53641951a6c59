//! A file's content compared and hashed as it is read or written, a block at a time,
//! so that a save of a 200 MB data file never holds another copy of it (or
//! of a backup) in memory to find out whether they are the same. Only
//! regular files of at most [`super::MAX_FILE_BYTES`] are read.

use super::LoadError;
use super::fs_kind::open_checked;
use std::hash::BuildHasher;
use std::io::{Read, Write};
use std::path::Path;

/// How much of a file is read at a time: big enough that the system calls
/// cost nothing next to the copying, small enough to stay in the cache.
const BLOCK: usize = 1 << 20;

/// Whether the file at `path` holds exactly `bytes`. Any error reading it
/// (no file, not a regular file, too large) is "no".
pub fn holds(path: &Path, bytes: &[u8]) -> bool {
    let Ok((file, len)) = open_checked(path) else {
        return false;
    };
    if len != bytes.len() as u64 {
        return false;
    }
    let mut rest = bytes;
    let same = each_block(file, len, |block| {
        let (head, tail) = rest.split_at(block.len().min(rest.len()));
        rest = tail;
        head == block
    });
    same.unwrap_or(false) && rest.is_empty()
}

/// Whether the files at `a` and `b` hold the same bytes; any error
/// reading either is "no".
pub fn same(a: &Path, b: &Path) -> bool {
    let (Ok((first, len)), Ok((second, other))) = (open_checked(a), open_checked(b)) else {
        return false;
    };
    if len != other {
        return false;
    }
    let mut second = second.take(len);
    let mut theirs = vec![0; BLOCK.min(usize::try_from(len).unwrap_or(BLOCK))];
    let same = each_block(first, len, |block| {
        let Some(theirs) = theirs.get_mut(..block.len()) else {
            return false;
        };
        second.read_exact(theirs).is_ok() && theirs == block
    });
    same.unwrap_or(false)
}

/// The hash a [`super::Stamp`] keeps of a text: each block of [`BLOCK`]
/// bytes hashed on its own (foldhash, many times faster than SipHash on
/// 200 MB), the blocks' hashes folded in order, and the length last. A
/// text hashed whole ([`TextHash::of`]), read from a file or written to one
/// a block at a time gets the same hash.
pub struct TextHash {
    running: u64,
    len: u64,
}

/// The fixed seed of [`TextHash`]: a stamp is compared only with stamps
/// made by the same program.
const SEED: foldhash::quality::FixedState = foldhash::quality::FixedState::with_seed(0x5eed);

impl TextHash {
    pub fn new() -> TextHash {
        TextHash { running: 0, len: 0 }
    }

    /// The text's length and hash.
    pub fn of(bytes: &[u8]) -> (u64, u64) {
        let mut h = TextHash::new();
        for block in bytes.chunks(BLOCK) {
            h.block(block);
        }
        h.finish()
    }

    /// The next block: [`BLOCK`] bytes, but for the last.
    fn block(&mut self, block: &[u8]) {
        self.running = SEED.hash_one((self.running, SEED.hash_one(block)));
        self.len += block.len() as u64;
    }

    pub fn finish(self) -> (u64, u64) {
        (self.len, SEED.hash_one((self.running, self.len)))
    }
}

/// The length and [`TextHash`] of the file at `path`; `None` when there is
/// no file; any other failure to read it is an error.
pub fn hash_file(path: &Path) -> Result<Option<(u64, u64)>, LoadError> {
    let (file, len) = match open_checked(path) {
        Ok(opened) => opened,
        Err(LoadError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut hash = TextHash::new();
    let read = each_block(file, len, |block| {
        hash.block(block);
        true
    })
    .map_err(|reason| LoadError::Io {
        path: path.to_path_buf(),
        reason,
    })?;
    if !read {
        return Err(LoadError::Io {
            path: path.to_path_buf(),
            reason: std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the file changed while it was read",
            ),
        });
    }
    Ok(Some(hash.finish()))
}

/// A writer that hands its bytes on to `inner` in blocks of [`BLOCK`]
/// (a buffer, as `BufWriter` would be) and hashes them on the way.
pub struct Hashing<W: Write> {
    inner: W,
    buffer: Vec<u8>,
    hash: TextHash,
}

impl<W: Write> Hashing<W> {
    pub fn new(inner: W) -> Hashing<W> {
        Hashing {
            inner,
            buffer: Vec::with_capacity(BLOCK),
            hash: TextHash::new(),
        }
    }

    /// Writes what is left; the text's length and hash.
    pub fn finish(mut self) -> std::io::Result<(u64, u64)> {
        self.pass_on()?;
        Ok(self.hash.finish())
    }

    fn pass_on(&mut self) -> std::io::Result<()> {
        if !self.buffer.is_empty() {
            self.hash.block(&self.buffer);
            self.inner.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }
}

impl<W: Write> Write for Hashing<W> {
    /// The encoder writes a few bytes at a time: they go to the buffer
    /// without a loop or a call.
    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if bytes.len() < BLOCK - self.buffer.len() {
            self.buffer.extend_from_slice(bytes);
            return Ok(());
        }
        let mut rest = bytes;
        while !rest.is_empty() {
            let n = self.write(rest)?;
            rest = rest.get(n..).unwrap_or_default();
        }
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let room = BLOCK - self.buffer.len();
        let n = bytes.len().min(room);
        self.buffer
            .extend_from_slice(bytes.get(..n).unwrap_or_default());
        if self.buffer.len() == BLOCK {
            self.pass_on()?;
        }
        Ok(n)
    }

    /// Blocks are passed on whole (the hash depends on where they end);
    /// the rest goes with [`Hashing::finish`].
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Reads the file's `len` bytes a block at a time ([`BLOCK`] bytes each,
/// but the last), handing each to `each` until it says no; whether every
/// block was read and accepted, and the file had exactly `len` bytes.
fn each_block(
    file: std::fs::File,
    len: u64,
    mut each: impl FnMut(&[u8]) -> bool,
) -> std::io::Result<bool> {
    // One byte past `len`, to notice a file that grew meanwhile.
    let mut file = file.take(len.saturating_add(1));
    let mut block = vec![0; BLOCK];
    let mut total = 0u64;
    loop {
        let mut filled = 0;
        while filled < BLOCK {
            match file.read(block.get_mut(filled..).unwrap_or_default()) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        if filled == 0 {
            return Ok(total == len);
        }
        total += filled as u64;
        if total > len || !block.get(..filled).is_some_and(&mut each) {
            return Ok(false);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn file(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    proptest::proptest! {
        /// Compared block by block (blocks of 1 MiB: the texts straddle
        /// one), the answers are those of comparing whole texts, and the
        /// hash is that of the whole text.
        #[test]
        fn blocks_agree_with_whole_texts(
            a in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
            b in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
            pad in proptest::prop_oneof![proptest::strategy::Just(0usize), proptest::strategy::Just(BLOCK - 3)],
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut a_text = vec![b'x'; pad];
            a_text.extend(&a);
            let mut b_text = vec![b'x'; pad];
            b_text.extend(&b);
            let pa = file(dir.path(), "a", &a_text);
            let pb = file(dir.path(), "b", &b_text);
            proptest::prop_assert_eq!(same(&pa, &pb), a == b);
            proptest::prop_assert_eq!(holds(&pa, &b_text), a == b);
            proptest::prop_assert!(holds(&pa, &a_text));
            let whole = TextHash::of(&a_text);
            proptest::prop_assert_eq!(whole.0, a_text.len() as u64);
            proptest::prop_assert_eq!(hash_file(&pa).unwrap(), Some(whole));
            proptest::prop_assert_eq!(TextHash::of(&b_text) == whole, a == b);
            // Written in pieces of any size through `Hashing`.
            let mut written = Vec::new();
            let mut w = Hashing::new(&mut written);
            for piece in a_text.chunks(7 + a.len()) {
                w.write_all(piece).unwrap();
            }
            proptest::prop_assert_eq!(w.finish().unwrap(), whole);
            proptest::prop_assert_eq!(written, a_text);
        }
    }

    #[test]
    fn no_file_and_what_is_not_a_file_are_never_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let a = file(dir.path(), "a", b"{}");
        let none = dir.path().join("none");
        assert!(!holds(&none, b""));
        assert!(!same(&a, &none) && !same(&none, &none));
        assert!(!holds(dir.path(), b""));
        assert!(!same(dir.path(), dir.path()));
        assert!(matches!(hash_file(&none), Ok(None)));
        assert!(matches!(
            hash_file(dir.path()),
            Err(LoadError::NotAFile { .. })
        ));
    }
}
