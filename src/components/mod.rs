//! Pieces shared by the views.

mod error_panel;
mod loading_panel;

pub use error_panel::ErrorPanel;
pub use loading_panel::LoadingPanel;
