//! Paths of the emotion curve: the smooth line through the points, and the
//! arrow that shows the journey looping back to an earlier stage.

use crate::present::grid::Grid;
use crate::present::{Presentation, num, push_num, text};
use serde::Serialize;

/// A smooth path through `pts` that never overshoots a point (monotone cubic
/// interpolation, as d3's `curveMonotoneX`), so the curve never leaves the scale.
#[must_use]
pub fn smooth(pts: &[(f64, f64)]) -> String {
    let mut d = String::new();
    let Some(&(x0, y0)) = pts.first() else {
        return d;
    };
    // About 40 bytes per point.
    d.reserve(pts.len() * 40);
    let point = |d: &mut String, sep: char, x: f64, y: f64| {
        d.push(sep);
        push_num(d, x);
        d.push(' ');
        push_num(d, y);
    };
    point(&mut d, 'M', x0, y0);
    if pts.len() == 2 {
        point(&mut d, 'L', pts[1].0, pts[1].1);
        return d;
    }
    let n = pts.len();
    let secant: Vec<f64> = pts
        .windows(2)
        .map(|w| (w[1].1 - w[0].1) / (w[1].0 - w[0].0))
        .collect();
    let mut tangent = vec![0.0; n];
    for k in 1..n - 1 {
        let (h0, h1) = (pts[k].0 - pts[k - 1].0, pts[k + 1].0 - pts[k].0);
        let (s0, s1) = (secant[k - 1], secant[k]);
        let p = (s0 * h1 + s1 * h0) / (h0 + h1);
        tangent[k] = (s0.signum() + s1.signum()) * s0.abs().min(s1.abs()).min(0.5 * p.abs());
        if s0 == 0.0 || s1 == 0.0 {
            tangent[k] = 0.0;
        }
    }
    tangent[0] = (3.0 * secant[0] - tangent[1]) / 2.0;
    tangent[n - 1] = (3.0 * secant[n - 2] - tangent[n - 2]) / 2.0;
    for k in 0..n - 1 {
        let (xa, ya) = pts[k];
        let (xb, yb) = pts[k + 1];
        let h = (xb - xa) / 3.0;
        point(&mut d, 'C', xa + h, ya + h * tangent[k]);
        point(&mut d, ' ', xb - h, yb - h * tangent[k + 1]);
        point(&mut d, ' ', xb, yb);
    }
    d
}

/// The arrow that shows the journey returning to the `loop_to` stage, drawn
/// over the stage bands from the end of the last stage back to the start of the target.
#[derive(Serialize, Debug)]
pub struct LoopArrow {
    pub width: String,
    pub height: String,
    pub d: String,
    pub head: String,
    pub text: String,
    pub text_x: String,
    pub text_y: String,
    pub anchor: &'static str,
    /// A box behind the text (`↻ ` included), so the dashed line does not cross it.
    pub box_x: String,
    pub box_y: String,
    pub box_width: String,
}

/// Lay out the loop arrow over the columns of `grid`, `height` px tall.
#[must_use]
pub fn loop_arrow(p: &Presentation, grid: &Grid, height: f64) -> Option<LoopArrow> {
    let (j, labels) = (p.journey, p.labels);
    let target = j.loop_to.as_deref()?;
    let cols = p.columns();
    let ti = j
        .stages
        .iter()
        .position(|s| s.id.as_deref() == Some(target))?;
    let first = cols.iter().position(|c| c.stage == ti)?;
    let width = grid.total();
    let last = cols.len().checked_sub(1)?;
    let (x_end, x_to) = (
        width - grid.widths[last] * 0.3,
        grid.x0[first] + grid.widths[first] * 0.3,
    );
    let (y_low, y_high) = (height - 4.0, 9.0);
    let (d, head) = arrow_paths(x_end, x_to, y_low, y_high);
    let name = j.stages[ti].name.as_str();
    let font = 12.0;
    let full = text::xml_safe(&labels.loops_back_to.replace("{stage}", name));
    let span = x_end - x_to - 24.0;
    let (text_x, anchor, room) = if text::width(&full, font) + 16.0 <= span {
        (f64::midpoint(x_to, x_end), "middle", span)
    } else if x_to - 10.0 > width - x_end {
        (x_to - 10.0, "end", x_to - 14.0)
    } else {
        (x_end + 10.0, "start", width - x_end - 14.0)
    };
    let (text, _) = text::shorten(&full, room.max(40.0), font);
    let w = text::width(&format!("↻ {text}"), font) + 10.0;
    let box_x = match anchor {
        "middle" => text_x - w / 2.0,
        "end" => text_x - w + 5.0,
        _ => text_x - 5.0,
    };
    Some(LoopArrow {
        box_x: num(box_x),
        box_y: num(y_high - 9.0),
        box_width: num(w),
        width: num(width),
        height: num(height),
        d,
        head,
        text,
        text_x: num(text_x),
        text_y: num(y_high + 4.0),
        anchor,
    })
}

/// The arrow's line, from the right end up, back over the bands and down at
/// the target, and its head.
fn arrow_paths(x_end: f64, x_to: f64, y_low: f64, y_high: f64) -> (String, String) {
    let r = 6.0_f64.min((x_end - x_to) / 2.0).max(0.0);
    let d = format!(
        "M{} {}V{}Q{} {} {} {}H{}Q{} {} {} {}V{}",
        num(x_end),
        num(y_low - 6.0),
        num(y_high + r),
        num(x_end),
        num(y_high),
        num(x_end - r),
        num(y_high),
        num(x_to + r),
        num(x_to),
        num(y_high),
        num(x_to),
        num(y_high + r),
        num(y_low - 6.0)
    );
    let head = format!(
        "M{} {}L{} {}L{} {}Z",
        num(x_to - 5.0),
        num(y_low - 7.0),
        num(x_to + 5.0),
        num(y_low - 7.0),
        num(x_to),
        num(y_low)
    );
    (d, head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smooth_path_passes_through_every_point() {
        let d = smooth(&[(10.0, 50.0), (30.0, 10.0), (50.0, 50.0)]);
        assert!(d.starts_with("M10 50C"), "{d}");
        assert!(d.contains(" 30 10C"), "{d}");
        assert!(d.ends_with(" 50 50"), "{d}");
    }
}
