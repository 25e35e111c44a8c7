//! `csv` sources: a delimited file, fetched or uploaded, read with a column mapping.
//!
//! - Encoding: the one the source states, else a byte order mark, else UTF-8 when the
//!   bytes are valid UTF-8, else detection (windows-1252 for French spreadsheets).
//! - Separator: the one the source states, else the candidate among `,` `;` tab `|`
//!   that splits the header into the most columns with the most rows agreeing.
//! - Values are trimmed; an empty cell is `null`. Headers match exactly, else ignoring
//!   case and surrounding spaces.
//! - Identity: the row's value in `id_column`; without one, the row's `title` field
//!   (lower-cased, spaces collapsed), else a hash of its mapped values. A second row with
//!   the same identity is skipped and reported.
use std::collections::{BTreeMap, HashSet};

use encoding_rs::Encoding;
use serde_json::Value;

use super::fetch::charset;
use super::problem::Problem;

const SEPARATORS: [u8; 4] = [b',', b';', b'\t', b'|'];
/// Rows looked at to choose the separator.
const SNIFF_ROWS: usize = 50;

/// The file as text, in the stated encoding or the detected one.
pub fn decode(bytes: &[u8], encoding: Option<&str>) -> Result<String, Problem> {
    match encoding.map(str::trim).filter(|label| !label.is_empty()) {
        Some(label) => {
            let encoding = Encoding::for_label(label.as_bytes())
                .ok_or_else(|| Problem::new("encoding-unknown").with("label", label))?;
            let bytes = match Encoding::for_bom(bytes) {
                Some((_, bom_len)) => &bytes[bom_len..],
                None => bytes,
            };
            Ok(encoding.decode_without_bom_handling(bytes).0.into_owned())
        }
        None => Ok(charset::decode(bytes, Some("text/csv"), Some("fr")).0),
    }
}

/// The separator that best splits `text` (`,` when nothing splits it).
pub fn detect_separator(text: &str) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for separator in SEPARATORS {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records().take(SNIFF_ROWS).filter_map(Result::ok);
        let Some(header) = records.next() else {
            continue;
        };
        let columns = header.len();
        if columns < 2 {
            continue;
        }
        let agreeing = records.filter(|r| r.len() == columns).count();
        if (agreeing, columns) > (best.1, best.2) {
            best = (separator, agreeing, columns);
        }
    }
    best.0
}

/// The parsed file.
#[derive(Debug)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub separator: u8,
}

/// Parses `text` with `separator` (detected when `None`). Rows may be shorter or longer
/// than the header (missing cells are empty).
pub fn parse(text: &str, separator: Option<char>) -> Result<Table, Problem> {
    let separator = match separator {
        Some(c) if c.is_ascii() => c as u8,
        Some(c) => return Err(Problem::new("separator").with("separator", c)),
        None => detect_separator(text),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Problem::new("csv-header").with("detail", e))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(Problem::new("csv-empty"));
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Problem::new("csv-row")
                .with("line", i + 2)
                .with("detail", e)
        })?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        rows.push(record.iter().map(|cell| cell.trim().to_owned()).collect());
    }
    Ok(Table {
        headers,
        rows,
        separator,
    })
}

/// One row read with the mapping.
#[derive(Debug, PartialEq)]
pub struct Row {
    /// 1-based line of the row in the file (the header is line 1; quoted line breaks
    /// aside).
    pub line: usize,
    pub identity: String,
    pub fields: BTreeMap<String, Value>,
}

/// What reading the rows gave: the rows, and the rows skipped with why.
#[derive(Debug, Default)]
pub struct Rows {
    pub rows: Vec<Row>,
    pub skipped: Vec<Problem>,
}

fn column_index(headers: &[String], wanted: &str) -> Option<usize> {
    let wanted = wanted.trim();
    headers.iter().position(|h| h == wanted).or_else(|| {
        headers
            .iter()
            .position(|h| h.to_lowercase() == wanted.to_lowercase())
    })
}

/// Reads the rows of `table` with `columns` (field → header) and `id_column`. Columns
/// absent from the file are an error naming the columns it has.
pub fn read_rows(
    table: &Table,
    columns: &BTreeMap<String, String>,
    id_column: Option<&str>,
) -> Result<Rows, Problem> {
    let mut missing = Vec::new();
    let mut mapping = Vec::new();
    for (field, header) in columns {
        match column_index(&table.headers, header) {
            Some(i) => mapping.push((field.clone(), i)),
            None => missing.push(header.as_str()),
        }
    }
    let id_index = match id_column.map(str::trim).filter(|c| !c.is_empty()) {
        Some(column) => match column_index(&table.headers, column) {
            Some(i) => Some(i),
            None => {
                missing.push(column);
                None
            }
        },
        None => None,
    };
    if !missing.is_empty() {
        return Err(Problem::new("csv-columns")
            .with("missing", missing.join(", "))
            .with("columns", table.headers.join(", ")));
    }
    let mut out = Rows::default();
    let mut seen = HashSet::new();
    for (i, cells) in table.rows.iter().enumerate() {
        let line = i + 2;
        let cell = |index: usize| cells.get(index).map(String::as_str).unwrap_or("");
        let fields: BTreeMap<String, Value> = mapping
            .iter()
            .map(|(field, index)| {
                let value = cell(*index);
                let value = if value.is_empty() {
                    Value::Null
                } else {
                    Value::String(value.to_owned())
                };
                (field.clone(), value)
            })
            .collect();
        let identity = match id_index {
            Some(index) if cell(index).is_empty() => {
                out.skipped
                    .push(Problem::new("row-without-id").with("line", line));
                continue;
            }
            Some(index) => cell(index).to_owned(),
            None => match fields.get("title").and_then(Value::as_str) {
                Some(title) => format!(
                    "title:{}",
                    title
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase()
                ),
                None => format!("row:{}", super::run::content_hash(&fields)),
            },
        };
        if !seen.insert(identity.clone()) {
            out.skipped.push(
                Problem::new("row-duplicate")
                    .with("line", line)
                    .with("identity", &identity),
            );
            continue;
        }
        out.rows.push(Row {
            line,
            identity,
            fields,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn separators_are_detected_with_quotes() {
        assert_eq!(
            detect_separator("nom;ville;thèmes\n\"A; B\";Lyon;x,y\nC;Caen;z\n"),
            b';'
        );
        assert_eq!(detect_separator("nom,ville\nA,Lyon\nB,Caen\n"), b',');
        assert_eq!(detect_separator("nom\tville\nA\tLyon\n"), b'\t');
        assert_eq!(detect_separator("nom\nA\n"), b',');
    }

    #[test]
    fn windows_1252_files_come_out_right() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Intitulé;Commune\nÉpicerie;Bléré\n");
        assert_eq!(
            decode(&bytes, None).unwrap(),
            "Intitulé;Commune\nÉpicerie;Bléré\n"
        );
        assert_eq!(
            decode(&bytes, Some("windows-1252")).unwrap(),
            "Intitulé;Commune\nÉpicerie;Bléré\n"
        );
        assert!(decode(&bytes, Some("klingon")).is_err());
        assert_eq!(decode("\u{feff}a;b".as_bytes(), None).unwrap(), "a;b");
    }

    #[test]
    fn rows_are_read_with_identities_and_problems_reported() {
        let table = parse(
            "Réf;Intitulé;Ville\n1;Jardin partagé;Lyon\n;Sans réf;Caen\n1;Doublon;Caen\n2; ;Paris\n",
            None,
        )
        .unwrap();
        assert_eq!(table.separator, b';');
        let rows = read_rows(
            &table,
            &mapping(&[("title", "intitulé"), ("commune", "Ville")]),
            Some("Réf"),
        )
        .unwrap();
        assert_eq!(rows.rows.len(), 2);
        assert_eq!(rows.rows[0].identity, "1");
        assert_eq!(rows.rows[0].fields["title"], "Jardin partagé");
        assert_eq!(rows.rows[1].fields["title"], Value::Null);
        assert_eq!(rows.rows[1].line, 5);
        assert_eq!(rows.skipped.len(), 2);
        assert_eq!(
            rows.skipped[0],
            Problem::new("row-without-id").with("line", 3)
        );

        let err = read_rows(&table, &mapping(&[("title", "Titre")]), None)
            .unwrap_err()
            .english();
        assert!(err.contains("Titre") && err.contains("Intitulé"), "{err}");

        let by_title = read_rows(&table, &mapping(&[("title", "Intitulé")]), None).unwrap();
        assert_eq!(by_title.rows[0].identity, "title:jardin partagé");
    }
}
