//! Counts of the projects matching a query per value of one column, read from the index's
//! columns in one pass: what the trends and territory pages draw. Optionally split into
//! two consecutive windows of first sightings (emerging themes).
use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

use super::schema::names;

/// The column a pass counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Breakdown {
    /// Only the totals.
    Nothing,
    /// The values of a text column: a project counts once under each of its values.
    Text(&'static str),
    /// The value of a (signed integer) number column.
    Number(&'static str),
}

/// Two consecutive windows of first sightings: the current one from `boundary` on, the
/// previous one `[from, boundary)`. Projects first seen before `from` are not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub from: DateTime,
    pub boundary: DateTime,
}

/// Counts of the matching projects; slot 0 holds every project (or, split, the current
/// window's), slot 1 the previous window's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counted {
    pub total: [u64; 2],
    /// Per value; `None` counts the projects without any value.
    pub by_value: HashMap<Option<String>, [u64; 2]>,
}

impl Counted {
    /// `(value, count)` of slot 0.
    pub fn values(&self) -> impl Iterator<Item = (Option<&str>, u64)> {
        self.by_value.iter().map(|(k, n)| (k.as_deref(), n[0]))
    }
}

/// The collector of [`Counted`].
pub struct Tally {
    pub breakdown: Breakdown,
    pub split: Option<Split>,
}

enum Values {
    Nothing,
    Text {
        column: StrColumn,
        /// Per term ordinal.
        counts: Vec<[u64; 2]>,
        none: [u64; 2],
    },
    Number {
        column: Column<i64>,
        counts: HashMap<Option<i64>, [u64; 2]>,
    },
    /// The column has no value in this segment.
    Missing {
        none: [u64; 2],
    },
}

pub struct SegmentTally {
    values: Values,
    first_seen: Option<(Column<DateTime>, Split)>,
    total: [u64; 2],
}

impl Collector for Tally {
    type Fruit = Counted;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        let fast = reader.fast_fields();
        let values = match self.breakdown {
            Breakdown::Nothing => Values::Nothing,
            Breakdown::Text(name) => match fast.str(name)? {
                Some(column) => Values::Text {
                    counts: vec![[0; 2]; column.num_terms()],
                    column,
                    none: [0; 2],
                },
                None => Values::Missing { none: [0; 2] },
            },
            Breakdown::Number(name) => match fast.column_opt::<i64>(name)? {
                Some(column) => Values::Number {
                    column,
                    counts: HashMap::new(),
                },
                None => Values::Missing { none: [0; 2] },
            },
        };
        let first_seen = match self.split {
            Some(split) => Some((fast.date(names::FIRST_SEEN)?, split)),
            None => None,
        };
        Ok(SegmentTally {
            values,
            first_seen,
            total: [0; 2],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counted>) -> tantivy::Result<Counted> {
        let mut merged = Counted::default();
        for fruit in fruits {
            add(&mut merged.total, fruit.total);
            for (value, counts) in fruit.by_value {
                add(merged.by_value.entry(value).or_default(), counts);
            }
        }
        Ok(merged)
    }
}

fn add(into: &mut [u64; 2], counts: [u64; 2]) {
    into[0] += counts[0];
    into[1] += counts[1];
}

impl SegmentCollector for SegmentTally {
    type Fruit = Counted;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let slot = match &self.first_seen {
            None => 0,
            Some((column, split)) => match column.first(doc) {
                Some(at) if at >= split.boundary => 0,
                Some(at) if at >= split.from => 1,
                _ => return,
            },
        };
        self.total[slot] += 1;
        match &mut self.values {
            Values::Nothing => {}
            Values::Text {
                column,
                counts,
                none,
            } => {
                let mut any = false;
                for ord in column.term_ords(doc) {
                    counts[ord as usize][slot] += 1;
                    any = true;
                }
                if !any {
                    none[slot] += 1;
                }
            }
            Values::Number { column, counts } => {
                counts.entry(column.first(doc)).or_default()[slot] += 1;
            }
            Values::Missing { none } => none[slot] += 1,
        }
    }

    fn harvest(self) -> Counted {
        let mut by_value = HashMap::new();
        let keep_none = |none: [u64; 2], by_value: &mut HashMap<_, _>| {
            if none != [0; 2] {
                by_value.insert(None, none);
            }
        };
        match self.values {
            Values::Nothing => {}
            Values::Text {
                column,
                counts,
                none,
            } => {
                let mut value = String::new();
                for (ord, n) in counts.into_iter().enumerate() {
                    if n != [0; 2] && column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                        by_value.insert(Some(std::mem::take(&mut value)), n);
                    }
                }
                keep_none(none, &mut by_value);
            }
            Values::Number { counts, .. } => {
                by_value.extend(
                    counts
                        .into_iter()
                        .map(|(v, n)| (v.map(|v| v.to_string()), n)),
                );
            }
            Values::Missing { none } => keep_none(none, &mut by_value),
        }
        Counted {
            total: self.total,
            by_value,
        }
    }
}
