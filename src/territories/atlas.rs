//! Regions and departments by code, with their names and the addresses of their pages.
use std::collections::HashMap;

use sea_orm::{DatabaseConnection, DbErr, EntityTrait};
use serde::Serialize;

use crate::entities::{department, region};

/// A region as pages name it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Region {
    pub code: String,
    pub name: String,
}

/// A department as pages name it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Department {
    pub code: String,
    pub name: String,
    pub region_code: String,
}

/// Every region and department (a hundred rows), loaded once per request that needs them.
pub struct Atlas {
    regions: Vec<Region>,
    departments: Vec<Department>,
    region_index: HashMap<String, usize>,
    department_index: HashMap<String, usize>,
}

/// The order people look names up in: accents and case ignored (Île-de-France under I).
pub fn name_order(name: &str) -> String {
    deunicode::deunicode(name).to_lowercase()
}

impl Atlas {
    pub async fn load(db: &DatabaseConnection) -> Result<Self, DbErr> {
        let mut regions: Vec<Region> = region::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|r| Region {
                code: r.code,
                name: r.name,
            })
            .collect();
        regions.sort_by_key(|r| name_order(&r.name));
        let mut departments: Vec<Department> = department::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|d| Department {
                code: d.code,
                name: d.name,
                region_code: d.region_code,
            })
            .collect();
        departments.sort_by(|a, b| a.code.cmp(&b.code));
        let region_index = regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code.clone(), i))
            .collect();
        let department_index = departments
            .iter()
            .enumerate()
            .map(|(i, d)| (d.code.clone(), i))
            .collect();
        Ok(Self {
            regions,
            departments,
            region_index,
            department_index,
        })
    }

    /// Regions by name.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// Departments by code.
    pub fn departments(&self) -> &[Department] {
        &self.departments
    }

    pub fn region(&self, code: &str) -> Option<&Region> {
        self.region_index.get(code).map(|&i| &self.regions[i])
    }

    pub fn department(&self, code: &str) -> Option<&Department> {
        self.department_index
            .get(code)
            .map(|&i| &self.departments[i])
    }

    /// The departments of a region, by code.
    pub fn departments_of<'a>(&'a self, region: &'a str) -> impl Iterator<Item = &'a Department> {
        self.departments
            .iter()
            .filter(move |d| d.region_code == region)
    }
}

/// The page of a region.
pub fn region_path(code: &str) -> String {
    format!("/territoires/regions/{code}")
}

/// The page of a department.
pub fn department_path(code: &str) -> String {
    format!("/territoires/departements/{code}")
}

/// The canonical page of a commune: its INSEE code and its name as a slug.
pub fn commune_path(insee: &str, name: &str) -> String {
    format!(
        "/territoires/communes/{insee}-{}",
        crate::web::slug::slugify(name, 80)
    )
}
