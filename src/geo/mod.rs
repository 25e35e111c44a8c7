//! Offline French geography: the bundled list of current communes (`src/geo/data/communes.tsv`,
//! built by `scripts/build-communes`, sources and licences in `src/geo/data/LICENCES.md`) and a
//! resolver from postcode / commune name / address text to an INSEE code.
//!
//! Paris, Lyon and Marseille: a postcode of an arrondissement (75001–75020 and 75116,
//! 69001–69009, 13001–13016) or a name such as "Paris 11e" / "Lyon 3e arrondissement"
//! resolves to the *commune* (75056, 69123, 13055), which is the administrative territory the
//! hub works with; the municipal arrondissement (75111, 69383, 13208, ...) is reported beside
//! it in [`Resolution::Found`] and its town-hall point is used for the coordinates.

pub mod communes;
pub mod normalise;
pub mod online;
pub mod resolve;

pub use communes::{
    Arrondissement, COMMUNES, Commune, Department, Precision, commune, index, regions,
};
pub use normalise::normalise;
pub use resolve::{Resolution, resolve, resolve_address};
