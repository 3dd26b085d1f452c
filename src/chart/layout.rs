//! Placing things on the curve's columns: stage bands, markers that would
//! cover each other, and feeling labels that keep within their column.

use super::{Band, Label, Line, Metrics, Raw};
use crate::present::grid::Grid;
use crate::present::{Column, Coord, num, text};

/// The stage spans over the columns.
pub(super) fn bands(cols: &[Column], grid: &Grid) -> Vec<Band> {
    let mut out: Vec<Band> = Vec::new();
    let mut start = 0;
    for i in 0..cols.len() {
        if i + 1 == cols.len() || cols[i + 1].stage != cols[i].stage {
            let (x0, x1) = (grid.x0[start], grid.end(i));
            out.push(Band {
                x0: num(x0),
                x1: num(x1),
                width: num(x1 - x0),
                center: num(f64::midpoint(x0, x1)),
                hue: cols[i].stage % 8,
            });
            start = i + 1;
        }
    }
    out
}

/// Move markers of one column sideways where they would cover each other.
pub(super) fn spread(raws: &mut [Raw], m: &Metrics, grid: &Grid) {
    // Point indices by column, in point order (one pass: no scan of every point per column).
    for mut idx in by_column(raws) {
        idx.sort_by(|&a, &b| raws[a].y.total_cmp(&raws[b].y).then(a.cmp(&b)));
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in idx {
            match groups.last_mut() {
                Some(g) if raws[i].y - raws[*g.last().unwrap_or(&i)].y < 2.0 * m.radius + 2.0 => {
                    g.push(i);
                }
                _ => groups.push(vec![i]),
            }
        }
        for g in groups.into_iter().filter(|g| g.len() > 1) {
            #[allow(clippy::cast_precision_loss)]
            let k = g.len() as f64;
            let col = grid.widths[raws[g[0]].col];
            // Markers grow with their score (`+1.25`): space them by the widest.
            let r = g.iter().map(|&i| raws[i].r).fold(m.radius, f64::max);
            let step = (2.0 * r + 3.0).min((col - 2.0 * r - 16.0) / (k - 1.0));
            let mut g = g;
            g.sort_by_key(|&i| raws[i].series);
            for (n, i) in g.into_iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let n = n as f64;
                raws[i].dx = (n - (k - 1.0) / 2.0) * step;
            }
        }
    }
}

/// The indices of `raws` grouped by column, each group in point order.
fn by_column(raws: &[Raw]) -> Vec<Vec<usize>> {
    let cols = raws.iter().map(|r| r.col + 1).max().unwrap_or(0);
    let mut out = vec![Vec::new(); cols];
    for (i, r) in raws.iter().enumerate() {
        out[r.col].push(i);
    }
    out
}

/// One feeling label per column that has points: above the markers where the
/// column is on the positive side, below them on the negative side. Labels keep
/// within their column, so they never meet a neighbour's.
pub(super) fn feeling_labels<'p>(
    cols: &[Column<'p, '_>],
    raws: &[Raw],
    m: &Metrics,
    grid: &Grid,
    mid: f64,
) -> Vec<Label<'p>> {
    let lh = m.line_height();
    let columns = by_column(raws);
    cols.iter()
        .enumerate()
        .filter_map(|(ci, c)| {
            let t = c.tp?;
            let feeling = text::xml_safe_cow(t.tp.feeling.as_deref()?);
            let here: Vec<&Raw> = columns
                .get(ci)
                .map_or_else(Vec::new, |ix| ix.iter().map(|&i| &raws[i]).collect());
            if here.is_empty() {
                return None;
            }
            #[allow(clippy::cast_precision_loss)]
            let mean = here.iter().map(|r| r.shown.value.0).sum::<f64>() / here.len() as f64;
            let r = here.iter().map(|r| r.r).fold(m.radius, f64::max);
            let (lines, cut) = text::wrap(&feeling, grid.widths[ci] - 14.0, m.font, m.lines);
            let below = mean < mid;
            #[allow(clippy::cast_precision_loss)]
            let n = lines.len() as f64;
            let first = if below {
                let low = here.iter().map(|r| r.y).fold(f64::MIN, f64::max);
                low + r + 5.0 + m.font * 0.92
            } else {
                let high = here.iter().map(|r| r.y).fold(f64::MAX, f64::min);
                high - r - 6.0 - m.font * 0.22 - (n - 1.0) * lh
            };
            Some(Label {
                x: Coord(grid.center(ci)),
                lines: lines
                    .into_iter()
                    .enumerate()
                    .map(|(k, text)| {
                        #[allow(clippy::cast_precision_loss)]
                        let y = first + k as f64 * lh;
                        Line { y: Coord(y), text }
                    })
                    .collect(),
                full: feeling,
                cut,
                below,
                dom: &t.dom,
            })
        })
        .collect()
}
