//! The `twir` command's library: reading an archive folder and the subcommands. The binary
//! (`src/main.rs`) only parses arguments; what the command writes is built by `twir_site`.

pub mod archive;
pub mod bench;
pub mod commands;
pub mod search;
pub mod shards;
pub mod show;
pub mod summary;
