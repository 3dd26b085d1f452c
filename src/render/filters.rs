//! The filters every template gets: escaping for Markdown, and the
//! presentation layer's number formats, so templates only place values.
//!
//! `score` and `valence` read the scale from the context's `scale`
//! (`min`, `max`, `midpoint`), which every view provides.

use crate::model::{Num, Scale};
use crate::present::fmt;
use minijinja::{Environment, State, Value};

pub(super) fn register(env: &mut Environment<'static>) {
    env.add_filter("md", |s: &str| crate::markdown::inline(s));
    env.add_filter("cell", |s: &str| crate::markdown::cell(s));
    env.add_filter("score", |state: &State, v: Value| {
        Ok(fmt::score_or_dash(number(&v), scale(state, "score")?.min))
    });
    env.add_filter("valence", |state: &State, v: Value| {
        let mid = scale(state, "valence")?.midpoint.0;
        Ok(number(&v).map_or("mid", |v| fmt::valence(v.0, mid)))
    });
    env.add_filter("change", |v: Value| fmt::change(number(&v)));
}

/// A template value as a number (`none` and undefined are no number).
fn number(v: &Value) -> Option<Num> {
    if v.is_none() || v.is_undefined() {
        return None;
    }
    f64::try_from(v.clone()).ok().map(Num)
}

/// The scale of the context's `scale`. Every view has one; a template that
/// replaced it with something else gets an error, not numbers on another scale.
fn scale(state: &State, filter: &str) -> Result<Scale, minijinja::Error> {
    let s = state.lookup("scale");
    let get = |k: &str| s.as_ref()?.get_attr(k).ok().as_ref().and_then(number);
    match (get("min"), get("max"), get("midpoint")) {
        (Some(min), Some(max), Some(midpoint)) => Ok(Scale { min, max, midpoint }),
        _ => Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!(
                "the `{filter}` filter needs `scale` (with min, max and midpoint) in the context"
            ),
        )),
    }
}
