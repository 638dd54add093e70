//! Runs a target on files, as the fuzzer ran it: `replay <target> <file>...` (a folder
//! stands for its files). A crash found by `scripts/fuzz` reproduces here with a backtrace
//! (`RUST_BACKTRACE=1`).
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let names: Vec<&str> = twir_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
    let Some(run) = args.next().as_deref().and_then(twir_fuzz::target) else {
        eprintln!("usage: replay <{}> <file or folder>...", names.join("|"));
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for arg in args {
        let path = PathBuf::from(arg);
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(path);
        }
    }
    for file in &files {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        eprintln!("{}", file.display());
        run(&data);
    }
    eprintln!("replay: {} inputs passed", files.len());
}
