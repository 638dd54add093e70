//! Reading a kind's record. `widget.js` fetches the data while the wasm loads (the
//! bundle's manifest, then the one file it names for the kind, and for a random quote one
//! chunk) and passes the record here, parsed by the browser's JSON parser: that keeps
//! serde_json's parser, visitors and float formatting (about 100 KB) and an async runtime
//! out of the widget's wasm. The types are the bundle's own, built field by field, so a
//! field added to them does not compile here until it is read.

use js_sys::{Array, Object, Reflect};
use twir_archive::bundle::widget::{WidgetCratePick, WidgetIssueSummary, WidgetLink, WidgetQuote};
use wasm_bindgen::{JsCast, JsValue};

/// A parsed JSON value, read leniently: a missing or mistyped field reads as none.
struct Json(JsValue);

impl Json {
    /// The record's own field `key`. Only own properties: a host page that added `url` or
    /// `description` to `Object.prototype` must not put its values into a record that has
    /// no such field.
    fn get(&self, key: &str) -> Json {
        let key = JsValue::from_str(key);
        let own = self.0.is_object() && Object::has_own::<JsValue>(self.0.unchecked_ref(), &key);
        Json(if own {
            Reflect::get(&self.0, &key).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        })
    }
    fn string(&self, key: &str) -> Option<String> {
        self.get(key).0.as_string()
    }
    fn number(&self, key: &str) -> Option<u32> {
        self.get(key).0.as_f64().map(|n| n as u32)
    }
    fn list(&self, key: &str) -> Vec<Json> {
        let v = self.get(key).0;
        if Array::is_array(&v) {
            Array::from(&v).iter().map(Json).collect()
        } else {
            Vec::new()
        }
    }
    fn is_null(&self) -> bool {
        self.0.is_null() || self.0.is_undefined()
    }
}

fn optional<T>(j: Json, read: fn(&Json) -> Option<T>) -> Option<T> {
    if j.is_null() {
        None
    } else {
        read(&j)
    }
}

/// A crate pick, as `widget-crate`'s `crate_pick` holds it.
pub fn crate_pick(j: JsValue) -> Option<WidgetCratePick> {
    optional(Json(j), |j| {
        Some(WidgetCratePick {
            issue: j.number("issue")?,
            date: j.string("date")?,
            name: j.string("name")?,
            url: j.string("url")?,
            description: j.string("description"),
            suggested_by: j.string("suggested_by"),
            suggested_by_url: j.string("suggested_by_url"),
        })
    })
}

/// An issue, as `widget-issue`'s `issue` holds it.
pub fn issue(j: JsValue) -> Option<WidgetIssueSummary> {
    optional(Json(j), |j| {
        Some(WidgetIssueSummary {
            number: j.number("number")?,
            date: j.string("date")?,
            title: j.string("title")?,
            url: j.string("url")?,
            links_total: j.number("links_total")?,
            links: j
                .list("links")
                .iter()
                .filter_map(|l| {
                    Some(WidgetLink {
                        title: l.string("title")?,
                        url: l.string("url")?,
                        category: l.string("category")?,
                    })
                })
                .collect(),
        })
    })
}

/// A quote, as `widget-quote`'s `latest` or a chunk's `quotes` hold it.
pub fn quote(j: JsValue) -> Option<WidgetQuote> {
    optional(Json(j), |j| {
        Some(WidgetQuote {
            id: j.string("id")?,
            issue: j.number("issue")?,
            date: j.string("date")?,
            paragraphs: j
                .list("paragraphs")
                .iter()
                .filter_map(|p| p.0.as_string())
                .collect(),
            author: j.string("author"),
            source: j.string("source"),
            url: j.string("url"),
        })
    })
}
