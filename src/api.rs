//! Loading the bundle: the manifest, then the files it names, with download progress.

use gloo_net::http::Request;
use js_sys::{Reflect, Uint8Array};
pub use twir_archive::bundle::data_url;
use twir_archive::bundle::{BundleError, Index, Manifest, INDEX_KEY, MANIFEST_FILE};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, RequestCache};

/// Bytes received of bytes expected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub received: u64,
    pub total: u64,
}

impl Progress {
    /// Completion from 0 to 100, if the total is known.
    pub fn percent(self) -> Option<u8> {
        (self.total > 0).then(|| (self.received.min(self.total) * 100 / self.total) as u8)
    }
}

/// Why the archive could not be loaded: each says what happened and what to try.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("Could not reach {url}: {reason}. Check your connection and try again.")]
    Network { url: String, reason: String },
    #[error(
        "The server answered {status} for {url}. The site may be updating; try again in a moment."
    )]
    Status { url: String, status: u16 },
    #[error("The archive data at {url} is damaged ({reason}). Try again; if it persists, the site needs to be rebuilt.")]
    Corrupt { url: String, reason: String },
}

/// Loads and checks the manifest (always revalidated: it is the one file without a hash).
pub async fn load_manifest() -> Result<Manifest, LoadError> {
    let url = data_url(MANIFEST_FILE);
    let bytes = fetch_body(&url, true, |_| {}).await?.into_bytes();
    Manifest::from_json(&bytes).map_err(|e| corrupt(&url, e))
}

/// Downloads the bundle file the manifest names under `key`, reporting progress, and
/// decodes it with `decode`, given what `decoder` resolves to: `decoder` is awaited once the
/// file has arrived (a wasm chunk that was fetched beside it, or nothing).
pub async fn load_file<T, D>(
    manifest: &Manifest,
    key: &str,
    on_progress: impl Fn(Progress),
    decoder: impl std::future::Future<Output = D>,
    decode: impl FnOnce(D, &[u8]) -> Result<T, BundleError>,
) -> Result<T, LoadError> {
    let entry = manifest
        .file(key)
        .map_err(|e| corrupt(&data_url(MANIFEST_FILE), e))?;
    let url = data_url(&entry.path);
    let total = entry.bytes;
    on_progress(Progress { received: 0, total });
    let body = fetch_body(&url, false, |received| {
        on_progress(Progress { received, total })
    })
    .await?;
    mark(&format!("twir:{key}:fetched"));
    // Decoding a large file is the longest piece of work on the main thread: give the
    // browser a turn first, so that the last progress paint and any input go before it.
    next_task().await;
    let decoder = decoder.await;
    // The body comes into wasm memory only now, and leaves it when this returns: files that
    // arrive while another decodes wait in the JS heap.
    let decoded = decode(decoder, &body.into_bytes()).map_err(|e| corrupt(&url, e));
    mark(&format!("twir:{key}:decoded"));
    decoded
}

/// A `performance.mark` with the wasm memory's size as its `detail`: the loading timeline,
/// for DevTools and tests/support/bench-search.mjs.
pub fn mark(name: &str) {
    // `mark(name, { detail })` through js_sys: web-sys has the options only as an unstable API.
    let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let options = js_sys::Object::new();
    let detail = js_sys::Array::of2(
        &JsValue::from_f64(wasm_memory_bytes()),
        &JsValue::from_f64(crate::live_bytes() as f64),
    );
    let _ = Reflect::set(&options, &JsValue::from_str("detail"), &detail);
    if let Ok(f) = Reflect::get(&p, &JsValue::from_str("mark")) {
        let _ =
            f.unchecked_into::<js_sys::Function>()
                .call2(&p, &JsValue::from_str(name), &options);
    }
}

/// The size of the app's wasm memory, which grows and never shrinks: the peak of its use.
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map_or(0.0, |m| {
            m.buffer()
                .unchecked_into::<js_sys::ArrayBuffer>()
                .byte_length()
                .into()
        })
}

/// Resolves in a later task of the event loop (`setTimeout(0)`), so that work split around
/// it never makes one long task: the browser paints and handles input in between.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window()
            .and_then(|w| w.set_timeout_with_callback(&resolve).ok())
            .is_some();
        if !scheduled {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Downloads a text file of the bundle (an issue's body), relative to the data folder.
pub async fn load_text(path: &str) -> Result<String, LoadError> {
    let url = data_url(path);
    let bytes = fetch_body(&url, false, |_| {}).await?.into_bytes();
    String::from_utf8(bytes).map_err(|e| LoadError::Corrupt {
        url,
        reason: e.to_string(),
    })
}

/// Loads the manifest and the index it names, reporting progress on the index download.
pub async fn load_index(on_progress: impl Fn(Progress)) -> Result<(Manifest, Index), LoadError> {
    let manifest = load_manifest().await?;
    let index = load_file(&manifest, INDEX_KEY, on_progress, async {}, |(), b| {
        Index::from_json(b)
    })
    .await?;
    Ok((manifest, index))
}

fn corrupt(url: &str, e: BundleError) -> LoadError {
    LoadError::Corrupt {
        url: url.to_string(),
        reason: e.to_string(),
    }
}

fn js_reason(v: &JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "the request failed".to_string())
}

/// A downloaded body: its chunks, still in the JS heap.
struct Body {
    chunks: js_sys::Array,
    len: usize,
}

impl Body {
    /// The bytes, copied into wasm memory in one allocation of the exact size.
    fn into_bytes(self) -> Vec<u8> {
        let mut bytes = vec![0; self.len];
        let mut at = 0;
        for chunk in self.chunks.iter() {
            let array: Uint8Array = chunk.unchecked_into();
            let end = at + array.length() as usize;
            array.copy_to(&mut bytes[at..end]);
            at = end;
        }
        bytes
    }
}

/// The response to a download that the page's script started before the app (see
/// `prefetch_script` in crates/twir-site/src/shell/mod.rs), taken once. A prefetch that failed is
/// dropped: the caller then fetches the file itself, so that one network error is not
/// reported twice and a retry always asks the network again.
async fn take_prefetched(url: &str) -> Option<gloo_net::http::Response> {
    let window = web_sys::window()?;
    let all = Reflect::get(&window, &JsValue::from_str("__twirPrefetch")).ok()?;
    if !all.is_object() {
        return None;
    }
    let key = JsValue::from_str(url);
    let promise = Reflect::get(&all, &key).ok()?;
    let promise: js_sys::Promise = promise.dyn_into().ok()?;
    let _ = Reflect::delete_property(all.unchecked_ref::<js_sys::Object>(), &key);
    let response = JsFuture::from(promise).await.ok()?;
    Some(response.unchecked_into::<web_sys::Response>().into())
}

/// Fetches a file (or takes the page's prefetch of it), reading the body as a stream to
/// report bytes received.
async fn fetch_body(
    url: &str,
    revalidate: bool,
    on_chunk: impl Fn(u64),
) -> Result<Body, LoadError> {
    let network = |reason: String| LoadError::Network {
        url: url.to_string(),
        reason,
    };
    let response = match take_prefetched(url).await {
        Some(response) => response,
        None => {
            let mut request = Request::get(url);
            if revalidate {
                request = request.cache(RequestCache::NoCache);
            }
            request.send().await.map_err(|e| network(e.to_string()))?
        }
    };
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
        });
    }
    let mut body = Body {
        chunks: js_sys::Array::new(),
        len: 0,
    };
    let Some(stream) = response.body() else {
        return Ok(body);
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| network(js_reason(&e)))?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(|e| network(js_reason(&e)))?;
        let array: Uint8Array = value.unchecked_into();
        body.len += array.length() as usize;
        body.chunks.push(&array);
        on_chunk(body.len as u64);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_percent_is_bounded_and_unknown_without_a_total() {
        assert_eq!(
            Progress {
                received: 5,
                total: 0
            }
            .percent(),
            None
        );
        assert_eq!(
            Progress {
                received: 50,
                total: 200
            }
            .percent(),
            Some(25)
        );
        assert_eq!(
            Progress {
                received: 300,
                total: 200
            }
            .percent(),
            Some(100)
        );
    }

    #[test]
    fn errors_say_what_to_do() {
        let e = LoadError::Status {
            url: "data/manifest.json".into(),
            status: 404,
        };
        assert!(e.to_string().contains("404") && e.to_string().contains("try again"));
    }
}
