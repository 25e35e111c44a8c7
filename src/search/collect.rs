//! Collectors of our own over the index's columns: facet counts (every value of a
//! criterion with the number of matching projects) and map points gathered into grid
//! cells, so that a map of 100,000 projects gets a few hundred clusters.
use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::query::Facet;
use super::schema::names;

/// Counts per value, for each criterion counted.
pub type Tallies = HashMap<Facet, HashMap<String, u64>>;

/// Counts the values of `facets` over the matching projects.
pub struct FacetCounter {
    pub facets: Vec<Facet>,
}

enum ColumnTally {
    Text {
        column: StrColumn,
        counts: Vec<u64>,
    },
    Number {
        column: Column<u64>,
        counts: HashMap<u64, u64>,
    },
    /// No project of the segment has a value.
    Empty,
}

pub struct FacetSegmentCounter {
    tallies: Vec<(Facet, ColumnTally)>,
}

impl Collector for FacetCounter {
    type Fruit = Tallies;
    type Child = FacetSegmentCounter;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<FacetSegmentCounter> {
        let fast = reader.fast_fields();
        let mut tallies = Vec::with_capacity(self.facets.len());
        for &facet in &self.facets {
            let tally = if facet == Facet::Year {
                match fast.column_opt::<u64>(facet.column())? {
                    Some(column) => ColumnTally::Number {
                        column,
                        counts: HashMap::new(),
                    },
                    None => ColumnTally::Empty,
                }
            } else {
                match fast.str(facet.column())? {
                    Some(column) => {
                        let terms = column.num_terms();
                        ColumnTally::Text {
                            column,
                            counts: vec![0; terms],
                        }
                    }
                    None => ColumnTally::Empty,
                }
            };
            tallies.push((facet, tally));
        }
        Ok(FacetSegmentCounter { tallies })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallies>) -> tantivy::Result<Tallies> {
        let mut merged = Tallies::new();
        for fruit in fruits {
            for (facet, counts) in fruit {
                let into = merged.entry(facet).or_default();
                for (value, count) in counts {
                    *into.entry(value).or_default() += count;
                }
            }
        }
        for facet in &self.facets {
            merged.entry(*facet).or_default();
        }
        Ok(merged)
    }
}

impl SegmentCollector for FacetSegmentCounter {
    type Fruit = Tallies;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (_, tally) in &mut self.tallies {
            match tally {
                ColumnTally::Text { column, counts } => {
                    for ord in column.term_ords(doc) {
                        counts[ord as usize] += 1;
                    }
                }
                ColumnTally::Number { column, counts } => {
                    if let Some(value) = column.first(doc) {
                        *counts.entry(value).or_default() += 1;
                    }
                }
                ColumnTally::Empty => {}
            }
        }
    }

    fn harvest(self) -> Tallies {
        let mut fruit = Tallies::new();
        for (facet, tally) in self.tallies {
            let counts = fruit.entry(facet).or_default();
            match tally {
                ColumnTally::Text {
                    column,
                    counts: by_ord,
                } => {
                    let mut value = String::new();
                    for (ord, count) in by_ord.into_iter().enumerate() {
                        if count > 0 && column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                            counts.insert(std::mem::take(&mut value), count);
                        }
                    }
                }
                ColumnTally::Number {
                    counts: by_value, ..
                } => {
                    counts.extend(by_value.into_iter().map(|(v, c)| (v.to_string(), c)));
                }
                ColumnTally::Empty => {}
            }
        }
        fruit
    }
}

/// A map point: one project.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Point {
    pub id: i64,
    pub lat: f64,
    pub lon: f64,
}

/// Projects of one grid cell, at their mean position, with the box they span.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Cluster {
    pub count: u64,
    pub lat: f64,
    pub lon: f64,
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
    /// The project when the cell holds only one.
    pub single: Option<i64>,
}

/// A grid cell being gathered.
#[derive(Debug, Clone, Copy)]
pub struct Cell {
    count: u64,
    sum_lat: f64,
    sum_lon: f64,
    south: f64,
    west: f64,
    north: f64,
    east: f64,
    first: i64,
}

impl Cell {
    fn new(id: i64, lat: f64, lon: f64) -> Self {
        Cell {
            count: 1,
            sum_lat: lat,
            sum_lon: lon,
            south: lat,
            west: lon,
            north: lat,
            east: lon,
            first: id,
        }
    }

    fn absorb(&mut self, other: &Cell) {
        self.count += other.count;
        self.sum_lat += other.sum_lat;
        self.sum_lon += other.sum_lon;
        self.south = self.south.min(other.south);
        self.west = self.west.min(other.west);
        self.north = self.north.max(other.north);
        self.east = self.east.max(other.east);
        self.first = self.first.min(other.first);
    }
}

/// What a map shows of the matching projects: every point when there are at most
/// `points_limit`, else the cells of a `cell_degrees` grid.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MapLayer {
    /// Matching projects that have a position.
    pub located: u64,
    /// The box around them all: `[south, west, north, east]`.
    pub extent: Option<[f64; 4]>,
    pub points: Vec<Point>,
    pub clusters: Vec<Cluster>,
}

pub struct MapCollector {
    pub cell_degrees: f64,
    pub points_limit: usize,
}

pub struct MapSegmentCollector {
    ids: Column<u64>,
    /// `None` in a segment where no document has a position.
    latitudes: Option<Column<f64>>,
    longitudes: Option<Column<f64>>,
    cell_degrees: f64,
    points_limit: usize,
    cells: HashMap<(i64, i64), Cell>,
    points: Vec<Point>,
    located: u64,
}

type MapFruit = (u64, Vec<Point>, HashMap<(i64, i64), Cell>);

impl Collector for MapCollector {
    type Fruit = MapLayer;
    type Child = MapSegmentCollector;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<MapSegmentCollector> {
        let fast = reader.fast_fields();
        Ok(MapSegmentCollector {
            ids: fast.u64(names::ID)?,
            latitudes: fast.column_opt(names::LATITUDE)?,
            longitudes: fast.column_opt(names::LONGITUDE)?,
            cell_degrees: self.cell_degrees,
            points_limit: self.points_limit,
            cells: HashMap::new(),
            points: Vec::new(),
            located: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<MapFruit>) -> tantivy::Result<MapLayer> {
        let mut located = 0;
        let mut points = Vec::new();
        let mut cells: HashMap<(i64, i64), Cell> = HashMap::new();
        for (count, segment_points, segment_cells) in fruits {
            located += count;
            points.extend(segment_points);
            for (key, cell) in segment_cells {
                cells
                    .entry(key)
                    .and_modify(|c| c.absorb(&cell))
                    .or_insert(cell);
            }
        }
        let extent = cells.values().fold(None, |extent: Option<[f64; 4]>, c| {
            Some(match extent {
                None => [c.south, c.west, c.north, c.east],
                Some([s, w, n, e]) => {
                    [s.min(c.south), w.min(c.west), n.max(c.north), e.max(c.east)]
                }
            })
        });
        if located as usize <= self.points_limit {
            points.sort_by_key(|p| p.id);
            return Ok(MapLayer {
                located,
                extent,
                points,
                clusters: Vec::new(),
            });
        }
        let mut clusters: Vec<Cluster> = cells
            .into_values()
            .map(|c| Cluster {
                count: c.count,
                lat: c.sum_lat / c.count as f64,
                lon: c.sum_lon / c.count as f64,
                south: c.south,
                west: c.west,
                north: c.north,
                east: c.east,
                single: (c.count == 1).then_some(c.first),
            })
            .collect();
        clusters.sort_by(|a, b| b.count.cmp(&a.count).then(a.lat.total_cmp(&b.lat)));
        Ok(MapLayer {
            located,
            extent,
            points: Vec::new(),
            clusters,
        })
    }
}

impl SegmentCollector for MapSegmentCollector {
    type Fruit = MapFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let (Some(latitudes), Some(longitudes)) = (&self.latitudes, &self.longitudes) else {
            return;
        };
        let (Some(lat), Some(lon), Some(id)) = (
            latitudes.first(doc),
            longitudes.first(doc),
            self.ids.first(doc),
        ) else {
            return;
        };
        let id = id as i64;
        self.located += 1;
        if self.points.len() <= self.points_limit {
            self.points.push(Point { id, lat, lon });
        }
        let key = (
            (lat / self.cell_degrees).floor() as i64,
            (lon / self.cell_degrees).floor() as i64,
        );
        self.cells
            .entry(key)
            .and_modify(|c| c.absorb(&Cell::new(id, lat, lon)))
            .or_insert_with(|| Cell::new(id, lat, lon));
    }

    fn harvest(self) -> MapFruit {
        (self.located, self.points, self.cells)
    }
}
