use leptos::prelude::*;

/// One row of a list: its key and how to draw it. The key names everything the drawing shows
/// that can change (a search's marks, a selection), so that a row is drawn again exactly when
/// its key changes.
#[derive(Clone)]
pub struct Row {
    pub key: (usize, String),
    pub view: ViewFn,
}

impl Row {
    pub fn new<V: IntoView + 'static>(
        key: (usize, String),
        view: impl Fn() -> V + Send + Sync + 'static,
    ) -> Self {
        Row {
            key,
            view: ViewFn::from(move || view().into_any()),
        }
    }
}

/// The rows of a list, keyed (`<For>`): a row that stays from one update to the next (another
/// page, a narrower filter) keeps its elements, and only the rows that come or go are drawn or
/// removed. One component for every list, so that the app carries one copy of the keyed list.
#[component]
pub fn KeyedRows(#[prop(into)] rows: Signal<Vec<Row>>) -> impl IntoView {
    view! { <For each=move || rows.get() key=|r: &Row| r.key.clone() children=|r: Row| r.view.run() /> }
}
