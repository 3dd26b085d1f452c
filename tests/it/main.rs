//! Integration tests: they run the real `journeymap` binary on real specs.
//!
//! Expected outputs live in files (`tests/ui/*.stderr`, `tests/golden/*`);
//! regenerate them with `JOURNEYMAP_BLESS=1 cargo test` and review the diff.

mod architecture;
mod browser;
mod build;
mod data;
mod diff;
mod docs;
mod formats;
mod golden;
mod hostile;
mod integrations;
mod lang;
mod lints;
mod mdbook;
mod packaging;
#[cfg(feature = "png")]
mod png;
mod portfolio;
mod print;
mod props;
mod support;
mod themes;
mod ui;
mod workflow;
mod yaml_suite;
