//! A figure of the trends page: its chart, its data table and its CSV file, all made from
//! the same rows so that the three always show the same numbers.
use serde::Serialize;

use super::chart::{ValueFormat, format_value};
use crate::web::Lang;

/// One value of a row: as shown in the table, and as written in the CSV file (and the
/// cell's `data-value`): whole numbers, or decimals with a point.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cell {
    pub text: String,
    pub value: String,
}

impl Cell {
    pub fn number(value: f64, format: ValueFormat, lang: Lang) -> Self {
        let raw = match format {
            ValueFormat::Count => format!("{}", value.round() as i64),
            ValueFormat::Percent | ValueFormat::SignedPercent => format!("{value:.1}"),
        };
        Self {
            text: format_value(value, format, lang),
            value: raw,
        }
    }

    pub fn count(value: i64, lang: Lang) -> Self {
        Self::number(value as f64, ValueFormat::Count, lang)
    }

    pub fn text(text: String) -> Self {
        Self {
            value: text.clone(),
            text,
        }
    }
}

/// A row of a figure: what it is about (code and label) and its values.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Stable identifier (theme or territory code, `YYYY-MM`, year); empty for "not placed".
    pub code: String,
    pub label: String,
    pub cells: Vec<Cell>,
}

/// A chart with its table and the address of its CSV file.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// Names the CSV file (`/tendances/<id>.csv`) and the chart's element ids.
    pub id: &'static str,
    pub title: String,
    /// Headers of the table: the row label's, then one per cell.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// The chart; `None` when there is nothing to draw.
    pub svg: Option<String>,
    pub csv_url: String,
    /// Facts about what the chart leaves out (projects without a start year…).
    pub notes: Vec<String>,
}

impl Figure {
    /// The CSV file: a header row (code, then the table's headers), then one line per row.
    pub fn to_csv(&self, lang: Lang) -> Result<Vec<u8>, csv::Error> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let mut header = vec![lang.t("trends-csv-code")];
        header.extend(self.columns.iter().cloned());
        writer.write_record(&header)?;
        for row in &self.rows {
            let mut record = vec![row.code.clone(), row.label.clone()];
            record.extend(row.cells.iter().map(|c| c.value.clone()));
            writer.write_record(&record)?;
        }
        writer
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_header_and_the_raw_numbers() {
        let figure = Figure {
            id: "themes",
            title: "Projets par thème".into(),
            columns: vec!["Thème".into(), "Projets".into(), "Part".into()],
            rows: vec![Row {
                code: "ALI".into(),
                label: "Alimentation, \"bio\"".into(),
                cells: vec![
                    Cell::count(1234, Lang::Fr),
                    Cell::number(12.345, ValueFormat::Percent, Lang::Fr),
                ],
            }],
            svg: None,
            csv_url: String::new(),
            notes: Vec::new(),
        };
        assert_eq!(figure.rows[0].cells[0].text, "1\u{202f}234");
        let csv = String::from_utf8(figure.to_csv(Lang::Fr).unwrap()).unwrap();
        assert_eq!(
            csv,
            "Code,Thème,Projets,Part\nALI,\"Alimentation, \"\"bio\"\"\",1234,12.3\n"
        );
    }
}
