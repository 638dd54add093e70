//! Every record's terms in order, with a mark where each field starts: what phrases are
//! checked against and what postings are built from.
//!
//! It is the index's largest array (about 700,000 entries for the archive), so entries take
//! 16 bits while the vocabulary leaves room for them (the archive has 24,000 terms) and 32
//! bits beyond: the first term id that does not fit widens the whole sequence. Both widths
//! read as the same `u32` values (term ids, and [`FIELD_MARK`]` - field bit` for marks), so
//! the rest of the crate never sees the width.

use std::ops::Range;

/// Entry that starts a field: `FIELD_MARK - field bit`.
pub(crate) const FIELD_MARK: u32 = u32::MAX;
/// The top `MARKS` values of either width are marks; term ids stay below them.
const MARKS: u32 = 64;
const NARROW_TOP: u32 = u16::MAX as u32;

/// Whether an entry is a field mark (else a term id).
pub(crate) fn is_mark(t: u32) -> bool {
    t >= FIELD_MARK - MARKS
}

/// The field bit of a mark.
pub(crate) fn mark_field(t: u32) -> u8 {
    (FIELD_MARK - t) as u8
}

fn to_narrow(t: u32) -> Option<u16> {
    if is_mark(t) {
        Some((NARROW_TOP - (FIELD_MARK - t)) as u16)
    } else {
        (t < NARROW_TOP - MARKS).then_some(t as u16)
    }
}

/// An entry as stored, read as a `u32` entry.
pub(crate) trait Entry: Copy {
    fn get(self) -> u32;
}

impl Entry for u16 {
    fn get(self) -> u32 {
        let t = u32::from(self);
        if t >= NARROW_TOP - MARKS {
            FIELD_MARK - (NARROW_TOP - t)
        } else {
            t
        }
    }
}

impl Entry for u32 {
    fn get(self) -> u32 {
        self
    }
}

pub(crate) enum TermSeq {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Default for TermSeq {
    fn default() -> Self {
        TermSeq::Narrow(Vec::new())
    }
}

/// A part of a [`TermSeq`] (one record's terms).
#[derive(Clone, Copy)]
pub(crate) enum Terms<'a> {
    Narrow(&'a [u16]),
    Wide(&'a [u32]),
}

impl TermSeq {
    /// Reads entries written by [`TermSeq::to_u32s`], narrow when they fit.
    pub(crate) fn from_u32s(v: Vec<u32>) -> TermSeq {
        match v
            .iter()
            .map(|&t| to_narrow(t))
            .collect::<Option<Vec<u16>>>()
        {
            Some(narrow) => TermSeq::Narrow(narrow),
            None => TermSeq::Wide(v),
        }
    }

    pub(crate) fn to_u32s(&self) -> Vec<u32> {
        self.all().iter().collect()
    }

    /// Appends a term id or a mark.
    pub(crate) fn push(&mut self, t: u32) {
        match self {
            TermSeq::Narrow(v) => match to_narrow(t) {
                Some(n) => v.push(n),
                None => {
                    let mut wide: Vec<u32> = Vec::with_capacity(v.capacity().max(v.len() + 1));
                    wide.extend(v.iter().map(|&n| n.get()));
                    wide.push(t);
                    *self = TermSeq::Wide(wide);
                }
            },
            TermSeq::Wide(v) => v.push(t),
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            TermSeq::Narrow(v) => v.len(),
            TermSeq::Wide(v) => v.len(),
        }
    }

    #[cfg(test)]
    pub(crate) fn is_narrow(&self) -> bool {
        matches!(self, TermSeq::Narrow(_))
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        match self {
            TermSeq::Narrow(v) => v.capacity() * 2,
            TermSeq::Wide(v) => v.capacity() * 4,
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        match self {
            TermSeq::Narrow(v) => v.shrink_to_fit(),
            TermSeq::Wide(v) => v.shrink_to_fit(),
        }
    }

    /// Replaces every term id `t` by `new_id[t]` (marks stay). The new ids must be below the
    /// vocabulary's size, as the old ones were, so the width still fits.
    pub(crate) fn renumber(&mut self, new_id: &[u32]) {
        match self {
            TermSeq::Narrow(v) => {
                for n in v.iter_mut() {
                    let t = n.get();
                    if !is_mark(t) {
                        *n = new_id[t as usize] as u16;
                    }
                }
            }
            TermSeq::Wide(v) => {
                for t in v.iter_mut() {
                    if !is_mark(*t) {
                        *t = new_id[*t as usize];
                    }
                }
            }
        }
    }

    pub(crate) fn slice(&self, r: Range<usize>) -> Terms<'_> {
        match self {
            TermSeq::Narrow(v) => Terms::Narrow(&v[r]),
            TermSeq::Wide(v) => Terms::Wide(&v[r]),
        }
    }

    pub(crate) fn all(&self) -> Terms<'_> {
        self.slice(0..self.len())
    }
}

impl<'a> Terms<'a> {
    pub(crate) fn get(self, i: usize) -> Option<u32> {
        match self {
            Terms::Narrow(s) => s.get(i).map(|n| n.get()),
            Terms::Wide(s) => s.get(i).copied(),
        }
    }

    pub(crate) fn iter(self) -> impl Iterator<Item = u32> + 'a {
        let (narrow, wide): (&[u16], &[u32]) = match self {
            Terms::Narrow(s) => (s, &[]),
            Terms::Wide(s) => (&[], s),
        };
        narrow.iter().map(|n| n.get()).chain(wide.iter().copied())
    }

    /// Whether `ids` occur in a row from entry `k` on.
    pub(crate) fn has_at(self, k: usize, ids: &[u32]) -> bool {
        ids.iter()
            .enumerate()
            .all(|(j, &id)| self.get(k + j) == Some(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_read_back_the_same_in_either_width_and_widen_when_a_term_does_not_fit() {
        let mark = |f: u32| FIELD_MARK - f;
        let entries = [mark(1), 0, 7, 65_470, mark(16), 3, mark(4)];
        let mut seq = TermSeq::default();
        for &t in &entries {
            seq.push(t);
        }
        assert!(seq.is_narrow());
        assert_eq!(seq.to_u32s(), entries);
        assert!(entries.iter().all(|&t| is_mark(t) == (t > 1 << 20)));
        assert_eq!(mark_field(seq.all().get(4).unwrap()), 16);

        // The largest id that fits, then the first that does not.
        seq.push(65_470);
        assert!(seq.is_narrow());
        seq.push(65_471);
        assert!(!seq.is_narrow());
        let mut all = entries.to_vec();
        all.extend([65_470, 65_471]);
        assert_eq!(seq.to_u32s(), all);
        assert_eq!(seq.all().iter().collect::<Vec<_>>(), all);

        // Renumbering keeps marks; reading back chooses the narrow width again when it fits.
        let mut narrow = TermSeq::from_u32s(entries.to_vec());
        assert!(narrow.is_narrow());
        let mut new_id = vec![0u32; 65_471];
        new_id[0] = 5;
        new_id[7] = 6;
        new_id[3] = 0;
        new_id[65_470] = 1;
        narrow.renumber(&new_id);
        assert_eq!(narrow.to_u32s(), [mark(1), 5, 6, 1, mark(16), 0, mark(4)]);
        assert!(!TermSeq::from_u32s(all).is_narrow());
    }

    #[test]
    fn a_phrase_is_found_only_in_a_row() {
        let seq = TermSeq::from_u32s(vec![FIELD_MARK - 1, 4, 5, 6, 5]);
        let terms = seq.slice(1..5);
        assert!(terms.has_at(1, &[5, 6]));
        assert!(!terms.has_at(0, &[5, 6]));
        assert!(!terms.has_at(3, &[5, 6]), "a phrase running past the end");
    }
}
