//! The filters every template gets: escaping for Markdown, and the
//! presentation layer's number formats, so templates only place values.
//!
//! `score`, `valence` and `face` read the scale from the context's `scale`
//! (`min`, `max`, `midpoint`), which every view provides.

use crate::model::{Num, Scale};
use crate::present::fmt;
use minijinja::{Environment, State, Value};

pub(super) fn register(env: &mut Environment<'static>) {
    env.add_filter("md", |s: &str| crate::markdown::inline(s));
    env.add_filter("cell", |s: &str| crate::markdown::cell(s));
    env.add_filter("score", |state: &State, v: Value| {
        fmt::score_or_dash(number(&v), scale(state).min)
    });
    env.add_filter("valence", |state: &State, v: Value| {
        number(&v).map_or("mid", |v| fmt::valence(v.0, scale(state).midpoint.0))
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

/// The scale of the context's `scale` (the default scale if there is none).
fn scale(state: &State) -> Scale {
    let Some(s) = state.lookup("scale") else {
        return Scale::default();
    };
    let get = |k: &str| s.get_attr(k).ok().as_ref().and_then(number);
    match (get("min"), get("max"), get("midpoint")) {
        (Some(min), Some(max), Some(midpoint)) => Scale { min, max, midpoint },
        _ => Scale::default(),
    }
}
