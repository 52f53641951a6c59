//! A long list of records written in order while its records are encoded
//! on several threads: the list is cut into chunks of [`CHUNK`] records,
//! each round's chunks are encoded side by side into buffers of their own,
//! and the writer's thread writes the round before meanwhile. Encoding a
//! million meetings takes about half a second on one thread; the text does
//! not change, only how many threads make it.

use std::io::{self, Write};

/// How many records a chunk holds: a meeting is about 170 bytes of text,
/// a person about 400, so a chunk is a megabyte or two.
const CHUNK: usize = 8192;

/// At most this many threads encode at once.
const MAX_THREADS: usize = 8;

/// Writes `items` to `w` in order, `encode` giving each one's text (its
/// index in `items` too, for what comes before the first). Lists of one
/// chunk, and machines of one processor, are encoded on this thread.
pub(super) fn write_in_order<T: Sync>(
    w: &mut impl Write,
    items: &[T],
    encode: impl Fn(&mut Vec<u8>, usize, &T) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS));
    on_threads(threads, w, items, encode)
}

/// [`write_in_order`] with `threads` encoding at once.
fn on_threads<T: Sync>(
    threads: usize,
    w: &mut impl Write,
    items: &[T],
    encode: impl Fn(&mut Vec<u8>, usize, &T) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let encode_chunk = |mut buf: Vec<u8>, chunk: usize| -> io::Result<Vec<u8>> {
        buf.clear();
        let start = chunk * CHUNK;
        let records = items.get(start..).unwrap_or_default().iter().take(CHUNK);
        for (index, item) in (start..).zip(records) {
            encode(&mut buf, index, item)?;
        }
        Ok(buf)
    };
    let chunks = items.len().div_ceil(CHUNK);
    if threads < 2 || chunks < 2 {
        let mut buf = Vec::new();
        for chunk in 0..chunks {
            buf = encode_chunk(buf, chunk)?;
            w.write_all(&buf)?;
        }
        return Ok(());
    }
    // Encoded and not written yet (the round before), and buffers to reuse.
    let mut ready: Vec<Vec<u8>> = Vec::with_capacity(threads);
    let mut spare: Vec<Vec<u8>> = Vec::with_capacity(threads);
    let mut next = 0;
    while next < chunks {
        let round = next..(next + threads).min(chunks);
        next = round.end;
        let encoded = std::thread::scope(|scope| {
            let workers: Vec<_> = round
                .map(|chunk| {
                    let buf = spare.pop().unwrap_or_default();
                    let thread = std::thread::Builder::new()
                        .name("encode".into())
                        .spawn_scoped(scope, move || encode_chunk(buf, chunk));
                    (chunk, thread)
                })
                .collect();
            let written = write_all(w, &mut ready, &mut spare);
            let encoded: io::Result<Vec<Vec<u8>>> = workers
                .into_iter()
                .map(|(chunk, thread)| match thread {
                    Ok(thread) => thread
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    // No thread to be had: encoded here.
                    Err(_) => encode_chunk(Vec::new(), chunk),
                })
                .collect();
            written.and(encoded)
        })?;
        ready = encoded;
    }
    write_all(w, &mut ready, &mut spare)
}

/// Writes the buffers in `ready` in turn, keeping them in `spare`.
fn write_all(
    w: &mut impl Write,
    ready: &mut Vec<Vec<u8>>,
    spare: &mut Vec<Vec<u8>>,
) -> io::Result<()> {
    for buf in ready.drain(..) {
        w.write_all(&buf)?;
        spare.push(buf);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{CHUNK, on_threads, write_in_order};
    use std::io::Write;

    /// Every record once, in order, for lists shorter and longer than a
    /// chunk and a round of chunks, ending inside a chunk or on its end, on
    /// one thread and on several (whatever this machine has).
    #[test]
    fn writes_every_record_in_order() {
        for threads in [1, 2, 3] {
            for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK, 17 * CHUNK + 3] {
                let items: Vec<usize> = (0..len).collect();
                let mut out = Vec::new();
                let written = on_threads(threads, &mut out, &items, |buf, index, item| {
                    assert_eq!(index, *item);
                    write!(buf, "{}{item}", if index == 0 { "" } else { "," })
                });
                assert!(written.is_ok());
                let expected = items
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(",");
                assert_eq!(String::from_utf8(out).unwrap_or_default(), expected);
            }
        }
    }

    /// An error encoding a record, or writing, is the result; every
    /// thread is joined.
    #[test]
    fn an_error_is_the_result() {
        let items: Vec<usize> = (0..9 * CHUNK).collect();
        let failed = on_threads(3, &mut Vec::new(), &items, |buf, index, _| {
            if index == 6 * CHUNK + 5 {
                return Err(std::io::Error::other("no"));
            }
            buf.push(b'x');
            Ok(())
        });
        assert_eq!(failed.map_err(|e| e.to_string()), Err("no".to_string()));
        let mut full: &mut [u8] = &mut [0; 100];
        let failed = write_in_order(&mut full, &items, |buf, _, _| {
            buf.push(b'x');
            Ok(())
        });
        assert!(failed.is_err());
    }
}
