//! Arbitrary bytes as a spec file and, after `journeymap_fuzz::DATA_SEPARATOR`,
//! a data file `d.csv` beside it: what `journeymap check` and `build -f …` do
//! with them (see `exercise_bytes`; an input that starts with the separator
//! fuzzes the data file under a fixed spec with `data: [d.csv]`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    journeymap_fuzz::exercise_bytes(data);
});
