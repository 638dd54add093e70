//! The index split into small files that a cold client fetches per query, and the partial
//! engine that answers a query from the files it fetched with exactly the first results of
//! the complete [`SearchIndex`] (same records, order and scores, bit for bit). See
//! docs/search.md, "Sharded index".
//!
//! Records are numbered by *rank*: newest issue first, then the index's record id, which is
//! the complete engine's tie order (a newer record first, then the lower id). Every term's
//! postings are split into lists by (kind and sub-kind, field mask), each list in rank order:
//! within a list a posting's weight is the same, and recency only falls along it, so its
//! first postings are its best and a list read up to rank `r` is known up to `r`. A query
//! reads the head of each list it needs (inline in the term's shard) and further blocks only
//! while a record it has not read could still enter the first results.
//!
//! ```ignore
//! let files = write_shards(&index, &records, &ShardParams::default()); // (FileId, bytes)
//! let mut s = ShardedSearch::new();
//! loop {
//!     match s.search(&query, &Filter::default(), 10) {
//!         Step::Need(ids) => for id in ids { s.add(id, &fetch(id.name())?)?; },
//!         Step::Done(results) => break results,
//!     }
//! }
//! ```

use crate::index::{expand, idf, mask_weights, recency, SearchIndex, Vocab, WHOLE};
use crate::query::{parse_query, Query};
use crate::seq::{is_mark, mark_field, FIELD_MARK};
use crate::text::Highlighter;
use crate::{field, Filter, Kind, Record};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use twir_archive::bundle::Records;

/// Sizes of the files [`write_shards`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardParams {
    /// A term shard is closed once its bytes reach this (before compression).
    pub shard_bytes: usize,
    /// Postings of each list inline in the term's shard; tail block `k` (from 1) holds the
    /// next `head × 4^k` of each list.
    pub head: usize,
    /// Records per display (and term-sequence) file.
    pub display_block: usize,
    /// Ranks per block of a kind's list (for queries of scopes alone).
    pub kind_block: usize,
    /// Results kept for each one- and two-byte prefix typed alone.
    pub short_top: usize,
    /// A record's text (description, quote) is cut to this many bytes for display.
    pub text_bytes: usize,
    /// Postings of term pairs per bucket file (about).
    pub pair_bucket: usize,
}

impl Default for ShardParams {
    fn default() -> Self {
        ShardParams {
            shard_bytes: 2_000,
            head: 16,
            display_block: 8,
            kind_block: 1024,
            short_top: 10,
            text_bytes: 240,
            pair_bucket: 300,
        }
    }
}

/// One file of the sharded index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileId {
    /// Counts, the day of every rank, where each term's shard and vocabulary are.
    Root,
    /// Consecutive terms of the vocabulary with their postings' heads.
    Shard(u32),
    /// Every term of one first character with its record count (for typos).
    Vocab(u32),
    /// Block `block` (from 1) of every posting list of `term`.
    Tail { term: u32, block: u32 },
    /// What a results page shows of `display_block` records.
    Display(u32),
    /// The term sequences of `display_block` records (for phrases).
    Seq(u32),
    /// The precomputed results of a short prefix (the root lists them).
    Short(u32),
    /// Block `block` of the ranks of one kind and sub-kind.
    Kinds { class: u8, block: u32 },
    /// The issue of every rank.
    Issues,
    /// Pairs of terms that follow each other in a field, hashed into buckets: the records and
    /// fields of each (for phrases).
    Pairs(u32),
}

impl FileId {
    /// A relative path for the file (the site may add a content hash).
    pub fn name(&self) -> String {
        match *self {
            FileId::Root => "root".into(),
            FileId::Shard(i) => format!("s/{i}"),
            FileId::Vocab(i) => format!("v/{i}"),
            FileId::Tail { term, block } => format!("t/{term}-{block}"),
            FileId::Display(i) => format!("d/{i}"),
            FileId::Seq(i) => format!("q/{i}"),
            FileId::Short(i) => format!("p/{i}"),
            FileId::Kinds { class, block } => format!("k/{class}-{block}"),
            FileId::Issues => "issues".into(),
            FileId::Pairs(i) => format!("b/{i}"),
        }
    }
}

const VERSION: u8 = 1;

#[derive(Default)]
struct W(Vec<u8>);

impl W {
    fn u(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    fn i(&mut self, v: i64) {
        self.u(((v << 1) ^ (v >> 63)) as u64);
    }
    /// Runs of ranks sharing a value, `(first rank, value)` in ascending ranks: their count,
    /// then each as (start delta, value delta); [`R::runs`] reads them back.
    fn runs<T: Copy + Into<i64>>(&mut self, runs: &[(u32, T)]) {
        self.u(runs.len() as u64);
        let (mut ps, mut pv) = (0u32, 0i64);
        for &(s, v) in runs {
            self.u((s - ps).into());
            self.i(v.into() - pv);
            (ps, pv) = (s, v.into());
        }
    }
    fn s(&mut self, s: &str) {
        self.u(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn b(&mut self, b: u8) {
        self.0.push(b);
    }
    /// Ascending values as gaps (the first from 0).
    fn ascending(&mut self, v: &[u32]) {
        let mut prev = 0;
        for &x in v {
            self.u(u64::from(x - prev));
            prev = x;
        }
    }
}

/// A file that does not read as what it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardError(pub String);

impl std::fmt::Display for ShardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "sharded index: {}", self.0)
    }
}

impl std::error::Error for ShardError {}

/// What a query may match, worked out once from its filter: the ranks of its dates (and
/// issues), which classes (kind and sub-kind) it allows, and how many hits it wants.
#[derive(Clone, Copy)]
struct Scope<'a> {
    root: &'a Root,
    range: &'a Range<u32>,
    class_ok: &'a dyn Fn(u8) -> bool,
    rank_ok: &'a dyn Fn(u32) -> bool,
    by_issue: bool,
    limit: usize,
}

/// The best hits found, `(score, rank)` best first; whether the counts are exact; the counts
/// by kind; what to mark.
type Found = (Vec<(f32, u32)>, bool, [u32; 6], Highlighter);

struct R<'a> {
    b: &'a [u8],
    at: usize,
    what: &'static str,
}

type Res<T> = Result<T, ShardError>;

impl<'a> R<'a> {
    /// A reader of a shard file: its first byte must be the format's [`VERSION`].
    fn open(b: &'a [u8], what: &'static str) -> Res<Self> {
        let mut r = R { b, at: 0, what };
        if r.b()? != VERSION {
            return Err(r.bad());
        }
        Ok(r)
    }
    /// `n` runs written as (start delta, value delta) pairs, as [`W::runs`] writes them:
    /// the starts and the values.
    fn runs<T: TryFrom<i64>>(&mut self) -> Res<(Vec<u32>, Vec<T>)> {
        let n = self.count()?;
        let (mut starts, mut values) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut s, mut v) = (0u32, 0i64);
        for _ in 0..n {
            s = s.checked_add(self.u32()?).ok_or_else(|| self.bad())?;
            v += self.i()?;
            starts.push(s);
            values.push(T::try_from(v).map_err(|_| self.bad())?);
        }
        Ok((starts, values))
    }
    fn bad(&self) -> ShardError {
        ShardError(format!("{} is damaged at byte {}", self.what, self.at))
    }
    fn u(&mut self) -> Res<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.b.get(self.at).ok_or_else(|| self.bad())?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(self.bad())
    }
    fn u32(&mut self) -> Res<u32> {
        let v = self.u()?;
        u32::try_from(v).map_err(|_| self.bad())
    }
    fn i(&mut self) -> Res<i64> {
        let v = self.u()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }
    fn i32(&mut self) -> Res<i32> {
        let v = self.i()?;
        i32::try_from(v).map_err(|_| self.bad())
    }
    fn b(&mut self) -> Res<u8> {
        let b = *self.b.get(self.at).ok_or_else(|| self.bad())?;
        self.at += 1;
        Ok(b)
    }
    fn s(&mut self) -> Res<String> {
        let n = self.u()? as usize;
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len());
        let end = end.ok_or_else(|| self.bad())?;
        let s = std::str::from_utf8(&self.b[self.at..end]).map_err(|_| self.bad())?;
        self.at = end;
        Ok(s.to_string())
    }
    /// `n` ascending values written by [`W::ascending`]; `n` is checked against the bytes
    /// left (a value takes a byte at least).
    fn ascending(&mut self, n: usize) -> Res<Vec<u32>> {
        if n > self.b.len() - self.at {
            return Err(self.bad());
        }
        let mut out = Vec::with_capacity(n);
        let mut prev = 0u32;
        for _ in 0..n {
            prev = prev.checked_add(self.u32()?).ok_or_else(|| self.bad())?;
            out.push(prev);
        }
        Ok(out)
    }
    fn count(&mut self) -> Res<usize> {
        let n = self.u()? as usize;
        // Every counted item takes a byte at least.
        if n > self.b.len() - self.at {
            return Err(self.bad());
        }
        Ok(n)
    }
    fn end(&self) -> Res<()> {
        if self.at == self.b.len() {
            Ok(())
        } else {
            Err(self.bad())
        }
    }
}

/// A record's class: its kind in the high nibble, its sub-kind in the low one.
fn class_of(r: &Record) -> u8 {
    (r.kind as u8) << 4 | (r.sub & 15)
}

fn record_of_class(class: u8, day: i32, issue: u32) -> Option<Record> {
    Some(Record {
        kind: *Kind::ALL.get(usize::from(class >> 4))?,
        sub: class & 15,
        issue,
        day,
        row: 0,
    })
}

/// Start of tail block `k` of a list (block 0 is the head, `head` long; block k is
/// `head × 4^k` long).
fn block_start(head: usize, k: u32) -> usize {
    let mut start = 0usize;
    let mut len = head;
    for _ in 0..k {
        start = start.saturating_add(len);
        len = len.saturating_mul(4);
    }
    start
}

/// What a results page shows of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The record's id in the complete [`SearchIndex`].
    pub record: u32,
    pub kind: Kind,
    pub sub: u8,
    pub issue: u32,
    pub day: i32,
    /// The link's, event's, update's or issue's title, the crate's name, the quote's author.
    pub title: String,
    /// Where the title links to (empty: the explorer's own page of the issue or quote).
    pub url: String,
    /// The description, the quote, an event's location or an update's group, cut to
    /// [`ShardParams::text_bytes`] at a character boundary (the snippet is taken from it).
    pub text: String,
}

fn cut(s: &str, n: usize) -> &str {
    let mut end = s.len().min(n);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn shown(ix: &SearchIndex, src: &Records, id: u32, text_bytes: usize) -> Shown {
    let r = ix.record(id);
    let row = r.row as usize;
    let (title, url, text): (&str, &str, &str) = match r.kind {
        Kind::Link => {
            let l = &src.links[row];
            (&l.title, &l.url, l.description.as_deref().unwrap_or(""))
        }
        Kind::Crate => {
            let c = &src.crates[row];
            (&c.name, &c.url, c.description.as_deref().unwrap_or(""))
        }
        Kind::Quote => {
            let q = &src.quotes[row];
            (
                q.author.as_deref().unwrap_or(""),
                q.url.as_deref().unwrap_or(""),
                &q.text,
            )
        }
        Kind::Event => {
            let e = &src.events[row];
            let title = e.title.as_deref().or(e.group.as_deref()).unwrap_or("");
            (
                title,
                e.url.as_deref().unwrap_or(""),
                e.location.as_deref().unwrap_or(""),
            )
        }
        Kind::Issue => (&src.index.issues.title[row], "", ""),
        Kind::Update => {
            let u = &src.updates[row];
            (
                &u.title,
                u.url.as_deref().unwrap_or(""),
                u.group.as_deref().unwrap_or(""),
            )
        }
    };
    Shown {
        record: id,
        kind: r.kind,
        sub: r.sub,
        issue: r.issue,
        day: r.day,
        title: title.to_string(),
        url: url.to_string(),
        text: cut(text, text_bytes).to_string(),
    }
}

fn put_shown(w: &mut W, s: &Shown) {
    w.u(s.record.into());
    w.b(s.kind as u8);
    w.b(s.sub);
    w.u(s.issue.into());
    w.i(s.day.into());
    w.s(&s.title);
    w.s(&s.url);
    w.s(&s.text);
}

fn get_shown(r: &mut R) -> Res<Shown> {
    let record = r.u32()?;
    let k = r.b()?;
    let kind = *Kind::ALL.get(usize::from(k)).ok_or_else(|| r.bad())?;
    Ok(Shown {
        record,
        kind,
        sub: r.b()?,
        issue: r.u32()?,
        day: r.i32()?,
        title: r.s()?,
        url: r.s()?,
        text: r.s()?,
    })
}

/// Writes the sharded index of `ix` (built from `src`): every file with its id, in a
/// deterministic order and content. The short prefixes' results come from `ix.search`.
pub fn write_shards(ix: &SearchIndex, src: &Records, p: &ShardParams) -> Vec<(FileId, Vec<u8>)> {
    let head = p.head.max(1);
    let dblock = p.display_block.max(1);
    let kblock = p.kind_block.max(1);
    let recs = ix.records();
    let n = recs.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| {
        recs[b as usize]
            .day
            .cmp(&recs[a as usize].day)
            .then(a.cmp(&b))
    });
    let mut rank_of = vec![0u32; n];
    for (k, &id) in order.iter().enumerate() {
        rank_of[id as usize] = k as u32;
    }
    let mut files: Vec<(FileId, Vec<u8>)> = Vec::new();

    // Term shards and tails.
    let nterms = ix.vocabulary_len() as u32;
    let mut shard_first: Vec<u32> = Vec::new();
    let mut cur = W::default();
    let mut cur_first = 0u32;
    let mut cur_terms = 0u32;
    let flush =
        |files: &mut Vec<(FileId, Vec<u8>)>, cur: &mut W, first: u32, count: u32, n: u32| {
            let mut w = W::default();
            w.b(VERSION);
            w.u(first.into());
            w.u(count.into());
            w.0.extend_from_slice(&cur.0);
            files.push((FileId::Shard(n), w.0));
            cur.0.clear();
        };
    for t in 0..nterms {
        if cur_terms == 0 {
            cur_first = t;
            shard_first.push(t);
        }
        let mut lists: BTreeMap<(u8, u8), Vec<u32>> = BTreeMap::new();
        for pi in ix.postings_of(t) {
            let id = ix.postings[pi];
            let class = class_of(&recs[id as usize]);
            lists
                .entry((class, ix.post_fields[pi]))
                .or_default()
                .push(rank_of[id as usize]);
        }
        for v in lists.values_mut() {
            v.sort_unstable();
        }
        cur.s(ix.term(t));
        cur.u(ix.df(t).into());
        cur.u(lists.len() as u64);
        for (&(class, mask), ranks) in &lists {
            cur.b(class);
            cur.b(mask);
            cur.u(ranks.len() as u64);
            cur.ascending(&ranks[..ranks.len().min(head)]);
            // The first rank of each tail block: a date scope skips the blocks before it.
            let firsts: Vec<u32> = (1..)
                .map(|k| block_start(head, k))
                .take_while(|&a| a < ranks.len())
                .map(|a| ranks[a])
                .collect();
            cur.ascending(&firsts);
        }
        let longest = lists.values().map(Vec::len).max().unwrap_or(0);
        let mut k = 1;
        while block_start(head, k) < longest {
            let (a, b) = (block_start(head, k), block_start(head, k + 1));
            let mut w = W::default();
            w.b(VERSION);
            for ranks in lists.values() {
                if ranks.len() > a {
                    w.ascending(&ranks[a..ranks.len().min(b)]);
                }
            }
            files.push((FileId::Tail { term: t, block: k }, w.0));
            k += 1;
        }
        cur_terms += 1;
        if cur.0.len() >= p.shard_bytes {
            let n = shard_first.len() as u32 - 1;
            flush(&mut files, &mut cur, cur_first, cur_terms, n);
            cur_terms = 0;
        }
    }
    if cur_terms > 0 {
        let n = shard_first.len() as u32 - 1;
        flush(&mut files, &mut cur, cur_first, cur_terms, n);
    }

    // Vocabularies by first character.
    let first_char = |t: &str| t.chars().next().map(|c| c.to_string()).unwrap_or_default();
    let mut vocabs: Vec<(String, u32, u32)> = Vec::new();
    for t in 0..nterms {
        let c = first_char(ix.term(t));
        match vocabs.last_mut() {
            Some(v) if v.0 == c => v.2 += 1,
            _ => vocabs.push((c, t, 1)),
        }
    }
    for (i, (_, first, count)) in vocabs.iter().enumerate() {
        let mut w = W::default();
        w.b(VERSION);
        for t in *first..first + count {
            w.s(ix.term(t));
            w.u(ix.df(t).into());
        }
        files.push((FileId::Vocab(i as u32), w.0));
    }

    // Display and term sequences, by rank.
    for (b, ids) in order.chunks(dblock).enumerate() {
        let mut w = W::default();
        w.b(VERSION);
        let mut q = W::default();
        q.b(VERSION);
        for &id in ids {
            put_shown(&mut w, &shown(ix, src, id, p.text_bytes));
            let seq = ix.record_terms(id);
            q.u(seq.len() as u64);
            for t in seq {
                if is_mark(t) {
                    q.u(0);
                    q.b(mark_field(t));
                } else {
                    q.u(u64::from(t) + 1);
                }
            }
        }
        files.push((FileId::Display(b as u32), w.0));
        files.push((FileId::Seq(b as u32), q.0));
    }

    // Ranks by class, and the issue of every rank.
    let mut by_class: BTreeMap<u8, Vec<u32>> = BTreeMap::new();
    for (k, &id) in order.iter().enumerate() {
        by_class
            .entry(class_of(&recs[id as usize]))
            .or_default()
            .push(k as u32);
    }
    for (&class, ranks) in &by_class {
        for (b, chunk) in ranks.chunks(kblock).enumerate() {
            let mut w = W::default();
            w.b(VERSION);
            w.u(chunk.len() as u64);
            w.ascending(chunk);
            files.push((
                FileId::Kinds {
                    class,
                    block: b as u32,
                },
                w.0,
            ));
        }
    }
    let mut issue_runs: Vec<(u32, u32)> = Vec::new();
    let mut day_runs: Vec<(u32, i32)> = Vec::new();
    for (k, &id) in order.iter().enumerate() {
        let r = &recs[id as usize];
        if issue_runs.last().is_none_or(|l| l.1 != r.issue) {
            issue_runs.push((k as u32, r.issue));
        }
        if day_runs.last().is_none_or(|l| l.1 != r.day) {
            day_runs.push((k as u32, r.day));
        }
    }
    {
        let mut w = W::default();
        w.b(VERSION);
        w.runs(&issue_runs);
        files.push((FileId::Issues, w.0));
    }

    // Short prefixes typed alone.
    let mut shorts: Vec<String> = Vec::new();
    for t in 0..nterms {
        let term = ix.term(t);
        for (k, c) in term.char_indices().take(2) {
            let end = k + c.len_utf8();
            if end <= crate::index::SHORT_BYTES {
                shorts.push(term[..end].to_string());
            }
        }
    }
    shorts.sort_unstable();
    shorts.dedup();
    for (i, s) in shorts.iter().enumerate() {
        let r = ix.search(&parse_query(s), &Filter::default(), p.short_top);
        let mut w = W::default();
        w.b(VERSION);
        for c in r.counts {
            w.u(c.into());
        }
        w.u(r.hits.len() as u64);
        for h in &r.hits {
            w.u(rank_of[h.record as usize].into());
            w.0.extend_from_slice(&h.score.to_bits().to_le_bytes());
            put_shown(&mut w, &shown(ix, src, h.record, p.text_bytes));
        }
        files.push((FileId::Short(i as u32), w.0));
    }

    // Term pairs, hashed into buckets.
    let mut pairs: HashMap<(u32, u32), Vec<(u32, u8)>> = HashMap::new();
    for (k, &id) in order.iter().enumerate() {
        let seq = ix.record_terms(id);
        let mut f = 0u8;
        for w in seq.windows(2) {
            if is_mark(w[0]) {
                f = mark_field(w[0]);
                continue;
            }
            if is_mark(w[1]) {
                continue;
            }
            let v = pairs.entry((w[0], w[1])).or_default();
            match v.last_mut() {
                Some(last) if last.0 == k as u32 => last.1 |= f,
                _ => v.push((k as u32, f)),
            }
        }
    }
    let total: usize = pairs.values().map(Vec::len).sum();
    let nbuckets = (total / p.pair_bucket.max(1)).max(1) as u32;
    type Pair<'a> = (&'a (u32, u32), &'a Vec<(u32, u8)>);
    let mut buckets: Vec<Vec<Pair>> = vec![Vec::new(); nbuckets as usize];
    for (key, v) in &pairs {
        buckets[pair_bucket(ix.term(key.0), ix.term(key.1), nbuckets) as usize].push((key, v));
    }
    for (i, mut b) in buckets.into_iter().enumerate() {
        b.sort_unstable_by_key(|e| *e.0);
        let mut w = W::default();
        w.b(VERSION);
        w.u(b.len() as u64);
        for (&(a, c), v) in b {
            w.u(a.into());
            w.u(c.into());
            w.u(v.len() as u64);
            let ranks: Vec<u32> = v.iter().map(|e| e.0).collect();
            w.ascending(&ranks);
            for e in v {
                w.b(e.1);
            }
        }
        files.push((FileId::Pairs(i as u32), w.0));
    }

    // The root.
    let mut w = W::default();
    w.b(VERSION);
    w.u(n as u64);
    w.i(ix.newest_day().into());
    for v in [head, dblock, kblock, p.short_top] {
        w.u(v as u64);
    }
    w.runs(&day_runs);
    w.u(nterms.into());
    w.u(shard_first.len() as u64);
    let mut prev = 0;
    for &t in &shard_first {
        w.u((t - prev).into());
        prev = t;
        w.s(ix.term(t));
    }
    w.u(vocabs.len() as u64);
    for (c, first, count) in &vocabs {
        w.s(c);
        w.u((*first).into());
        w.u((*count).into());
    }
    w.u(shorts.len() as u64);
    for s in &shorts {
        w.s(s);
    }
    w.u(nbuckets.into());
    w.u(by_class.len() as u64);
    for (&class, ranks) in &by_class {
        w.b(class);
        w.u(ranks.len() as u64);
        let firsts: Vec<u32> = ranks.chunks(kblock).map(|c| c[0]).collect();
        w.u(firsts.len() as u64);
        w.ascending(&firsts);
    }
    files.push((FileId::Root, w.0));
    files.sort_by_key(|f| f.0);
    files
}

struct KindList {
    class: u8,
    count: u32,
    /// First rank of each block.
    firsts: Vec<u32>,
}

struct Root {
    n: u32,
    newest_day: i32,
    head: usize,
    dblock: u32,
    short_top: usize,
    /// Day runs: from `day_starts[k]` on, ranks are of `days[k]` (descending).
    day_starts: Vec<u32>,
    days: Vec<i32>,
    shard_ids: Vec<u32>,
    shard_terms: Vec<String>,
    vocabs: Vec<(String, u32, u32)>,
    shorts: Vec<String>,
    kinds: Vec<KindList>,
    pair_buckets: u32,
}

impl Root {
    fn read(b: &[u8]) -> Res<Root> {
        let mut r = R::open(b, "the root")?;
        let n = r.u32()?;
        let newest_day = r.i32()?;
        let head = r.count()?.max(1);
        let dblock = r.u32()?.max(1);
        let _kblock = r.u32()?;
        let short_top = r.u()? as usize;
        let (day_starts, days) = r.runs::<i32>()?;
        let _terms = r.u32()?;
        let ns = r.count()?;
        let (mut shard_ids, mut shard_terms) = (Vec::with_capacity(ns), Vec::with_capacity(ns));
        let mut t = 0u32;
        for _ in 0..ns {
            t = t.checked_add(r.u32()?).ok_or_else(|| r.bad())?;
            shard_ids.push(t);
            shard_terms.push(r.s()?);
        }
        let nv = r.count()?;
        let mut vocabs = Vec::with_capacity(nv);
        for _ in 0..nv {
            vocabs.push((r.s()?, r.u32()?, r.u32()?));
        }
        let nsh = r.count()?;
        let mut shorts = Vec::with_capacity(nsh);
        for _ in 0..nsh {
            shorts.push(r.s()?);
        }
        let pair_buckets = r.u32()?.max(1);
        let nk = r.count()?;
        let mut kinds = Vec::with_capacity(nk);
        for _ in 0..nk {
            let class = r.b()?;
            let count = r.u32()?;
            let blocks = r.count()?;
            kinds.push(KindList {
                class,
                count,
                firsts: r.ascending(blocks)?,
            });
        }
        r.end()?;
        Ok(Root {
            n,
            newest_day,
            head,
            dblock,
            short_top,
            day_starts,
            days,
            shard_ids,
            shard_terms,
            vocabs,
            shorts,
            kinds,
            pair_buckets,
        })
    }

    fn day(&self, rank: u32) -> i32 {
        let k = self.day_starts.partition_point(|&s| s <= rank);
        self.days[k.saturating_sub(1)]
    }

    /// Ranks `[lo, hi)` of the days in `[from, to]`.
    fn ranks_of_days(&self, from: i32, to: i32) -> Range<u32> {
        let at = |k: usize| self.day_starts.get(k).copied().unwrap_or(self.n);
        let lo = at(self.days.partition_point(|&d| d > to));
        let hi = at(self.days.partition_point(|&d| d >= from));
        lo..hi.max(lo)
    }

    /// The shard that holds term `t` (or would).
    fn shard_of(&self, t: &str) -> u32 {
        (self.shard_terms.partition_point(|s| s.as_str() <= t)).saturating_sub(1) as u32
    }

    fn shard_of_id(&self, id: u32) -> u32 {
        (self.shard_ids.partition_point(|&s| s <= id)).saturating_sub(1) as u32
    }

    /// The shards that hold the terms starting with `p`.
    fn shards_of_prefix(&self, p: &str) -> Range<u32> {
        let first = self.shard_of(p);
        let mut end = first + 1;
        while self
            .shard_terms
            .get(end as usize)
            .is_some_and(|t| t.starts_with(p))
        {
            end += 1;
        }
        first..end
    }
}

/// One posting list of a term: its postings' class and field mask, how many there are, and
/// those fetched so far (ranks ascending).
struct List {
    class: u8,
    mask: u8,
    count: u32,
    /// The first rank of each tail block (1, 2, ...).
    firsts: Vec<u32>,
    /// Block k's ranks once read (block 0, the head, always is).
    blocks: Vec<Option<Vec<u32>>>,
    /// Every rank read, ascending.
    ranks: Vec<u32>,
}

impl List {
    /// The first block neither read nor wholly before rank `lo`, and its first rank: ranks
    /// below it are known (`None`: every rank is).
    fn unknown_from(&self, lo: u32) -> Option<(u32, u32)> {
        for (k, b) in self.blocks.iter().enumerate().skip(1) {
            let next = self.firsts.get(k).copied().unwrap_or(u32::MAX);
            if b.is_none() && next > lo {
                return Some((k as u32, self.firsts[k - 1]));
            }
        }
        None
    }
}

struct TermLists {
    lists: Vec<List>,
}

/// The first results of a query from the sharded index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShardResults {
    /// Best first: the complete engine's first hits.
    pub hits: Vec<ShardHit>,
    /// Matches by kind ([`Kind::ALL`] order): exact when `exact_counts`, else the matches
    /// found so far (a lower bound); the complete engine gives them once it is ready.
    pub counts: [u32; 6],
    pub total: u32,
    pub exact_counts: bool,
    pub highlighter: Highlighter,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShardHit {
    /// The record's id in the complete index.
    pub record: u32,
    pub rank: u32,
    pub score: f32,
    pub shown: Shown,
}

/// What [`ShardedSearch::search`] needs next.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Fetch these (all at once: one round trip), [`ShardedSearch::add`] them, ask again.
    Need(Vec<FileId>),
    Done(ShardResults),
}

struct ShortAnswer {
    counts: [u32; 6],
    hits: Vec<(u32, f32, Shown)>,
}

/// The partial engine: the files fetched so far, and searches over them.
pub struct ShardedSearch {
    /// Whether a word that may be a typo asks for its first character's vocabulary with
    /// its shard (one round trip less when it is a typo, a few KB more when it is not).
    pub typos_early: bool,
    root: Option<Root>,
    have: HashSet<FileId>,
    /// Every term read (from shards and vocabularies) → its id, and id → (term, df).
    terms: BTreeMap<String, u32>,
    info: HashMap<u32, (String, u32)>,
    lists: HashMap<u32, TermLists>,
    /// Tails that arrived before the block they follow.
    early_tails: HashMap<(u32, u32), Vec<u8>>,
    shown: HashMap<u32, Shown>,
    seqs: HashMap<u32, Vec<u32>>,
    shorts: HashMap<u32, ShortAnswer>,
    kinds: HashMap<(u8, u32), Vec<u32>>,
    issues: Option<(Vec<u32>, Vec<u32>)>,
    /// Term pairs of the buckets read: the ranks (ascending) and fields of each.
    pairs: HashMap<(u32, u32), (Vec<u32>, Vec<u8>)>,
}

struct View<'a>(&'a ShardedSearch, &'a Root);

impl Vocab for View<'_> {
    fn records(&self) -> usize {
        self.1.n as usize
    }
    fn term(&self, i: u32) -> &str {
        self.0.info.get(&i).map_or("", |t| t.0.as_str())
    }
    fn df(&self, i: u32) -> u32 {
        self.0.info.get(&i).map_or(0, |t| t.1)
    }
    fn idf_of(&self, i: u32) -> f32 {
        idf(self.1.n as f32, self.df(i) as f32)
    }
    fn prefix_range(&self, p: &str) -> Range<u32> {
        let mut ids = self
            .0
            .terms
            .range::<str, _>((std::ops::Bound::Included(p), std::ops::Bound::Unbounded))
            .take_while(|(t, _)| t.starts_with(p))
            .map(|(_, &id)| id);
        match ids.next() {
            None => 0..0,
            Some(first) => first..ids.last().unwrap_or(first) + 1,
        }
    }
    fn postings_in(&self, range: Range<u32>) -> u32 {
        range.map(|i| self.df(i)).sum()
    }
}

/// A posting list as a query reads it.
struct QList<'a> {
    term: usize,
    class: u8,
    /// The vocabulary term it is a list of.
    id: u32,
    weight: f32,
    ranks: &'a [u32],
    /// Ranks up to this one are known, when more are left (in the query's ranks).
    frontier: Option<u32>,
    /// The tail block to read next.
    block: u32,
}

impl Default for ShardedSearch {
    fn default() -> Self {
        ShardedSearch {
            typos_early: true,
            root: None,
            have: HashSet::new(),
            terms: BTreeMap::new(),
            info: HashMap::new(),
            lists: HashMap::new(),
            early_tails: HashMap::new(),
            shown: HashMap::new(),
            seqs: HashMap::new(),
            shorts: HashMap::new(),
            kinds: HashMap::new(),
            issues: None,
            pairs: HashMap::new(),
        }
    }
}

impl ShardedSearch {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether a file has been added.
    pub fn has(&self, f: FileId) -> bool {
        self.have.contains(&f)
    }

    /// Adds a fetched file (its bytes as written by [`write_shards`]).
    pub fn add(&mut self, f: FileId, bytes: &[u8]) -> Result<(), ShardError> {
        if self.have.contains(&f) {
            return Ok(());
        }
        if f != FileId::Root && self.root.is_none() {
            return Err(ShardError("the root comes first".into()));
        }
        match f {
            FileId::Root => self.root = Some(Root::read(bytes)?),
            FileId::Shard(_) => self.add_shard(bytes)?,
            FileId::Vocab(i) => self.add_vocab(i, bytes)?,
            FileId::Tail { term, block } => {
                self.early_tails.insert((term, block), bytes.to_vec());
                self.add_tails(term)?;
            }
            FileId::Display(b) => {
                let mut r = R::open(bytes, "a display file")?;
                let dblock = self.root().dblock;
                let mut rank = b * dblock;
                while r.at < bytes.len() {
                    self.shown.insert(rank, get_shown(&mut r)?);
                    rank += 1;
                }
            }
            FileId::Seq(b) => {
                let mut r = R::open(bytes, "a sequence file")?;
                let mut rank = b * self.root().dblock;
                while r.at < bytes.len() {
                    let n = r.count()?;
                    let mut seq = Vec::with_capacity(n);
                    for _ in 0..n {
                        match r.u32()? {
                            0 => seq.push(FIELD_MARK - u32::from(r.b()?)),
                            t => seq.push(t - 1),
                        }
                    }
                    self.seqs.insert(rank, seq);
                    rank += 1;
                }
            }
            FileId::Short(i) => {
                let mut r = R::open(bytes, "a short prefix's file")?;
                let mut counts = [0u32; 6];
                for c in &mut counts {
                    *c = r.u32()?;
                }
                let n = r.count()?;
                let mut hits = Vec::with_capacity(n);
                for _ in 0..n {
                    let rank = r.u32()?;
                    let mut bits = [0u8; 4];
                    for b in &mut bits {
                        *b = r.b()?;
                    }
                    hits.push((
                        rank,
                        f32::from_bits(u32::from_le_bytes(bits)),
                        get_shown(&mut r)?,
                    ));
                }
                r.end()?;
                self.shorts.insert(i, ShortAnswer { counts, hits });
            }
            FileId::Kinds { class, block } => {
                let mut r = R::open(bytes, "a kind's file")?;
                let n = r.count()?;
                let ranks = r.ascending(n)?;
                r.end()?;
                self.kinds.insert((class, block), ranks);
            }
            FileId::Pairs(_) => {
                let mut r = R::open(bytes, "a pairs file")?;
                let n = r.count()?;
                for _ in 0..n {
                    let key = (r.u32()?, r.u32()?);
                    let m = r.count()?;
                    let ranks = r.ascending(m)?;
                    let mut fields = Vec::with_capacity(m);
                    for _ in 0..m {
                        fields.push(r.b()?);
                    }
                    self.pairs.insert(key, (ranks, fields));
                }
                r.end()?;
            }
            FileId::Issues => {
                let mut r = R::open(bytes, "the issues file")?;
                let issues = r.runs::<u32>()?;
                r.end()?;
                self.issues = Some(issues);
            }
        }
        self.have.insert(f);
        Ok(())
    }

    fn root(&self) -> &Root {
        self.root.as_ref().expect("the root is read first")
    }

    fn add_term(&mut self, id: u32, term: String, df: u32) {
        self.terms.insert(term.clone(), id);
        self.info.insert(id, (term, df));
    }

    fn add_shard(&mut self, bytes: &[u8]) -> Res<()> {
        let mut r = R::open(bytes, "a term shard")?;
        let head = self.root().head;
        let first = r.u32()?;
        let n = r.count()? as u32;
        for id in first..first.saturating_add(n) {
            let term = r.s()?;
            let df = r.u32()?;
            let nl = r.count()?;
            let mut lists = Vec::with_capacity(nl);
            for _ in 0..nl {
                let class = r.b()?;
                let mask = r.b()?;
                let count = r.u32()?;
                let ranks = r.ascending((count as usize).min(head))?;
                let tails = (1..)
                    .map(|k| block_start(head, k))
                    .take_while(|&a| a < count as usize)
                    .count();
                let firsts = r.ascending(tails)?;
                if ranks
                    .last()
                    .zip(firsts.first())
                    .is_some_and(|(x, y)| y <= x)
                {
                    return Err(r.bad());
                }
                let mut blocks = vec![None; tails + 1];
                blocks[0] = Some(ranks.clone());
                lists.push(List {
                    firsts,
                    blocks,
                    class,
                    mask,
                    count,
                    ranks,
                });
            }
            self.add_term(id, term, df);
            self.lists.insert(id, TermLists { lists });
        }
        r.end()?;
        for id in first..first.saturating_add(n) {
            self.add_tails(id)?;
        }
        Ok(())
    }

    fn add_vocab(&mut self, i: u32, bytes: &[u8]) -> Res<()> {
        let (_, first, count) = self
            .root()
            .vocabs
            .get(i as usize)
            .cloned()
            .ok_or_else(|| ShardError(format!("no vocabulary {i}")))?;
        let mut r = R::open(bytes, "a vocabulary")?;
        for id in first..first.saturating_add(count) {
            let term = r.s()?;
            let df = r.u32()?;
            self.add_term(id, term, df);
        }
        r.end()
    }

    /// Reads the tails of `term` that have arrived (each block stands alone: its ranks are
    /// absolute).
    fn add_tails(&mut self, term: u32) -> Res<()> {
        let head = self.root().head;
        let Some(tl) = self.lists.get_mut(&term) else {
            return Ok(());
        };
        let waiting: Vec<u32> = self
            .early_tails
            .keys()
            .filter(|k| k.0 == term)
            .map(|k| k.1)
            .collect();
        for k in waiting {
            let Some(bytes) = self.early_tails.remove(&(term, k)) else {
                continue;
            };
            let (a, b) = (block_start(head, k), block_start(head, k + 1));
            let mut r = R::open(&bytes, "a tail")?;
            if k == 0 {
                return Err(r.bad());
            }
            for l in &mut tl.lists {
                if l.count as usize > a {
                    let n = (l.count as usize).min(b) - a;
                    let more = r.ascending(n)?;
                    let first = l.firsts.get(k as usize - 1).copied();
                    let next = l.firsts.get(k as usize).copied().unwrap_or(u32::MAX);
                    if more.first().copied() != first || more.last().is_some_and(|&x| x >= next) {
                        return Err(r.bad());
                    }
                    l.blocks[k as usize] = Some(more);
                    l.ranks = l.blocks.iter().flatten().flatten().copied().collect();
                }
            }
            r.end()?;
        }
        Ok(())
    }

    /// The pair files of `q`'s phrases not read yet.
    fn pair_files(&self, root: &Root, q: &Query) -> Vec<FileId> {
        q.phrases
            .iter()
            .flat_map(|p| p.terms.windows(2))
            .map(|w| FileId::Pairs(pair_bucket(&w[0], &w[1], root.pair_buckets)))
            .filter(|f| !self.have.contains(f))
            .collect()
    }

    fn issue_of(&self, rank: u32) -> Option<u32> {
        let (starts, issues) = self.issues.as_ref()?;
        let k = starts.partition_point(|&s| s <= rank);
        issues.get(k.checked_sub(1)?).copied()
    }

    /// The first `limit` results of `q` within `filter`, or the files still needed for them.
    pub fn search(&self, q: &Query, filter: &Filter, limit: usize) -> Step {
        let Some(root) = &self.root else {
            return Step::Need(vec![FileId::Root]);
        };
        if q.is_empty() || limit == 0 {
            return Step::Done(ShardResults {
                exact_counts: true,
                ..ShardResults::default()
            });
        }
        let filter = filter.and(&q.filter);
        // Short prefixes typed alone: their results are precomputed.
        if let [t] = q.terms.as_slice() {
            if t.prefix
                && t.fields == crate::field::ALL
                && t.text.len() <= crate::index::SHORT_BYTES
                && q.phrases.is_empty()
                && filter == Filter::default()
                && limit <= root.short_top
            {
                if let Ok(i) = root.shorts.binary_search_by(|s| s.as_str().cmp(&t.text)) {
                    let f = FileId::Short(i as u32);
                    let Some(s) = self.shorts.get(&(i as u32)) else {
                        return Step::Need(vec![f]);
                    };
                    return Step::Done(ShardResults {
                        hits: s
                            .hits
                            .iter()
                            .take(limit)
                            .map(|(rank, score, shown)| ShardHit {
                                record: shown.record,
                                rank: *rank,
                                score: *score,
                                shown: shown.clone(),
                            })
                            .collect(),
                        counts: s.counts,
                        total: s.counts.iter().sum(),
                        exact_counts: true,
                        highlighter: Highlighter {
                            terms: vec![t.text.clone()],
                            prefixes: vec![t.text.clone()],
                        },
                    });
                }
            }
        }
        let mut range = root.ranks_of_days(filter.from_day, filter.to_day);
        let by_issue = filter.issues != (0, u32::MAX);
        if by_issue {
            let Some((starts, issues)) = &self.issues else {
                return Step::Need(vec![FileId::Issues]);
            };
            // The ranks from the first to the last run of an issue asked for.
            let (mut lo, mut hi) = (u32::MAX, 0);
            for (k, (&start, &issue)) in starts.iter().zip(issues).enumerate() {
                if issue >= filter.issues.0 && issue <= filter.issues.1 {
                    lo = lo.min(start);
                    hi = hi.max(starts.get(k + 1).copied().unwrap_or(root.n));
                }
            }
            range = range.start.max(lo)..range.end.min(hi);
            range.end = range.end.max(range.start);
        }
        let wide = Filter {
            from_day: i32::MIN,
            to_day: i32::MAX,
            issues: (0, u32::MAX),
            ..filter
        };
        let class_ok = |class: u8| record_of_class(class, 0, 0).is_some_and(|r| wide.accepts(&r));
        let rank_ok = |rank: u32| {
            range.contains(&rank)
                && (!by_issue
                    || self
                        .issue_of(rank)
                        .is_some_and(|i| i >= filter.issues.0 && i <= filter.issues.1))
        };
        let scope = Scope {
            root,
            range: &range,
            class_ok: &class_ok,
            rank_ok: &rank_ok,
            by_issue,
            limit,
        };
        let searched = if q.terms.is_empty() {
            self.scopes_only(&scope)
        } else {
            self.terms_search(q, &scope)
        };
        let (found, exact_counts, counts, highlighter) = match searched {
            Ok(r) => r,
            Err(need) => return Step::Need(need),
        };
        // The display of the hits.
        let mut need: Vec<FileId> = found
            .iter()
            .map(|&(_, rank)| FileId::Display(rank / root.dblock))
            .filter(|f| !self.have.contains(f))
            .collect();
        need.sort_unstable();
        need.dedup();
        if !need.is_empty() {
            return Step::Need(need);
        }
        let hits = found
            .iter()
            .map(|&(score, rank)| {
                let shown = self.shown[&rank].clone();
                ShardHit {
                    record: shown.record,
                    rank,
                    score,
                    shown,
                }
            })
            .collect();
        Step::Done(ShardResults {
            hits,
            total: counts.iter().sum(),
            counts,
            exact_counts,
            highlighter,
        })
    }

    /// A query of scopes alone: every record they allow, newest first (by rank).
    fn scopes_only(&self, scope: &Scope<'_>) -> Result<Found, Vec<FileId>> {
        let Scope {
            root,
            range,
            class_ok,
            rank_ok,
            by_issue,
            limit,
        } = *scope;
        let score = |rank: u32| recency(root.newest_day, root.day(rank));
        let whole = range.start == 0 && range.end == root.n && !by_issue;
        let mut counts = [0u32; 6];
        let mut every_class = true;
        for k in &root.kinds {
            if class_ok(k.class) {
                counts[usize::from(k.class >> 4)] += k.count;
            } else {
                every_class = false;
            }
        }
        let mut found: Vec<u32> = Vec::new();
        if every_class {
            found.extend(range.clone().filter(|&r| rank_ok(r)).take(limit));
            let exact = whole;
            if !exact {
                counts = [0; 6];
            }
            let found = found.into_iter().map(|r| (score(r), r)).collect();
            return Ok((found, exact, counts, Highlighter::default()));
        }
        // Merge the lists of the classes allowed, block by block from the range's start.
        let mut need = Vec::new();
        let mut frontier = u32::MAX;
        let mut all_done = true;
        for k in root.kinds.iter().filter(|k| class_ok(k.class)) {
            let start = k
                .firsts
                .partition_point(|&f| f <= range.start)
                .saturating_sub(1);
            let mut b = start;
            while let Some(ranks) = self.kinds.get(&(k.class, b as u32)) {
                found.extend(ranks.iter().copied().filter(|&r| rank_ok(r)));
                b += 1;
            }
            let last_read = if b > start {
                self.kinds[&(k.class, b as u32 - 1)].last().copied()
            } else {
                None
            };
            let done = b >= k.firsts.len() || last_read.is_some_and(|l| l + 1 >= range.end);
            if !done {
                all_done = false;
                let f = if b == start {
                    need.push(FileId::Kinds {
                        class: k.class,
                        block: b as u32,
                    });
                    0
                } else {
                    last_read.unwrap_or(0)
                };
                frontier = frontier.min(f);
            }
        }
        found.sort_unstable();
        found.dedup();
        let sure = found.iter().take_while(|&&r| r <= frontier).count();
        if !all_done && sure < limit {
            if need.is_empty() {
                // The next block of every class still short of the limit's rank.
                let bound = found
                    .get(limit.saturating_sub(1))
                    .copied()
                    .unwrap_or(u32::MAX);
                for k in root.kinds.iter().filter(|k| class_ok(k.class)) {
                    let start = k
                        .firsts
                        .partition_point(|&f| f <= range.start)
                        .saturating_sub(1);
                    let mut b = start;
                    while self.kinds.contains_key(&(k.class, b as u32)) {
                        b += 1;
                    }
                    let last = self.kinds[&(k.class, b as u32 - 1)].last().copied();
                    if b < k.firsts.len() && last.is_some_and(|l| l < bound && l + 1 < range.end) {
                        need.push(FileId::Kinds {
                            class: k.class,
                            block: b as u32,
                        });
                    }
                }
            }
            return Err(need);
        }
        let exact = whole || all_done;
        if !whole {
            counts = [0; 6];
            if all_done {
                // Every allowed record is in `found`: count them by kind.
                for k in root.kinds.iter().filter(|k| class_ok(k.class)) {
                    let start = k
                        .firsts
                        .partition_point(|&f| f <= range.start)
                        .saturating_sub(1);
                    let mut b = start;
                    while let Some(ranks) = self.kinds.get(&(k.class, b as u32)) {
                        counts[usize::from(k.class >> 4)] +=
                            ranks.iter().filter(|&&r| rank_ok(r)).count() as u32;
                        b += 1;
                    }
                }
            } else {
                // The allowed records found so far, by kind.
                for k in root.kinds.iter().filter(|k| class_ok(k.class)) {
                    let start = k
                        .firsts
                        .partition_point(|&f| f <= range.start)
                        .saturating_sub(1);
                    let mut b = start;
                    while let Some(ranks) = self.kinds.get(&(k.class, b as u32)) {
                        counts[usize::from(k.class >> 4)] += ranks
                            .iter()
                            .filter(|&&r| rank_ok(r) && found.binary_search(&r).is_ok())
                            .count()
                            as u32;
                        b += 1;
                    }
                }
            }
        }
        found.truncate(limit);
        let found = found.into_iter().map(|r| (score(r), r)).collect();
        Ok((found, exact, counts, Highlighter::default()))
    }

    /// A query of terms (and phrases): the exact top `limit`, by bounds over the posting
    /// lists read so far.
    fn terms_search(&self, q: &Query, scope: &Scope<'_>) -> Result<Found, Vec<FileId>> {
        let Scope {
            root,
            range,
            class_ok,
            rank_ok,
            by_issue,
            limit,
        } = *scope;
        let view = View(self, root);
        // 1. The shards of every query term (and the vocabulary of its first character when
        // it may be a typo).
        let mut need: Vec<FileId> = Vec::new();
        for t in &q.terms {
            let shards = if t.prefix {
                root.shards_of_prefix(&t.text)
            } else {
                let s = root.shard_of(&t.text);
                s..s + 1
            };
            let missing = need.len();
            need.extend(shards.map(FileId::Shard).filter(|f| !self.have.contains(f)));
            if need.len() > missing {
                // A phrase's pairs come with its words' shards.
                need.extend(self.pair_files(root, q));
            }
            // A word that may be a typo needs the vocabulary of its first character once its
            // shard shows it rare: asked for with the shard, it saves a round trip.
            if self.typos_early
                && q.terms.len() <= TYPOS_EARLY_TERMS
                && need.len() > missing
                && may_be_typo(t)
            {
                if let Some(f) = vocab_file(root, &t.text) {
                    if !self.have.contains(&f) {
                        need.push(f);
                    }
                }
            }
        }
        if !need.is_empty() {
            return Err(dedup(need));
        }
        for t in &q.terms {
            if !may_be_typo(t) {
                continue;
            }
            let exact = view.find(&t.text);
            let df = exact.map_or(0, |e| view.df(e));
            let prefixed = if t.prefix {
                view.prefix_range(&t.text).len() - usize::from(exact.is_some())
            } else {
                0
            };
            if df < crate::index::TYPO_MAX_DF && (prefixed as u32) < crate::index::TYPO_MAX_DF {
                if let Some(f) = vocab_file(root, &t.text) {
                    if !self.have.contains(&f) {
                        need.push(f);
                    }
                }
            }
        }
        if !need.is_empty() {
            return Err(dedup(need));
        }
        // 2. The terms each matches, and their lists' heads.
        let mut hl = Highlighter::default();
        let expansions: Vec<_> = q.terms.iter().map(|t| expand(&view, t, &mut hl)).collect();
        hl.terms.sort_unstable();
        hl.terms.dedup();
        hl.prefixes.sort_unstable();
        hl.prefixes.dedup();
        for e in expansions.iter().flatten() {
            if !self.lists.contains_key(&e.term) {
                need.push(FileId::Shard(root.shard_of_id(e.term)));
            }
        }
        if !need.is_empty() {
            return Err(dedup(need));
        }
        let phrases: Option<Vec<(Vec<u32>, u8)>> = q
            .phrases
            .iter()
            .map(|p| {
                let ids: Option<Vec<u32>> = p.terms.iter().map(|t| view.find(t)).collect();
                ids.map(|ids| (ids, p.fields))
            })
            .collect();
        let Some(phrases) = phrases else {
            return Ok((Vec::new(), true, [0; 6], hl));
        };
        // The pairs of each phrase's words: a record without one of them in a field of the
        // phrase's has no phrase; a phrase of two words is exactly its pair.
        need.extend(self.pair_files(root, q));
        if !need.is_empty() {
            return Err(dedup(need));
        }
        // Per phrase: whether a record may have it, and whether it has it for sure.
        let pair_has = |a: u32, b: u32, r: u32, fields: u8| {
            self.pairs.get(&(a, b)).is_some_and(|(ranks, fs)| {
                ranks.binary_search(&r).is_ok_and(|k| fs[k] & fields != 0)
            })
        };
        // None: no; Some(true): yes; Some(false): only its term sequence can tell.
        let phrase_test = |r: u32| -> Option<bool> {
            let mut sure = true;
            for (ids, f) in &phrases {
                if !ids.windows(2).all(|w| pair_has(w[0], w[1], r, *f)) {
                    return None;
                }
                sure &= ids.len() == 2;
            }
            Some(sure)
        };
        // 3. The lists a query reads, with their weights.
        let mut qlists: Vec<QList> = Vec::new();
        let mut term_max = vec![0f32; q.terms.len()];
        for (i, (t, exps)) in q.terms.iter().zip(&expansions).enumerate() {
            let by_mask = mask_weights(t.fields);
            for e in exps {
                for l in &self.lists[&e.term].lists {
                    let fw = by_mask[usize::from(l.mask)];
                    if fw == 0.0 || !class_ok(l.class) {
                        continue;
                    }
                    let weight = fw * e.weight;
                    // Ranks below the first block not read (from the range's start) are known.
                    let next = l.unknown_from(range.start).filter(|&(_, f)| f < range.end);
                    let frontier = next.map(|(_, f)| f - 1);
                    let block = next.map_or(0, |(k, _)| k);
                    term_max[i] = term_max[i].max(weight);
                    qlists.push(QList {
                        term: i,
                        class: l.class,
                        id: e.term,
                        weight,
                        ranks: &l.ranks,
                        frontier,
                        block,
                    });
                }
            }
        }
        let nt = q.terms.len();
        // 4. Every record read: its best weight per term, and what unread postings may add.
        // Rank → (its kind, best weight per term).
        let mut seen: HashMap<u32, (u8, Vec<f32>)> = HashMap::new();
        for l in &qlists {
            let from = l.ranks.partition_point(|&r| r < range.start);
            for &r in &l.ranks[from..] {
                if r >= range.end {
                    break;
                }
                let (_, best) = seen
                    .entry(r)
                    .or_insert_with(|| (l.class >> 4, vec![0.0; nt]));
                if l.weight > best[l.term] {
                    best[l.term] = l.weight;
                }
            }
        }
        // Unread: per term, the incomplete lists (frontier, weight).
        let open: Vec<Vec<(u32, f32)>> = (0..nt)
            .map(|i| {
                qlists
                    .iter()
                    .filter(|l| l.term == i)
                    .filter_map(|l| l.frontier.map(|f| (f, l.weight)))
                    .collect()
            })
            .collect();
        let unknown = |i: usize, r: u32| -> f32 {
            open[i]
                .iter()
                .filter(|&&(f, _)| f < r)
                .fold(0f32, |m, &(_, w)| m.max(w))
        };
        let rec = |r: u32| recency(root.newest_day, root.day(r));
        let mut exact: Vec<(f32, u32)> = Vec::new();
        // (upper bound, rank, whether only the phrase is unknown)
        let mut maybe: Vec<(f32, u32, bool)> = Vec::new();
        // The weights of each term's vocabulary terms (and of each field mask), for records
        // whose term sequence is in.
        type TermWeights = (Vec<(u32, f32)>, [f32; 256]);
        let weights: Vec<TermWeights> = q
            .terms
            .iter()
            .zip(&expansions)
            .map(|(t, exps)| {
                let w = exps.iter().map(|e| (e.term, e.weight)).collect();
                (w, mask_weights(t.fields))
            })
            .collect();
        for (&r, (_, best)) in &seen {
            if !rank_ok(r) {
                continue;
            }
            if let Some(seq) = self.seqs.get(&r) {
                // Known whole: the record's own terms and fields.
                let masks = term_masks(seq);
                let mut acc = 0f32;
                let mut all = true;
                for (ws, by_mask) in &weights {
                    let mut best = 0f32;
                    for &(term, w) in ws {
                        if let Some(&m) = masks.get(&term) {
                            let fw = by_mask[usize::from(m)];
                            if fw != 0.0 && fw * w > best {
                                best = fw * w;
                            }
                        }
                    }
                    if best == 0.0 {
                        all = false;
                        break;
                    }
                    acc += best;
                }
                if all
                    && phrase_test(r).is_some()
                    && phrases.iter().all(|(ids, f)| has_phrase(seq, ids, *f))
                {
                    exact.push((acc * rec(r), r));
                }
                continue;
            }
            let (mut acc, mut ub, mut known) = (0f32, 0f32, true);
            let mut none = false;
            for (i, &b) in best.iter().enumerate() {
                let u = unknown(i, r);
                if b == 0.0 && u == 0.0 {
                    none = true;
                    break;
                }
                if u > b {
                    known = false;
                }
                acc += b;
                ub += b.max(u);
            }
            if none {
                continue;
            }
            let rc = rec(r);
            if !phrases.is_empty() && phrase_test(r).is_none() {
                continue;
            }
            if !known {
                maybe.push((ub * rc, r, false));
                continue;
            }
            let score = acc * rc;
            if phrases.is_empty() {
                exact.push((score, r));
            } else {
                match phrase_test(r) {
                    None => {}
                    Some(true) => exact.push((score, r)),
                    Some(false) => match self.seqs.get(&r) {
                        Some(seq) if phrases.iter().all(|(ids, f)| has_phrase(seq, ids, *f)) => {
                            exact.push((score, r))
                        }
                        Some(_) => {}
                        None => maybe.push((score, r, true)),
                    },
                }
            }
        }
        // Records not read at all: at each rank where a list's unread part starts, the most
        // every term may still add, times that rank's recency.
        let mut unseen = 0f32;
        let mut breaks: Vec<u32> = open.iter().flatten().map(|&(f, _)| f + 1).collect();
        breaks.push(range.start);
        for &b in &breaks {
            if b < range.start || b >= range.end {
                continue;
            }
            let mut sum = 0f32;
            let mut all = true;
            for i in 0..nt {
                let u = unknown(i, b);
                if u == 0.0 {
                    all = false;
                    break;
                }
                sum += u;
            }
            if all {
                unseen = unseen.max(sum * rec(b));
            }
        }
        let order = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        exact.sort_unstable_by(order);
        let full = exact.len() >= limit;
        let (floor, floor_rank) = if full {
            exact[limit - 1]
        } else {
            (0.0, u32::MAX)
        };
        let beats = |ub: f32, r: u32| !full || ub > floor || (ub == floor && r < floor_rank);
        let settled = if full {
            unseen < floor && !maybe.iter().any(|&(ub, r, _)| beats(ub, r))
        } else {
            unseen == 0.0 && maybe.is_empty()
        };
        if !settled {
            // The records that may still enter the first results, best first: their own term
            // sequences settle them (every term's weight, and phrases), when they are few.
            maybe.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let beating: Vec<u32> = maybe
                .iter()
                .filter(|&&(ub, r, _)| beats(ub, r))
                .map(|m| m.1)
                .collect();
            for &r in beating.iter().take(SEQ_FETCH * limit) {
                need.push(FileId::Seq(r / root.dblock));
            }
            // Next blocks of the lists that may still matter, while a record not read may
            // still enter, or too many read ones may.
            let unread_beats = if full { unseen >= floor } else { unseen > 0.0 };
            let total_max: f32 = term_max.iter().sum();
            for l in &qlists {
                let Some(f) = l.frontier else { continue };
                if !unread_beats && beating.len() <= SEQ_FETCH * limit {
                    break;
                }
                let others = total_max - term_max[l.term];
                let bound = (l.weight + others) * rec(f + 1) * 1.0001;
                if !full || bound >= floor {
                    need.push(FileId::Tail {
                        term: l.id,
                        block: l.block,
                    });
                }
            }
            if need.is_empty() {
                // Not reached when the bounds above hold; fetch every open list's next block.
                for l in &qlists {
                    if l.frontier.is_some() {
                        need.push(FileId::Tail {
                            term: l.id,
                            block: l.block,
                        });
                    }
                }
            }
            // The display of the results so far, which are most often the final ones: it
            // comes in the same round trip.
            for &(_, r) in exact.iter().take(limit) {
                let f = FileId::Display(r / root.dblock);
                if !self.have.contains(&f) {
                    need.push(f);
                }
            }
            if !need.is_empty() {
                return Err(dedup(need));
            }
        }
        // Counts: exact when every list is read (within the range) and every phrase checked,
        // or for one term of one vocabulary term over every day and issue.
        let all_read = qlists.iter().all(|l| l.frontier.is_none()) && maybe.is_empty();
        let mut counts = [0u32; 6];
        let single = nt == 1 && expansions[0].len() == 1 && phrases.is_empty();
        let whole = range.start == 0 && range.end == root.n && !by_issue;
        let exact_counts = if !all_read && single && whole {
            for l in &self.lists[&expansions[0][0].term].lists {
                if mask_weights(q.terms[0].fields)[usize::from(l.mask)] != 0.0 && class_ok(l.class)
                {
                    counts[usize::from(l.class >> 4)] += l.count;
                }
            }
            true
        } else {
            // Every match when all is read, else those found so far.
            for &(_, r) in &exact {
                counts[usize::from(seen[&r].0)] += 1;
            }
            all_read
        };
        exact.truncate(limit);
        Ok((exact, exact_counts, counts, hl))
    }
}

/// Records (per result wanted) whose term sequences a round trip fetches to settle them.
const SEQ_FETCH: usize = 2;

/// The field mask of every term of a record's sequence, as its postings have it (with
/// [`WHOLE`] for a title or name of that term alone).
fn term_masks(seq: &[u32]) -> HashMap<u32, u8> {
    let mut out: HashMap<u32, u8> = HashMap::new();
    let mut f = 0u8;
    for (k, &t) in seq.iter().enumerate() {
        if is_mark(t) {
            f = mark_field(t);
            let next = seq.get(k + 1).copied().filter(|&n| !is_mark(n));
            let single = seq.get(k + 2).is_none_or(|&e| is_mark(e));
            if let (Some(next), true) = (next, single) {
                if f & (field::TITLE | field::NAME) != 0 {
                    *out.entry(next).or_default() |= WHOLE;
                }
            }
            continue;
        }
        *out.entry(t).or_default() |= f;
    }
    out
}

/// Queries of at most this many terms ask for typos' vocabularies early: a query of two
/// words or more (a pasted URL, a sentence) would pay for one per word, most often for none.
const TYPOS_EARLY_TERMS: usize = 1;

/// The bucket of the term pair `a b`: from the words themselves, so that a query asks for it
/// with the words' shards (FNV-1a).
fn pair_bucket(a: &str, b: &str, buckets: u32) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in a.as_bytes().iter().chain(&[0]).chain(b.as_bytes()) {
        h = (h ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
    }
    (h % u64::from(buckets.max(1))) as u32
}

/// Whether the engine may look for typos of `t` (if it turns out rare).
fn may_be_typo(t: &crate::Term) -> bool {
    t.fuzzy && t.text.len() >= 4 && !t.text.bytes().any(|b| b.is_ascii_digit())
}

/// The vocabulary file of the terms that start with `text`'s first character.
fn vocab_file(root: &Root, text: &str) -> Option<FileId> {
    let first = text.chars().next()?.to_string();
    let i = root.vocabs.iter().position(|v| v.0 == first)?;
    Some(FileId::Vocab(i as u32))
}

fn dedup(mut v: Vec<FileId>) -> Vec<FileId> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Whether a record's term sequence has the phrase's terms in a row in one of `fields`
/// (as [`SearchIndex`] checks it).
fn has_phrase(seq: &[u32], ids: &[u32], fields: u8) -> bool {
    let mut f = 0u8;
    for (k, &t) in seq.iter().enumerate() {
        if is_mark(t) {
            f = mark_field(t);
        } else if f & fields != 0
            && ids
                .iter()
                .enumerate()
                .all(|(j, &id)| seq.get(k + j) == Some(&id))
        {
            return true;
        }
    }
    false
}

/// Runs a search to the end over `files` (all of them, in memory), as a client that fetches
/// each [`Step::Need`] at once would: the results, and the files of each round trip.
pub fn run_search(
    s: &mut ShardedSearch,
    files: &dyn Fn(FileId) -> Option<Vec<u8>>,
    q: &Query,
    filter: &Filter,
    limit: usize,
) -> Result<(ShardResults, Vec<Vec<FileId>>), ShardError> {
    let mut trips = Vec::new();
    for _ in 0..64 {
        match s.search(q, filter, limit) {
            Step::Done(r) => return Ok((r, trips)),
            Step::Need(ids) => {
                for &f in &ids {
                    let bytes = files(f).ok_or_else(|| ShardError(format!("no {}", f.name())))?;
                    s.add(f, &bytes)?;
                }
                trips.push(ids);
            }
        }
    }
    Err(ShardError("no answer after 64 round trips".into()))
}

/// A query set over the archive, by kind, for comparing the sharded search with the
/// complete one and for measuring it (deterministic): every one- and two-character prefix,
/// `n` vocabulary terms (half drawn by record, so common ones too) typed whole, as prefixes
/// and with a typo, pairs of terms of one record, phrases from titles, scopes with and
/// without words, and link URLs.
#[doc(hidden)]
pub fn sample_queries(ix: &SearchIndex, src: &Records, n: usize) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut rnd = |m: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % m.max(1)
    };
    let alnum: Vec<char> = ('a'..='z').chain('0'..='9').collect();
    for &c in &alnum {
        out.push(("prefix-1", c.to_string()));
    }
    for &c in &alnum {
        for &d in &alnum {
            out.push(("prefix-2", format!("{c}{d}")));
        }
    }
    let nrec = ix.records().len();
    let nterms = ix.vocabulary_len();
    let words_of = |id: u32| -> Vec<u32> {
        ix.record_terms(id)
            .into_iter()
            .filter(|&t| !is_mark(t))
            .collect()
    };
    let mut terms: Vec<u32> = Vec::new();
    for k in 0..n {
        if k % 2 == 0 {
            terms.push(rnd(nterms) as u32);
        } else {
            let w = words_of(rnd(nrec) as u32);
            if let Some(&t) = w.get(rnd(w.len())) {
                terms.push(t);
            }
        }
    }
    let plain = |t: &str| t.bytes().all(|b| b.is_ascii_lowercase());
    for &t in &terms {
        let w = ix.term(t);
        out.push(("word", format!("{w} ")));
        if w.len() >= 4 && w.is_char_boundary(3) {
            let cut = 3 + rnd(w.len() - 3);
            if w.is_char_boundary(cut) {
                out.push(("prefix", w[..cut].to_string()));
            }
        }
        if w.len() >= 5 && plain(w) {
            let b = w.as_bytes();
            let i = 1 + rnd(b.len() - 2);
            let mut typo = b.to_vec();
            match rnd(3) {
                0 => typo.swap(i, i + 1),
                1 => typo[i] = b'a' + rnd(26) as u8,
                _ => {
                    typo.remove(i);
                }
            }
            out.push(("typo", format!("{} ", String::from_utf8_lossy(&typo))));
        }
    }
    for _ in 0..n / 2 {
        let w = words_of(rnd(nrec) as u32);
        if w.len() >= 2 {
            let (a, b) = (w[rnd(w.len())], w[rnd(w.len())]);
            if a != b {
                out.push(("and", format!("{} {}", ix.term(a), ix.term(b))));
            }
        }
    }
    for _ in 0..n / 4 {
        let l = &src.links[rnd(src.links.len())];
        let words = crate::text::terms(&l.title);
        if words.len() >= 3 {
            let k = rnd(words.len() - 1);
            let len = 2 + rnd(2).min(words.len() - k - 2);
            out.push(("phrase", format!("\"{}\"", words[k..k + len].join(" "))));
        }
    }
    for _ in 0..n / 8 {
        let l = &src.links[rnd(src.links.len())];
        out.push(("url", l.url.clone()));
    }
    for _ in 0..n / 8 {
        let c = &src.crates[rnd(src.crates.len())];
        let name = crate::text::terms(&c.name).join(" ");
        let cut = 1 + rnd(name.len().min(6));
        if name.is_char_boundary(cut) {
            out.push(("scope", format!("crate:{}", &name[..cut])));
        }
        let w = ix.term(terms[rnd(terms.len())]);
        let year = 2013 + rnd(13);
        let scope = match rnd(6) {
            0 => format!("year:{year} {w}"),
            1 => format!("kind:pr {w}"),
            2 => format!("title:{w}"),
            3 => format!("before:{year} {w}"),
            4 => format!("kind:link,crate {w} "),
            _ => format!("cat:walkthroughs {w}"),
        };
        out.push(("scope", scope));
        if let Some(a) = src.quotes[rnd(src.quotes.len())].author.as_deref() {
            let a = crate::text::terms(a);
            if let Some(first) = a.first() {
                out.push(("scope", format!("author:{first}")));
            }
        }
    }
    for q in [
        "author:",
        "kind:crate",
        "kind:quote",
        "kind:event",
        "kind:issue",
        "kind:pr",
        "kind:rfc,fcp",
        "kind:job",
        "kind:crate year:2019",
        "year:2020",
        "year:2016..2017 kind:quote",
        "before:2016",
        "after:2024-06",
        "on:2023-03-01",
        "issue:500-510",
        "issue:300 kind:link",
        "cat:walkthroughs",
        "cat:research year:2022",
        "quote:",
        "crate: year:2015",
    ] {
        out.push(("scope-only", q.to_string()));
    }
    out
}
