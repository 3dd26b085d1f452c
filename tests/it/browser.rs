//! The HTML map in a real browser (Debian's Chromium).
