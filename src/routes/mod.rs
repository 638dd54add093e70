//! One module per view.

pub mod issues;
