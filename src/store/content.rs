//! A file's content compared and hashed as it is read, a block at a time,
//! so that a save of a 200 MB data file never holds another copy of it (or
//! of a backup) in memory to find out whether they are the same. Only
//! regular files of at most [`super::MAX_FILE_BYTES`] are read.

use super::LoadError;
use super::fs_kind::open_checked;
use std::hash::Hasher;
use std::io::Read;
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

/// Feeds `hasher` the file's length and then its bytes, as `<[u8] as
/// Hash>::hash` would (a length prefix, then the bytes), so that the hash
/// equals that of the bytes read whole. `None` when there is no file; any
/// other failure to read it is an error.
pub fn hash_into<H: Hasher>(path: &Path, hasher: &mut H) -> Result<Option<u64>, LoadError> {
    let (file, len) = match open_checked(path) {
        Ok(opened) => opened,
        Err(LoadError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    hasher.write_usize(usize::try_from(len).unwrap_or(usize::MAX));
    let read = each_block(file, len, |block| {
        hasher.write(block);
        true
    })
    .map_err(|reason| LoadError::Io {
        path: path.to_path_buf(),
        reason,
    })?;
    if !read {
        // The file changed length while it was read.
        return Err(LoadError::Io {
            path: path.to_path_buf(),
            reason: std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the file changed while it was read",
            ),
        });
    }
    Ok(Some(len))
}

/// Reads the file's `len` bytes a block at a time, handing each to `each`
/// until it says no; whether every block was read and accepted, and the
/// file had exactly `len` bytes.
fn each_block(
    file: std::fs::File,
    len: u64,
    mut each: impl FnMut(&[u8]) -> bool,
) -> std::io::Result<bool> {
    // One byte past `len`, to notice a file that grew meanwhile.
    let mut file = file.take(len.saturating_add(1));
    let mut block = vec![0; BLOCK.min(usize::try_from(len).unwrap_or(BLOCK)).max(1)];
    let mut total = 0u64;
    loop {
        let n = match file.read(&mut block) {
            Ok(0) => return Ok(total == len),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        total += n as u64;
        if total > len || !block.get(..n).is_some_and(&mut each) {
            return Ok(false);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use std::hash::Hash;

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
            let mut whole = std::collections::hash_map::DefaultHasher::new();
            a_text.hash(&mut whole);
            let mut streamed = std::collections::hash_map::DefaultHasher::new();
            let len = hash_into(&pa, &mut streamed).unwrap();
            proptest::prop_assert_eq!(len, Some(a_text.len() as u64));
            proptest::prop_assert_eq!(streamed.finish(), whole.finish());
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
        let mut h = std::collections::hash_map::DefaultHasher::new();
        assert!(matches!(hash_into(&none, &mut h), Ok(None)));
        assert!(matches!(
            hash_into(dir.path(), &mut h),
            Err(LoadError::NotAFile { .. })
        ));
    }
}
