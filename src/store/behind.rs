//! A file written with the disk working behind the writer: every
//! [`FLUSH_EVERY`] bytes, a thread of its own asks the system to store what
//! is written so far (`fdatasync`), so that the disk writes while the rest
//! is still being encoded or copied, and the last flush, which the save
//! waits for, has only the end to store. Saving 200 MB this way takes about
//! as long as the slower of encoding it and writing it, not both in turn.
//!
//! Every flush is still made: the last one, on the writer's thread, after
//! everything is written; an error from any earlier one fails the write
//! too (the system may report a failed write-back only once, to whichever
//! flush comes first).

use std::fs::File;
use std::io::{self, Read, Write};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};

/// How many bytes are written between two requests to the flushing thread.
const FLUSH_EVERY: u64 = 8 << 20;

/// Writes to `file` what `fill` writes, then flushes the file to disk
/// (data and metadata), the disk having started behind the writer.
pub(super) fn write_synced<T>(
    file: &mut File,
    fill: impl FnOnce(&mut Behind<'_>) -> io::Result<T>,
) -> io::Result<T> {
    // A second handle, for the flushing thread; without one (no file
    // handles left), everything is flushed at the end.
    let flusher = file.try_clone().ok();
    let (filled, flushed) = std::thread::scope(|scope| {
        let (ask, asked) = sync_channel(1);
        let worker = flusher.and_then(|flusher| {
            std::thread::Builder::new()
                .name("flush".into())
                .spawn_scoped(scope, move || flush_when_asked(&flusher, &asked))
                .ok()
        });
        let mut behind = Behind {
            file: &mut *file,
            written: 0,
            next_flush: FLUSH_EVERY,
            ask: worker.is_some().then_some(ask),
        };
        let filled = fill(&mut behind);
        // Closes the channel: the worker ends after the flush under way.
        drop(behind);
        let flushed = worker.map_or(Ok(()), |w| w.join().unwrap_or(Ok(())));
        (filled, flushed)
    });
    let filled = filled?;
    flushed?;
    file.sync_all()?;
    Ok(filled)
}

/// Writes what `fill` writes to `main` (a [`write_synced`] writer) and, as
/// a copy, to `copy`. The copy is not flushed: the system stores it with
/// its other writes, within half a minute, so that a save waits for the
/// disk to store one file, not two (the copy is a backup of the same
/// version, which `main` holds once it is flushed). What `fill` gives, with
/// `main`'s errors; and whether the copy was written whole: a copy that
/// fails stops being written, and never fails `main`.
pub(super) fn write_with_copy<T>(
    main: &mut Behind<'_>,
    copy: &mut File,
    fill: impl FnOnce(&mut Tee<'_, '_, '_>) -> io::Result<T>,
) -> (io::Result<T>, io::Result<()>) {
    let mut tee = Tee {
        main,
        copy: Some(copy),
        failed: None,
    };
    let filled = fill(&mut tee);
    (filled, tee.failed.map_or(Ok(()), Err))
}

/// The writer [`write_with_copy`] hands out.
pub(super) struct Tee<'m, 'a, 'b> {
    main: &'m mut Behind<'a>,
    copy: Option<&'b mut File>,
    /// Why the copy stopped being written.
    failed: Option<io::Error>,
}

impl Tee<'_, '_, '_> {
    /// Stops writing the copy, and gives back the room it took on the disk
    /// (a disk too full for both must still take the main file).
    fn give_up_copy(&mut self, why: io::Error) {
        if let Some(copy) = self.copy.take() {
            let _ = copy.set_len(0);
        }
        self.failed.get_or_insert(why);
    }
}

/// Whether `e` says the disk (or the user's share of it) is full.
fn is_full(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

impl Write for Tee<'_, '_, '_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = match self.main.write(bytes) {
            // The copy gives its room to the main file, which tries again.
            Err(e) if is_full(&e) && self.copy.is_some() => {
                self.give_up_copy(e);
                self.main.write(bytes)?
            }
            written => written?,
        };
        if let Some(copy) = &mut self.copy
            && let Err(e) = copy.write_all(bytes.get(..n).unwrap_or_default())
        {
            self.give_up_copy(e);
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.main.flush()
    }
}

/// The flushing thread: a flush per request until the writer is done; the
/// first error, if any (after which it only waits for the writer to end).
fn flush_when_asked(file: &File, asked: &Receiver<()>) -> io::Result<()> {
    let mut result = Ok(());
    while asked.recv().is_ok() {
        if result.is_ok() {
            result = file.sync_data();
        }
    }
    result
}

/// The writer [`write_synced`] hands out.
pub(super) struct Behind<'f> {
    file: &'f mut File,
    written: u64,
    next_flush: u64,
    /// Requests to the flushing thread, when there is one.
    ask: Option<SyncSender<()>>,
}

impl Behind<'_> {
    /// Copies the rest of `from` (in the kernel where it can, a part at a
    /// time so that the disk starts behind it); how many bytes.
    pub(super) fn copy_from(&mut self, from: &mut File) -> io::Result<u64> {
        let mut copied = 0;
        loop {
            let n = io::copy(&mut Read::by_ref(from).take(FLUSH_EVERY), &mut *self.file)?;
            if n == 0 {
                return Ok(copied);
            }
            copied += n;
            self.wrote(n);
        }
    }

    /// Notes `n` more bytes written, and asks for a flush every
    /// [`FLUSH_EVERY`].
    fn wrote(&mut self, n: u64) {
        self.written += n;
        if self.written >= self.next_flush {
            self.next_flush = self.written + FLUSH_EVERY;
            if let Some(ask) = &self.ask
                && let Err(TrySendError::Disconnected(())) = ask.try_send(())
            {
                self.ask = None;
            }
        }
    }
}

impl Write for Behind<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.file.write(bytes)?;
        self.wrote(n as u64);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{FLUSH_EVERY, write_synced, write_with_copy};
    use std::io::{Read, Seek, Write};

    #[test]
    fn writes_everything_and_hands_back_what_fill_gives() {
        let mut file = tempfile::tempfile().unwrap();
        let block: Vec<u8> = (0..=255).cycle().take(1 << 20).collect();
        let blocks = usize::try_from(FLUSH_EVERY >> 20).unwrap() * 3 + 1;
        let given = write_synced(&mut file, |w| {
            for _ in 0..blocks {
                w.write_all(&block)?;
            }
            w.write_all(b"end")?;
            Ok(42)
        })
        .unwrap();
        assert_eq!(given, 42);
        let mut back = Vec::new();
        file.rewind().unwrap();
        file.read_to_end(&mut back).unwrap();
        assert_eq!(back.len(), blocks * block.len() + 3);
        assert!(back.chunks(block.len()).take(blocks).all(|b| b == block));
        assert!(back.ends_with(b"end"));
    }

    #[test]
    fn a_copy_gets_the_same_bytes() {
        let (mut main, mut copy) = (tempfile::tempfile().unwrap(), tempfile::tempfile().unwrap());
        let text: Vec<u8> = (0..20_000_000u32).map(|i| (i % 251) as u8).collect();
        let given = write_synced(&mut main, |w| {
            let (filled, copied) = write_with_copy(w, &mut copy, |both| {
                for part in text.chunks(777_777) {
                    both.write_all(part)?;
                }
                Ok("done")
            });
            copied.unwrap();
            filled
        })
        .unwrap();
        assert_eq!(given, "done");
        for mut file in [main, copy] {
            let mut back = Vec::new();
            file.rewind().unwrap();
            file.read_to_end(&mut back).unwrap();
            assert!(back == text);
        }
    }

    /// `/dev/full` answers every write with "no space left on device".
    #[cfg(target_os = "linux")]
    fn full() -> std::fs::File {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_copy_with_no_room_is_given_up_and_the_main_file_is_whole() {
        let mut main = tempfile::tempfile().unwrap();
        let text = vec![7u8; 3 << 20];
        write_synced(&mut main, |w| {
            let (filled, copied) = write_with_copy(w, &mut full(), |both| both.write_all(&text));
            assert_eq!(copied.unwrap_err().kind(), std::io::ErrorKind::StorageFull);
            filled
        })
        .unwrap();
        assert_eq!(main.metadata().unwrap().len(), text.len() as u64);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_for_the_main_file_empties_the_copy_first() {
        let mut copy = tempfile::tempfile().unwrap();
        let failed = write_synced(&mut full(), |w| {
            let (filled, copied) = write_with_copy(w, &mut copy, |both| both.write_all(b"text"));
            // The copy was emptied to make room; the main file still failed.
            assert!(copied.is_err());
            filled
        });
        assert_eq!(failed.unwrap_err().kind(), std::io::ErrorKind::StorageFull);
        assert_eq!(copy.metadata().unwrap().len(), 0);
    }

    #[test]
    fn an_error_while_filling_is_the_result() {
        let mut file = tempfile::tempfile().unwrap();
        let failed: std::io::Result<()> = write_synced(&mut file, |w| {
            w.write_all(&[0; 1 << 16])?;
            Err(std::io::Error::other("full"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "full");
    }
}
