//! The search service: after the first screen is up, loads every record file, builds the
//! index in steps of a few milliseconds (one step per task of the event loop), and shares it
//! through the context. The search box, the search view and the explorer views read it; a
//! query typed before the index is ready runs as soon as it is (their memos read `data`).
//!
//! Usage: `Search::provide()` once in the app, `search.start(store)` when the index has
//! loaded, then `use_search()` anywhere below.

use crate::api::{self, LoadError};
use crate::components::{use_go, use_param};
use crate::query::{merged, query_string, View};
use crate::store::{Load, Store};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use twir_archive::bundle::Records;
use twir_search::Results;
use twir_search::{highlight, parse_query, Filter, Highlighter, IndexBuilder, Kind, SearchIndex};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Milliseconds of work per build step: the budget of each step (in records) follows the
/// time the last one took, so that a step stays near this on a slow or fast machine
/// (tests/support/bench-search.mjs prints the longest).
const STEP_MS: f64 = 10.0;

/// The budget of the first step of a whole-index phase, whose cost per record is not known yet.
const PHASE_START: usize = 2000;

/// Where the search index stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Not asked for yet (no query, the box not touched), or waiting for the first screen.
    Waiting,
    /// Downloading the record files, then building: percent done.
    Preparing(u8),
    Ready,
    Failed(LoadError),
}

/// Everything a search reads: the index and the rows its records point into.
pub struct Data {
    pub index: SearchIndex,
    pub records: Records,
}

/// The search service in the context.
#[derive(Clone, Copy)]
pub struct Search {
    pub status: RwSignal<Status>,
    pub data: RwSignal<Option<Arc<Data>>>,
    /// Whether a reader has asked for search: a query in the URL, the search view, or a
    /// touch of the search box. Until then nothing is downloaded for it: preparing search
    /// means 1.6 MB of record files and their decoding, which a phone opening the issue list
    /// should not pay for.
    pub wanted: RwSignal<bool>,
    building: StoredValue<bool>,
}

/// The search service of the app.
pub fn use_search() -> Search {
    expect_context::<Search>()
}

fn ready<T>(s: RwSignal<Load<Arc<T>>>) -> Option<Arc<T>>
where
    T: Send + Sync + 'static,
{
    s.with(|l| match l {
        Load::Ready(v) => Some(v.clone()),
        _ => None,
    })
}

/// (bytes received, failure) of one record file; `total` is the manifest's size (a file
/// counts whole only once decoded).
fn file_state<T: Send + Sync + 'static>(
    s: RwSignal<Load<Arc<T>>>,
    total: u64,
) -> (u64, Option<LoadError>) {
    s.with(|l| match l {
        Load::Idle => (0, None),
        Load::Loading(p) => (p.received.min(total.saturating_sub(1)), None),
        Load::Ready(_) => (total, None),
        Load::Failed(e) => (0, Some(e.clone())),
    })
}

impl Search {
    pub fn provide() -> Search {
        let s = Search {
            status: RwSignal::new(Status::Waiting),
            data: RwSignal::new(None),
            wanted: RwSignal::new(false),
            building: StoredValue::new(false),
        };
        provide_context(s);
        s
    }

    /// Marks search as wanted (see [`Search::wanted`]); cheap to call on every keystroke.
    pub fn want(self) {
        if !self.wanted.get_untracked() {
            self.wanted.set(true);
        }
    }

    /// Once search is wanted and the first screen has painted, asks the store for every
    /// record file; call from an effect, which this then keeps informed of their progress.
    pub fn start(self, store: Store) {
        if !self.wanted.get() {
            return;
        }
        if self.status.get_untracked() == Status::Waiting {
            self.status.set(Status::Preparing(0));
            spawn_local(async move {
                after_paint().await;
                store.load_all();
            });
        }
        let totals: [u64; 5] = store.manifest.with_value(|m| {
            [
                twir_archive::bundle::LINKS_KEY,
                twir_archive::bundle::CRATES_KEY,
                twir_archive::bundle::QUOTES_KEY,
                twir_archive::bundle::EVENTS_KEY,
                twir_archive::bundle::UPDATES_KEY,
            ]
            .map(|k| m.file(k).map_or(1, |f| f.bytes.max(1)))
        });
        let states = [
            file_state(store.links, totals[0]),
            file_state(store.crates, totals[1]),
            file_state(store.quotes, totals[2]),
            file_state(store.events, totals[3]),
            file_state(store.updates, totals[4]),
        ];
        if let Some(e) = states.iter().find_map(|s| s.1.clone()) {
            self.status.set(Status::Failed(e));
            return;
        }
        let received: u64 = states.iter().map(|s| s.0).sum();
        let total: u64 = totals.iter().sum();
        if received < total {
            self.status
                .set(Status::Preparing((received * 80 / total) as u8));
            return;
        }
        let rows = (
            ready(store.links),
            ready(store.crates),
            ready(store.quotes),
            ready(store.events),
            ready(store.updates),
        );
        if let (Some(links), Some(crates), Some(quotes), Some(events), Some(updates)) = rows {
            if !self.building.get_value() {
                self.building.set_value(true);
                let records = Records {
                    index: store.index.get_value(),
                    links,
                    crates,
                    quotes,
                    events,
                    updates,
                };
                spawn_local(self.build(records));
            }
        }
    }

    /// Tries the failed downloads again.
    pub fn retry(self, store: Store) {
        store.reset_failed();
        self.status.set(Status::Preparing(0));
        store.load_all();
    }

    async fn build(self, records: Records) {
        // Rows read (terms counted as they are), then the vocabulary and one pass over the
        // records for the postings: about twice the records' count of budget in all.
        let work = 2 * records.len();
        let started = now();
        api::mark("twir:search:start");
        let mut builder = IndexBuilder::new(&records.index);
        let mut s = Stepper::default();
        while !builder.is_searchable() {
            let phase = builder.phase();
            s.step(phase, |budget| {
                builder.step(&records, budget);
                builder.last_work()
            })
            .await;
            if builder.phase() != phase {
                api::mark(&format!("twir:search:{}", builder.phase()));
                // Whole-index phases cost up to five times as much per record as the phase
                // before them: the rate just measured does not hold there, so each starts small.
                if builder.in_costlier_phase() {
                    s.budget = s.budget.min(PHASE_START);
                }
            }
            self.status.set(Status::Preparing(
                (80 + s.done * 19 / work.max(1)).min(99) as u8
            ));
        }
        let Some((index, mut shorts)) = builder.take_searchable() else {
            return; // not reached: the loop ends when the builder is searchable
        };
        api::mark("twir:search:built");
        let data = Arc::new(Data { index, records });
        self.data.set(Some(data.clone()));
        self.status.set(Status::Ready);
        // The benchmark's hook, in benchmark builds only (the `bench` feature).
        let hook = if cfg!(feature = "bench") {
            install_hook(data.clone(), [started, s.busy, s.steps.into(), s.longest])
        } else {
            None
        };
        // Then, in the same small steps, the results of one- and two-letter prefixes typed
        // alone: until they are in, such a query takes the general search (the same results,
        // a few milliseconds instead of a few microseconds).
        s.budget = s.budget.min(PHASE_START);
        let mut finished = false;
        while !finished {
            s.step("shorts", |budget| {
                finished = shorts.step(&data.index, budget);
                shorts.last_work()
            })
            .await;
        }
        yield_now().await;
        warm_up(&data);
        api::mark("twir:search:done");
        if let Some(hook) = hook {
            // The longest step and the step count, now over the short prefixes' steps too.
            for (k, v) in [
                ("shortsReady", now()),
                ("longestStep", s.longest),
                ("steps", s.steps.into()),
            ] {
                let _ = js_sys::Reflect::set(&hook, &JsValue::from_str(k), &JsValue::from_f64(v));
            }
        }
    }
}

/// Runs the search path once, results discarded: the browser compiles a wasm function on its
/// first call, which made the first keystroke's results the slowest to paint (27-32 ms to the
/// first change of the page against 7-16 ms for the next ones, bench of the first keystroke).
/// A one-letter query (the short prefixes), two words with a prefix and typos (the general
/// path), a kind's page, and the highlighting of a hit, as the search view does.
fn warm_up(data: &Data) {
    let all = Filter::default();
    for text in ["t", "async tr"] {
        let r = data.search(text, &all, 0, 20);
        let only = Filter {
            kinds: Kind::Link.bit(),
            ..all
        };
        let _ = data.search(text, &only, 0, 5);
        if let Some(l) = data.records.links.first() {
            let _ = highlight(&l.title, &r.highlighter);
        }
    }
}

/// Runs the build's steps: one per task of the event loop, each with a budget that follows the
/// time the last one took, so that a step stays near [`STEP_MS`].
struct Stepper {
    budget: usize,
    steps: u32,
    longest: f64,
    busy: f64,
    /// Work done, in budget units.
    done: usize,
}

impl Default for Stepper {
    fn default() -> Self {
        Stepper {
            budget: 1000,
            steps: 0,
            longest: 0.0,
            busy: 0.0,
            done: 0,
        }
    }
}

impl Stepper {
    /// Gives the browser a turn, then runs `work` with the budget; `work` returns the work it
    /// did (it may stop early at a phase), by which the next budget is sized.
    async fn step(&mut self, phase: &str, work: impl FnOnce(usize) -> usize) {
        yield_now().await;
        let t = now();
        let budget = self.budget;
        let did = work(budget).max(1);
        let took = now() - t;
        if took > 2.0 * STEP_MS {
            // A step well over its budget: named in the timeline, to tune the phases.
            api::mark(&format!(
                "twir:search:slow-step:{phase}:{}ms:{budget}",
                took as u32
            ));
        }
        self.busy += took;
        self.longest = self.longest.max(took);
        self.steps += 1;
        self.done += did;
        // At most twice the work of the last step, so that a costlier phase cannot surprise.
        let fit = (did as f64 * STEP_MS / took.max(0.1)) as usize;
        self.budget = fit.clamp(200, 2 * did.max(200));
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Resolves after the next paint: a frame, then a task.
async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window()
            .and_then(|w| w.request_animation_frame(&resolve).ok())
            .is_some();
        if !scheduled {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    api::next_task().await;
}

/// Gives the browser a turn (input, paint) between two build steps: `scheduler.yield()`
/// where there is one (no 4 ms clamp of nested timers), else a `setTimeout(0)` task.
async fn yield_now() {
    let global = js_sys::global();
    let scheduler = js_sys::Reflect::get(&global, &JsValue::from_str("scheduler")).ok();
    let yielded = scheduler.filter(|s| s.is_object()).and_then(|s| {
        let f = js_sys::Reflect::get(&s, &JsValue::from_str("yield")).ok()?;
        let f: js_sys::Function = f.dyn_into().ok()?;
        f.call0(&s).ok()?.dyn_into::<js_sys::Promise>().ok()
    });
    match yielded {
        Some(p) => {
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        }
        None => api::next_task().await,
    }
}

/// `window.__twirSearch`, for tests/support/bench-search.mjs (benchmark builds): when the build started and when
/// the index was ready (`performance.now()`), how it was built, a query's result count, the
/// wasm memory's size and bytes allocated, and the records' texts (to index the same with
/// another engine). `shortsReady` is set later, when the short prefixes' results are in.
fn install_hook(data: Arc<Data>, build: [f64; 4]) -> Option<js_sys::Object> {
    let window = web_sys::window()?;
    let hook = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&hook, &JsValue::from_str(k), v);
    };
    set("ready", &JsValue::from_f64(now()));
    for (k, v) in ["buildStart", "buildBusy", "steps", "longestStep"]
        .iter()
        .zip(build)
    {
        set(k, &JsValue::from_f64(v));
    }
    let d = data.clone();
    let query = Closure::<dyn Fn(String) -> u32>::new(move |q: String| {
        d.index
            .search(&parse_query(&q), &Filter::default(), 50)
            .total
    });
    set("query", query.as_ref());
    query.forget();
    let memory = Closure::<dyn Fn() -> f64>::new(api::wasm_memory_bytes);
    set("memory", memory.as_ref());
    memory.forget();
    let live = Closure::<dyn Fn() -> f64>::new(|| crate::live_bytes() as f64);
    set("live", live.as_ref());
    live.forget();
    let records = Closure::<dyn Fn() -> js_sys::Array>::new(move || records_texts(&data));
    set("records", records.as_ref());
    records.forget();
    let _ = js_sys::Reflect::set(&window, &JsValue::from_str("__twirSearch"), &hook);
    Some(hook)
}

/// `[kind, title, text]` of every record, in id order.
fn records_texts(d: &Data) -> js_sys::Array {
    let out = js_sys::Array::new();
    let s = |v: &str| JsValue::from_str(v);
    let o = |v: Option<&str>| v.unwrap_or("").to_string();
    for r in d.index.records() {
        let row = r.row as usize;
        let (title, text) = match r.kind {
            Kind::Link => {
                let l = &d.records.links[row];
                (
                    l.title.clone(),
                    o(l.description.as_deref()) + " " + &l.tags.join(" "),
                )
            }
            Kind::Crate => {
                let c = &d.records.crates[row];
                (
                    c.name.clone(),
                    o(c.description.as_deref()) + " " + &o(c.suggested_by.as_deref()),
                )
            }
            Kind::Quote => {
                let q = &d.records.quotes[row];
                (
                    o(q.author.as_deref()),
                    q.text.clone() + " " + &o(q.source.as_deref()),
                )
            }
            Kind::Event => {
                let e = &d.records.events[row];
                (
                    o(e.title.as_deref().or(e.group.as_deref())),
                    o(e.group.as_deref())
                        + " "
                        + &o(e.location.as_deref())
                        + " "
                        + &o(e.region.as_deref()),
                )
            }
            Kind::Issue => (d.records.index.issues.title[row].clone(), String::new()),
            Kind::Update => {
                let u = &d.records.updates[row];
                (u.title.to_string(), o(u.group.as_deref()))
            }
        };
        out.push(&js_sys::Array::of3(
            &s(r.kind.name()),
            &s(&title),
            &s(&text),
        ));
    }
    out
}

impl Data {
    /// A search of `text` under `filter`, from `offset`, at most `limit` hits.
    pub fn search(&self, text: &str, filter: &Filter, offset: usize, limit: usize) -> Results {
        self.index
            .search_with(&parse_query(text), filter, offset, limit, None)
    }
}

/// What a view's `q` parameter does to its rows.
#[derive(Debug, Clone, PartialEq)]
pub enum Matching {
    /// No query: every row.
    Off,
    /// A query, but the index is not ready yet: every row for now.
    Pending(String, u8),
    /// `keep[row]` for the rows of the view's kind that match.
    On(Arc<Matches>),
}

#[derive(Debug, PartialEq)]
pub struct Matches {
    pub query: String,
    pub keep: Vec<bool>,
    pub marks: Highlighter,
}

impl Matching {
    pub fn keeps(&self, row: usize) -> bool {
        match self {
            Matching::On(m) => m.keep.get(row).copied().unwrap_or(false),
            _ => true,
        }
    }

    pub fn marks(&self) -> Option<&Highlighter> {
        match self {
            Matching::On(m) => Some(&m.marks),
            _ => None,
        }
    }

    /// "123 links" with the query: `123 links matching “tokio”`, or that it is pending.
    pub fn count_line(&self, count: usize, noun: &str) -> String {
        let mut s = count.to_string();
        s.push(' ');
        s.push_str(noun);
        match self {
            Matching::Off => {}
            Matching::Pending(q, p) => {
                s.push_str("; preparing search for “");
                s.push_str(q);
                s.push_str("”… ");
                s.push_str(&p.to_string());
                s.push('%');
            }
            Matching::On(m) => {
                s.push_str(" matching “");
                s.push_str(m.query.trim());
                s.push('”');
            }
        }
        s
    }
}

/// The rows of `kind` (a view with `rows` rows) that the `q` parameter matches.
pub fn use_matching(kind: Kind, rows: usize) -> Memo<Matching> {
    let search = use_search();
    let q = use_param("q");
    Memo::new(move |_| {
        let Some(text) = q.get().filter(|t| !t.trim().is_empty()) else {
            return Matching::Off;
        };
        let Some(data) = search.data.get() else {
            let p = match search.status.get() {
                Status::Preparing(p) => p,
                _ => 0,
            };
            return Matching::Pending(text, p);
        };
        let filter = Filter {
            kinds: kind.bit(),
            ..Filter::default()
        };
        let r = data.search(&text, &filter, 0, rows);
        let mut keep = vec![false; rows];
        for h in &r.hits {
            if let Some(k) = keep.get_mut(data.index.record(h.record).row as usize) {
                *k = true;
            }
        }
        Matching::On(Arc::new(Matches {
            query: text,
            keep,
            marks: r.highlighter,
        }))
    })
}

/// `text` with the terms the query matched in `<mark>`: text nodes and elements, never HTML.
pub fn marked(text: &str, marks: Option<&Highlighter>) -> AnyView {
    let Some(h) = marks.filter(|h| !h.is_empty()) else {
        return text.to_string().into_any();
    };
    highlight(text, h)
        .into_iter()
        .map(|(r, m)| {
            let s = text[r].to_string();
            if m {
                view! { <mark>{s}</mark> }.into_any()
            } else {
                s.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// About `len` bytes of `text` around its first marked term, with ellipses where cut.
pub fn snippet(text: &str, marks: Option<&Highlighter>, len: usize) -> AnyView {
    if text.len() <= len {
        return marked(text, marks);
    }
    let first = marks
        .and_then(|h| highlight(text, h).into_iter().find(|p| p.1))
        .map_or(0, |p| p.0.start);
    let mut start = first.saturating_sub(len / 4);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > 0 {
        start = text[..start].rfind(' ').map_or(start, |s| s + 1);
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut cut = String::new();
    if start > 0 {
        cut.push('…');
    }
    cut.push_str(&text[start..end]);
    if end < text.len() {
        cut.push('…');
    }
    marked(&cut, marks)
}

/// Views whose own rows the `q` parameter narrows; elsewhere the search box opens the
/// search view.
pub fn searches_in_place(v: View) -> bool {
    matches!(
        v,
        View::Search | View::Links | View::Crates | View::Quotes | View::Updates
    )
}

/// The search box of the header, bound to `q`: typing replaces the history entry (the first
/// keystroke after focusing or Enter adds one), ArrowDown moves into the results.
#[component]
pub fn SearchBox() -> impl IntoView {
    let q = use_param("q");
    let view = use_param("view");
    let search = use_search();
    // A query in the URL, or the search view, asks for search at once.
    Effect::new(move |_| {
        let has_query = q.with(|q| q.as_deref().is_some_and(|q| !q.trim().is_empty()));
        if has_query || View::from_param(view.get().as_deref()) == View::Search {
            search.want();
        }
    });
    let go = use_go();
    let typing = StoredValue::new(false);
    let on_input = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            let v = View::from_param(view.get_untracked().as_deref());
            let qs = if searches_in_place(v) {
                crate::components::current_query(|cur| merged(cur, &[("q", Some(text))]))
            } else {
                query_string([("view", "search".to_string()), ("q", text)])
            };
            go(&qs, typing.get_value());
            typing.set_value(true);
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        typing.set_value(false);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "ArrowDown" && focus_result(0) {
            ev.prevent_default();
        }
    };
    view! {
        <form class="search" role="search" aria-label="Search the archive" on:submit=on_submit>
            <label for="search-box" class="visually-hidden">"Search the archive"</label>
            <input
                id="search-box"
                type="search"
                placeholder="Search ( / )"
                autocomplete="off"
                spellcheck="false"
                data-slash-target
                prop:value=move || q.get().unwrap_or_default()
                on:input=on_input
                on:focus=move |_| {
                    typing.set_value(false);
                    search.want();
                }
                on:pointerdown=move |_| search.want()
                on:keydown=on_keydown
            />
        </form>
    }
}

/// The result links of the page (`[data-result]` in `main`), in order.
fn results() -> Option<web_sys::NodeList> {
    web_sys::window()?
        .document()?
        .query_selector_all("#main [data-result]")
        .ok()
}

fn focus_result(i: u32) -> bool {
    results()
        .and_then(|l| l.item(i))
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| el.focus().is_ok())
}

/// Keydown handler for a list of results: ArrowDown and ArrowUp move between them, ArrowUp
/// from the first goes back to the search box; Enter follows the focused link.
pub fn rove(ev: leptos::ev::KeyboardEvent) {
    let step: i32 = match ev.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let Some(list) = results() else { return };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let Some(at) = (0..list.length()).find(|&i| {
        list.item(i)
            .zip(active.as_ref())
            .is_some_and(|(n, a)| n.is_same_node(Some(a)))
    }) else {
        return;
    };
    ev.prevent_default();
    let next = at as i32 + step;
    if next < 0 {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("search-box"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    } else if (next as u32) < list.length() {
        focus_result(next as u32);
    }
}

/// "Preparing search… N%" and the like, for status lines.
pub fn status_text(s: &Status) -> String {
    match s {
        Status::Waiting => "Preparing search…".to_string(),
        Status::Preparing(p) => {
            let mut t = "Preparing search… ".to_string();
            t.push_str(&p.to_string());
            t.push('%');
            t
        }
        Status::Ready => String::new(),
        Status::Failed(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pending_or_active_query_is_said_in_the_count_line() {
        assert_eq!(Matching::Off.count_line(3, "links"), "3 links");
        assert_eq!(
            Matching::Pending("tokio".into(), 40).count_line(3, "links"),
            "3 links; preparing search for “tokio”… 40%"
        );
        let on = Matching::On(Arc::new(Matches {
            query: "tokio ".into(),
            keep: vec![true, false],
            marks: Highlighter::default(),
        }));
        assert_eq!(on.count_line(1, "links"), "1 links matching “tokio”");
        assert!(on.keeps(0) && !on.keeps(1) && !on.keeps(5));
    }
}
