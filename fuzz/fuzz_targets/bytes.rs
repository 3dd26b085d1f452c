//! Arbitrary bytes as a spec file: what `journeymap check` and `build -f …` do
//! with them (invalid UTF-8 is refused by `load` before the library is reached,
//! so only text goes further, NUL bytes included).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        journeymap_fuzz::exercise(text);
    }
});
