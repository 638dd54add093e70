//! Mojibake repair: text that was UTF-8, decoded as Windows-1252 or Mac Roman by some editor
//! and saved again as UTF-8 (`Foundationâ€™s`, `SÃ©guret`, `Rust ü¶Ä`).
//!
//! The repair works on *runs*: maximal stretches of non-ASCII characters inside one line.
//! Mojibake of one character is always such a run (every byte of a UTF-8 multi-byte sequence
//! is ≥ 0x80, and both encodings map those bytes to non-ASCII characters), so clean ASCII
//! around it is never touched. A run is *repairable* in an encoding when every character has
//! a byte there and those bytes are valid UTF-8 decoding to printable text. A repairable run
//! is *marked* (typical of mojibake, rare in clean text) when it holds a sequence of three or
//! more bytes (`â€™`, `ðŸ¦€`, `‚Äì`), more than one sequence (a mis-decoded word such as
//! `◊ß◊®◊ô◊ê◊™`), or a two-byte sequence whose lead byte is one of the few that clean text
//! does not put before a continuation character (`Ã©`, `Â `, `Ä™` in Windows-1252; `√©`,
//! `¬†`, `ƒô` in Mac Roman), or a combining mark right after an ASCII letter or digit: the
//! decomposed accent of `Kåre` (`a` + U+030A) reads `KaÌŠre` or `KaÃäre`. A garbled U+FFFD
//! (`ï¿½`, `ÔøΩ`) is a three-byte sequence, so it is marked and repaired like any other.
//!
//! A line is changed only if some run is marked. Then, if every run of the line is repairable
//! in that encoding, all runs are repaired (as Python's `line.encode(enc).decode("utf-8")`
//! would do); otherwise (clean text and mojibake on one line) only the marked runs are. Clean
//! text stays byte for byte: `l’école` is valid UTF-8 once encoded as Mac Roman (`’é` =
//! D5 8E = `Վ`) but is not marked, and `São`, `Château`, `Ångström` are not even valid.
//! Double encoding (`Ã¢â‚¬â„¢`) is undone by repeating the repair on the line.
//!
//! The tables come from `encoding_rs` (the WHATWG mappings). WHATWG's Windows-1252 maps the
//! five bytes Python leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) to U+0081 etc., so the
//! C1 controls that other tools write for them (`Ã\u{81}` for `Á`) are repaired too, and a
//! repair that would produce a control character is refused.

use std::borrow::Cow;
use std::sync::OnceLock;

/// The encoding a line of UTF-8 was wrongly decoded with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MisreadAs {
    Windows1252,
    MacRoman,
}

impl MisreadAs {
    /// The encoding's usual name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            MisreadAs::Windows1252 => "Windows-1252",
            MisreadAs::MacRoman => "Mac Roman",
        }
    }
}

/// One line the repair changed: its 1-based number and the encoding undone (the last one, if
/// the line was encoded twice).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RepairedLine {
    pub line: usize,
    pub encoding: MisreadAs,
}

/// Repairs text that was UTF-8, decoded as Windows-1252 or Mac Roman and saved again.
pub fn repair_mojibake(text: &str) -> Cow<'_, str> {
    repair_mojibake_lines(text).0
}

/// Like [`repair_mojibake`], and also tells which lines were repaired (for diagnostics).
pub fn repair_mojibake_lines(text: &str) -> (Cow<'_, str>, Vec<RepairedLine>) {
    if text.is_ascii() {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut out: Option<String> = None;
    let mut repaired = Vec::new();
    let mut done = 0; // bytes of `text` already copied into `out`
    let mut start = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let end = start + line.len();
        if line.is_ascii() {
            start = end;
            continue;
        }
        if let Some((fixed, encoding)) = repair_line(line) {
            let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
            buf.push_str(text.get(done..start).unwrap_or_default());
            buf.push_str(&fixed);
            done = end;
            repaired.push(RepairedLine {
                line: index + 1,
                encoding,
            });
        }
        start = end;
    }
    match out {
        Some(mut buf) => {
            buf.push_str(text.get(done..).unwrap_or_default());
            (Cow::Owned(buf), repaired)
        }
        None => (Cow::Borrowed(text), repaired),
    }
}

/// Encoding layers undone at most on one line (`Ã¢â‚¬â„¢` needs two).
const MAX_PASSES: usize = 3;

/// The repaired line, or `None` if it is left as it is.
fn repair_line(line: &str) -> Option<(String, MisreadAs)> {
    let mut current: Option<(String, MisreadAs)> = None;
    for _ in 0..MAX_PASSES {
        let text = current.as_ref().map_or(line, |(s, _)| s.as_str());
        match repair_once(text) {
            Some(next) => current = Some(next),
            None => break,
        }
    }
    current
}

/// What one run of non-ASCII characters becomes in one encoding.
struct RunRepair {
    start: usize,
    end: usize,
    fixed: Option<String>,
    marked: bool,
}

/// One pass over a line: the encoding that repairs the most runs (Windows-1252 on a tie).
fn repair_once(line: &str) -> Option<(String, MisreadAs)> {
    let runs = non_ascii_runs(line);
    if runs.is_empty() {
        return None;
    }
    let mut best: Option<(usize, MisreadAs, Vec<RunRepair>)> = None;
    for encoding in [MisreadAs::Windows1252, MisreadAs::MacRoman] {
        let table = table(encoding);
        let mut repairs: Vec<RunRepair> = runs
            .iter()
            .map(|&(start, end)| {
                let run = line.get(start..end).unwrap_or_default();
                let after_letter = line
                    .get(..start)
                    .and_then(|before| before.chars().next_back())
                    .is_some_and(|c| c.is_ascii_alphanumeric());
                let (fixed, marked) = match table.decode_run(run, after_letter) {
                    Some((fixed, marked)) => (Some(fixed), marked),
                    None => (None, false),
                };
                RunRepair {
                    start,
                    end,
                    fixed,
                    marked,
                }
            })
            .collect();
        if !repairs.iter().any(|r| r.marked) {
            continue;
        }
        if repairs.iter().any(|r| r.fixed.is_none()) {
            // Clean text and mojibake on one line: only the runs that look like mojibake.
            for r in repairs.iter_mut().filter(|r| !r.marked) {
                r.fixed = None;
            }
        }
        let count = repairs.iter().filter(|r| r.fixed.is_some()).count();
        if best.as_ref().is_none_or(|(n, _, _)| count > *n) {
            best = Some((count, encoding, repairs));
        }
    }
    let (_, encoding, repairs) = best?;
    let mut out = String::with_capacity(line.len());
    let mut done = 0;
    for r in repairs {
        if let Some(fixed) = r.fixed {
            out.push_str(line.get(done..r.start).unwrap_or_default());
            out.push_str(&fixed);
            done = r.end;
        }
    }
    out.push_str(line.get(done..).unwrap_or_default());
    Some((out, encoding))
}

/// Byte ranges of the maximal runs of non-ASCII characters (always on char boundaries).
fn non_ascii_runs(line: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in line.char_indices() {
        match (c.is_ascii(), open) {
            (false, None) => open = Some(i),
            (true, Some(s)) => {
                runs.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        runs.push((s, line.len()));
    }
    runs
}

/// The high half of a single-byte encoding, both ways.
struct Table {
    /// (character, byte), sorted by character.
    to_byte: Vec<(char, u8)>,
    /// Lead bytes of two-byte sequences that clean text does not put before a continuation
    /// character in this encoding.
    strong_leads: &'static [u8],
}

/// Windows-1252: `Â` (U+0080..U+00FF: NBSP, `©`, `°`), `Ã` (Latin-1 letters), `Ä` `Å`
/// (Latin Extended-A: Polish, Czech), `Î` `Ï` (Greek), `Ð` `Ñ` (Cyrillic), `×` (Hebrew),
/// `Ø` `Ù` (Arabic).
const CP1252_STRONG: &[u8] = &[
    0xC2, 0xC3, 0xC4, 0xC5, 0xCE, 0xCF, 0xD0, 0xD1, 0xD7, 0xD8, 0xD9,
];
/// Mac Roman: `¬` `√` `ƒ` `≈` `∆` (U+0080..U+01BF), `Œ` `œ` (Greek), `÷` `◊` (Hebrew),
/// `ÿ` `Ÿ` `⁄` (Arabic), `ﬁ` `ﬂ`. Not `–` `—` `“` `”` `‘` `’` `«` `»` `…` NBSP `À` `Ã` `Õ`,
/// which clean text does put before `é`, `ü`, `≥` and the like.
const MAC_ROMAN_STRONG: &[u8] = &[
    0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xCE, 0xCF, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDE, 0xDF,
];

fn table(encoding: MisreadAs) -> &'static Table {
    static CP1252: OnceLock<Table> = OnceLock::new();
    static MAC_ROMAN: OnceLock<Table> = OnceLock::new();
    match encoding {
        MisreadAs::Windows1252 => {
            CP1252.get_or_init(|| Table::new(encoding_rs::WINDOWS_1252, CP1252_STRONG))
        }
        MisreadAs::MacRoman => {
            MAC_ROMAN.get_or_init(|| Table::new(encoding_rs::MACINTOSH, MAC_ROMAN_STRONG))
        }
    }
}

impl Table {
    fn new(encoding: &'static encoding_rs::Encoding, strong_leads: &'static [u8]) -> Table {
        let mut to_byte = Vec::with_capacity(128);
        for byte in 0x80..=0xFFu8 {
            let one = [byte];
            let decoded = encoding.decode_without_bom_handling_and_without_replacement(&one);
            let mut chars = decoded.as_deref().unwrap_or_default().chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                if !c.is_ascii() {
                    to_byte.push((c, byte));
                }
            }
        }
        to_byte.sort_unstable();
        Table {
            to_byte,
            strong_leads,
        }
    }

    fn byte(&self, c: char) -> Option<u8> {
        self.to_byte
            .binary_search_by_key(&c, |&(k, _)| k)
            .ok()
            .and_then(|i| self.to_byte.get(i))
            .map(|&(_, b)| b)
    }

    /// The run re-encoded in this encoding and read as UTF-8, and whether it is marked; `None`
    /// if some character has no byte here, the bytes are not UTF-8, or the result would hold
    /// characters no repair should produce. `after_letter`: the run follows an ASCII letter or
    /// digit, the base a decomposed accent (`a` + U+030A for `å`) leaves outside the run.
    fn decode_run(&self, run: &str, after_letter: bool) -> Option<(String, bool)> {
        // One byte ≥ 0x80 is never UTF-8, and a sequence starts with a lead byte: the common
        // clean runs (`é`, `–`, `🦀`) stop here, before any allocation.
        let mut chars = run.chars();
        let first = chars.next().and_then(|c| self.byte(c))?;
        if chars.next().is_none() || !(0xC2..=0xF4).contains(&first) {
            return None;
        }
        let bytes = run
            .chars()
            .map(|c| self.byte(c))
            .collect::<Option<Vec<u8>>>()?;
        let fixed = std::str::from_utf8(&bytes).ok()?;
        if fixed.chars().any(implausible) {
            return None;
        }
        // A combining mark right after a letter: the decomposed accent of `Kåre` (`KaÌŠre`
        // in Windows-1252, `KaÃäre` in Mac Roman). Its lead byte (CC or CD) is too common
        // in clean text to mark a run alone, but not before a continuation character that
        // follows a letter.
        if after_letter && fixed.chars().next().is_some_and(is_combining_mark) {
            return Some((fixed.to_string(), true));
        }
        let mut sequences = 0;
        let mut marked = false;
        let mut offset = 0;
        for c in fixed.chars() {
            let len = c.len_utf8();
            let lead = bytes.get(offset).copied().unwrap_or_default();
            if len >= 3 || self.strong_leads.contains(&lead) {
                marked = true;
            }
            sequences += 1;
            offset += len;
        }
        Some((fixed.to_string(), marked || sequences > 1))
    }
}

/// Characters a repair must not produce: controls (C0 and C1), private use. U+FFFD is
/// allowed: its three bytes (`ï¿½`, `ÔøΩ`) are a marked run, and a file that held one (a
/// note on `from_utf8_lossy`) gets it back.
fn implausible(c: char) -> bool {
    (c.is_control() && c != '\t') || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// The combining diacritical marks, U+0300..U+036F: two UTF-8 bytes led by CC or CD.
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unchanged(text: &str) {
        let (out, lines) = repair_mojibake_lines(text);
        assert!(
            matches!(out, Cow::Borrowed(_)),
            "changed: {text:?} -> {out:?}"
        );
        assert!(lines.is_empty());
    }

    #[test]
    fn apostrophe_of_569_read_as_windows_1252_is_restored() {
        let seed = "* [Announcing the Rust Foundationâ€™s 2024 Fellows](https://foundation.rust-lang.org/news/announcing-the-rust-foundation-s-2024-fellows/)";
        let real = "* [Announcing the Rust Foundation’s 2024 Fellows](https://foundation.rust-lang.org/news/announcing-the-rust-foundation-s-2024-fellows/)";
        assert_eq!(repair_mojibake(seed), real);
    }

    #[test]
    fn accented_name_of_569_is_seguret_again() {
        let seed = "Thanks to [Denys SÃ©guret](https://users.rust-lang.org/t/crate-of-the-week/2704/1351) for the self-suggestion!";
        assert_eq!(
            repair_mojibake(seed),
            "Thanks to [Denys Séguret](https://users.rust-lang.org/t/crate-of-the-week/2704/1351) for the self-suggestion!"
        );
    }

    #[test]
    fn greater_or_equal_and_ferris_of_569_are_restored() {
        assert_eq!(
            repair_mojibake("only emit `manual_c_str_literals` in â‰¥ Edition 2021"),
            "only emit `manual_c_str_literals` in ≥ Edition 2021"
        );
        assert_eq!(
            repair_mojibake("Rusty Events between 2024-10-16 - 2024-11-13 ðŸ¦€"),
            "Rusty Events between 2024-10-16 - 2024-11-13 🦀"
        );
    }

    #[test]
    fn polish_event_title_of_569_is_restored_whole() {
        let seed = "    * [**Rust â€“ budowanie narzÄ™dzi dziaÅ‚ajÄ…cych w linii komend**](https://www.meetup.com/stacja-it-trojmiasto/events/303705036/)";
        assert_eq!(
            repair_mojibake(seed),
            "    * [**Rust – budowanie narzędzi działających w linii komend**](https://www.meetup.com/stacja-it-trojmiasto/events/303705036/)"
        );
    }

    #[test]
    fn crab_of_576_draft_read_as_mac_roman_is_restored() {
        let seed = "* [Rust \u{F8FF}ü¶Ä on the RP2040](https://baileytownsend.dev/articles/getting-started-with-rust-an-rp2040)";
        let (out, lines) = repair_mojibake_lines(seed);
        assert_eq!(
            out,
            "* [Rust 🦀 on the RP2040](https://baileytownsend.dev/articles/getting-started-with-rust-an-rp2040)"
        );
        assert_eq!(
            lines,
            vec![RepairedLine {
                line: 1,
                encoding: MisreadAs::MacRoman
            }]
        );
    }

    #[test]
    fn hebrew_event_title_of_576_draft_is_restored() {
        let seed = "    * [**Reading JSON files in Rust - ◊ß◊®◊ô◊ê◊™ ◊ß◊ë◊¶◊ô ◊í'◊ô◊ô◊°◊ï◊ü ◊ë◊®◊ê◊°◊ò**](https://www.meetup.com/rust-tlv/events/304528546/)";
        assert_eq!(
            repair_mojibake(seed),
            "    * [**Reading JSON files in Rust - קריאת קבצי ג'ייסון בראסט**](https://www.meetup.com/rust-tlv/events/304528546/)"
        );
    }

    #[test]
    fn perf_table_marks_of_576_draft_are_restored() {
        assert_eq!(
            repair_mojibake("| All ‚ùå‚úÖ (primary)                 | -1.4% |"),
            "| All ❌✅ (primary)                 | -1.4% |"
        );
    }

    #[test]
    fn non_breaking_spaces_of_532_draft_read_as_mac_roman_are_restored() {
        let seed = "* [GreptimeTeam - Fix a minor bug in¬†`join_path`¬†for more elegant code](https://github.com/GreptimeTeam/greptimedb/issues/3178)";
        assert_eq!(
            repair_mojibake(seed),
            "* [GreptimeTeam - Fix a minor bug in\u{a0}`join_path`\u{a0}for more elegant code](https://github.com/GreptimeTeam/greptimedb/issues/3178)"
        );
    }

    #[test]
    fn polish_city_of_532_draft_read_as_mac_roman_is_restored() {
        assert_eq!(
            repair_mojibake("* 2024-02-10 | Virtual (Wroc≈Çaw, PL) | [Stacja IT Wroc≈Çaw]"),
            "* 2024-02-10 | Virtual (Wrocław, PL) | [Stacja IT Wrocław]"
        );
    }

    #[test]
    fn only_the_mojibake_run_is_repaired_on_a_line_with_clean_accents() {
        // Clean `ü` and `é` (not valid UTF-8 once encoded) next to a mis-decoded en dash.
        assert_eq!(
            repair_mojibake("* 2024-12-04 | Köln, DE | Rust Cologne â€“ Café night"),
            "* 2024-12-04 | Köln, DE | Rust Cologne – Café night"
        );
        assert_eq!(
            repair_mojibake("* Montr√©al – Rust Montréal"),
            "* Montréal – Rust Montréal"
        );
    }

    #[test]
    fn text_encoded_twice_is_repaired_twice() {
        assert_eq!(
            repair_mojibake("Foundation\u{c3}\u{a2}\u{e2}\u{201a}\u{ac}\u{e2}\u{201e}\u{a2}s"),
            "Foundation’s"
        );
    }

    #[test]
    fn windows_1252_undefined_byte_read_as_c1_control_is_repaired() {
        // `Á` is C3 81; WHATWG decoders turn 0x81 into U+0081, Python refuses it.
        assert_eq!(repair_mojibake("\u{c3}\u{81}lvaro"), "Álvaro");
    }

    #[test]
    fn only_the_repaired_lines_are_reported_and_line_endings_kept() {
        let text = "Nürnberg\r\nSÃ©guret\r\nplain\r\nâ€“ end";
        let (out, lines) = repair_mojibake_lines(text);
        assert_eq!(out, "Nürnberg\r\nSéguret\r\nplain\r\n– end");
        let numbers: Vec<usize> = lines.iter().map(|l| l.line).collect();
        assert_eq!(numbers, vec![2, 4]);
        assert!(lines.iter().all(|l| l.encoding == MisreadAs::Windows1252));
    }

    #[test]
    fn clean_names_of_early_issues_are_unchanged() {
        unchanged("- Sébastien Chauvel\n- João Souls\n* Marcel Müller\n");
        unchanged("* [11/3. São Paulo Meetup](http://www.meetup.com/Rust-Sao-Paulo-Meetup/events/225844104/).");
        unchanged("Ångström, Château, pâte, fenêtre, Ærø, ÄroRust");
    }

    #[test]
    fn clean_symbols_emoji_and_quotes_are_unchanged() {
        unchanged("* [clippy: only emit `manual_c_str_literals` in ≥ Edition 2021](https://github.com/rust-lang/rust-clippy/pull/13532)");
        unchanged("Rusty Events between 2023-11-08 - 2023-12-06 🦀");
        unchanged("* [RFC 1054: Rename or replace `str::words` to side-step the ambiguity of “a word”](https://github.com/rust-lang/rfcs/pull/1054).");
        unchanged("* [Ockam - Make\u{a0}`ockam identity delete`\u{a0}(no args) interactive]");
        unchanged("> Man these h*es couldn't be any less logical\u{feff}");
        unchanged("👩\u{200d}💻 and 🏳\u{fe0f}\u{200d}🌈, 构建 and Довгий шлях");
    }

    #[test]
    fn every_pair_of_high_half_characters_is_left_or_read_as_one_character() {
        let mut chars: Vec<char> = [MisreadAs::Windows1252, MisreadAs::MacRoman]
            .iter()
            .flat_map(|&e| table(e).to_byte.iter().map(|&(c, _)| c))
            .collect();
        chars.sort_unstable();
        chars.dedup();
        // Union of Windows-1252 (with its 5 undefined bytes as C1 controls) and Mac Roman: 153
        // characters, counted in Python.
        assert_eq!(chars.len(), 153);
        for &a in &chars {
            for &b in &chars {
                let pair = format!("x{a}{b}\n");
                let out = repair_mojibake(&pair);
                if out != pair {
                    assert_eq!(out.chars().count(), 3, "{pair:?} -> {out:?}");
                    assert!(!out.chars().nth(1).is_some_and(implausible), "{out:?}");
                }
            }
        }
    }

    /// `text`'s UTF-8 bytes read as `encoding` by a WHATWG decoder.
    fn garbled(text: &str, encoding: &'static encoding_rs::Encoding) -> String {
        encoding
            .decode_without_bom_handling(text.as_bytes())
            .0
            .into_owned()
    }

    #[test]
    fn decomposed_accents_of_early_issues_are_restored_from_both_encodings() {
        // The names as the clean files hold them: a base letter and a combining mark.
        let names = [
            "John Ka\u{30A}re Alsaker",
            "Kornel Lesin\u{301}ski",
            "Tobias Mu\u{308}ller",
            "Re\u{301}my Rakic",
        ];
        assert_eq!(
            garbled(names[0], encoding_rs::WINDOWS_1252),
            "John Ka\u{cc}\u{160}re Alsaker"
        );
        assert_eq!(
            garbled(names[0], encoding_rs::MACINTOSH),
            "John Ka\u{c3}\u{e4}re Alsaker"
        );
        for name in names {
            unchanged(name);
            for encoding in [encoding_rs::WINDOWS_1252, encoding_rs::MACINTOSH] {
                assert_eq!(repair_mojibake(&garbled(name, encoding)), name);
            }
        }
        // Beside a clean accent on the same line, only the garbled run is repaired.
        assert_eq!(
            repair_mojibake("Kåre and Ka\u{cc}\u{160}re"),
            "Kåre and Ka\u{30A}re"
        );
    }

    #[test]
    fn a_combining_mark_needs_a_letter_before_it() {
        // `ÌŠ` at the start of a line or after a space is not a decomposed accent.
        unchanged("\u{cc}\u{160} at the start");
        unchanged("a \u{cc}\u{160}");
        unchanged("(\u{c3}\u{e4})");
    }

    #[test]
    fn garbled_replacement_character_is_restored() {
        let clean =
            "replaces invalid codepoints with the unicode replacement character (\u{FFFD}).";
        unchanged(clean);
        let cp1252 = garbled(clean, encoding_rs::WINDOWS_1252);
        let mac = garbled(clean, encoding_rs::MACINTOSH);
        assert!(cp1252.contains("(ï¿½)"), "{cp1252}");
        assert!(mac.contains("(ÔøΩ)"), "{mac}");
        assert_eq!(repair_mojibake(&cp1252), clean);
        assert_eq!(repair_mojibake(&mac), clean);
    }

    #[test]
    fn clean_combining_marks_and_zalgo_are_unchanged() {
        unchanged("Ka\u{30A}re, Mu\u{308}ller, e\u{359}\u{324}\u{34E}\u{32A}\u{352}x");
        unchanged("\u{2764}\u{FE0F} and \u{1F3F3}\u{FE0F}\u{200D}\u{1F308}");
    }

    #[test]
    fn french_apostrophe_before_e_acute_is_not_read_as_mac_roman() {
        // `’é` is D5 8E in Mac Roman: valid UTF-8 (`Վ`), but not a mark of mojibake.
        unchanged("l’école et l’équipe");
        unchanged("“CAFÉ” and «Ü»");
    }
}
