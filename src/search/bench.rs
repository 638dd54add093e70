//! The search benchmark's hook (`window.__twirSearch`), installed in benchmark builds only
//! (the `bench` feature): see tests/support/bench-search.mjs.

use super::stepper::now;
use super::Data;
use crate::api;
use std::sync::Arc;
use twir_search::{parse_query, Filter, Kind};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;

/// `window.__twirSearch`, for tests/support/bench-search.mjs (benchmark builds): when the build started and when
/// the index was ready (`performance.now()`), how it was built, a query's result count, the
/// wasm memory's size and bytes allocated, and the records' texts (to index the same with
/// another engine). `shortsReady` is set later, when the short prefixes' results are in.
pub fn install_hook(data: Arc<Data>, build: [f64; 4]) -> Option<js_sys::Object> {
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
