//! The `twir` command's library: reading an archive folder and the subcommands. The binary
//! (`src/main.rs`) only parses arguments.

pub mod archive;
pub mod bench;
pub mod commands;
pub mod csp;
pub mod feeds;
pub mod render;
pub mod search;
pub mod shell;
pub mod show;
pub mod summary;
pub mod widget;
