//! Server-side SVG charts (horizontal bars, grouped or not, and a line over time), drawn
//! without JavaScript. Each chart is an accessible image: `role="img"`, a `<title>` and a
//! `<desc>` it is labelled by, labelled axes, and every label escaped. Colours and fonts
//! are attributes, so a chart looks the same outside the page's style sheet.
use std::fmt::Write as _;

use crate::web::Lang;

/// Width of every chart's view box; the page scales it to its column.
const WIDTH: f64 = 720.0;
/// Width kept for category labels on the left of bars.
const LABEL_WIDTH: f64 = 260.0;
/// Room on the right of the longest bar for its value.
const VALUE_ROOM: f64 = 78.0;
const BAR_HEIGHT: f64 = 16.0;
const GROUP_GAP: f64 = 8.0;
const FONT_SIZE: f64 = 12.0;
/// A generous average glyph width at `FONT_SIZE`, to fit labels without measuring fonts.
const CHAR_WIDTH: f64 = 6.8;
const INK: &str = "#1d2421";
const MUTED: &str = "#4a5650";
const GRID: &str = "#d5dcd8";
/// Distinguishable series colours (brand green, then Okabe–Ito vermillion, blue, purple),
/// each at least 4.5:1 against white.
const PALETTE: [&str; 4] = ["#0b5f4f", "#b34700", "#0062a0", "#8f3f71"];

/// How values are written on a chart and in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueFormat {
    /// Whole numbers (project counts).
    Count,
    /// Percentages with one decimal.
    Percent,
    /// Signed percentages with one decimal (growth).
    SignedPercent,
}

/// Writes `value` as people of `lang` read it: `1 234`, `12,5 %`, `+40,0 %` in French;
/// `1,234`, `12.5%`, `+40.0%` in English.
pub fn format_value(value: f64, format: ValueFormat, lang: Lang) -> String {
    match format {
        ValueFormat::Count => group_thousands(&format!("{}", value.round() as i64), lang),
        ValueFormat::Percent | ValueFormat::SignedPercent => {
            let sign = if format == ValueFormat::SignedPercent && value > 0.0 {
                "+"
            } else {
                ""
            };
            let text = format!("{value:.1}");
            let (whole, decimals) = text.split_once('.').unwrap_or((&text, "0"));
            let whole = group_thousands(whole, lang);
            match lang {
                Lang::Fr => format!("{sign}{whole},{decimals}\u{a0}%"),
                Lang::En => format!("{sign}{whole}.{decimals}%"),
            }
        }
    }
}

/// A tick of an axis: like [`format_value`], without decimals when the tick is whole.
fn format_tick(value: f64, format: ValueFormat, lang: Lang) -> String {
    if format == ValueFormat::Count || value.fract() != 0.0 {
        return format_value(value, format, lang);
    }
    let sign = if format == ValueFormat::SignedPercent && value > 0.0 {
        "+"
    } else {
        ""
    };
    let whole = format_value(value, ValueFormat::Count, lang);
    match lang {
        Lang::Fr => format!("{sign}{whole}\u{a0}%"),
        Lang::En => format!("{sign}{whole}%"),
    }
}

/// `-12345` → `-12 345` (narrow no-break space) or `-12,345`.
fn group_thousands(digits: &str, lang: Lang) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits),
    };
    let separator = match lang {
        Lang::Fr => '\u{202f}',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + 4);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 forbids (C0 controls but tab and line breaks).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` cut to at most `max` characters, ending with an ellipsis when cut.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Round tick values covering `low..=high` (which includes 0), about `target` of them;
/// `whole` keeps the step at 1 or more (counts).
fn ticks(low: f64, high: f64, target: usize, whole: bool) -> Vec<f64> {
    let span = (high - low).max(if whole { 1.0 } else { f64::EPSILON });
    let rough = span / target.max(1) as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let mut step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    if whole {
        step = step.max(1.0).round();
    }
    let first = (low / step).floor() as i64;
    // At least two ticks, so that an axis of zeros still has a scale.
    let last = ((high / step).ceil() as i64).max(first + 1);
    (first..=last).map(|k| k as f64 * step).collect()
}

/// The opening of a chart: the `<svg>` element labelled by its title and description.
fn open(out: &mut String, id: &str, height: f64, title: &str, description: &str) {
    let id = escape(id);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}" role="img" aria-labelledby="chart-{id}-title chart-{id}-desc" font-family="system-ui, sans-serif" font-size="{FONT_SIZE}"><title id="chart-{id}-title">{}</title><desc id="chart-{id}-desc">{}</desc>"#,
        escape(title),
        escape(description),
    );
}

fn text(out: &mut String, x: f64, y: f64, anchor: &str, fill: &str, content: &str) {
    let _ = write!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" fill="{fill}">{}</text>"#,
        escape(content)
    );
}

/// One category of a bar chart: its label and one value per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub values: Vec<f64>,
}

/// Horizontal bars, one group per category and one bar per series in each group;
/// negative values extend left of the zero line.
#[derive(Debug, Clone)]
pub struct BarChart<'a> {
    /// Unique on the page (the ids of title and description derive from it).
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// What the values measure, written under the value axis.
    pub value_axis: &'a str,
    /// Names of the series, shown in a legend when there are several.
    pub series: &'a [String],
    pub bars: &'a [Bar],
    pub format: ValueFormat,
    pub lang: Lang,
}

impl BarChart<'_> {
    /// The chart as an SVG element.
    pub fn to_svg(&self) -> String {
        let series = self.series.len().max(1);
        let legend_rows = if series > 1 { series } else { 0 };
        let top = 12.0 + legend_rows as f64 * 18.0;
        let group = series as f64 * BAR_HEIGHT + GROUP_GAP;
        let plot_height = self.bars.len() as f64 * group;
        let height = top + plot_height + 46.0;
        let values = self.bars.iter().flat_map(|b| b.values.iter().copied());
        let (low, high) = values.fold((0f64, 0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let whole = self.format == ValueFormat::Count;
        let ticks = ticks(low, high, 5, whole);
        let (axis_low, axis_high) = (ticks[0], *ticks.last().unwrap_or(&1.0));
        let x0 = LABEL_WIDTH + 10.0;
        let plot_width = WIDTH - x0 - VALUE_ROOM;
        let scale = |v: f64| x0 + (v - axis_low) / (axis_high - axis_low).max(1e-9) * plot_width;

        let mut out = String::new();
        open(&mut out, self.id, height, self.title, self.description);
        if series > 1 {
            out.push_str(r#"<g class="chart-legend">"#);
            for (i, name) in self.series.iter().enumerate() {
                let y = 8.0 + i as f64 * 18.0;
                let _ = write!(
                    out,
                    r#"<rect x="{x0:.1}" y="{y:.1}" width="12" height="12" fill="{}"/>"#,
                    PALETTE[i % PALETTE.len()]
                );
                text(&mut out, x0 + 18.0, y + 10.0, "start", INK, name);
            }
            out.push_str("</g>");
        }
        // Grid and value axis.
        out.push_str(r#"<g class="chart-axis">"#);
        let axis_y = top + plot_height;
        for tick in &ticks {
            let x = scale(*tick);
            let stroke = if *tick == 0.0 { MUTED } else { GRID };
            let _ = write!(
                out,
                r#"<line x1="{x:.1}" y1="{top:.1}" x2="{x:.1}" y2="{axis_y:.1}" stroke="{stroke}"/>"#
            );
            let label = format_tick(*tick, self.format, self.lang);
            text(&mut out, x, axis_y + 16.0, "middle", MUTED, &label);
        }
        text(
            &mut out,
            x0 + plot_width / 2.0,
            axis_y + 36.0,
            "middle",
            INK,
            self.value_axis,
        );
        out.push_str("</g>");
        // Bars with their labels and values.
        let max_chars = (LABEL_WIDTH / CHAR_WIDTH) as usize;
        for (row, bar) in self.bars.iter().enumerate() {
            let y = top + row as f64 * group + GROUP_GAP / 2.0;
            out.push_str(r#"<g class="chart-bar">"#);
            let _ = write!(out, "<title>{}</title>", escape(&bar.label));
            let label_y = y + series as f64 * BAR_HEIGHT / 2.0 + FONT_SIZE / 3.0;
            text(
                &mut out,
                LABEL_WIDTH,
                label_y,
                "end",
                INK,
                &fit(&bar.label, max_chars),
            );
            for (i, value) in bar.values.iter().enumerate() {
                let (from, to) = (scale(0.0), scale(*value));
                let bar_y = y + i as f64 * BAR_HEIGHT;
                let _ = write!(
                    out,
                    r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
                    from.min(to),
                    bar_y + 1.0,
                    (to - from).abs(),
                    BAR_HEIGHT - 2.0,
                    PALETTE[i % PALETTE.len()],
                );
                let value_text = format_value(*value, self.format, self.lang);
                text(
                    &mut out,
                    from.max(to) + 4.0,
                    bar_y + BAR_HEIGHT / 2.0 + FONT_SIZE / 3.0,
                    "start",
                    INK,
                    &value_text,
                );
            }
            out.push_str("</g>");
        }
        out.push_str("</svg>");
        out
    }
}

/// One point of a line: its label on the horizontal axis and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub label: String,
    pub value: f64,
}

/// A line over evenly spaced, ordered points (months, years), from zero up.
#[derive(Debug, Clone)]
pub struct LineChart<'a> {
    /// Unique on the page (the ids of title and description derive from it).
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub x_axis: &'a str,
    pub y_axis: &'a str,
    pub points: &'a [Point],
    pub format: ValueFormat,
    pub lang: Lang,
}

impl LineChart<'_> {
    /// The chart as an SVG element.
    pub fn to_svg(&self) -> String {
        const HEIGHT: f64 = 300.0;
        const LEFT: f64 = 72.0;
        // Room for half of the last label, centred on the last point.
        const RIGHT: f64 = 40.0;
        const TOP: f64 = 16.0;
        const BOTTOM: f64 = 58.0;
        let plot_width = WIDTH - LEFT - RIGHT;
        let plot_height = HEIGHT - TOP - BOTTOM;
        let high = self.points.iter().map(|p| p.value).fold(0f64, f64::max);
        let ticks = ticks(0.0, high, 5, self.format == ValueFormat::Count);
        let axis_high = ticks.last().copied().unwrap_or(1.0).max(1e-9);
        let count = self.points.len();
        let x = |i: usize| {
            if count <= 1 {
                LEFT + plot_width / 2.0
            } else {
                LEFT + i as f64 * plot_width / (count - 1) as f64
            }
        };
        let y = |v: f64| TOP + plot_height - v / axis_high * plot_height;
        let bottom = TOP + plot_height;

        let mut out = String::new();
        open(&mut out, self.id, HEIGHT, self.title, self.description);
        out.push_str(r#"<g class="chart-axis">"#);
        for tick in &ticks {
            let ty = y(*tick);
            let stroke = if *tick == 0.0 { MUTED } else { GRID };
            let _ = write!(
                out,
                r#"<line x1="{LEFT:.1}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="{stroke}"/>"#,
                LEFT + plot_width
            );
            let label = format_value(*tick, self.format, self.lang);
            text(
                &mut out,
                LEFT - 6.0,
                ty + FONT_SIZE / 3.0,
                "end",
                MUTED,
                &label,
            );
        }
        // As many horizontal labels as fit side by side, evenly spread back from the
        // last (most recent) point.
        let widest = self
            .points
            .iter()
            .map(|p| p.label.chars().count())
            .max()
            .unwrap_or(1) as f64;
        let fitting = (plot_width / (widest * CHAR_WIDTH + 12.0)).floor().max(1.0) as usize;
        let step = count.div_ceil(fitting).max(1);
        for (i, point) in self.points.iter().enumerate() {
            if (count - 1 - i).is_multiple_of(step) {
                text(&mut out, x(i), bottom + 16.0, "middle", MUTED, &point.label);
            }
        }
        text(
            &mut out,
            LEFT + plot_width / 2.0,
            HEIGHT - 8.0,
            "middle",
            INK,
            self.x_axis,
        );
        let _ = write!(
            out,
            r#"<text x="14" y="{:.1}" text-anchor="middle" fill="{INK}" transform="rotate(-90 14 {:.1})">{}</text>"#,
            TOP + plot_height / 2.0,
            TOP + plot_height / 2.0,
            escape(self.y_axis)
        );
        out.push_str("</g>");
        if count > 1 {
            let points: Vec<String> = self
                .points
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.value)))
                .collect();
            let _ = write!(
                out,
                r#"<polyline class="chart-line" fill="none" stroke="{}" stroke-width="2" points="{}"/>"#,
                PALETTE[0],
                points.join(" ")
            );
        }
        // Points carry their exact value as a tooltip.
        let radius = if count > 60 { 1.5 } else { 3.0 };
        for (i, point) in self.points.iter().enumerate() {
            let _ = write!(
                out,
                r#"<circle cx="{:.1}" cy="{:.1}" r="{radius}" fill="{}"><title>{} : {}</title></circle>"#,
                x(i),
                y(point.value),
                PALETTE[0],
                escape(&point.label),
                escape(&format_value(point.value, self.format, self.lang)),
            );
        }
        out.push_str("</svg>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::Reader;
    use quick_xml::events::Event;

    /// Parses `svg` as XML; returns the text of every `<text>` and `<title>` element and
    /// the number of elements of each name seen.
    fn parse(svg: &str) -> (Vec<String>, std::collections::BTreeMap<String, usize>) {
        let mut reader = Reader::from_str(svg);
        let mut texts = Vec::new();
        let mut names = std::collections::BTreeMap::new();
        let mut open: Vec<String> = Vec::new();
        let mut current: Option<String> = None;
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) => {
                    let name = e.name().as_ref().to_owned();
                    if name == "text" || name == "title" || name == "desc" {
                        current = Some(String::new());
                    }
                    *names.entry(name.clone()).or_insert(0) += 1;
                    open.push(name);
                }
                Event::Empty(e) => {
                    let name = e.name().as_ref().to_owned();
                    *names.entry(name).or_insert(0) += 1;
                }
                Event::End(e) => {
                    let name = e.name().as_ref().to_owned();
                    assert_eq!(open.pop().as_deref(), Some(name.as_str()));
                    if let Some(text) = current.take() {
                        texts.push(text);
                    }
                }
                Event::Text(t) => {
                    if let Some(text) = current.as_mut() {
                        text.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    let resolved = quick_xml::escape::resolve_xml_entity(&r)
                        .map(str::to_owned)
                        .or_else(|| r.resolve_char_ref().ok().flatten().map(String::from))
                        .unwrap_or_else(|| panic!("unknown entity {:?}", &*r));
                    if let Some(text) = current.as_mut() {
                        text.push_str(&resolved);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert!(open.is_empty(), "every element is closed");
        (texts, names)
    }

    fn bars(labels: &[(&str, f64)]) -> Vec<Bar> {
        labels
            .iter()
            .map(|(l, v)| Bar {
                label: (*l).to_owned(),
                values: vec![*v],
            })
            .collect()
    }

    #[test]
    fn numbers_read_as_in_each_language() {
        assert_eq!(
            format_value(1234567.0, ValueFormat::Count, Lang::Fr),
            "1\u{202f}234\u{202f}567"
        );
        assert_eq!(
            format_value(1234567.0, ValueFormat::Count, Lang::En),
            "1,234,567"
        );
        assert_eq!(format_value(999.0, ValueFormat::Count, Lang::En), "999");
        assert_eq!(
            format_value(-1200.0, ValueFormat::Count, Lang::En),
            "-1,200"
        );
        assert_eq!(
            format_value(12.46, ValueFormat::Percent, Lang::Fr),
            "12,5\u{a0}%"
        );
        assert_eq!(format_value(12.46, ValueFormat::Percent, Lang::En), "12.5%");
        assert_eq!(
            format_value(40.0, ValueFormat::SignedPercent, Lang::En),
            "+40.0%"
        );
        assert_eq!(
            format_value(-25.0, ValueFormat::SignedPercent, Lang::Fr),
            "-25,0\u{a0}%"
        );
        assert_eq!(
            format_value(0.0, ValueFormat::SignedPercent, Lang::En),
            "0.0%"
        );
    }

    #[test]
    fn whole_ticks_have_no_decimals() {
        assert_eq!(
            format_tick(1000.0, ValueFormat::Percent, Lang::En),
            "1,000%"
        );
        assert_eq!(
            format_tick(40.0, ValueFormat::SignedPercent, Lang::Fr),
            "+40\u{a0}%"
        );
        assert_eq!(
            format_tick(2.5, ValueFormat::Percent, Lang::Fr),
            "2,5\u{a0}%"
        );
        assert_eq!(
            format_tick(-20.0, ValueFormat::SignedPercent, Lang::En),
            "-20%"
        );
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            ticks(0.0, 97.0, 5, true),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(ticks(0.0, 3.0, 5, true), vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(ticks(0.0, 0.0, 5, true), vec![0.0, 1.0]);
        let signed = ticks(-30.0, 120.0, 5, false);
        assert!(signed[0] <= -30.0 && *signed.last().unwrap() >= 120.0);
        assert!(signed.contains(&0.0), "{signed:?}");
    }

    #[test]
    fn labels_are_escaped_and_the_svg_is_well_formed() {
        let nasty = r#"<script>alert("x")</script> & 'co'"#;
        let series = vec!["Série <1>".to_owned()];
        let data = bars(&[(nasty, 3.0), ("Éducation", 12.0)]);
        let chart = BarChart {
            id: "t\"x",
            title: "Titre & <b>",
            description: "Desc > 2",
            value_axis: "Projets",
            series: &series,
            bars: &data,
            format: ValueFormat::Count,
            lang: Lang::Fr,
        };
        let svg = chart.to_svg();
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(!svg.contains("<b>"));
        let (texts, names) = parse(&svg);
        assert!(
            texts.contains(&nasty.to_owned()),
            "the full label is the bar's title: {texts:?}"
        );
        assert!(texts.contains(&"Titre & <b>".to_owned()));
        assert!(texts.contains(&"Desc > 2".to_owned()));
        assert_eq!(names["svg"], 1);
        assert_eq!(
            names["rect"], 2,
            "one bar per value, no legend for one series"
        );
    }

    #[test]
    fn a_bar_chart_is_an_accessible_image_with_labelled_axes() {
        let data = bars(&[("Alimentation", 40.0), ("Santé", 10.0)]);
        let series = vec!["Projets".to_owned()];
        let svg = BarChart {
            id: "themes",
            title: "Projets par thème",
            description: "2 thèmes",
            value_axis: "Nombre de projets",
            series: &series,
            bars: &data,
            format: ValueFormat::Count,
            lang: Lang::Fr,
        }
        .to_svg();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="chart-themes-title chart-themes-desc""#));
        assert!(svg.contains(r#"<title id="chart-themes-title">Projets par thème</title>"#));
        assert!(svg.contains(r#"<desc id="chart-themes-desc">2 thèmes</desc>"#));
        let (texts, _) = parse(&svg);
        for expected in [
            "Nombre de projets",
            "Alimentation",
            "Santé",
            "40",
            "10",
            "0",
        ] {
            assert!(
                texts.iter().any(|t| t == expected),
                "{expected} in {texts:?}"
            );
        }
    }

    #[test]
    fn bars_are_proportional_and_negative_values_extend_left() {
        let data = bars(&[("Hausse", 50.0), ("Baisse", -25.0)]);
        let series = vec!["Évolution".to_owned()];
        let svg = BarChart {
            id: "growth",
            title: "t",
            description: "d",
            value_axis: "%",
            series: &series,
            bars: &data,
            format: ValueFormat::SignedPercent,
            lang: Lang::En,
        }
        .to_svg();
        let rects = rect_geometry(&svg);
        assert_eq!(rects.len(), 2);
        let (up_x, up_w) = rects[0];
        let (down_x, down_w) = rects[1];
        // Both start at the zero line: the rising bar to its right, the falling to its left.
        assert!((down_x + down_w - up_x).abs() < 0.2, "{rects:?}");
        assert!((up_w / down_w - 2.0).abs() < 0.01, "{rects:?}");
        let (texts, _) = parse(&svg);
        assert!(texts.contains(&"+50.0%".to_owned()) && texts.contains(&"-25.0%".to_owned()));
        assert!(
            texts.contains(&"+40%".to_owned()),
            "whole ticks without decimals: {texts:?}"
        );
    }

    #[test]
    fn grouped_bars_have_a_legend_and_one_colour_per_series() {
        let series = vec![
            "Bretagne".to_owned(),
            "Occitanie".to_owned(),
            "Corse".to_owned(),
        ];
        let data = vec![
            Bar {
                label: "Alimentation".into(),
                values: vec![10.0, 20.0, 5.0],
            },
            Bar {
                label: "Santé".into(),
                values: vec![1.0, 0.0, 2.0],
            },
        ];
        let svg = BarChart {
            id: "cmp",
            title: "t",
            description: "d",
            value_axis: "Part des projets",
            series: &series,
            bars: &data,
            format: ValueFormat::Percent,
            lang: Lang::Fr,
        }
        .to_svg();
        let (texts, names) = parse(&svg);
        assert_eq!(names["rect"], 3 + 6, "three legend keys and six bars");
        for name in &series {
            assert!(texts.contains(name));
        }
        for colour in &PALETTE[..3] {
            assert!(
                svg.matches(colour).count() >= 3,
                "{colour} used by a key and its bars"
            );
        }
    }

    #[test]
    fn long_labels_are_shortened_on_the_chart_but_kept_whole_in_the_tooltip() {
        let long = "Une catégorie dont le nom est beaucoup trop long pour la marge";
        let data = bars(&[(long, 1.0)]);
        let series = vec![String::new()];
        let svg = BarChart {
            id: "long",
            title: "t",
            description: "d",
            value_axis: "n",
            series: &series,
            bars: &data,
            format: ValueFormat::Count,
            lang: Lang::Fr,
        }
        .to_svg();
        let (texts, _) = parse(&svg);
        assert!(texts.contains(&long.to_owned()));
        let shown = texts
            .iter()
            .find(|t| t.ends_with('…'))
            .expect("a shortened label");
        assert!(shown.chars().count() <= (LABEL_WIDTH / CHAR_WIDTH) as usize);
    }

    fn rect_geometry(svg: &str) -> Vec<(f64, f64)> {
        svg.split("<rect ")
            .skip(1)
            .map(|r| {
                let attr = |name: &str| -> f64 {
                    let start = if r.starts_with(&format!("{name}=\"")) {
                        name.len() + 2
                    } else {
                        r.find(&format!(" {name}=\"")).unwrap() + name.len() + 3
                    };
                    let rest = &r[start..];
                    rest[..rest.find('"').unwrap()].parse().unwrap()
                };
                (attr("x"), attr("width"))
            })
            .collect()
    }

    #[test]
    fn a_line_chart_draws_every_point_with_its_value_and_thins_its_labels() {
        let points: Vec<Point> = (0..36)
            .map(|i| Point {
                label: format!("M{i:02} 2025"),
                value: f64::from(i * 3),
            })
            .collect();
        let svg = LineChart {
            id: "months",
            title: "Par mois",
            description: "36 mois",
            x_axis: "Mois de première apparition",
            y_axis: "Nouveaux projets",
            points: &points,
            format: ValueFormat::Count,
            lang: Lang::Fr,
        }
        .to_svg();
        let (texts, names) = parse(&svg);
        assert_eq!(names["circle"], 36);
        assert_eq!(names["polyline"], 1);
        assert!(texts.contains(&"M35 2025 : 105".to_owned()), "{texts:?}");
        assert!(texts.contains(&"Mois de première apparition".to_owned()));
        assert!(texts.contains(&"Nouveaux projets".to_owned()));
        let axis_labels = texts
            .iter()
            .filter(|t| t.starts_with('M') && t.chars().count() == 8)
            .count();
        assert!((2..36).contains(&axis_labels), "{axis_labels} labels");
        assert!(
            texts.contains(&"M35 2025".to_owned()),
            "the latest point is labelled"
        );
    }

    #[test]
    fn a_single_point_is_drawn_without_a_line() {
        let points = vec![Point {
            label: "2024".into(),
            value: 5.0,
        }];
        let svg = LineChart {
            id: "one",
            title: "t",
            description: "d",
            x_axis: "x",
            y_axis: "y",
            points: &points,
            format: ValueFormat::Count,
            lang: Lang::En,
        }
        .to_svg();
        let (_, names) = parse(&svg);
        assert_eq!(names["circle"], 1);
        assert!(!names.contains_key("polyline"));
    }

    #[test]
    fn control_characters_cannot_break_the_xml() {
        assert_eq!(escape("a\u{1}b\tc"), "a b\tc");
    }
}
