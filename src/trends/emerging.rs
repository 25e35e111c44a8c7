//! Emerging themes: how much more often each theme appeared among the projects first seen
//! in the current window than in the window before, ranked, with a minimum count in both
//! windows so that a theme going from 1 to 3 projects does not top the list.
use std::collections::HashMap;

use super::figures::Windows;

/// A theme with enough projects in both windows to be ranked.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub code: String,
    pub counts: Windows,
    /// `(current − previous) / previous × 100`.
    pub growth: f64,
}

/// Growth in percent from the previous window to the current one; `None` when the
/// previous window had no project (any growth would be infinite).
pub fn growth(counts: Windows) -> Option<f64> {
    (counts.previous > 0)
        .then(|| (counts.current - counts.previous) as f64 / counts.previous as f64 * 100.0)
}

/// Ranks `candidates` (theme codes in thesaurus order): those with at least `minimum`
/// projects in each window by growth (then by current count, then thesaurus order); the
/// others, with some project in either window, after by current count.
pub fn rank(
    candidates: &[String],
    counts: &HashMap<String, Windows>,
    minimum: i64,
) -> (Vec<Ranked>, Vec<(String, Windows)>) {
    let mut ranked = Vec::new();
    let mut too_few = Vec::new();
    for (position, code) in candidates.iter().enumerate() {
        let windows = counts.get(code).copied().unwrap_or_default();
        match growth(windows) {
            Some(growth) if windows.current >= minimum && windows.previous >= minimum => {
                ranked.push((
                    position,
                    Ranked {
                        code: code.clone(),
                        counts: windows,
                        growth,
                    },
                ));
            }
            _ if windows.current + windows.previous > 0 => {
                too_few.push((position, (code.clone(), windows)));
            }
            _ => {}
        }
    }
    ranked.sort_by(|(pa, a), (pb, b)| {
        b.growth
            .total_cmp(&a.growth)
            .then(b.counts.current.cmp(&a.counts.current))
            .then(pa.cmp(pb))
    });
    too_few.sort_by(|(pa, (_, a)), (pb, (_, b))| b.current.cmp(&a.current).then(pa.cmp(pb)));
    (
        ranked.into_iter().map(|(_, r)| r).collect(),
        too_few.into_iter().map(|(_, t)| t).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(current: i64, previous: i64) -> Windows {
        Windows { current, previous }
    }

    #[test]
    fn growth_is_relative_to_the_previous_window() {
        assert_eq!(growth(w(15, 10)), Some(50.0));
        assert_eq!(growth(w(5, 10)), Some(-50.0));
        assert_eq!(growth(w(10, 10)), Some(0.0));
        assert_eq!(growth(w(7, 0)), None);
    }

    #[test]
    fn small_counts_do_not_dominate_the_ranking() {
        let codes: Vec<String> = ["A", "B", "C", "D", "E", "F"].map(String::from).to_vec();
        let counts = HashMap::from([
            ("A".to_owned(), w(12, 10)), // +20 %
            ("B".to_owned(), w(3, 1)),   // +200 %, but too few
            ("C".to_owned(), w(30, 10)), // +200 %
            ("D".to_owned(), w(8, 16)),  // -50 %, previous enough, current too few
            ("E".to_owned(), w(40, 0)),  // new: nothing before
            ("G".to_owned(), w(99, 99)), // not a candidate
        ]);
        let (ranked, too_few) = rank(&codes, &counts, 10);
        let order: Vec<(&str, f64)> = ranked.iter().map(|r| (r.code.as_str(), r.growth)).collect();
        assert_eq!(order, vec![("C", 200.0), ("A", 20.0)]);
        let rest: Vec<&str> = too_few.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(rest, vec!["E", "D", "B"], "by current count; F had nothing");
        let (ranked, _) = rank(&codes, &counts, 1);
        let order: Vec<&str> = ranked.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(order, vec!["C", "B", "A", "D"], "ties by current count");
    }
}
