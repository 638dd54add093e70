//! Records that repeat week after week (events, final comment period items), stored once:
//! found while the columns are built, expanded back when rows are read.

use super::BundleError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which records of a column file repeat an earlier one (in all but their issue), so that
/// they are stored once: pairs of (gap from the previous repeat's position, distance back
/// to the record it repeats), positions counted over all records. Stored as two columns,
/// `gap` and `back`, `back` as the difference from the previous pair's (listings of one week
/// repeat the week before at nearly the same distance).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Repeats(pub Vec<(u32, u32)>);

#[derive(Serialize, Deserialize)]
struct RepeatColumns {
    gap: Vec<u32>,
    back: Vec<i64>,
}

impl Serialize for Repeats {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut prev = 0i64;
        let back = self
            .0
            .iter()
            .map(|&(_, b)| {
                let d = i64::from(b) - prev;
                prev = i64::from(b);
                d
            })
            .collect();
        RepeatColumns {
            gap: self.0.iter().map(|&(g, _)| g).collect(),
            back,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Repeats {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let c = RepeatColumns::deserialize(d)?;
        if c.gap.len() != c.back.len() {
            return Err(D::Error::custom("the repeat columns differ in length"));
        }
        let mut prev = 0i64;
        let mut pairs = Vec::with_capacity(c.gap.len());
        for (g, d) in c.gap.into_iter().zip(c.back) {
            let outside = || D::Error::custom("repeats: a `back` points outside the records");
            prev = prev.checked_add(d).ok_or_else(outside)?;
            let back = u32::try_from(prev).map_err(|_| outside())?;
            pairs.push((g, back));
        }
        Ok(Repeats(pairs))
    }
}

/// Builds [`Repeats`] while records are added, each known by a key that is equal for two
/// records exactly when they are the same record: the fields the file stores, in a struct
/// with derived `Hash` and `Eq` (`SameEvent`, `SameUpdate`).
pub struct RepeatFinder<K> {
    seen: HashMap<K, u32>,
    position: u32,
    last_repeat: u32,
    pub repeats: Repeats,
}

impl<K> Default for RepeatFinder<K> {
    fn default() -> Self {
        RepeatFinder {
            seen: HashMap::new(),
            position: 0,
            last_repeat: 0,
            repeats: Repeats::default(),
        }
    }
}

impl<K: std::hash::Hash + Eq> RepeatFinder<K> {
    /// A finder with room for `records` keys, so that its table is never grown and rehashed.
    pub fn with_capacity(records: usize) -> Self {
        RepeatFinder {
            seen: HashMap::with_capacity(records),
            ..Self::default()
        }
    }

    /// Registers the next record by its key; true if it must be stored, false if it repeats
    /// an earlier one (and is recorded as such).
    pub fn store(&mut self, key: K) -> bool {
        let pos = self.position;
        self.position += 1;
        match self.seen.get(&key) {
            Some(&earlier) => {
                self.repeats.0.push((pos - self.last_repeat, pos - earlier));
                self.last_repeat = pos;
                false
            }
            None => {
                self.seen.insert(key, pos);
                true
            }
        }
    }
}

impl Repeats {
    /// For each of `total` records, the index of its row among the stored rows.
    pub fn expand(&self, total: usize, stored: usize) -> Result<Vec<usize>, BundleError> {
        let bad = || BundleError::Inconsistent("the repeats do not fit the records".into());
        let mut rows = Vec::with_capacity(total);
        let mut next_repeat = self.0.iter();
        let mut repeat_at = next_repeat
            .next()
            .map(|&(gap, back)| (gap as usize, back as usize));
        let mut last_repeat = 0usize;
        let mut stored_row = 0usize;
        for pos in 0..total {
            match repeat_at {
                Some((gap, back)) if last_repeat.checked_add(gap) == Some(pos) => {
                    let earlier = pos.checked_sub(back).ok_or_else(bad)?;
                    rows.push(*rows.get(earlier).ok_or_else(bad)?);
                    last_repeat = pos;
                    repeat_at = next_repeat.next().map(|&(g, b)| (g as usize, b as usize));
                }
                _ => {
                    rows.push(stored_row);
                    stored_row += 1;
                }
            }
        }
        if stored_row != stored || repeat_at.is_some() {
            return Err(bad());
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_records_are_stored_once_and_expand_back() {
        let keys = ["a", "b", "a", "c", "b", "a", "d"];
        let mut f = RepeatFinder::default();
        let stored: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| f.store(k.to_string()))
            .collect();
        assert_eq!(stored, ["a", "b", "c", "d"]);
        let rows = f.repeats.expand(keys.len(), stored.len()).unwrap();
        let back: Vec<&str> = rows.iter().map(|&r| stored[r]).collect();
        assert_eq!(back, keys);
        assert!(f.repeats.expand(keys.len() + 1, stored.len()).is_err());
        assert!(Repeats(vec![(0, 5)]).expand(3, 3).is_err());
    }
}
