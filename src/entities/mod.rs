//! sea-orm entities, one file per table, mirroring the migrated schema.
pub mod commune;
pub mod department;
pub mod job;
pub mod partner;
pub mod project;
pub mod project_attribution;
pub mod project_term;
pub mod region;
pub mod session;
pub mod settings_kv;
pub mod taxonomy_term;
