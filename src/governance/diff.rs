//! Word-level differences between two charter texts, as HTML that only ever contains
//! escaped text inside `<ins>`, `<del>` and `<span>`.
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// A rendered difference and how much changed.
#[derive(Debug, Clone, Serialize)]
pub struct WordDiff {
    pub html: String,
    pub words_added: usize,
    pub words_removed: usize,
}

impl WordDiff {
    pub fn is_empty(&self) -> bool {
        self.words_added == 0 && self.words_removed == 0
    }
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn is_word(text: &str) -> bool {
    !text.trim().is_empty()
}

/// Unchanged text kept on each side of a change; longer unchanged runs are cut.
const CONTEXT: usize = 240;

/// The first `n` characters of `text`, ending at a whitespace when there is one.
fn head(text: &str, n: usize) -> &str {
    let cut = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    let part = &text[..cut];
    part.rfind(char::is_whitespace)
        .map_or(part, |i| &part[..=i])
}

/// The last `n` characters of `text`, starting after a whitespace when there is one.
fn tail(text: &str, n: usize) -> &str {
    let count = text.chars().count();
    let cut = text
        .char_indices()
        .nth(count.saturating_sub(n))
        .map_or(0, |(i, _)| i);
    let part = &text[cut..];
    part.find(char::is_whitespace).map_or(part, |i| &part[i..])
}

/// Compares `old` with `new` word by word (whitespace kept, so the layout shows); long
/// unchanged stretches between changes are shortened to their ends around `[…]`.
pub fn words(old: &str, new: &str) -> WordDiff {
    let diff = TextDiff::from_words(old, new);
    // Runs of one kind of change.
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    let (mut words_added, mut words_removed) = (0, 0);
    for change in diff.iter_all_changes() {
        let (tag, value) = (change.tag(), change.value());
        match tag {
            ChangeTag::Insert if is_word(value) => words_added += 1,
            ChangeTag::Delete if is_word(value) => words_removed += 1,
            _ => {}
        }
        match runs.last_mut() {
            Some((last, text)) if *last == tag => text.push_str(value),
            _ => runs.push((tag, value.to_owned())),
        }
    }
    let mut html = String::with_capacity(new.len() / 4);
    let last = runs.len().saturating_sub(1);
    for (index, (tag, text)) in runs.iter().enumerate() {
        match tag {
            ChangeTag::Insert => {
                html.push_str("<ins>");
                escape(text, &mut html);
                html.push_str("</ins>");
            }
            ChangeTag::Delete => {
                html.push_str("<del>");
                escape(text, &mut html);
                html.push_str("</del>");
            }
            ChangeTag::Equal if text.chars().count() <= 2 * CONTEXT + 80 => escape(text, &mut html),
            ChangeTag::Equal => {
                if index > 0 {
                    escape(head(text, CONTEXT), &mut html);
                }
                html.push_str("<span class=\"diff-skip\">[…]</span>");
                if index < last {
                    escape(tail(text, CONTEXT), &mut html);
                }
            }
        }
    }
    WordDiff {
        html,
        words_added,
        words_removed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_are_marked_and_escaped() {
        let diff = words("Le quorum <b> est de 50 %.", "Le quorum <b> est de 40 %.");
        assert!(diff.html.contains("<del>50</del>"), "{}", diff.html);
        assert!(diff.html.contains("<ins>40</ins>"), "{}", diff.html);
        assert!(diff.html.contains("&lt;b&gt;"));
        assert!(!diff.html.contains("<b>"));
        assert_eq!((diff.words_added, diff.words_removed), (1, 1));
        assert!(words("same text", "same text").is_empty());
    }

    #[test]
    fn long_unchanged_stretches_are_cut_around_changes() {
        let filler = "mot ".repeat(400);
        let old = format!("{filler}avant {filler}");
        let new = format!("{filler}après {filler}");
        let diff = words(&old, &new);
        assert!(diff.html.contains("<del>avant</del><ins>après</ins>"));
        assert_eq!(diff.html.matches("[…]").count(), 2);
        assert!(diff.html.len() < 2 * CONTEXT + 200, "{}", diff.html.len());
        // The charter with one number changed: its long unchanged parts are cut.
        let charter = crate::governance::charter::CHARTER_V1;
        let amended = charter.replace("quorum = 0.5", "quorum = 0.4");
        let diff = words(charter, &amended);
        assert!(diff.html.contains("[…]"), "{}", diff.html.len());
        // Short texts are shown whole.
        assert!(
            !words("un deux trois", "un quatre trois")
                .html
                .contains("[…]")
        );
    }
}
