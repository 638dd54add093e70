//! Building the index from the bundle's rows, in steps small enough for the browser's main
//! thread.

use crate::index::{idf, SearchIndex, Short, WHOLE};
use crate::seq::{is_mark, mark_field, Entry, TermSeq, Terms, FIELD_MARK};
use crate::text::for_each_term_in;
use crate::{field, Kind, Record};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;
use twir_archive::bundle::{Index, IssueDays, Records};

/// A small deterministic hasher that takes eight bytes per multiplication (the multiply and
/// rotate of rustc's FxHash), for the builder's maps of terms and of repeated records: FNV-1a,
/// a multiplication per byte, was a tenth of the build in the browser.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

const SEED: u64 = 0x517c_c1b7_2722_0a95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        // The length in the top byte: "ab" and "ab\0" differ.
        self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

fn hash_strs(parts: &[Option<&str>]) -> u64 {
    let mut h = WordHasher::default();
    for p in parts {
        match p {
            Some(s) => {
                h.write(s.as_bytes());
                h.write(&[0xff]);
            }
            None => h.write(&[0xfe]),
        }
    }
    h.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    Issues,
    Links,
    Crates,
    Quotes,
    Events,
    Updates,
    Vocabulary,
    Postings,
    Shorts,
    Done,
}

/// Builds a [`SearchIndex`] a step at a time: call [`IndexBuilder::step`] until it returns
/// `true` (each call does about `budget` records' work), then [`IndexBuilder::finish`].
/// The same [`Records`] must be passed to every call.
pub struct IndexBuilder {
    phase: Phase,
    cursor: usize,
    /// Work the last step did, in the units of its budget (it may end early at a phase).
    last_work: usize,
    /// Issue days by number, over the issues that exist (never sized by a number).
    day_of_issue: IssueDays,
    newest_day: i32,
    records: Vec<Record>,
    /// Provisional term ids, in order of first sight.
    ids: FastMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    /// Every record's terms (provisional ids, then final ids) with field marks.
    seq: TermSeq,
    seq_ends: Vec<u32>,
    /// Events and updates already indexed: hash of their fields → the first such row, and
    /// rows whose hash an earlier, different row had (64-bit hashes: in practice none).
    seen: FastMap<u64, u32>,
    collided: Vec<(u64, u32)>,
    // Filled by the last phases.
    vocab: String,
    vocab_ends: Vec<u32>,
    post_ends: Vec<u32>,
    postings: Vec<u32>,
    post_fields: Vec<u8>,
    /// Per term: in how many records it occurs (counted as records are read), then where its
    /// next posting goes.
    fill: Vec<u32>,
    /// Per term: 1 + the last record it was counted or posted for (0: none yet).
    last: Vec<u32>,
    /// Where a term is normalised, reused for every text.
    term: String,
    /// Once the postings are done: the index, and the short prefixes to precompute.
    built: Option<SearchIndex>,
    shorts: Option<ShortPrefixes>,
}

impl IndexBuilder {
    pub fn new(index: &Index) -> Self {
        IndexBuilder {
            phase: Phase::Issues,
            cursor: 0,
            last_work: 0,
            day_of_issue: IssueDays::new(index),
            newest_day: index.issues.date.iter().copied().max().unwrap_or(0),
            records: Vec::new(),
            ids: FastMap::default(),
            words: Vec::new(),
            seq: TermSeq::default(),
            seq_ends: Vec::new(),
            seen: FastMap::default(),
            collided: Vec::new(),
            vocab: String::new(),
            vocab_ends: Vec::new(),
            post_ends: Vec::new(),
            postings: Vec::new(),
            post_fields: Vec::new(),
            fill: Vec::new(),
            last: Vec::new(),
            term: String::new(),
            built: None,
            shorts: None,
        }
    }

    /// Builds the whole index at once.
    pub fn build(src: &Records) -> SearchIndex {
        IndexBuilder::new(&src.index).finish(src)
    }

    /// The name of the phase the next step works in (`links`, `postings`, ...), for timelines.
    pub fn phase(&self) -> &'static str {
        match self.phase {
            Phase::Issues => "issues",
            Phase::Links => "links",
            Phase::Crates => "crates",
            Phase::Quotes => "quotes",
            Phase::Events => "events",
            Phase::Updates => "updates",
            Phase::Vocabulary => "vocabulary",
            Phase::Postings => "postings",
            Phase::Shorts => "shorts",
            Phase::Done => "done",
        }
    }

    /// Whether the next step works in a phase over the whole index whose cost per unit of
    /// budget differs from the record phases' (postings, short prefixes: up to five
    /// times as much): a caller that sizes budgets by time starts such a phase small.
    pub fn in_costlier_phase(&self) -> bool {
        matches!(self.phase, Phase::Postings | Phase::Shorts)
    }

    /// Records indexed so far.
    pub fn records(&self) -> usize {
        self.built
            .as_ref()
            .map_or(self.records.len(), |ix| ix.records().len())
    }

    fn day(&self, issue: u32) -> i32 {
        self.day_of_issue.get(issue).unwrap_or(self.newest_day)
    }

    fn start(&mut self, kind: Kind, sub: u8, issue: u32, row: usize) {
        let day = self.day(issue);
        self.records.push(Record {
            kind,
            sub,
            issue,
            day,
            row: row as u32,
        });
    }

    fn field(&mut self, f: u8, text: Option<&str>) {
        let Some(text) = text else { return };
        self.field_parts(f, &[text]);
    }

    /// One field made of several texts (a link's tags), as if joined by spaces.
    fn field_parts<T: AsRef<str>>(&mut self, f: u8, texts: &[T]) {
        self.seq.push(FIELD_MARK - u32::from(f));
        let (ids, words, seq) = (&mut self.ids, &mut self.words, &mut self.seq);
        let (fill, last) = (&mut self.fill, &mut self.last);
        let record = self.records.len() as u32;
        let mut add = |_, t: &str| {
            let id = match ids.get(t) {
                Some(&id) => id,
                None => {
                    let id = words.len() as u32;
                    words.push(t.into());
                    ids.insert(t.into(), id);
                    fill.push(0);
                    last.push(0);
                    id
                }
            };
            seq.push(id);
            // Counted once per record: the postings' sizes, known before they are made.
            if last[id as usize] != record {
                last[id as usize] = record;
                fill[id as usize] += 1;
            }
        };
        for text in texts {
            for_each_term_in(text.as_ref(), &mut self.term, &mut add);
        }
    }

    fn end(&mut self) {
        self.seq_ends.push(self.seq.len() as u32);
    }

    /// Whether this row repeats one already indexed (`same` compares two rows).
    pub(crate) fn repeated(&mut self, key: u64, row: usize, same: &dyn Fn(usize) -> bool) -> bool {
        use std::collections::hash_map::Entry;
        match self.seen.entry(key) {
            Entry::Vacant(v) => {
                v.insert(row as u32);
                false
            }
            Entry::Occupied(o) => {
                if same(*o.get() as usize)
                    || self
                        .collided
                        .iter()
                        .any(|&(k, r)| k == key && same(r as usize))
                {
                    return true;
                }
                self.collided.push((key, row as u32));
                false
            }
        }
    }

    /// Does about `budget` records' work; `true` once the index is complete.
    pub fn step(&mut self, src: &Records, budget: usize) -> bool {
        let budget = budget.max(1);
        let mut left = budget;
        while left > 0 && self.phase != Phase::Done {
            if self.phase == Phase::Shorts {
                let (Some(ix), Some(shorts)) = (&self.built, &mut self.shorts) else {
                    self.next_phase();
                    continue;
                };
                let done = shorts.step(ix, left);
                left -= shorts.last_work().min(left);
                if done {
                    self.next_phase();
                }
                continue;
            }
            let len = match self.phase {
                Phase::Issues => src.index.issues.number.len(),
                Phase::Links => src.links.len(),
                Phase::Crates => src.crates.len(),
                Phase::Quotes => src.quotes.len(),
                Phase::Events => src.events.len(),
                Phase::Updates => src.updates.len(),
                Phase::Vocabulary => 1,
                Phase::Postings => self.seq_ends.len(),
                Phase::Shorts | Phase::Done => 0,
            };
            if self.cursor >= len {
                // Going from one whole-index phase to the next costs work of its own that no
                // budget measures (sizing the postings, taking the index, listing the short
                // prefixes): it is a step of its own, so that it never lands on top of a full
                // step (a long task in the browser).
                if self.phase >= Phase::Updates {
                    if left == budget {
                        self.next_phase();
                        left = 0;
                    }
                    break;
                }
                self.next_phase();
                continue;
            }
            let end = len.min(self.cursor + left);
            match self.phase {
                Phase::Vocabulary => {
                    self.sort_vocabulary();
                    self.cursor = 1;
                    left = left.saturating_sub(budget / 2 + 1);
                    continue;
                }
                Phase::Postings => self.fill_postings(self.cursor, end),
                _ => {
                    for i in self.cursor..end {
                        self.add(src, i);
                    }
                }
            }
            left -= end - self.cursor;
            self.cursor = end;
        }
        self.last_work = budget - left;
        self.phase == Phase::Done
    }

    /// The work the last [`IndexBuilder::step`] did, in the units of its budget: less than the
    /// budget when it stopped early to start a phase in a step of its own. A caller that sizes
    /// budgets by time sizes them by this, not by the budget it asked for.
    pub fn last_work(&self) -> usize {
        self.last_work
    }

    fn next_phase(&mut self) {
        self.phase = match self.phase {
            Phase::Issues => Phase::Links,
            Phase::Links => Phase::Crates,
            Phase::Crates => Phase::Quotes,
            Phase::Quotes => Phase::Events,
            Phase::Events => Phase::Updates,
            Phase::Updates => Phase::Vocabulary,
            Phase::Vocabulary => {
                self.start_postings();
                Phase::Postings
            }
            Phase::Postings => {
                let ix = self.take_index();
                self.shorts = Some(ShortPrefixes::new(&ix));
                self.built = Some(ix);
                Phase::Shorts
            }
            Phase::Shorts | Phase::Done => Phase::Done,
        };
        self.cursor = 0;
    }

    /// Indexes the `i`-th row of the current phase. Events and updates are read newest
    /// first, so that a record listed by several issues is indexed once, with its newest.
    fn add(&mut self, src: &Records, i: usize) {
        use field::*;
        match self.phase {
            Phase::Issues => {
                let c = &src.index.issues;
                self.start(Kind::Issue, 0, c.number[i], i);
                self.field(TITLE, Some(&c.title[i]));
                self.end();
            }
            Phase::Links => {
                let l = &src.links[i];
                let sub = l.category.index() as u8;
                self.start(Kind::Link, sub, l.issue, i);
                self.field(TITLE, Some(&l.title));
                self.field(TEXT, l.description.as_deref());
                if l.tags.iter().any(|t| !t.is_empty()) {
                    self.field_parts(META, &l.tags);
                }
                self.end();
            }
            Phase::Crates => {
                let c = &src.crates[i];
                self.start(Kind::Crate, 0, c.issue, i);
                self.field(NAME, Some(&c.name));
                self.field(TEXT, c.description.as_deref());
                self.field(META, c.suggested_by.as_deref());
                self.end();
            }
            Phase::Quotes => {
                let q = &src.quotes[i];
                self.start(Kind::Quote, 0, q.issue, i);
                self.field(TEXT, Some(&q.text));
                self.field(AUTHOR, q.author.as_deref());
                self.field(META, q.source.as_deref());
                self.end();
            }
            Phase::Events => {
                if i == 0 {
                    // Sized once for every listing: no table grown and left behind.
                    self.seen.reserve(src.events.len() + src.updates.len());
                }
                let i = src.events.len() - 1 - i;
                let e = &src.events[i];
                let key = hash_strs(&[
                    e.title.as_deref(),
                    e.url.as_deref(),
                    e.group.as_deref(),
                    e.location.as_deref(),
                ]);
                let same = |r: usize| {
                    let o = &src.events[r];
                    (&o.date, &o.end_date, &o.location, &o.group, &o.group_url)
                        == (&e.date, &e.end_date, &e.location, &e.group, &e.group_url)
                        && (&o.title, &o.url, &o.region, o.online)
                            == (&e.title, &e.url, &e.region, e.online)
                };
                if self.repeated(key, i, &same) {
                    return;
                }
                self.start(Kind::Event, u8::from(e.online), e.issue, i);
                self.field(TITLE, e.title.as_deref().or(e.group.as_deref()));
                if e.title.is_some() {
                    self.field(META, e.group.as_deref());
                }
                self.field(META, e.location.as_deref());
                self.field(META, e.region.as_deref());
                self.end();
            }
            Phase::Updates => {
                let i = src.updates.len() - 1 - i;
                let u = &src.updates[i];
                let key = hash_strs(&[Some(&u.title), u.url.as_deref(), u.group.as_deref()]);
                let same = |r: usize| {
                    let o = &src.updates[r];
                    (o.kind, &o.title, &o.url, &o.group, &o.disposition)
                        == (u.kind, &u.title, &u.url, &u.group, &u.disposition)
                };
                if self.repeated(key, i, &same) {
                    return;
                }
                self.start(Kind::Update, u.kind as u8, u.issue, i);
                self.field(TITLE, Some(&u.title));
                self.field(META, u.group.as_deref());
                self.end();
            }
            _ => {}
        }
    }

    /// Sorts the vocabulary and renumbers every record's terms.
    fn sort_vocabulary(&mut self) {
        self.seen = FastMap::default();
        self.collided = Vec::new();
        self.ids = FastMap::default();
        let mut order: Vec<u32> = (0..self.words.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.words[a as usize].cmp(&self.words[b as usize]));
        let mut new_id = vec![0u32; order.len()];
        self.vocab.reserve(self.words.iter().map(|w| w.len()).sum());
        for (new, &old) in order.iter().enumerate() {
            new_id[old as usize] = new as u32;
            self.vocab.push_str(&self.words[old as usize]);
            self.vocab_ends.push(self.vocab.len() as u32);
        }
        self.words = Vec::new();
        self.seq.renumber(&new_id);
        let mut counts = vec![0u32; self.fill.len()];
        for (old, &new) in new_id.iter().enumerate() {
            counts[new as usize] = self.fill[old];
        }
        self.fill = counts;
        self.last.iter_mut().for_each(|l| *l = 0);
    }

    /// Turns the counts into where each term's postings go.
    fn start_postings(&mut self) {
        let mut total = 0u32;
        self.post_ends = Vec::with_capacity(self.fill.len());
        for f in self.fill.iter_mut() {
            let start = total;
            total += *f;
            self.post_ends.push(total);
            // `fill[t]`: where the next posting of term t goes.
            *f = start;
        }
        self.postings = vec![0; total as usize];
        self.post_fields = vec![0; total as usize];
    }

    /// Posts records `from..to` under each of their terms, with the fields each term occurs
    /// in. Records come in order, so each term's postings ascend.
    fn fill_postings(&mut self, from: usize, to: usize) {
        let (fill, last) = (&mut self.fill, &mut self.last);
        let (postings, post_fields) = (&mut self.postings, &mut self.post_fields);
        for r in from..to {
            let start = if r == 0 { 0 } else { self.seq_ends[r - 1] };
            let mut post = |t: u32, m: u8| {
                let t = t as usize;
                if last[t] == r as u32 + 1 {
                    // Seen before in this record: one more field.
                    post_fields[fill[t] as usize - 1] |= m;
                } else {
                    last[t] = r as u32 + 1;
                    postings[fill[t] as usize] = r as u32;
                    post_fields[fill[t] as usize] = m;
                    fill[t] += 1;
                }
            };
            match self.seq.slice(start as usize..self.seq_ends[r] as usize) {
                Terms::Narrow(s) => field_terms(s, &mut post),
                Terms::Wide(s) => field_terms(s, &mut post),
            }
        }
    }

    /// Completes the remaining steps and returns the index, short prefixes included.
    pub fn finish(mut self, src: &Records) -> SearchIndex {
        while !self.step(src, usize::MAX) {}
        self.built.take().expect("built once done")
    }

    /// Whether the index answers every query already: the postings are done and only the
    /// short prefixes' results, which make some queries faster, are left to precompute.
    pub fn is_searchable(&self) -> bool {
        self.phase >= Phase::Shorts
    }

    /// Once [`IndexBuilder::is_searchable`], the index and the short prefixes left to
    /// precompute, which [`ShortPrefixes::step`] installs in it when done (once; the builder
    /// is done after).
    pub fn take_searchable(&mut self) -> Option<(SearchIndex, ShortPrefixes)> {
        if !self.is_searchable() {
            return None;
        }
        let ix = self.built.take()?;
        self.phase = Phase::Done;
        Some((ix, self.shorts.take().unwrap_or_default()))
    }

    /// The index of the records, vocabulary and postings (without short prefixes yet).
    fn take_index(&mut self) -> SearchIndex {
        let n = self.records.len() as f32;
        let mut start = 0;
        let idfs = self
            .post_ends
            .iter()
            .map(|&end| {
                let df = end - start;
                start = end;
                idf(n, df as f32)
            })
            .collect();
        self.seq.shrink_to_fit();
        self.records.shrink_to_fit();
        self.fill = Vec::new();
        self.last = Vec::new();
        SearchIndex {
            records: std::mem::take(&mut self.records),
            newest_day: self.newest_day,
            vocab: std::mem::take(&mut self.vocab),
            vocab_ends: std::mem::take(&mut self.vocab_ends),
            idf: idfs,
            post_ends: std::mem::take(&mut self.post_ends),
            postings: std::mem::take(&mut self.postings),
            post_fields: std::mem::take(&mut self.post_fields),
            seq: std::mem::take(&mut self.seq),
            seq_ends: std::mem::take(&mut self.seq_ends),
            shorts: OnceLock::new(),
            scratch: Default::default(),
        }
    }
}

/// Each term of a record's sequence with the field it occurs in, and a term that is a whole
/// title or name on its own once more with [`WHOLE`]. Generic over the sequence's width, so
/// that the loop reads plain slices.
fn field_terms<E: Entry>(seq: &[E], out: &mut impl FnMut(u32, u8)) {
    let mut f = 0u8;
    for (k, t) in seq.iter().map(|e| e.get()).enumerate() {
        if is_mark(t) {
            f = mark_field(t);
            // A title or name of one term: that term gets the WHOLE bit.
            let next = seq.get(k + 1).map(|e| e.get()).filter(|&n| !is_mark(n));
            let single = seq.get(k + 2).is_none_or(|e| is_mark(e.get()));
            if let (Some(next), true) = (next, single) {
                if f & (field::TITLE | field::NAME) != 0 {
                    out(next, WHOLE);
                }
            }
            continue;
        }
        out(t, f);
    }
}

/// Precomputes the results of short prefixes typed alone (`a`, `ru`) of a searchable index,
/// a step at a time ([`SearchIndex`] answers them by the general search until then, with the
/// same results, only slower).
#[derive(Default)]
pub struct ShortPrefixes {
    todo: Vec<Box<str>>,
    shorts: Vec<Short>,
    last_work: usize,
}

impl ShortPrefixes {
    fn new(ix: &SearchIndex) -> Self {
        let mut todo = ix.short_candidates();
        // Taken from the end: the first prefix in order first.
        todo.reverse();
        ShortPrefixes {
            todo,
            shorts: Vec::new(),
            last_work: 0,
        }
    }

    /// Does about `budget` records' work (a prefix costs about its postings / 128: a
    /// one-letter prefix, the dearest, about 400); `true` once every prefix is done and
    /// installed in `ix`, which must be the index these prefixes came from.
    pub fn step(&mut self, ix: &SearchIndex, budget: usize) -> bool {
        let budget = budget.max(1);
        let mut left = budget;
        while left > 0 {
            let Some(p) = self.todo.pop() else { break };
            left = left.saturating_sub(ix.prefix_postings(&p) as usize / 128 + 1);
            self.shorts.push(ix.compute_short(&p));
        }
        self.last_work = budget - left;
        if self.todo.is_empty() {
            ix.install_shorts(std::mem::take(&mut self.shorts));
            return true;
        }
        false
    }

    /// The work the last [`ShortPrefixes::step`] did, in the units of its budget.
    pub fn last_work(&self) -> usize {
        self.last_work
    }

    /// Prefixes left to precompute.
    pub fn left(&self) -> usize {
        self.todo.len()
    }
}
