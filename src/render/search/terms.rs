//! Terms: what the index stores and a query looks up. The site's script splits a query the same
//! way (`templates/assets/site.js`, `terms`): folded text (`slug::fold`: lowercase, no accents),
//! cut at every character that is neither a letter nor a digit, terms of one character dropped,
//! the others cut to `MAX_TERM_CHARS`.

/// Longest term kept, in characters: longer words are indexed by their start (which prefix
/// matching finds), so that a run of letters without spaces cannot make one huge term.
pub const MAX_TERM_CHARS: usize = 24;

/// The terms of a text folded by `slug::fold`, in order, repeated as they occur.
pub fn terms(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().nth(1).is_some())
        .map(|word| match word.char_indices().nth(MAX_TERM_CHARS) {
            Some((cut, _)) => &word[..cut],
            None => word,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slug::fold;

    fn words(text: &str) -> Vec<String> {
        terms(&fold(text)).map(str::to_string).collect()
    }

    #[test]
    fn terms_are_folded_words_of_two_characters_or_more() {
        assert_eq!(
            words("L’Élysée a dit: « 3 % » — CORÉE du Nord!"),
            ["elysee", "dit", "coree", "du", "nord"]
        );
        assert_eq!(words("Дмитрий Песков"), ["дмитрии", "песков"]);
    }

    #[test]
    fn long_words_are_cut_to_a_prefix() {
        let long = "a".repeat(40) + "é";
        assert_eq!(words(&long), ["a".repeat(MAX_TERM_CHARS)]);
        let wide = "中".repeat(30);
        assert_eq!(words(&wide)[0].chars().count(), MAX_TERM_CHARS);
    }
}
