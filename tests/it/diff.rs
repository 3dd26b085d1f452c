//! `journeymap diff`: comparing two versions of a journey.
