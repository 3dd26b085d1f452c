#!/usr/bin/env bash
# mdBook, for the tests of the mdBook preprocessor (tests/it/mdbook.rs builds
# tests/mdbook/ with it). Pinned to the release the preprocessor is tested with
# (journeymap::mdbook::MDBOOK; a test checks the two agree). Built from
# crates.io with the toolchain CI has: about 8 minutes on 2 cores the first
# time, nothing when `mdbook --version` already says this version.
set -euo pipefail
want=0.5.4
bin="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$bin:$PATH"
if [ "$(mdbook --version 2>/dev/null)" = "mdbook v$want" ]; then
  echo "mdbook $want: already installed ($(command -v mdbook))"
  exit 0
fi
start=$(date +%s)
cargo install mdbook --locked --version "$want" --quiet
echo "mdbook $want: installed in $(($(date +%s) - start)) s ($bin/mdbook)"
mdbook --version
