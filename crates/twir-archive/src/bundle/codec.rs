//! Serde adapters of the bundle's columns: runs of issue numbers, days as deltas, and texts
//! read straight into shared allocations.

/// Serde adapter for `issue` columns: records come in issue order, so the column is stored
/// as runs of `[issue number, count]`.
pub mod issue_runs {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(issues: &[u32], s: S) -> Result<S::Ok, S::Error> {
        let mut runs: Vec<[u32; 2]> = Vec::new();
        for &n in issues {
            match runs.last_mut() {
                Some([last, count]) if *last == n => *count += 1,
                _ => runs.push([n, 1]),
            }
        }
        runs.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
        let runs = Vec::<[u32; 2]>::deserialize(d)?;
        let total: u64 = runs.iter().map(|[_, c]| u64::from(*c)).sum();
        if total > 10_000_000 {
            return Err(D::Error::custom(
                "an issue column of more than 10 million records",
            ));
        }
        let mut out = Vec::with_capacity(total as usize);
        for [n, count] in runs {
            out.extend(std::iter::repeat_n(n, count as usize));
        }
        Ok(out)
    }
}

/// Serde adapter for a column of days: each as the difference from the previous one given
/// (events of a week lie close together).
pub mod delta_days {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(days: &[Option<i32>], s: S) -> Result<S::Ok, S::Error> {
        let mut prev = 0i64;
        let deltas: Vec<Option<i64>> = days
            .iter()
            .map(|d| {
                d.map(|d| {
                    let delta = i64::from(d) - prev;
                    prev = i64::from(d);
                    delta
                })
            })
            .collect();
        deltas.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Option<i32>>, D::Error> {
        use serde::de::Error as _;
        let deltas = Vec::<Option<i64>>::deserialize(d)?;
        let mut prev = 0i64;
        deltas
            .into_iter()
            .map(|d| match d {
                None => Ok(None),
                Some(d) => {
                    let out_of_range = || D::Error::custom("date: a day out of range");
                    prev = prev.checked_add(d).ok_or_else(out_of_range)?;
                    i32::try_from(prev).map(Some).map_err(|_| out_of_range())
                }
            })
            .collect()
    }
}

/// Serde adapters for columns of texts that rows share (`Arc<str>`): each text is read
/// straight into its shared allocation, with no `String` copied and freed on the way. The
/// app keeps every row in a wasm memory that never shrinks, where tens of thousands of such
/// short-lived copies left megabytes of scattered free space (docs/search.md, memory).
pub mod shared {
    use crate::bundle::Shared;
    use serde::de::{Deserializer, SeqAccess, Visitor};
    use std::fmt;
    use std::marker::PhantomData;

    /// One text, or none.
    trait Text: Sized {
        fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
    }

    struct TextVisitor;

    impl Visitor<'_> for TextVisitor {
        type Value = Shared;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E>(self, s: &str) -> Result<Shared, E> {
            Ok(Shared::from(s))
        }
    }

    impl Text for Shared {
        fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(TextVisitor)
        }
    }

    struct OptionVisitor;

    impl<'de> Visitor<'de> for OptionVisitor {
        type Value = Option<Shared>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or null")
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(TextVisitor).map(Some)
        }
    }

    impl Text for Option<Shared> {
        fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_option(OptionVisitor)
        }
    }

    /// A seed that reads one [`Text`] of a sequence.
    struct One<T>(PhantomData<T>);

    impl<'de, T: Text> serde::de::DeserializeSeed<'de> for One<T> {
        type Value = T;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
            T::read(d)
        }
    }

    struct ColumnVisitor<T>(PhantomData<T>);

    impl<'de, T: Text> Visitor<'de> for ColumnVisitor<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array of strings")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
            while let Some(t) = seq.next_element_seed(One(PhantomData))? {
                out.push(t);
            }
            Ok(out)
        }
    }

    /// `#[serde(deserialize_with = "codec::shared::texts")]` on a `Vec<Shared>`.
    pub fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Shared>, D::Error> {
        d.deserialize_seq(ColumnVisitor(PhantomData))
    }

    /// `#[serde(deserialize_with = "codec::shared::optional_texts")]` on a
    /// `Vec<Option<Shared>>`.
    pub fn optional_texts<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<Option<Shared>>, D::Error> {
        d.deserialize_seq(ColumnVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::Shared;

    #[test]
    fn shared_text_columns_read_escapes_and_nulls_and_reject_other_values() {
        #[derive(serde::Deserialize)]
        struct C {
            #[serde(deserialize_with = "shared::texts")]
            t: Vec<Shared>,
            #[serde(deserialize_with = "shared::optional_texts")]
            o: Vec<Option<Shared>>,
        }
        let c: C = serde_json::from_str(
            r#"{"t": ["plain", "a \"quoted\" word", "caf\u00e9", ""], "o": [null, "x"]}"#,
        )
        .unwrap();
        assert_eq!(
            c.t,
            ["plain", "a \"quoted\" word", "café", ""].map(Shared::from)
        );
        assert_eq!(c.o, [None, Some(Shared::from("x"))]);
        for bad in [
            r#"{"t": [1], "o": []}"#,
            r#"{"t": [], "o": [2]}"#,
            r#"{"t": "x", "o": []}"#,
        ] {
            assert!(serde_json::from_str::<C>(bad).is_err(), "{bad}");
        }
    }
}
