//! `twir`: compiles the This Week in Rust archive into the explorer's bundle, shows one
//! issue as JSON, and checks the archive for problems.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

use twir_cli::commands;

/// mimalloc rather than the system's allocator: the build step's parse, render and bundle
/// make many small allocations on every core (see the dependency's note in Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "twir",
    version,
    about = "Compile and inspect the This Week in Rust archive"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile an archive folder into the explorer's bundle.
    Bundle {
        /// The archive folder (such as this-week-in-rust/content); read recursively.
        archive: PathBuf,
        /// The folder to write the bundle into (created if needed).
        #[arg(long)]
        out: PathBuf,
        /// Exit with status 1 if any file could not be compiled.
        #[arg(long)]
        strict: bool,
        /// A page (the built index.html) to write the first screen into, so that readers
        /// see the newest issues before the app has loaded.
        #[arg(long)]
        prerender: Option<PathBuf>,
        /// The site's absolute URL (such as https://owner.github.io/twir-explorer/): also
        /// write Atom feeds of the whole archive, which need absolute links. Without it, no
        /// feeds are written.
        #[arg(long, value_name = "URL")]
        site_url: Option<String>,
        /// The folder to write the feeds into; they are published at <URL>feeds/, so give
        /// the site's feeds/ folder [default: <out>/feeds].
        #[arg(long, value_name = "DIR", requires = "site_url")]
        feeds_out: Option<PathBuf>,
    },
    /// Print one issue's record as pretty JSON.
    Show {
        archive: PathBuf,
        /// The issue number.
        #[arg(long)]
        issue: u32,
    },
    /// Time the compile of an archive (median of several runs) and print the bundle's sizes.
    Bench {
        archive: PathBuf,
        /// How many times to compile.
        #[arg(long, default_value_t = 9)]
        runs: usize,
        /// Where the timed `twir bundle` runs write (a new folder each, removed at the end)
        /// [default: the system's temporary folder].
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
    /// Search the archive as the app does; print the top results as JSON lines.
    Search {
        archive: PathBuf,
        /// The query, in the app's syntax (see docs/search.md).
        query: String,
        /// How many results to print.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Time the search index (build, memory, prebuilt size, query latency) over an archive.
    BenchSearch {
        archive: PathBuf,
        /// How many times to build the index.
        #[arg(long, default_value_t = 9)]
        runs: usize,
    },
    /// What a cold client fetches per query from the sharded search index (files, round
    /// trips, gzipped bytes by kind of query), checked against the complete engine.
    BenchShards {
        archive: PathBuf,
        /// Vocabulary terms sampled for the query set.
        #[arg(long, default_value_t = 400)]
        samples: usize,
        /// Bytes of a term shard before compression.
        #[arg(long, default_value_t = twir_search::shards::ShardParams::default().shard_bytes)]
        shard_bytes: usize,
        /// Postings of each list inline in its term's shard.
        #[arg(long, default_value_t = twir_search::shards::ShardParams::default().head)]
        head: usize,
        /// Records per display file.
        #[arg(long, default_value_t = twir_search::shards::ShardParams::default().display_block)]
        display_block: usize,
        /// Only this query, with the files of each round trip.
        #[arg(long)]
        query: Option<String>,
        /// Ask for a typo's vocabulary only once its shard shows the word rare.
        #[arg(long)]
        typos_late: bool,
    },
    /// Write the Content-Security-Policy of built pages (index.html, widget.html) into
    /// them, with the hash of each of their inline scripts and styles.
    Csp {
        /// The built pages.
        #[arg(required = true)]
        pages: Vec<PathBuf>,
    },
    /// Time generated pathological files (100,000-deep quotes, lists and HTML, 40,000
    /// headings, 100,000 front-matter keys, 1 MB lines, ...): each must compile or be refused
    /// within 200 ms (median). Exits with status 1 if one does not.
    BenchPathological {
        /// How many times to compile each file.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Write the generated files into this folder (one folder per case) and keep them.
        #[arg(long, value_name = "DIR")]
        keep: Option<PathBuf>,
    },
    /// Report problems in the archive as `file:line: what is wrong; what to do`.
    Check {
        archive: PathBuf,
        /// Exit with status 1 if there are warnings, not only errors.
        #[arg(long)]
        strict: bool,
    },
}

fn main() -> ExitCode {
    // A parser panic is caught per file and reported as that file's error; one line is
    // enough here, not a backtrace per file.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("twir: internal error: {info}");
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Bundle {
            archive,
            out,
            strict,
            prerender,
            site_url,
            feeds_out,
        } => commands::bundle(
            &archive,
            &out,
            strict,
            prerender.as_deref(),
            site_url.as_deref(),
            feeds_out.as_deref(),
        ),
        Command::Show { archive, issue } => commands::show(&archive, issue),
        Command::Check { archive, strict } => commands::check(&archive, strict),
        Command::Csp { pages } => {
            twir_site::csp::write_policies(&pages).map(|()| ExitCode::SUCCESS)
        }
        Command::Search {
            archive,
            query,
            limit,
        } => twir_cli::search::search(&archive, &query, limit),
        Command::BenchSearch { archive, runs } => {
            twir_cli::search::bench(&archive, runs).map(|()| ExitCode::SUCCESS)
        }
        Command::BenchShards {
            archive,
            samples,
            shard_bytes,
            head,
            display_block,
            query,
            typos_late,
        } => {
            let params = twir_search::shards::ShardParams {
                shard_bytes,
                head,
                display_block,
                ..Default::default()
            };
            twir_cli::shards::bench(&archive, &params, samples, query.as_deref(), !typos_late)
                .map(|()| ExitCode::SUCCESS)
        }
        Command::BenchPathological { runs, keep } => {
            twir_cli::bench::bench_pathological(runs, keep.as_deref()).map(|within| {
                if within {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            })
        }
        Command::Bench {
            archive,
            runs,
            out_dir,
        } => twir_cli::bench::bench(&archive, runs, out_dir.as_deref()).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("twir: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
