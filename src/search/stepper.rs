//! The index is built in steps of a few milliseconds, one per task of the event loop, so that
//! the page stays responsive while it builds.

use crate::api;
use wasm_bindgen::{JsCast, JsValue};

/// Milliseconds of work per build step: the budget of each step (in records) follows the
/// time the last one took, so that a step stays near this on a slow or fast machine
/// (tests/support/bench-search.mjs prints the longest).
pub const STEP_MS: f64 = 10.0;

/// The budget of the first step of a whole-index phase, whose cost per record is not known yet.
pub const PHASE_START: usize = 2000;

/// Runs the build's steps: one per task of the event loop, each with a budget that follows the
/// time the last one took, so that a step stays near [`STEP_MS`].
pub struct Stepper {
    pub budget: usize,
    pub steps: u32,
    pub longest: f64,
    pub busy: f64,
    /// Work done, in budget units.
    pub done: usize,
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
    pub async fn step(&mut self, phase: &str, work: impl FnOnce(usize) -> usize) {
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

pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Resolves after the next paint: a frame, then a task.
pub async fn after_paint() {
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
pub async fn yield_now() {
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
