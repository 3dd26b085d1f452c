//! Which fonts `-f png` draws with (`--font`, the system's) and why it cannot
//! draw: the part of the PNG's fonts that the rest of the crate sees, built
//! with or without the `png` feature. The faces themselves are
//! `render::png::faces`, loaded once per renderer on first use, so a run
//! without `-f png` never reads a font.

use crate::message::Script;
use std::path::PathBuf;

/// Where the fonts come from.
#[derive(Clone, Debug)]
pub struct FontChoice {
    /// `--font FILE` (repeatable): loaded first, and preferred to every family
    /// the picture names.
    pub files: Vec<PathBuf>,
    /// Whether the system's fonts are loaded too (off with
    /// `JOURNEYMAP_NO_SYSTEM_FONTS=1`, for tests and packagers).
    pub system: bool,
}

impl Default for FontChoice {
    fn default() -> Self {
        FontChoice {
            files: Vec::new(),
            system: true,
        }
    }
}

/// Why text cannot be drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FontError {
    /// A `--font` file that cannot be read or holds no font.
    CannotLoad { file: PathBuf, error: String },
    /// No loaded font has these characters (`sample`: a few of them, in order).
    Missing {
        scripts: Vec<Script>,
        sample: String,
    },
}

/// The fonts of one renderer: chosen at the start, loaded once on first use.
pub(crate) struct Fonts {
    #[cfg_attr(
        not(feature = "png"),
        expect(dead_code, reason = "only -f png reads fonts")
    )]
    choice: FontChoice,
    #[cfg(feature = "png")]
    loaded: std::sync::OnceLock<Result<super::png::faces::Loaded, FontError>>,
}

impl Fonts {
    pub(crate) fn new(choice: FontChoice) -> Self {
        Fonts {
            choice,
            #[cfg(feature = "png")]
            loaded: std::sync::OnceLock::new(),
        }
    }

    /// The faces, loading them on the first call.
    ///
    /// # Errors
    /// A `--font` file that cannot be loaded.
    #[cfg(feature = "png")]
    pub(crate) fn get(&self) -> Result<&super::png::faces::Loaded, FontError> {
        self.loaded
            .get_or_init(|| super::png::faces::load(&self.choice))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Load the faces now (without the `png` feature there are none to load).
    ///
    /// # Errors
    /// A `--font` file that cannot be loaded.
    pub(crate) fn load(&self) -> Result<(), FontError> {
        #[cfg(feature = "png")]
        self.get()?;
        Ok(())
    }
}
