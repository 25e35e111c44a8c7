//! Places in the search: a box on the map, a circle around a point, great-circle
//! distances.

/// Mean Earth radius (km), as the usual haversine formula takes it.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A latitude/longitude box. `west > east` means it crosses the antimeridian.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

/// Why a box or a point is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GeoError {
    #[error("four numbers are expected: west,south,east,north")]
    Shape,
    #[error("a latitude lies between -90 and 90, a longitude between -180 and 180")]
    OutOfRange,
    #[error("the south edge is north of the north edge")]
    Inverted,
}

impl BBox {
    /// Parses `west,south,east,north` (the order of GeoJSON and of Leaflet's
    /// `toBBoxString`).
    pub fn parse(text: &str) -> Result<Self, GeoError> {
        let numbers: Vec<f64> = text
            .split(',')
            .map(|n| n.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| GeoError::Shape)?;
        let [west, south, east, north] = numbers[..] else {
            return Err(GeoError::Shape);
        };
        if !numbers.iter().all(|n| n.is_finite()) {
            return Err(GeoError::Shape);
        }
        // Leaflet gives longitudes past ±180 when the world is scrolled: fold them back.
        let (west, east) = if east - west >= 360.0 {
            (-180.0, 180.0)
        } else {
            (wrap_longitude(west), wrap_longitude(east))
        };
        if !(-90.0..=90.0).contains(&south) || !(-90.0..=90.0).contains(&north) {
            return Err(GeoError::OutOfRange);
        }
        if south > north {
            return Err(GeoError::Inverted);
        }
        Ok(BBox {
            south,
            west,
            north,
            east,
        })
    }

    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        let in_longitude = if self.west <= self.east {
            (self.west..=self.east).contains(&lon)
        } else {
            lon >= self.west || lon <= self.east
        };
        (self.south..=self.north).contains(&lat) && in_longitude
    }

    /// The text `parse` reads back.
    pub fn to_param(&self) -> String {
        format!(
            "{},{},{},{}",
            trim(self.west),
            trim(self.south),
            trim(self.east),
            trim(self.north)
        )
    }
}

fn trim(n: f64) -> String {
    let text = format!("{n:.5}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn wrap_longitude(lon: f64) -> f64 {
    if (-180.0..=180.0).contains(&lon) {
        return lon;
    }
    let wrapped = (lon + 180.0).rem_euclid(360.0) - 180.0;
    if wrapped == -180.0 && lon > 0.0 {
        180.0
    } else {
        wrapped
    }
}

/// A circle: projects within `radius_km` of a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub radius_km: f64,
}

impl Near {
    /// The box around the circle (filters cheaply before the exact distance).
    pub fn bbox(&self) -> BBox {
        let dlat = (self.radius_km / EARTH_RADIUS_KM).to_degrees();
        let south = (self.lat - dlat).max(-90.0);
        let north = (self.lat + dlat).min(90.0);
        // Longitude degrees shrink with the cosine of the latitude; near a pole, all.
        let widest = self.lat.abs().max(south.abs()).max(north.abs());
        let cos = widest.to_radians().cos();
        let dlon = if cos < 1e-6 {
            180.0
        } else {
            (dlat / cos).min(180.0)
        };
        let (west, east) = if dlon >= 180.0 {
            (-180.0, 180.0)
        } else {
            (
                wrap_longitude(self.lon - dlon),
                wrap_longitude(self.lon + dlon),
            )
        };
        BBox {
            south,
            west,
            north,
            east,
        }
    }

    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        distance_km(self.lat, self.lon, lat, lon) <= self.radius_km
    }
}

/// Great-circle distance (haversine).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_match_known_ones() {
        // Paris (Hôtel de Ville) – Lyon (Hôtel de Ville): about 392 km.
        let d = distance_km(48.8566, 2.3522, 45.7676, 4.8345);
        assert!((d - 392.0).abs() < 3.0, "{d}");
        assert_eq!(distance_km(45.0, 3.0, 45.0, 3.0), 0.0);
    }

    #[test]
    fn boxes_are_parsed_checked_and_wrapped() {
        let b = BBox::parse("-5.2, 41.3, 9.6, 51.1").unwrap();
        assert_eq!((b.west, b.south, b.east, b.north), (-5.2, 41.3, 9.6, 51.1));
        assert!(b.contains(48.85, 2.35));
        assert!(!b.contains(48.85, 12.0));
        assert_eq!(BBox::parse("1,2,3"), Err(GeoError::Shape));
        assert_eq!(BBox::parse("a,b,c,d"), Err(GeoError::Shape));
        assert_eq!(BBox::parse("0,95,1,96"), Err(GeoError::OutOfRange));
        assert_eq!(BBox::parse("0,50,1,40"), Err(GeoError::Inverted));
        let world = BBox::parse("-400,-80,400,80").unwrap();
        assert_eq!((world.west, world.east), (-180.0, 180.0));
        let across = BBox::parse("170,-20,190,-10").unwrap();
        assert_eq!((across.west, across.east), (170.0, -170.0));
        assert!(across.contains(-15.0, 179.0) && across.contains(-15.0, -175.0));
        assert!(!across.contains(-15.0, 0.0));
        assert_eq!(BBox::parse(&b.to_param()).unwrap(), b);
    }

    #[test]
    fn a_circle_lies_inside_its_box() {
        let near = Near {
            lat: 48.8566,
            lon: 2.3522,
            radius_km: 30.0,
        };
        let b = near.bbox();
        for (lat, lon) in [(49.1, 2.35), (48.6, 2.35), (48.85, 2.75), (48.85, 1.95)] {
            assert_eq!(
                near.contains(lat, lon),
                distance_km(48.8566, 2.3522, lat, lon) <= 30.0
            );
            if near.contains(lat, lon) {
                assert!(b.contains(lat, lon));
            }
        }
        assert!(near.contains(48.9, 2.4));
        assert!(!near.contains(49.2, 2.35));
    }
}

/// What a map asks for as it moves: the box it shows (`view`, `west,south,east,north`)
/// and its zoom level (`zoom`, 0–20), which sets the grid of its clusters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapWindow {
    pub view: Option<BBox>,
    pub zoom: u8,
}

impl MapWindow {
    /// Reads `view` and `zoom` from a query string (other parameters left aside).
    pub fn parse(query: Option<&str>) -> crate::error::AppResult<MapWindow> {
        use crate::error::AppError;
        let mut window = MapWindow {
            view: None,
            zoom: 5,
        };
        for (key, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
            match key.as_ref() {
                "view" => {
                    window.view = Some(
                        BBox::parse(&value)
                            .map_err(|_| AppError::invalid("view", "search-invalid-bbox"))?,
                    )
                }
                "zoom" => {
                    window.zoom = value
                        .parse::<u8>()
                        .ok()
                        .filter(|z| *z <= 20)
                        .ok_or_else(|| AppError::invalid("zoom", "search-invalid-zoom"))?
                }
                _ => {}
            }
        }
        Ok(window)
    }

    /// The side of a cluster cell: about 64 screen pixels (256-pixel tiles, 360
    /// degrees at zoom 0).
    pub fn cell_degrees(&self) -> f64 {
        90.0 / f64::from(1u32 << self.zoom)
    }

    /// The box to look in: the part of the view inside the `chosen` area, if any.
    pub fn within(&self, chosen: Option<BBox>) -> Option<BBox> {
        match (chosen, self.view) {
            (Some(chosen), Some(view)) => Some(intersection(chosen, view)),
            (chosen, view) => view.or(chosen),
        }
    }
}

/// The part of `view` inside `chosen` (a box crossing the antimeridian keeps the view).
fn intersection(chosen: BBox, view: BBox) -> BBox {
    if chosen.west > chosen.east || view.west > view.east {
        return view;
    }
    let south = chosen.south.max(view.south);
    let north = chosen.north.min(view.north);
    let west = chosen.west.max(view.west);
    let east = chosen.east.min(view.east);
    if south > north || west > east {
        // No overlap: a box that holds nothing of the chosen one.
        return BBox {
            south: chosen.south,
            west: chosen.west,
            north: chosen.south,
            east: chosen.west,
        };
    }
    BBox {
        south,
        west,
        north,
        east,
    }
}
