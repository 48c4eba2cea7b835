//! Unicode text as people type it and as impostors craft it.
//!
//! - [`nfkc`]: one form for what looks the same (composed and decomposed
//!   `é`, full-width `ｊｏｙ`, the ligature `ﬁ`). Native code uses the
//!   `unicode-normalization` tables; in the browser, the browser's own
//!   `String.prototype.normalize`, so the client carries no tables.
//! - [`is_invisible`] and [`is_bidi_control`]: characters that show nothing,
//!   or that reorder what is shown after them.
//! - [`skeleton`]: a name reduced to what a reader sees, for telling whether
//!   one name passes for another (`J0y Ѕutton` for `Joy Sutton`).

/// `text` in Unicode normalization form NFKC.
pub fn nfkc(text: &str) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use unicode_normalization::UnicodeNormalization;
        text.nfkc().collect()
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).normalize("NFKC"))
    }
}

/// Characters that reorder the text shown after them (explicit embeddings,
/// overrides and isolates, and the direction marks).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that take no visible space: Unicode's default-ignorable code
/// points (zero-width spaces and joiners, word joiners, variation selectors,
/// the Hangul fillers, tags), the soft hyphen and the byte-order mark.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{061c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// Whether `text` shows anything: a character that is neither white space,
/// invisible, nor a control.
pub fn has_visible(text: &str) -> bool {
    text.chars()
        .any(|c| !c.is_whitespace() && !is_invisible(c) && !c.is_control())
}

/// The alphabets look-alike names are made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Greek,
    Cyrillic,
}

impl Script {
    pub fn of(c: char) -> Option<Script> {
        match c {
            'a'..='z' | 'A'..='Z' | '\u{00c0}'..='\u{024f}' | '\u{1e00}'..='\u{1eff}' => {
                (c != '\u{00d7}' && c != '\u{00f7}').then_some(Script::Latin)
            }
            '\u{0370}'..='\u{03ff}' | '\u{1f00}'..='\u{1fff}' => Some(Script::Greek),
            '\u{0400}'..='\u{052f}' | '\u{1c80}'..='\u{1c8f}' | '\u{2de0}'..='\u{2dff}' => {
                Some(Script::Cyrillic)
            }
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Greek => "Greek",
            Script::Cyrillic => "Cyrillic",
        }
    }
}

/// The first word of `text` that mixes alphabets (Latin with Cyrillic or
/// Greek), with the two alphabets: how `Jоy` with a Cyrillic `о` is made.
pub fn mixed_script_word(text: &str) -> Option<(String, Script, Script)> {
    text.split(|c: char| !c.is_alphanumeric()).find_map(|word| {
        let mut scripts = word.chars().filter_map(Script::of);
        let first = scripts.next()?;
        scripts
            .find(|s| *s != first)
            .map(|other| (word.to_string(), first, other))
    })
}

/// Latin letters that Cyrillic and Greek letters (and digits) pass for.
fn look_alike(c: char) -> char {
    match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ё' | 'ε' => 'e',
        'ғ' => 'f',
        'һ' => 'h',
        'і' | 'ї' | 'ι' | 'ı' | '1' | '|' => 'l',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' => 'm',
        'п' | 'η' => 'n',
        'о' | 'ο' | 'σ' | '0' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'г' => 'r',
        'ѕ' | '5' => 's',
        'т' | 'τ' => 't',
        'υ' | 'μ' => 'u',
        'ν' | 'ѵ' => 'v',
        'ѡ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        'ᴢ' => 'z',
        other => other,
    }
}

/// What a reader sees of a name: NFKC, lower case, look-alikes folded to
/// the Latin letter they pass for (`i` and `l` are one), accents dropped,
/// everything but letters and digits removed.
pub fn skeleton(text: &str) -> String {
    nfkc(text)
        .to_lowercase()
        .chars()
        .map(look_alike)
        .map(|c| if c == 'i' { 'l' } else { c })
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c)
            } else if ('\u{00c0}'..='\u{024f}').contains(&c) {
                // À..ɏ: the base letter is what the eye reads first.
                unaccent(c)
            } else if c.is_alphanumeric() {
                Some(c)
            } else {
                None
            }
        })
        .collect()
}

fn unaccent(c: char) -> Option<char> {
    let base = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => 'l',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    };
    Some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_form_for_what_looks_the_same() {
        assert_eq!(nfkc("jose\u{301}"), nfkc("jos\u{e9}"));
        assert_eq!(nfkc("ｊｏｙ"), "joy");
        assert_eq!(nfkc("\u{fb01}le"), "file");
    }

    #[test]
    fn invisible_and_reordering_characters_are_known() {
        assert!(!has_visible("\u{200b}\u{200b} \u{2060}\u{feff}\n"));
        assert!(!has_visible("\u{3164}\u{115f}"));
        assert!(has_visible("\u{200b}a"));
        assert!(is_bidi_control('\u{202e}') && is_bidi_control('\u{2067}'));
        assert!(!is_bidi_control('a'));
    }

    #[test]
    fn look_alike_names_share_a_skeleton() {
        let joy = skeleton("Joy Sutton");
        for impostor in [
            "J0y Sutt0n",
            "JOY SUTTON",
            "Jоy Ѕutton",
            "Joy  Sutton.",
            "Jóy Sütton",
            "Ｊｏｙ Ｓｕｔｔｏｎ",
        ] {
            assert_eq!(skeleton(impostor), joy, "{impostor}");
        }
        assert_ne!(skeleton("Joe Sutter"), joy);
    }

    #[test]
    fn mixed_alphabets_in_one_word_are_found() {
        let (word, first, other) = mixed_script_word("Jоy Sutton").unwrap();
        assert_eq!(word, "Jоy");
        assert_eq!((first, other), (Script::Latin, Script::Cyrillic));
        assert!(mixed_script_word("Иван Petrov").is_none());
        assert!(mixed_script_word("José Müller-Ødegård").is_none());
        assert!(mixed_script_word("Σοφία").is_none());
    }
}
