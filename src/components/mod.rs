//! Pieces shared by the views.

mod error_panel;
mod external_link;
mod filter_select;
mod keyed_rows;
mod load_boundary;
mod loading_panel;
mod pager;
mod prerender;
mod theme_toggle;

pub use error_panel::ErrorPanel;
pub use external_link::ExternalLink;
pub use filter_select::{plain_options, FilterSelect};
pub use keyed_rows::{KeyedRows, Row};
pub use load_boundary::{LoadBoundary, LoadGate};
pub use loading_panel::LoadingPanel;
pub use pager::{page_items, page_number, Pager};
pub use prerender::prerender_done;
pub use theme_toggle::ThemeToggle;
