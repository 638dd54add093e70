//! The index (sorted vocabulary, postings, every record's term sequence) and the search.

use crate::query::Query;
use crate::seq::{is_mark, mark_field, TermSeq};
use crate::text::{edit_distance, Highlighter};
use crate::{field, Filter, Kind, Record};
use std::cmp::Ordering;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};
use twir_archive::bundle::BundleError;

/// Bit of a posting's field mask: the term is a whole title or crate name on its own.
pub(crate) const WHOLE: u8 = 0x80;

/// Score of a match by field, before rarity and match quality.
const TITLE_WEIGHT: f32 = 1.0;
const NAME_WEIGHT: f32 = 1.5;
const TEXT_WEIGHT: f32 = 0.5;
const AUTHOR_WEIGHT: f32 = 0.8;
const META_WEIGHT: f32 = 0.4;
/// Bonus for a term that is a whole title or name (`Tokio`, the crate `bacon`).
const WHOLE_BONUS: f32 = 1.5;
/// Match quality: an exact term is 1; a longer term the typed prefix starts with is
/// `PREFIX_BASE + PREFIX_SPAN * typed / its length`; a typo is `TYPO_1` or `TYPO_2`.
const PREFIX_BASE: f32 = 0.5;
const PREFIX_SPAN: f32 = 0.4;
const TYPO_1: f32 = 0.4;
const TYPO_2: f32 = 0.25;
/// Typos are looked for only when the typed term is rarer than this (a common word is
/// not a typo), and only for terms of 4 bytes or more (2 typos from 8).
const POPULARITY_FLOOR: f32 = 0.8;
pub(crate) const TYPO_MAX_DF: u32 = 20;
const TYPO_MAX_CANDIDATES: usize = 40;
/// Recency: a record of the newest issue scores 1, one `RECENCY_DAYS` older
/// `RECENCY_FLOOR + (1 - RECENCY_FLOOR) / 2`, the oldest tend to `RECENCY_FLOOR`.
const RECENCY_DAYS: f32 = 1461.0;
const RECENCY_FLOOR: f32 = 0.7;

/// log2, from the float's bits and a polynomial: only +, × and ÷, which IEEE 754 defines
/// exactly, so native and wasm builds compute the same scores bit for bit (a library `ln`
/// may differ in the last bit between platforms). Accurate to about 0.005.
fn log2(x: f32) -> f32 {
    let bits = x.to_bits();
    let exp = ((bits >> 23) & 0xff) as i32 - 127;
    let m = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000);
    exp as f32 + (-0.344_848_43 * m + 2.024_665_8) * m - 1.674_877_6
}

/// Rarity of a term found in `df` of `n` records.
pub(crate) fn idf(n: f32, df: f32) -> f32 {
    log2(1.0 + n / df.max(1.0))
}

/// From `POPULARITY_FLOOR` (a term found once) to 1 (the most frequent of the
/// candidates, found `most` times): among completions and corrections, the common ones
/// are likelier what the reader meant.
fn popularity(df: u32, most: u32) -> f32 {
    let most = log2(1.0 + most.max(1) as f32);
    POPULARITY_FLOOR + (1.0 - POPULARITY_FLOOR) * log2(1.0 + df as f32) / most
}

/// Recency of a record of `day`, the archive's newest issue being of `newest_day`.
pub(crate) fn recency(newest_day: i32, day: i32) -> f32 {
    // In i64: days come from the bundle (or an index image) and may be any i32.
    let age = (i64::from(newest_day) - i64::from(day)).max(0) as f32;
    RECENCY_FLOOR + (1.0 - RECENCY_FLOOR) * RECENCY_DAYS / (RECENCY_DAYS + age)
}

/// Weight of a posting by its field mask, for a term searched in `fields`.
pub(crate) fn mask_weights(fields: u8) -> [f32; 256] {
    let mut by_mask = [0f32; 256];
    let allowed = fields
        | if fields & (field::TITLE | field::NAME) != 0 {
            WHOLE
        } else {
            0
        };
    for (m, w) in by_mask.iter_mut().enumerate() {
        let m = m as u8 & allowed;
        if m & field::ALL != 0 {
            *w = field_weight(m);
        }
    }
    by_mask
}

fn field_weight(mask: u8) -> f32 {
    let mut w: f32 = 0.0;
    for (bit, fw) in [
        (field::TITLE, TITLE_WEIGHT),
        (field::NAME, NAME_WEIGHT),
        (field::TEXT, TEXT_WEIGHT),
        (field::AUTHOR, AUTHOR_WEIGHT),
        (field::META, META_WEIGHT),
    ] {
        if mask & bit != 0 {
            w = w.max(fw);
        }
    }
    if mask & WHOLE != 0 {
        w *= WHOLE_BONUS;
    }
    w
}

/// Prefixes of at most this many bytes typed alone get precomputed results ([`Short`]).
pub(crate) const SHORT_BYTES: usize = 2;
/// ... when their terms have at least this many postings (rarer ones are cheap anyway).
pub(crate) const SHORT_MIN_POSTINGS: u32 = 8192;
/// ... and keep the best this many of each kind: pages up to `offset + limit` this far.
pub(crate) const SHORT_TOP: usize = 64;

/// The precomputed results of a short prefix typed alone (`a`, `ru`: one term, no phrase):
/// matches by kind, and the best [`SHORT_TOP`] of each kind with their scores, in order,
/// as the general search finds them. Valid for any filter of kinds only.
pub(crate) struct Short {
    pub(crate) prefix: Box<str>,
    pub(crate) counts: [u32; 6],
    /// Kind k's best: `hits[ends[k-1]..ends[k]]`.
    pub(crate) ends: [u32; 6],
    pub(crate) hits: Box<[(f32, u32)]>,
}

/// A view's own test of a record (its id and the record): `true` keeps it.
pub type Keep = dyn Fn(u32, &Record) -> bool;

/// One result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Index into [`SearchIndex::records`].
    pub record: u32,
    pub score: f32,
}

/// A page of results, with exact counts of every match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Best first.
    pub hits: Vec<Hit>,
    /// Matches by kind, in [`Kind::ALL`] order, over all matches (not only this page).
    pub counts: [u32; 6],
    pub total: u32,
    /// Marks what matched in any text: [`crate::highlight`].
    pub highlighter: Highlighter,
}

#[derive(Default)]
pub(crate) struct Scratch {
    best: Vec<f32>,
    acc: Vec<f32>,
    count: Vec<u8>,
}

/// The search index of the whole archive.
pub struct SearchIndex {
    pub(crate) records: Vec<Record>,
    pub(crate) newest_day: i32,
    /// Every term, sorted, concatenated; `vocab_ends[i]` ends the i-th.
    pub(crate) vocab: String,
    pub(crate) vocab_ends: Vec<u32>,
    pub(crate) idf: Vec<f32>,
    /// Postings of term i: `postings[post_ends[i-1]..post_ends[i]]`, record ids ascending,
    /// with the fields the term occurs in (`post_fields`, [`field`] bits and [`WHOLE`]).
    pub(crate) post_ends: Vec<u32>,
    pub(crate) postings: Vec<u32>,
    pub(crate) post_fields: Vec<u8>,
    /// Every record's terms in order, fields separated by marks, for phrases.
    pub(crate) seq: TermSeq,
    pub(crate) seq_ends: Vec<u32>,
    /// Sorted by prefix.
    /// Set once, when [`crate::ShortPrefixes`] has precomputed them all: until then, short
    /// prefixes take the general search.
    pub(crate) shorts: OnceLock<Box<[Short]>>,
    pub(crate) scratch: Mutex<Scratch>,
}

/// One vocabulary term a query term matches, with its weight (rarity × quality).
pub(crate) struct Expansion {
    pub(crate) term: u32,
    pub(crate) weight: f32,
}

impl SearchIndex {
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    pub fn record(&self, id: u32) -> &Record {
        &self.records[id as usize]
    }

    /// The newest issue's date (days since 1970-01-01): recency is measured from it.
    pub fn newest_day(&self) -> i32 {
        self.newest_day
    }

    /// Number of distinct terms.
    pub fn vocabulary_len(&self) -> usize {
        self.vocab_ends.len()
    }

    pub(crate) fn term(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.vocab_ends[i - 1] } as usize;
        &self.vocab[start..self.vocab_ends[i] as usize]
    }

    pub(crate) fn postings_of(&self, t: u32) -> Range<usize> {
        let t = t as usize;
        let start = if t == 0 { 0 } else { self.post_ends[t - 1] } as usize;
        start..self.post_ends[t] as usize
    }

    /// Postings of the terms in `range`, all together.
    fn postings_in(&self, range: Range<u32>) -> u32 {
        if range.is_empty() {
            return 0;
        }
        let before = if range.start == 0 {
            0
        } else {
            self.post_ends[range.start as usize - 1]
        };
        self.post_ends[range.end as usize - 1] - before
    }

    pub(crate) fn df(&self, t: u32) -> u32 {
        self.postings_of(t).len() as u32
    }

    /// Terms in `[lo, hi)` of the vocabulary that start with `p`.
    fn prefix_range(&self, p: &str) -> Range<u32> {
        let n = self.vocab_ends.len() as u32;
        let part = |pred: &dyn Fn(&str) -> bool| {
            let (mut lo, mut hi) = (0u32, n);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if pred(self.term(mid)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let lo = part(&|t| t < p);
        let hi = part(&|t| t < p || t.starts_with(p));
        lo..hi
    }

    fn find(&self, t: &str) -> Option<u32> {
        let r = self.prefix_range(t);
        (!r.is_empty() && self.term(r.start) == t).then_some(r.start)
    }

    /// The terms a query term matches: exact, then (while typing) longer ones, then typos.
    fn expand(&self, t: &crate::Term, hl: &mut Highlighter) -> Vec<Expansion> {
        expand(self, t, hl)
    }

    fn recency(&self, day: i32) -> f32 {
        recency(self.newest_day, day)
    }

    /// Whether record `r` has the phrase's terms in a row, in one of `fields`.
    fn has_phrase(&self, r: u32, ids: &[u32], fields: u8) -> bool {
        let r = r as usize;
        let start = if r == 0 { 0 } else { self.seq_ends[r - 1] } as usize;
        let seq = self.seq.slice(start..self.seq_ends[r] as usize);
        let mut f = 0u8;
        for (k, t) in seq.iter().enumerate() {
            if is_mark(t) {
                f = mark_field(t);
            } else if f & fields != 0 && seq.has_at(k, ids) {
                return true;
            }
        }
        false
    }

    /// A record's term sequence (term ids, and field marks).
    pub(crate) fn record_terms(&self, record: u32) -> Vec<u32> {
        let r = record as usize;
        let start = if r == 0 { 0 } else { self.seq_ends[r - 1] } as usize;
        self.seq
            .slice(start..self.seq_ends[r] as usize)
            .iter()
            .collect()
    }

    /// The distinct terms of a record the query matched (for a hit's "matched" list).
    pub fn hit_terms(&self, record: u32, h: &Highlighter) -> Vec<&str> {
        let r = record as usize;
        let start = if r == 0 { 0 } else { self.seq_ends[r - 1] } as usize;
        let mut out: Vec<&str> = self
            .seq
            .slice(start..self.seq_ends[r] as usize)
            .iter()
            .filter(|&t| !is_mark(t))
            .map(|t| self.term(t))
            .filter(|t| h.matches(t))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Results order: best score first, then the newer record, then the lower id.
    fn order(&self, a: &(f32, u32), b: &(f32, u32)) -> Ordering {
        b.0.total_cmp(&a.0)
            .then_with(|| {
                self.records[b.1 as usize]
                    .day
                    .cmp(&self.records[a.1 as usize].day)
            })
            .then(a.1.cmp(&b.1))
    }

    /// The 1- and 2-byte prefixes worth precomputing ([`Short`]), sorted.
    pub(crate) fn short_candidates(&self) -> Vec<Box<str>> {
        let mut out: Vec<Box<str>> = Vec::new();
        for i in 0..self.vocab_ends.len() as u32 {
            let t = self.term(i);
            for (k, c) in t.char_indices().take(2) {
                let end = k + c.len_utf8();
                if end <= SHORT_BYTES && out.last().is_none_or(|l| **l != t[..end]) {
                    out.push(t[..end].into());
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out.retain(|p| self.postings_in(self.prefix_range(p)) >= SHORT_MIN_POSTINGS);
        out
    }

    /// Postings of the terms that start with `p` (a builder step's cost).
    pub(crate) fn prefix_postings(&self, p: &str) -> u32 {
        self.postings_in(self.prefix_range(p))
    }

    /// Computes the [`Short`] of prefix `p` with the general search.
    pub(crate) fn compute_short(&self, p: &str) -> Short {
        let q = Query {
            terms: vec![crate::Term {
                text: p.to_string(),
                prefix: true,
                fuzzy: true,
                fields: field::ALL,
            }],
            ..Query::default()
        };
        let mut matched = Vec::new();
        self.match_terms(&q, &|_| true, &mut matched, &mut Highlighter::default());
        let mut counts = [0u32; 6];
        let mut by_kind: [Vec<(f32, u32)>; 6] = Default::default();
        for &m in &matched {
            let k = self.records[m.1 as usize].kind as usize;
            counts[k] += 1;
            by_kind[k].push(m);
        }
        let mut hits = Vec::new();
        let mut ends = [0u32; 6];
        for (k, mut v) in by_kind.into_iter().enumerate() {
            if v.len() > SHORT_TOP {
                v.select_nth_unstable_by(SHORT_TOP - 1, |a, b| self.order(a, b));
                v.truncate(SHORT_TOP);
            }
            v.sort_unstable_by(|a, b| self.order(a, b));
            hits.extend_from_slice(&v);
            ends[k] = hits.len() as u32;
        }
        Short {
            prefix: p.into(),
            counts,
            ends,
            hits: hits.into_boxed_slice(),
        }
    }

    /// The results of `q` from a [`Short`], when it is one and the filter restricts kinds
    /// only: the same as the general search's, without a pass over the postings.
    fn short_results(
        &self,
        q: &Query,
        filter: &Filter,
        offset: usize,
        limit: usize,
    ) -> Option<Results> {
        let [t] = q.terms.as_slice() else {
            return None;
        };
        let kinds_only = Filter {
            kinds: filter.kinds,
            ..Filter::default()
        };
        if !t.prefix
            || t.fields != field::ALL
            || t.text.len() > SHORT_BYTES
            || !q.phrases.is_empty()
            || kinds_only != *filter
            || offset.checked_add(limit)? > SHORT_TOP
        {
            return None;
        }
        let shorts = self.shorts.get()?;
        let i = shorts
            .binary_search_by(|s| (*s.prefix).cmp(t.text.as_str()))
            .ok()?;
        let s = &shorts[i];
        let mut res = Results::default();
        let mut hits: Vec<(f32, u32)> = Vec::new();
        let mut start = 0;
        for k in 0..6 {
            let end = s.ends[k] as usize;
            if filter.kinds & (1 << k) != 0 {
                res.counts[k] = s.counts[k];
                hits.extend_from_slice(&s.hits[start..end]);
            }
            start = end;
        }
        res.total = res.counts.iter().sum();
        hits.sort_unstable_by(|a, b| self.order(a, b));
        res.hits = hits
            .iter()
            .skip(offset)
            .take(limit)
            .map(|&(score, record)| Hit { record, score })
            .collect();
        res.highlighter = Highlighter {
            terms: vec![t.text.clone()],
            prefixes: vec![t.text.clone()],
        };
        Some(res)
    }

    /// The 1- and 2-byte prefixes with precomputed results (for tests).
    #[doc(hidden)]
    pub fn short_prefixes(&self) -> Vec<&str> {
        self.shorts().iter().map(|s| &*s.prefix).collect()
    }

    /// [`SearchIndex::search_with`] without the precomputed short prefixes: the general
    /// search, which they must equal (for tests).
    #[doc(hidden)]
    pub fn search_general(
        &self,
        q: &Query,
        filter: &Filter,
        offset: usize,
        limit: usize,
        keep: Option<&Keep>,
    ) -> Results {
        self.search_inner(q, filter, offset, limit, keep, false)
    }

    /// The best `limit` matches of `q` that `filter` (and the query's own scopes) let through.
    pub fn search(&self, q: &Query, filter: &Filter, limit: usize) -> Results {
        self.search_with(q, filter, 0, limit, None)
    }

    /// Like [`SearchIndex::search`], from the `offset`-th result, keeping only the records
    /// `keep` accepts (any filter of a view that [`Filter`] cannot say).
    pub fn search_with(
        &self,
        q: &Query,
        filter: &Filter,
        offset: usize,
        limit: usize,
        keep: Option<&Keep>,
    ) -> Results {
        self.search_inner(q, filter, offset, limit, keep, true)
    }

    fn search_inner(
        &self,
        q: &Query,
        filter: &Filter,
        offset: usize,
        limit: usize,
        keep: Option<&Keep>,
        shorts: bool,
    ) -> Results {
        let mut res = Results::default();
        if q.is_empty() {
            return res;
        }
        let filter = filter.and(&q.filter);
        if shorts && keep.is_none() {
            if let Some(r) = self.short_results(q, &filter, offset, limit) {
                return r;
            }
        }
        let accepts = |id: u32| {
            let r = &self.records[id as usize];
            filter.accepts(r) && keep.is_none_or(|k| k(id, r))
        };
        let mut matched: Vec<(f32, u32)> = Vec::new();
        if q.terms.is_empty() {
            for id in 0..self.records.len() as u32 {
                if accepts(id) {
                    matched.push((self.recency(self.records[id as usize].day), id));
                }
            }
        } else {
            self.match_terms(q, &accepts, &mut matched, &mut res.highlighter);
        }
        for &(_, id) in &matched {
            res.counts[self.records[id as usize].kind as usize] += 1;
        }
        res.total = matched.len() as u32;
        let order = |a: &(f32, u32), b: &(f32, u32)| self.order(a, b);
        let want = offset.saturating_add(limit).min(matched.len());
        if want < matched.len() && want > 0 {
            matched.select_nth_unstable_by(want - 1, order);
            matched.truncate(want);
        }
        matched.sort_unstable_by(order);
        res.hits = matched
            .iter()
            .skip(offset)
            .take(limit)
            .map(|&(score, record)| Hit { record, score })
            .collect();
        let hl = &mut res.highlighter;
        hl.terms.sort_unstable();
        hl.terms.dedup();
        hl.prefixes.sort_unstable();
        hl.prefixes.dedup();
        res
    }

    /// Every record matching all terms (and phrases), with its score.
    fn match_terms(
        &self,
        q: &Query,
        accepts: &dyn Fn(u32) -> bool,
        matched: &mut Vec<(f32, u32)>,
        hl: &mut Highlighter,
    ) {
        let n = self.records.len();
        let mut guard = self.scratch.lock().unwrap_or_else(|e| e.into_inner());
        let s = &mut *guard;
        if s.best.len() != n {
            s.best = vec![0.0; n];
            s.acc = vec![0.0; n];
            s.count = vec![0; n];
        }
        const REJECTED: u8 = u8::MAX;
        let mut first: Vec<u32> = Vec::new();
        let mut rejected: Vec<u32> = Vec::new();
        let mut live: Vec<u32> = Vec::new();
        for (i, t) in q.terms.iter().enumerate() {
            let stage = i as u8;
            let by_mask = mask_weights(t.fields);
            let mut touched: Vec<u32> = Vec::new();
            for e in self.expand(t, hl) {
                for p in self.postings_of(e.term) {
                    let r = self.postings[p];
                    let fw = by_mask[self.post_fields[p] as usize];
                    if fw == 0.0 {
                        continue;
                    }
                    let ru = r as usize;
                    if s.count[ru] != stage {
                        continue;
                    }
                    let w = fw * e.weight;
                    if s.best[ru] == 0.0 {
                        if i == 0 && !accepts(r) {
                            s.count[ru] = REJECTED;
                            rejected.push(r);
                            continue;
                        }
                        touched.push(r);
                    }
                    if w > s.best[ru] {
                        s.best[ru] = w;
                    }
                }
            }
            for &r in &touched {
                let ru = r as usize;
                s.acc[ru] += s.best[ru];
                s.best[ru] = 0.0;
                s.count[ru] = stage + 1;
            }
            if i == 0 {
                first = touched.clone();
            }
            live = touched;
            if live.is_empty() {
                break;
            }
        }
        let phrases: Option<Vec<(Vec<u32>, u8)>> = q
            .phrases
            .iter()
            .map(|p| {
                let ids: Option<Vec<u32>> = p.terms.iter().map(|t| self.find(t)).collect();
                ids.map(|ids| (ids, p.fields))
            })
            .collect();
        let all = q.terms.len() as u8;
        if let Some(phrases) = phrases {
            for &r in &live {
                let ru = r as usize;
                if s.count[ru] == all && phrases.iter().all(|(ids, f)| self.has_phrase(r, ids, *f))
                {
                    matched.push((s.acc[ru] * self.recency(self.records[ru].day), r));
                }
            }
        }
        for r in first.into_iter().chain(rejected) {
            let ru = r as usize;
            s.acc[ru] = 0.0;
            s.count[ru] = 0;
            s.best[ru] = 0.0;
        }
    }

    /// Bytes of memory the index holds: the capacity of every vector times its element's
    /// size, plus the scratch arrays of a search.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let s = self.scratch.lock().unwrap_or_else(|e| e.into_inner());
        self.records.capacity() * size_of::<Record>()
            + self.vocab.capacity()
            + (self.vocab_ends.capacity() + self.post_ends.capacity()) * 4
            + self.idf.capacity() * 4
            + self.postings.capacity() * 4
            + self.post_fields.capacity()
            + self.seq.heap_bytes()
            + self.seq_ends.capacity() * 4
            + (s.best.capacity() + s.acc.capacity()) * 4
            + s.count.capacity()
            + self.short_bytes().0
    }

    /// Bytes of the precomputed short prefixes (part of [`SearchIndex::heap_bytes`]), and
    /// how many there are.
    pub fn short_bytes(&self) -> (usize, usize) {
        let shorts = self.shorts();
        let bytes = std::mem::size_of_val(shorts)
            + shorts
                .iter()
                .map(|s| s.prefix.len() + s.hits.len() * std::mem::size_of::<(f32, u32)>())
                .sum::<usize>();
        (bytes, shorts.len())
    }

    fn shorts(&self) -> &[Short] {
        self.shorts.get().map_or(&[], |s| s)
    }

    /// Installs the precomputed short prefixes, sorted (once; later calls are ignored).
    pub(crate) fn install_shorts(&self, shorts: Vec<Short>) {
        let _ = self.shorts.set(shorts.into_boxed_slice());
    }

    /// Number of postings (record, term) pairs.
    pub fn postings_len(&self) -> usize {
        self.postings.len()
    }

    /// The index as bytes (little-endian arrays), to measure shipping it prebuilt.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let put = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_le_bytes());
        put(&mut out, self.newest_day as u32);
        put(&mut out, self.records.len() as u32);
        for r in &self.records {
            out.push(r.kind as u8);
            out.push(r.sub);
            put(&mut out, r.issue);
            put(&mut out, r.day as u32);
            put(&mut out, r.row);
        }
        put(&mut out, self.vocab.len() as u32);
        out.extend_from_slice(self.vocab.as_bytes());
        let seq = self.seq.to_u32s();
        for v in [
            &self.vocab_ends,
            &self.post_ends,
            &self.postings,
            &seq,
            &self.seq_ends,
        ] {
            put(&mut out, v.len() as u32);
            for &x in v.iter() {
                put(&mut out, x);
            }
        }
        put(&mut out, self.post_fields.len() as u32);
        out.extend_from_slice(&self.post_fields);
        put(&mut out, self.idf.len() as u32);
        for &x in &self.idf {
            put(&mut out, x.to_bits());
        }
        out
    }

    /// Reads [`SearchIndex::to_bytes`]; `None` if the bytes are not such an index
    /// ([`SearchIndex::read_bytes`] says why).
    pub fn from_bytes(b: &[u8]) -> Option<SearchIndex> {
        Self::read_bytes(b).ok()
    }

    /// Reads [`SearchIndex::to_bytes`], or says what is wrong with the bytes: every count
    /// and offset is checked against the bytes and the arrays it points into, so that a
    /// damaged image is refused, never a panic or an allocation sized by a count.
    pub fn read_bytes(b: &[u8]) -> Result<SearchIndex, BundleError> {
        let bad = |what: String| BundleError::Inconsistent(format!("search index image: {what}"));
        struct R<'a> {
            rest: &'a [u8],
            len: usize,
        }
        impl R<'_> {
            fn take(&mut self, n: usize, what: &str) -> Result<&[u8], String> {
                if self.rest.len() < n {
                    return Err(format!(
                        "{what} runs past the end (byte {} of {}, {n} bytes wanted)",
                        self.len - self.rest.len(),
                        self.len
                    ));
                }
                let (a, b) = self.rest.split_at(n);
                self.rest = b;
                Ok(a)
            }
            fn u32(&mut self, what: &str) -> Result<u32, String> {
                let b = self.take(4, what)?;
                Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            }
            fn vec(&mut self, what: &str) -> Result<Vec<u32>, String> {
                let n = self.u32(what)? as usize;
                let bytes = self.take(n.saturating_mul(4), what)?;
                Ok(bytes
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect())
            }
        }
        let mut r = R {
            rest: b,
            len: b.len(),
        };
        let newest_day = r.u32("the newest day").map_err(bad)? as i32;
        let n = r.u32("the record count").map_err(bad)? as usize;
        // A record takes 14 bytes: no more can be in the image.
        if n > b.len() / 14 {
            return Err(bad(format!("{n} records in {} bytes", b.len())));
        }
        let mut records = Vec::with_capacity(n);
        for i in 0..n {
            let head = r.take(2, "a record").map_err(bad)?;
            let (kind, sub) = (head[0], head[1]);
            let kind = *Kind::ALL
                .get(usize::from(kind))
                .ok_or_else(|| bad(format!("record {i} has kind {kind}, which is none")))?;
            // A link's category and an update's kind are bits of a 16-bit filter mask.
            if matches!(kind, Kind::Link | Kind::Update) && sub >= 16 {
                return Err(bad(format!("record {i} has sub-kind {sub}, past 15")));
            }
            records.push(Record {
                kind,
                sub,
                issue: r.u32("a record").map_err(bad)?,
                day: r.u32("a record").map_err(bad)? as i32,
                row: r.u32("a record").map_err(bad)?,
            });
        }
        let vn = r.u32("the vocabulary's length").map_err(bad)? as usize;
        let vocab = String::from_utf8(r.take(vn, "the vocabulary").map_err(bad)?.to_vec())
            .map_err(|_| bad("the vocabulary is not UTF-8".into()))?;
        let vocab_ends = r.vec("vocab_ends").map_err(bad)?;
        let post_ends = r.vec("post_ends").map_err(bad)?;
        let postings = r.vec("postings").map_err(bad)?;
        let seq = r.vec("the term sequence").map_err(bad)?;
        let seq_ends = r.vec("seq_ends").map_err(bad)?;
        let pn = r.u32("post_fields").map_err(bad)? as usize;
        let post_fields = r.take(pn, "post_fields").map_err(bad)?.to_vec();
        let idf = r
            .vec("idf")
            .map_err(bad)?
            .into_iter()
            .map(f32::from_bits)
            .collect();
        if !r.rest.is_empty() {
            return Err(bad(format!("{} bytes left over", r.rest.len())));
        }
        let index = SearchIndex {
            records,
            newest_day,
            vocab,
            vocab_ends,
            idf,
            post_ends,
            postings,
            post_fields,
            seq: TermSeq::from_u32s(seq),
            seq_ends,
            shorts: OnceLock::new(),
            scratch: Mutex::default(),
        };
        // The short prefixes' results are not stored: without them, a search takes the
        // general path, with the same results.
        index.check().map_err(|what| bad(what.into()))?;
        Ok(index)
    }

    /// Whether the arrays fit together, so that a search reads only within them; else which
    /// one does not.
    fn check(&self) -> Result<(), &'static str> {
        let n = self.records.len() as u32;
        let terms = self.vocab_ends.len();
        let ends = |v: &[u32], len: usize| {
            v.windows(2).all(|w| w[0] <= w[1]) && v.last().map_or(0, |&e| e as usize) == len
        };
        let checks: [(bool, &'static str); 8] = [
            (
                self.post_ends.len() == terms && self.idf.len() == terms,
                "post_ends or idf differ from the vocabulary in length",
            ),
            (
                self.seq_ends.len() == self.records.len(),
                "seq_ends differ from the records in length",
            ),
            (
                self.postings.len() == self.post_fields.len(),
                "postings and post_fields differ in length",
            ),
            (
                ends(&self.post_ends, self.postings.len()),
                "post_ends do not ascend to the postings' end",
            ),
            (
                ends(&self.vocab_ends, self.vocab.len())
                    && self
                        .vocab_ends
                        .iter()
                        .all(|&e| self.vocab.is_char_boundary(e as usize)),
                "vocab_ends do not ascend to the vocabulary's end on character boundaries",
            ),
            (
                ends(&self.seq_ends, self.seq.len()),
                "seq_ends do not ascend to the term sequence's end",
            ),
            (
                self.postings.iter().all(|&p| p < n),
                "a posting points past the records",
            ),
            (
                self.seq
                    .all()
                    .iter()
                    .all(|t| is_mark(t) || (t as usize) < terms),
                "a term in the sequence points past the vocabulary",
            ),
        ];
        match checks.iter().find(|(ok, _)| !ok) {
            Some(&(_, what)) => Err(what),
            None => Ok(()),
        }
    }
}

/// What [`expand`] reads of a vocabulary: the whole index's, or the part of it a sharded
/// search has fetched (`crate::shards`), which must cover every range it is asked for.
pub(crate) trait Vocab {
    /// Number of records (for rarity).
    fn records(&self) -> usize;
    fn term(&self, i: u32) -> &str;
    fn df(&self, i: u32) -> u32;
    /// The term's rarity, `idf(records, df)`.
    fn idf_of(&self, i: u32) -> f32;
    /// Terms that start with `p`, ids ascending.
    fn prefix_range(&self, p: &str) -> Range<u32>;
    /// Postings of the terms in `range`, all together.
    fn postings_in(&self, range: Range<u32>) -> u32;
    fn find(&self, t: &str) -> Option<u32> {
        let r = self.prefix_range(t);
        (!r.is_empty() && self.term(r.start) == t).then_some(r.start)
    }
}

impl Vocab for SearchIndex {
    fn records(&self) -> usize {
        self.records.len()
    }
    fn term(&self, i: u32) -> &str {
        SearchIndex::term(self, i)
    }
    fn df(&self, i: u32) -> u32 {
        SearchIndex::df(self, i)
    }
    fn idf_of(&self, i: u32) -> f32 {
        self.idf[i as usize]
    }
    fn prefix_range(&self, p: &str) -> Range<u32> {
        SearchIndex::prefix_range(self, p)
    }
    fn postings_in(&self, range: Range<u32>) -> u32 {
        SearchIndex::postings_in(self, range)
    }
}

/// The terms a query term matches: exact, then (while typing) longer ones, then typos.
pub(crate) fn expand(v: &impl Vocab, t: &crate::Term, hl: &mut Highlighter) -> Vec<Expansion> {
    let mut out = Vec::new();
    let exact = v.find(&t.text);
    let cap = exact.map_or(f32::MAX, |e| v.idf_of(e));
    if let Some(e) = exact {
        out.push(Expansion {
            term: e,
            weight: v.idf_of(e),
        });
    }
    hl.terms.push(t.text.clone());
    let mut prefixed = 0;
    if t.prefix {
        hl.prefixes.push(t.text.clone());
        let typed = t.text.len() as f32;
        let range = v.prefix_range(&t.text);
        // Rarity of the prefix as a whole (its postings are contiguous), so that rare
        // completions do not outrank common ones; an exact word caps it.
        let base = idf(v.records() as f32, v.postings_in(range.clone()) as f32).min(cap);
        let most = range.clone().map(|x| v.df(x)).max().unwrap_or(1);
        for x in range {
            if Some(x) == exact {
                continue;
            }
            prefixed += 1;
            let q = PREFIX_BASE + PREFIX_SPAN * typed / v.term(x).len() as f32;
            out.push(Expansion {
                term: x,
                weight: base * q * popularity(v.df(x), most),
            });
        }
    }
    let len = t.text.len();
    let df = exact.map_or(0, |e| v.df(e));
    // Numbers are never typos (2094 is not 2024).
    let digits = t.text.bytes().any(|b| b.is_ascii_digit());
    if t.fuzzy && !digits && len >= 4 && df < TYPO_MAX_DF && prefixed < TYPO_MAX_DF {
        let max = if len >= 8 { 2 } else { 1 };
        let first = &t.text[..t.text.char_indices().nth(1).map_or(len, |(i, _)| i)];
        let mut found: Vec<(usize, u32)> = Vec::new();
        for x in v.prefix_range(first) {
            let w = v.term(x);
            if Some(x) == exact || (t.prefix && w.starts_with(t.text.as_str())) {
                continue;
            }
            if let Some(d) = edit_distance(t.text.as_bytes(), w.as_bytes(), max) {
                found.push((d, x));
            }
        }
        // Nearest first, then the most frequent: a typo most likely meant a common word,
        // so the most frequent candidate's rarity is every candidate's.
        found.sort_by_key(|&(d, x)| (d, u32::MAX - v.df(x), x));
        found.truncate(TYPO_MAX_CANDIDATES);
        let most = found.iter().map(|&(_, x)| v.df(x)).max().unwrap_or(1);
        let base = idf(v.records() as f32, most as f32).min(cap);
        for (d, x) in found {
            let q = if d == 1 { TYPO_1 } else { TYPO_2 };
            hl.terms.push(v.term(x).to_string());
            out.push(Expansion {
                term: x,
                weight: base * q * popularity(v.df(x), most),
            });
        }
    }
    out
}
