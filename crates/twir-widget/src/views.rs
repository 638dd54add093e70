//! The widget's views, one per kind. Archive text is rendered as text; only http(s) URLs
//! become links or a form's action (`twir_archive::web::is_web_url`), and links open in a
//! new tab, leaving the host page where it is.

use crate::{Kind, Site};
use leptos::prelude::*;
use twir_archive::bundle::widget::{WidgetCratePick, WidgetIssueSummary, WidgetQuote};
use twir_archive::web::is_web_url;

/// The widget's style, adopted by `widget.js` into each shadow root (see `crate::style`).
pub const CSS: &str = include_str!("widget.css");

/// What a widget shows, once `widget.js` has its data.
pub enum Content {
    Crate(WidgetCratePick),
    Quote(WidgetQuote),
    Issue(WidgetIssueSummary),
    Search,
    /// The archive has no record of the kind.
    Nothing,
    /// The data could not be loaded: why, in words for the reader.
    Failed(String),
}

/// The whole widget: its kind's card.
pub fn widget(kind: Kind, theme: &'static str, site: Site, content: Content) -> impl IntoView {
    let label = match kind {
        Kind::Crate => "Crate of the Week",
        Kind::Quote { .. } => "Quote of the Week",
        Kind::Issue => "This Week in Rust",
        Kind::Search => "Search This Week in Rust",
    };
    let body = match content {
        Content::Crate(pick) => crate_pick(pick, &site),
        Content::Quote(q) => quote(q, &site),
        Content::Issue(i) => issue(i, &site),
        Content::Search => search(&site, label),
        Content::Nothing => {
            view! { <p class="status">"Nothing in the archive yet."</p> }.into_any()
        }
        Content::Failed(why) => view! {
            <p class="status error" role="alert">"Could not load This Week in Rust: "{why}</p>
            {site.explorer_href("").map(|href| view! {
                <p class="more">{link(Some(href), "Open the explorer →".into())}</p>
            })}
        }
        .into_any(),
    };
    let card = if matches!(kind, Kind::Search) {
        body
    } else {
        view! {
            <section class="card" aria-label=label>
                <p class="kicker">{label}</p>
                {body}
            </section>
        }
        .into_any()
    };
    view! {
        <div class="twir" data-theme=theme data-kind=kind.name()>{card}</div>
    }
}

/// A link when the URL is http(s), else the text alone.
fn link(url: Option<String>, text: String) -> AnyView {
    match url.filter(|u| is_web_url(u)) {
        Some(href) => view! { <a href=href target="_blank" rel="noopener">{text}</a> }.into_any(),
        None => text.into_any(),
    }
}

/// A link into the explorer, or the text alone when there is no explorer to link to.
fn explorer_link(site: &Site, query: &str, text: String) -> AnyView {
    link(site.explorer_href(query), text)
}

fn issue_meta(site: &Site, number: u32, date: String) -> AnyView {
    let datetime = date.clone();
    view! {
        <p class="meta">
            {explorer_link(site, &format!("view=issue&issue={number}"), format!("Issue {number}"))}
            " · "<time datetime=datetime>{date}</time>
        </p>
    }
    .into_any()
}

fn crate_pick(pick: WidgetCratePick, site: &Site) -> AnyView {
    let suggested = pick.suggested_by.map(|by| {
        view! { <p class="meta">"Suggested by "{link(pick.suggested_by_url, by)}</p> }
    });
    view! {
        <p class="title">{link(Some(pick.url), pick.name)}</p>
        {pick.description.map(|d| view! { <p class="text">{d}</p> })}
        {suggested}
        {issue_meta(site, pick.issue, pick.date)}
        <p class="more">{explorer_link(site, "view=crates", "Every crate of the week →".into())}</p>
    }
    .into_any()
}

fn quote(q: WidgetQuote, site: &Site) -> AnyView {
    let attribution = match (q.author, q.source) {
        (Some(a), Some(s)) => format!("{a} on {s}"),
        (Some(a), None) => a,
        (None, Some(s)) => s,
        (None, None) => "Unattributed".into(),
    };
    view! {
        <blockquote>{q.paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}</blockquote>
        <p class="attribution">"– "{link(q.url, attribution)}</p>
        {issue_meta(site, q.issue, q.date)}
        <p class="more">{explorer_link(site, &format!("view=quotes&quote={}", q.id), "More quotes →".into())}</p>
    }
    .into_any()
}

fn issue(i: WidgetIssueSummary, site: &Site) -> AnyView {
    let links = i
        .links
        .into_iter()
        .map(|l| {
            view! {
                <li>{link(Some(l.url), l.title)}<span class="category">{l.category}</span></li>
            }
        })
        .collect_view();
    let datetime = i.date.clone();
    view! {
        <p class="title">{explorer_link(site, &format!("view=issue&issue={}", i.number), i.title)}</p>
        <p class="meta"><time datetime=datetime>{i.date}</time></p>
        <ul class="links">{links}</ul>
        <p class="more">
            {explorer_link(site, &format!("view=issue&issue={}", i.number),
                format!("Read the issue ({} links) →", i.links_total))}
            {link(Some(i.url), "this-week-in-rust.org ↗".into())}
        </p>
    }
    .into_any()
}

/// A plain form: the browser itself opens `<explorer>?q=<query>` in a new tab.
/// Its action is the explorer's http(s) URL, never anything else.
fn search(site: &Site, label: &'static str) -> AnyView {
    let Some(action) = site.explorer_href("").filter(|u| is_web_url(u)) else {
        return view! {
            <p class="status error" role="alert">"The search box has no explorer to search."</p>
        }
        .into_any();
    };
    view! {
        <form class="card search" role="search" action=action method="get" target="_blank">
            <label class="kicker" for="twir-q">{label}</label>
            <div class="row">
                <input id="twir-q" type="search" name="q" required placeholder="async, Pin, Bevy…" autocomplete="off" />
                <button type="submit">"Search"</button>
            </div>
        </form>
    }
    .into_any()
}
