use crate::router::{use_on_change, use_param};
use leptos::prelude::*;

/// A labelled `<select>` bound to one query parameter: choosing an option sets it, the
/// first option (`any`, value "") removes it.
#[component]
pub fn FilterSelect(
    label: &'static str,
    key: &'static str,
    any: &'static str,
    /// (value, text) of each option.
    options: Vec<(String, String)>,
    /// Whether `/` focuses this control.
    #[prop(optional)]
    slash_target: bool,
) -> impl IntoView {
    let value = use_param(key);
    let on = use_on_change();
    view! {
        <label>
            {label}
            " "
            <select
                data-slash-target=slash_target.then_some("")
                on:change=on(key)
                prop:value=move || value.get().unwrap_or_default()
            >
                <option value="">{any}</option>
                {options.into_iter().map(|(v, t)| view! { <option value=v>{t}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// Options whose text is their value: years, regions, groups.
pub fn plain_options<T: ToString>(values: impl IntoIterator<Item = T>) -> Vec<(String, String)> {
    values
        .into_iter()
        .map(|v| (v.to_string(), v.to_string()))
        .collect()
}
