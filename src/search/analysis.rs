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
/// Name of the analyzer that only splits, lower-cases and folds (completion by prefix).
pub const WORDS: &str = "carrefour_words";

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

/// Words as typed, lower-cased and without accents: what a prefix being typed is
/// compared with (a stemmer would cut "épiceri" and "épicerie" differently).
pub fn words() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers the analyzers an index's schema names.
pub fn register(manager: &TokenizerManager) {
    manager.register(FRENCH, french());
    manager.register(WORDS, words());
}

/// A query's word once analysed: its term and its position in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub position: usize,
}

/// The analysed tokens of `text` with their positions (stop words leave gaps, so that
/// phrases keep their shape).
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        let token = stream.token();
        tokens.push(Token {
            text: token.text.clone(),
            position: token.position,
        });
    }
    tokens
}

/// The terms a text becomes (for queries and tests).
pub fn terms(text: &str) -> Vec<String> {
    tokens(&mut french(), text)
        .into_iter()
        .map(|t| t.text)
        .collect()
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
    fn positions_keep_the_gaps_of_stop_words() {
        let positions: Vec<usize> = tokens(&mut french(), "jardin de la gare")
            .iter()
            .map(|t| t.position)
            .collect();
        assert_eq!(positions, vec![0, 3]);
    }

    #[test]
    fn words_are_folded_but_not_stemmed() {
        let folded: Vec<String> = tokens(&mut words(), "Épiceries de l'Été")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(folded, vec!["epiceries", "de", "l", "ete"]);
    }

    #[test]
    fn different_words_stay_different() {
        assert_ne!(terms("garage"), terms("gare"));
        assert_ne!(terms("jardin"), terms("jardinage solidaire"));
    }
}
