//! Arbitrary *structured* specs: a spec-shaped value built by `arbitrary`
//! (mostly valid, with tricky text, ids that often but not always resolve,
//! numbers in and out of the scale) and written as YAML in varied styles, so
//! that the analysis, insights and every renderer get deep inputs.
#![no_main]

use journeymap_fuzz::spec_gen::Spec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|spec: Spec| {
    journeymap_fuzz::exercise(&spec.to_yaml());
});
