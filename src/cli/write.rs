//! The atomic writer: an output goes through a temporary file renamed over the
//! old one, and an unchanged output is not rewritten; stdout, where a closed
//! pipe is not an error.

use super::usage_error;
use crate::render::RenderError;
use anyhow::Context as _;
use std::io::Write;
use std::path::Path;

pub(super) fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Write `bytes` to `path` atomically (see [`write_atomic_with`]).
pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes).map_err(RenderError::Io)).map_err(|e| match e {
        RenderError::Io(e) => e,
        RenderError::Template(e) => std::io::Error::other(e.to_string()),
        RenderError::Fonts(e) => std::io::Error::other(format!("{e:?}")),
    })
}

/// Write a file through a temporary file in the same folder, filled by `fill`,
/// then renamed over `path`: readers never see half a file, and a failure
/// (of `fill` or of the disk) leaves the old file intact. An existing file with
/// the same bytes is left untouched, and so is its folder: while the bytes
/// match, they are only compared (its mtime stays, for `make`-style tools and
/// file watchers, and an unchanged large output costs one read, no write).
/// Parent folders are not created, except under `--out-dir`.
///
/// A symbolic link is followed (the file it points to is replaced, the link
/// stays), and a path that is not a regular file (`/dev/stdout`, `/dev/null`,
/// a FIFO) is written straight into: renaming over it would replace the
/// device or the link with a regular file.
pub(super) fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), RenderError>,
) -> Result<(), RenderError> {
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let resolved = if link {
        std::fs::canonicalize(path).ok()
    } else {
        None
    };
    let path = resolved.as_deref().unwrap_or(path);
    if let Ok(m) = std::fs::metadata(path)
        && !m.is_file()
        && !m.is_dir()
    {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(RenderError::Io)?;
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, file);
        fill(&mut w)?;
        return w.flush().map_err(RenderError::Io);
    }
    let mut w = Replace::new(path).map_err(RenderError::Io)?;
    fill(&mut w)?;
    w.finish().map_err(RenderError::Io)
}

/// The writer of [`write_atomic_with`]: compares with the existing file until
/// the first difference, then writes a temporary file (the matching prefix
/// copied from the old file first).
struct Replace<'p> {
    path: &'p Path,
    /// The existing file and how many of its bytes matched so far.
    old: Option<(std::io::BufReader<std::fs::File>, u64)>,
    scratch: Vec<u8>,
    tmp: Option<std::io::BufWriter<tempfile::NamedTempFile>>,
}

impl<'p> Replace<'p> {
    fn new(path: &'p Path) -> std::io::Result<Self> {
        let mut w = Replace {
            path,
            old: std::fs::File::open(path)
                .ok()
                .filter(|f| f.metadata().is_ok_and(|m| m.is_file()))
                .map(|f| (std::io::BufReader::with_capacity(64 * 1024, f), 0)),
            scratch: Vec::new(),
            tmp: None,
        };
        if w.old.is_none() {
            w.diverge()?;
        }
        Ok(w)
    }

    /// Start the temporary file, with the bytes that matched so far.
    fn diverge(&mut self) -> std::io::Result<()> {
        use std::io::{Read, Seek};
        let dir = match self.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".journeymap-").suffix(".tmp");
        // A temporary file is private (0600); an output is a normal file, readable
        // as the umask allows (0644 with the usual 022), as `fs::write` would make it.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let mut tmp = std::io::BufWriter::with_capacity(64 * 1024, builder.tempfile_in(dir)?);
        if let Some((mut old, matched)) = self.old.take() {
            // The same open file as compared, so the prefix is what matched.
            old.seek(std::io::SeekFrom::Start(0))?;
            std::io::copy(&mut old.take(matched), &mut tmp)?;
        }
        self.tmp = Some(tmp);
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        use std::io::Read;
        if let Some((old, _)) = &mut self.old {
            // Every byte matched: unchanged, unless the old file is longer.
            if old.read(&mut [0u8; 1])? == 0 {
                return Ok(());
            }
            self.diverge()?;
        }
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        let tmp = tmp
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        // No fsync: the rename is what makes the write atomic for readers; durability
        // across a power cut is not worth ~1.4 ms per output of a docs build.
        tmp.persist(self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for Replace<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use std::io::Read;
        if let Some((old, matched)) = &mut self.old {
            self.scratch.resize(buf.len(), 0);
            if old.read_exact(&mut self.scratch).is_ok() && self.scratch == buf {
                *matched += buf.len() as u64;
                return Ok(buf.len());
            }
            // `read_exact` may have consumed part of the file: `diverge` seeks back.
            self.diverge()?;
        }
        match &mut self.tmp {
            Some(t) => t.write(buf),
            None => Err(std::io::Error::other("output already finished")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.tmp {
            Some(t) => t.flush(),
            None => Ok(()),
        }
    }
}

/// Under `--out-dir`, create the mirrored folders; elsewhere a missing folder is the user's error.
pub(super) fn ensure_parent(path: &Path, create: bool) -> std::io::Result<()> {
    match path.parent() {
        Some(d) if create && !d.as_os_str().is_empty() => std::fs::create_dir_all(d),
        _ => Ok(()),
    }
}

/// Write to a file, or to stdout for `None` / `-`.
pub(super) fn emit(output: Option<&Path>, text: &str) -> u8 {
    let result = match output {
        None => write_stdout(text.as_bytes()).context("cannot write to stdout"),
        Some(p) if p.as_os_str() == "-" => {
            write_stdout(text.as_bytes()).context("cannot write to stdout")
        }
        Some(p) => write_atomic(p, text.as_bytes())
            .with_context(|| format!("cannot write `{}`", p.display())),
    };
    match result {
        Ok(()) => 0,
        Err(e) => usage_error(&format!("{e:#}")),
    }
}
