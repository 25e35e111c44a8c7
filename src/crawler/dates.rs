//! Dates as partner sites write them: French long dates ("12 mars 2019", "1er mars 2019",
//! "le 3 févr. 2020", with or without accents), day/month/year ("12/03/2019",
//! "12-03-2019", "1/3/2019"), ISO dates and date-times, and the RFC 822 dates of RSS
//! feeds. Every parser looks for the first date of its kind anywhere in the text, so labels
//! around it ("Lancé le 12/03/2019") do not matter, and checks that the day exists.
//!
//! Date-times keep the date as written: `2019-03-12T23:30:00-05:00` is the 12th, whatever
//! the offset, because that is the day the page shows to its readers.
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::sources::config::DateFormat;

/// Reads a date written in `format`.
pub fn parse(format: DateFormat, text: &str) -> Option<NaiveDate> {
    match format {
        DateFormat::DmySlash => parse_dmy(text),
        DateFormat::FrLong => parse_fr_long(text),
        DateFormat::Iso => parse_iso(text),
    }
}

/// Tries every known way of writing a date: ISO, day/month/year, French long, RFC 822.
pub fn parse_any(text: &str) -> Option<NaiveDate> {
    parse_iso(text)
        .or_else(|| parse_dmy(text))
        .or_else(|| parse_fr_long(text))
        .or_else(|| parse_rfc822(text))
}

/// `2019-03-12`, `2019-03-12T10:00:00+01:00`, `2019-03-12 10:00`; the date part is kept.
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    static ISO: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|[^\d])(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[^\d])").unwrap());
    ISO.captures_iter(text)
        .find_map(|c| ymd(&c[1], &c[2], &c[3]))
}

/// `12/03/2019`, `12-03-2019`, `12.03.2019`, `1/3/2019`; two-digit years are read as
/// 2000–2069 or 1970–1999. Both separators must be the same.
pub fn parse_dmy(text: &str) -> Option<NaiveDate> {
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^\d/.\-])(\d{1,2})([/.\-])(\d{1,2})([/.\-])(\d{4}|\d{2})(?:$|[^\d/.\-]|\.(?:$|[^\d]))")
            .unwrap()
    });
    DMY.captures_iter(text).find_map(|c| {
        if c[2] != c[4] {
            return None;
        }
        let year = full_year(&c[5])?;
        ymd(&year.to_string(), &c[3], &c[1])
    })
}

/// `12 mars 2019`, `1er mars 2019`, `le 3 févr. 2020`, `3 fevrier 2020`, `mardi 12 MARS
/// 2019`, `15 août 2021` / `15 aout 2021`, `1ᵉʳ décembre 2020`.
pub fn parse_fr_long(text: &str) -> Option<NaiveDate> {
    static FR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[^\d])(\d{1,2})\s*(?:eme|er|e)?[\s\-.]+([a-z]+)\.?,?[\s\-.]+(\d{4})(?:$|[^\d])",
        )
        .unwrap()
    });
    let folded = fold(text);
    FR.captures_iter(&folded).find_map(|c| {
        let month = month_number(&c[2])?;
        ymd(&c[3], &month.to_string(), &c[1])
    })
}

/// RFC 822 / RFC 2822 dates of RSS feeds: `Sun, 09 Jan 2011 09:00:00 +0000`, with or
/// without the weekday, two- or four-digit years, English or French month names; the
/// date is kept as written (in the feed's own offset).
pub fn parse_rfc822(text: &str) -> Option<NaiveDate> {
    static RFC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^\d])(\d{1,2})[\s\-]+([a-z]+)\.?[\s\-]+(\d{4}|\d{2})(?:$|[^\d])")
            .unwrap()
    });
    let folded = fold(text);
    RFC.captures_iter(&folded).find_map(|c| {
        let month = month_number(&c[2])?;
        let year = full_year(&c[3])?;
        ymd(&year.to_string(), &month.to_string(), &c[1])
    })
}

/// Month number of a French or English month name or abbreviation, lower-case and
/// without accents (`fevrier`, `fevr`, `feb`, `aout`, `sept`…).
pub fn month_number(word: &str) -> Option<u32> {
    let n = match word {
        "janvier" | "janv" | "jan" | "january" => 1,
        "fevrier" | "fevr" | "fev" | "feb" | "february" => 2,
        "mars" | "mar" | "march" => 3,
        "avril" | "avr" | "apr" | "april" => 4,
        "mai" | "may" => 5,
        "juin" | "jun" | "june" => 6,
        "juillet" | "juil" | "jul" | "july" => 7,
        "aout" | "aug" | "august" => 8,
        "septembre" | "sept" | "sep" | "september" => 9,
        "octobre" | "oct" | "october" => 10,
        "novembre" | "nov" | "november" => 11,
        "decembre" | "dec" | "december" => 12,
        _ => return None,
    };
    Some(n)
}

/// Lower-case, compatibility-decomposed (`ᵉʳ` → `er`), without combining marks (accents).
fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn full_year(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    Some(match (text.len(), y) {
        (2, 0..=69) => 2000 + y,
        (2, _) => 1900 + y,
        _ => y,
    })
}

fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn french_long_dates() {
        assert_eq!(parse_fr_long("12 mars 2019"), d(2019, 3, 12));
        assert_eq!(parse_fr_long("1er mars 2019"), d(2019, 3, 1));
        assert_eq!(parse_fr_long("1ᵉʳ décembre 2020"), d(2020, 12, 1));
        assert_eq!(parse_fr_long("le 3 févr. 2020"), d(2020, 2, 3));
        assert_eq!(parse_fr_long("3 fevrier 2020"), d(2020, 2, 3));
        assert_eq!(parse_fr_long("3 février 2020"), d(2020, 2, 3));
        assert_eq!(parse_fr_long("15 août 2021"), d(2021, 8, 15));
        assert_eq!(parse_fr_long("15 aout 2021"), d(2021, 8, 15));
        assert_eq!(parse_fr_long("24 decembre 2018"), d(2018, 12, 24));
        assert_eq!(parse_fr_long("24 Décembre 2018"), d(2018, 12, 24));
        assert_eq!(
            parse_fr_long("Publié le mardi 12 MARS 2019 à 10h"),
            d(2019, 3, 12)
        );
        assert_eq!(parse_fr_long("7 sept. 2022"), d(2022, 9, 7));
        assert_eq!(parse_fr_long("7\u{a0}juillet\u{a0}2022"), d(2022, 7, 7));
        assert_eq!(parse_fr_long("31 juil 2022"), d(2022, 7, 31));
        // Decomposed accents (NFD) read the same.
        assert_eq!(parse_fr_long("3 fe\u{301}vrier 2020"), d(2020, 2, 3));
    }

    #[test]
    fn french_long_dates_that_are_not() {
        assert_eq!(parse_fr_long("12 mars"), None);
        assert_eq!(parse_fr_long("31 février 2020"), None);
        assert_eq!(parse_fr_long("12 truc 2019"), None);
        assert_eq!(parse_fr_long(""), None);
        // The first real date wins over a number followed by a word.
        assert_eq!(
            parse_fr_long("3 ateliers 2019, puis le 4 mai 2020"),
            d(2020, 5, 4)
        );
    }

    #[test]
    fn day_month_year() {
        assert_eq!(parse_dmy("12/03/2019"), d(2019, 3, 12));
        assert_eq!(parse_dmy("12-03-2019"), d(2019, 3, 12));
        assert_eq!(parse_dmy("12.03.2019"), d(2019, 3, 12));
        assert_eq!(parse_dmy("1/3/2019"), d(2019, 3, 1));
        assert_eq!(parse_dmy("Lancé le 21/12/2023."), d(2023, 12, 21));
        assert_eq!(parse_dmy("12/03/19"), d(2019, 3, 12));
        assert_eq!(parse_dmy("12/03/85"), d(1985, 3, 12));
        assert_eq!(parse_dmy("31/02/2019"), None);
        assert_eq!(parse_dmy("12/13/2019"), None);
        assert_eq!(parse_dmy("12/03-2019"), None);
        assert_eq!(parse_dmy("2019/03/12"), None);
        assert_eq!(parse_dmy("2019-03-12"), None);
        assert_eq!(parse_dmy("version 1.2.3"), None);
    }

    #[test]
    fn iso_dates_and_date_times() {
        assert_eq!(parse_iso("2019-03-12"), d(2019, 3, 12));
        assert_eq!(parse_iso(" 2019-03-12 "), d(2019, 3, 12));
        assert_eq!(parse_iso("2019-03-12T10:00:00+01:00"), d(2019, 3, 12));
        assert_eq!(parse_iso("2019-03-12T23:30:00-05:00"), d(2019, 3, 12));
        assert_eq!(parse_iso("2019-03-12T00:30:00Z"), d(2019, 3, 12));
        assert_eq!(parse_iso("2019-03-12 10:00"), d(2019, 3, 12));
        assert_eq!(parse_iso("2019-3-5"), d(2019, 3, 5));
        assert_eq!(parse_iso("2019-02-30"), None);
        assert_eq!(parse_iso("12/03/2019"), None);
        assert_eq!(parse_iso("12019-03-12"), None);
    }

    #[test]
    fn rfc822_dates_of_feeds() {
        assert_eq!(
            parse_rfc822("Sun, 09 Jan 2011 09:00:00 +0000"),
            d(2011, 1, 9)
        );
        assert_eq!(parse_rfc822("9 Jan 2011 23:59 GMT"), d(2011, 1, 9));
        assert_eq!(
            parse_rfc822("Tue, 12 Mar 19 00:30:00 +0100"),
            d(2019, 3, 12)
        );
        assert_eq!(
            parse_rfc822("mar., 12 mars 2019 00:30:00 +0100"),
            d(2019, 3, 12)
        );
        assert_eq!(parse_rfc822("Sun, 32 Jan 2011"), None);
    }

    #[test]
    fn by_format_and_any() {
        assert_eq!(parse(DateFormat::DmySlash, "12/03/2019"), d(2019, 3, 12));
        assert_eq!(parse(DateFormat::FrLong, "1er mars 2019"), d(2019, 3, 1));
        assert_eq!(parse(DateFormat::Iso, "2019-03-01T09:00"), d(2019, 3, 1));
        assert_eq!(parse(DateFormat::Iso, "1er mars 2019"), None);
        assert_eq!(parse_any("2019-03-01"), d(2019, 3, 1));
        assert_eq!(parse_any("01/03/2019"), d(2019, 3, 1));
        assert_eq!(parse_any("1er mars 2019"), d(2019, 3, 1));
        assert_eq!(parse_any("Fri, 01 Mar 2019 09:00:00 +0000"), d(2019, 3, 1));
        assert_eq!(parse_any("bientôt"), None);
    }

    #[test]
    fn month_names() {
        assert_eq!(month_number("fevr"), Some(2));
        assert_eq!(month_number("may"), Some(5));
        assert_eq!(month_number("mai"), Some(5));
        assert_eq!(month_number("aout"), Some(8));
        assert_eq!(month_number("août"), None); // callers fold accents first
    }
}
