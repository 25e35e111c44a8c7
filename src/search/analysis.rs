//! How French text is cut into searchable terms, the same way for documents and queries:
//! words split on anything not a letter or digit, lower-cased, French stop words
//! dropped, accents folded, and the rest stemmed (Snowball), so that "Les Châteaux"
//! and "chateau", "épiceries solidaires" and "epicerie solidaire" meet.
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, TokenizerManager,
};

/// Name of the French analyzer in an index's tokenizer manager.
pub const FRENCH: &str = "carrefour_fr";

/// The French analyzer.
pub fn french() -> TextAnalyzer {
    let stop_words = StopWordFilter::new(Language::French)
        .expect("tantivy ships French stop words (feature stopwords)");
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(stop_words)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::French))
        .build()
}

/// Registers the analyzers an index's schema names.
pub fn register(manager: &TokenizerManager) {
    manager.register(FRENCH, french());
}

/// The terms a text becomes (for queries and tests).
pub fn terms(text: &str) -> Vec<String> {
    let mut analyzer = french();
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while stream.advance() {
        terms.push(stream.token().text.clone());
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_accents_and_case_meet() {
        assert_eq!(terms("Les Châteaux"), terms("chateau"));
        assert_eq!(terms("ÉPICERIES solidaires"), terms("epicerie solidaire"));
        assert_eq!(terms("jardins partagés"), terms("jardin partage"));
        assert_eq!(
            terms("insertion professionnelle"),
            terms("Insertions professionnelles")
        );
    }

    #[test]
    fn stop_words_and_elisions_go() {
        assert_eq!(terms("l'épicerie de la gare"), terms("epicerie gare"));
        assert_eq!(terms("le, la, les, des, du"), Vec::<String>::new());
    }

    #[test]
    fn different_words_stay_different() {
        assert_ne!(terms("garage"), terms("gare"));
        assert_ne!(terms("jardin"), terms("jardinage solidaire"));
    }
}
