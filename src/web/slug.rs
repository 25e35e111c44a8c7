//! URL slugs: ASCII, lower case, words joined by hyphens.

/// `"Épicerie solidaire « Le Panier »"` → `"epicerie-solidaire-le-panier"`, at most `max` bytes.
pub fn slugify(text: &str, max: usize) -> String {
    let ascii = deunicode::deunicode(text).to_ascii_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() {
            if slug.len() + 1 + word.len() > max {
                break;
            }
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug.truncate(max);
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn folds_accents_and_punctuation() {
        assert_eq!(
            slugify("Épicerie solidaire « Le Panier »", 80),
            "epicerie-solidaire-le-panier"
        );
        assert_eq!(slugify("L'Œuvre d'Art", 80), "l-oeuvre-d-art");
        assert_eq!(slugify("un deux trois", 7), "un-deux");
        assert_eq!(slugify("!!!", 10), "");
    }
}
