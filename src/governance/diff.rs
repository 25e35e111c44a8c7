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

/// Compares `old` with `new` word by word (whitespace kept, so the layout shows).
pub fn words(old: &str, new: &str) -> WordDiff {
    let diff = TextDiff::from_words(old, new);
    let mut html = String::with_capacity(new.len() + new.len() / 4);
    let (mut words_added, mut words_removed) = (0, 0);
    let mut open: Option<ChangeTag> = None;
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        if open != Some(tag) {
            match open {
                Some(ChangeTag::Insert) => html.push_str("</ins>"),
                Some(ChangeTag::Delete) => html.push_str("</del>"),
                _ => {}
            }
            match tag {
                ChangeTag::Insert => html.push_str("<ins>"),
                ChangeTag::Delete => html.push_str("<del>"),
                ChangeTag::Equal => {}
            }
            open = Some(tag);
        }
        let value = change.value();
        match tag {
            ChangeTag::Insert if is_word(value) => words_added += 1,
            ChangeTag::Delete if is_word(value) => words_removed += 1,
            _ => {}
        }
        escape(value, &mut html);
    }
    match open {
        Some(ChangeTag::Insert) => html.push_str("</ins>"),
        Some(ChangeTag::Delete) => html.push_str("</del>"),
        _ => {}
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
}
