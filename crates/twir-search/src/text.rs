//! Normalising and splitting text into terms, bounded edit distance, and highlighting.
//!
//! A *term* is a maximal run of letters and digits, lower-cased, with common Latin accents
//! folded (`é` → `e`, `ß` → `ss`). Everything else (spaces, punctuation, `_`, `-`, `::`) separates
//! terms, so `serde_json` is the two terms `serde` and `json`, for the index and for queries alike.

use std::ops::Range;

/// Longest term kept, in bytes: longer runs (hashes, base64) are cut, so that hostile input
/// cannot make the edit-distance loops expensive.
pub const MAX_TERM_BYTES: usize = 48;

/// The ASCII folding of a lower-case non-ASCII letter, if it has one.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ı' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Calls `f(byte range in text, normalised term)` for each term of `text`, in order.
pub fn for_each_term(text: &str, f: &mut dyn FnMut(Range<usize>, &str)) {
    for_each_term_in(text, &mut String::new(), f);
}

/// [`for_each_term`], normalising into `term` (cleared first): a caller that splits many texts
/// allocates it once.
///
/// Terms are found byte by byte: most of the archive is ASCII, where a term that is already
/// lower case is passed as a slice of the text, and one with capitals is copied and lowered
/// in one go. Only a term with a non-ASCII character takes the per-character path.
pub(crate) fn for_each_term_in(
    text: &str,
    term: &mut String,
    f: &mut dyn FnMut(Range<usize>, &str),
) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next letter or digit.
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
        }
        // The term runs to the next byte that is neither.
        let start = i;
        let (mut ascii, mut upper) = (true, false);
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                upper |= b.is_ascii_uppercase();
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if !c.is_alphanumeric() {
                    break;
                }
                ascii = false;
                i += c.len_utf8();
            }
        }
        let run = &text[start..i];
        if ascii {
            let kept = &run[..run.len().min(MAX_TERM_BYTES)];
            if upper {
                term.clear();
                term.push_str(kept);
                term.make_ascii_lowercase();
                f(start..i, term);
            } else {
                f(start..i, kept);
            }
        } else {
            term.clear();
            for c in run.chars() {
                if term.len() >= MAX_TERM_BYTES {
                    break;
                }
                if c.is_ascii() {
                    term.push(c.to_ascii_lowercase());
                } else {
                    for l in c.to_lowercase() {
                        match fold(l) {
                            Some(s) => term.push_str(s),
                            None => term.push(l),
                        }
                    }
                }
            }
            f(start..i, term);
        }
    }
}

/// The normalised terms of `text`.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, &mut |_, t| out.push(t.to_string()));
    out
}

/// The Damerau-Levenshtein distance (optimal string alignment: insertions, deletions,
/// substitutions, transpositions of neighbours) between `a` and `b`, if it is at most `max`.
/// Works on bytes, without allocating; words longer than 60 bytes never match.
pub fn edit_distance(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    const N: usize = 64;
    if a.len().abs_diff(b.len()) > max || a.len() >= N || b.len() >= N {
        return None;
    }
    let n = b.len();
    // Three rows of the dynamic programme: two before and the current one.
    let mut prev2 = [0u8; N];
    let mut prev = [0u8; N];
    let mut cur = [0u8; N];
    for (j, p) in prev.iter_mut().enumerate().take(n + 1) {
        *p = j as u8;
    }
    for i in 1..=a.len() {
        cur[0] = i as u8;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if usize::from(row_min) > max {
            return None;
        }
        prev2 = prev;
        prev = cur;
    }
    Some(usize::from(prev[n])).filter(|&d| d <= max)
}

/// What a query matched, for marking it in any text: whole terms (exact and typo-corrected
/// ones) and prefixes (the term being typed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highlighter {
    /// Normalised terms, sorted.
    pub terms: Vec<String>,
    /// Normalised prefixes.
    pub prefixes: Vec<String>,
}

impl Highlighter {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.prefixes.is_empty()
    }

    /// Whether a normalised term of a text is one the query matched.
    pub fn matches(&self, term: &str) -> bool {
        self.terms
            .binary_search_by(|t| t.as_str().cmp(term))
            .is_ok()
            || self.prefixes.iter().any(|p| term.starts_with(p.as_str()))
    }
}

/// `text` cut into consecutive pieces covering all of it, each `true` when it is a term the
/// query matched (to be marked) and `false` otherwise.
pub fn highlight(text: &str, h: &Highlighter) -> Vec<(Range<usize>, bool)> {
    let mut out: Vec<(Range<usize>, bool)> = Vec::new();
    let mut at = 0;
    if !h.is_empty() {
        for_each_term(text, &mut |r, t| {
            if h.matches(t) {
                if r.start > at {
                    out.push((at..r.start, false));
                }
                at = r.end;
                out.push((r, true));
            }
        });
    }
    if at < text.len() || out.is_empty() {
        out.push((at..text.len(), false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_lower_case_folded_runs_of_letters_and_digits() {
        assert_eq!(
            terms("Announcing Rust 1.75: async fn in traits!"),
            [
                "announcing",
                "rust",
                "1",
                "75",
                "async",
                "fn",
                "in",
                "traits"
            ]
        );
        assert_eq!(terms("serde_json::Value"), ["serde", "json", "value"]);
        assert_eq!(terms("Café Straße Łódź"), ["cafe", "strasse", "lodz"]);
        assert_eq!(terms("Ünïcödé ПРИВЕТ 日本"), ["unicode", "привет", "日本"]);
        assert!(terms("").is_empty());
        assert!(terms(" -- ::: !!! ").is_empty());
    }

    #[test]
    fn ranges_point_into_the_original_text() {
        let text = "Héllo, wörld";
        let mut seen = Vec::new();
        for_each_term(text, &mut |r, t| seen.push((&text[r], t.to_string())));
        assert_eq!(
            seen,
            [("Héllo", "hello".to_string()), ("wörld", "world".into())]
        );
    }

    /// The splitting as first written, a character at a time: the byte-wise one must agree.
    fn reference(text: &str) -> Vec<(Range<usize>, String)> {
        let (mut out, mut term, mut start) = (Vec::new(), String::new(), None);
        for (i, c) in text.char_indices() {
            if c.is_ascii_alphanumeric() {
                start.get_or_insert(i);
                if term.len() < MAX_TERM_BYTES {
                    term.push(c.to_ascii_lowercase());
                }
            } else if !c.is_ascii() && c.is_alphanumeric() {
                start.get_or_insert(i);
                if term.len() < MAX_TERM_BYTES {
                    for l in c.to_lowercase() {
                        match fold(l) {
                            Some(s) => term.push_str(s),
                            None => term.push(l),
                        }
                    }
                }
            } else if let Some(s) = start.take() {
                out.push((s..i, std::mem::take(&mut term)));
            }
        }
        if let Some(s) = start {
            out.push((s..text.len(), term));
        }
        out
    }

    #[test]
    fn byte_wise_splitting_agrees_with_the_character_reference() {
        let mut texts: Vec<String> = [
            "",
            "Tokio: an ASYNC runtime",
            "straße Œuvre ÀBC déjà-vu",
            "serde_json::Value 2024 édition",
            "日本語のテキスト and Ελληνικά",
            "emoji 🦀 crab🦀rust",
            "İstanbul ǅemal ﬁne",
            &"A".repeat(70),
            &format!("{}é{}", "B".repeat(47), "c".repeat(5)),
            &format!("{}É", "x".repeat(47)),
            "trailing letters",
            "\u{0}nul\u{7f}del",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // And random strings over an alphabet of the cases that matter.
        let alphabet: Vec<char> = "aZ9 _-éÉßŒ日🦀İ\u{301}.".chars().collect();
        let mut seed = 0x2545_f491_u64;
        for _ in 0..2000 {
            let len = (seed % 24) as usize;
            let t: String = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            texts.push(t);
        }
        for t in &texts {
            let mut got = Vec::new();
            for_each_term(t, &mut |r, term| got.push((r, term.to_string())));
            assert_eq!(got, reference(t), "{t:?}");
        }
    }

    #[test]
    fn long_runs_are_cut() {
        let long = "a".repeat(10_000);
        assert_eq!(terms(&long)[0].len(), MAX_TERM_BYTES);
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance(b"tokoi", b"tokio", 1), Some(1));
        assert_eq!(edit_distance(b"asnyc", b"async", 1), Some(1));
        assert_eq!(edit_distance(b"jsno", b"json", 1), Some(1));
        assert_eq!(edit_distance(b"serde", b"serde", 0), Some(0));
        assert_eq!(edit_distance(b"kitten", b"sitting", 2), None);
        assert_eq!(edit_distance(b"kitten", b"sitting", 3), Some(3));
        assert_eq!(edit_distance(b"abc", b"abcdef", 2), None);
        assert_eq!(edit_distance(b"", b"ab", 2), Some(2));
    }

    #[test]
    fn highlight_covers_the_text_and_marks_matches() {
        let h = Highlighter {
            terms: vec!["tokio".into()],
            prefixes: vec!["asy".into()],
        };
        let text = "Tokio: ASYNC runtime, asyncly";
        let parts = highlight(text, &h);
        let marked: Vec<&str> = parts
            .iter()
            .filter(|(_, m)| *m)
            .map(|(r, _)| &text[r.clone()])
            .collect();
        assert_eq!(marked, ["Tokio", "ASYNC", "asyncly"]);
        let joined: String = parts.iter().map(|(r, _)| &text[r.clone()]).collect();
        assert_eq!(joined, text);
        assert_eq!(
            highlight("nothing", &Highlighter::default()),
            [(0..7, false)]
        );
        assert_eq!(highlight("", &h), [(0..0, false)]);
    }
}
