//! A target fed by proptest's generators instead of AFL++, for the comparison in
//! docs/development.md: `proptest_baseline <target> <seconds> <sample folder>` runs the
//! target on random inputs (strings for the text targets, bytes for the others) for that
//! long, prints the executions, and keeps every 50th input in the folder, for
//! `afl-showmap -C` to measure the coverage they reach.
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [name, seconds, sample] = &args[..] else {
        eprintln!("usage: proptest_baseline <target> <seconds> <sample folder>");
        std::process::exit(2);
    };
    let run = twir_fuzz::target(name).expect("a target name");
    let seconds: u64 = seconds.parse().expect("seconds");
    std::fs::create_dir_all(sample).expect("sample folder");
    let strategy: BoxedStrategy<Vec<u8>> = match name.as_str() {
        "parse_issue" | "render" | "query" => any::<String>().prop_map(String::into_bytes).boxed(),
        _ => prop::collection::vec(any::<u8>(), 0..512).boxed(),
    };
    std::panic::set_hook(Box::new(|_| {}));
    let mut runner = TestRunner::default();
    let (start, mut execs, mut failures) = (Instant::now(), 0u64, 0u64);
    while start.elapsed() < Duration::from_secs(seconds) {
        let input = strategy.new_tree(&mut runner).expect("an input").current();
        if execs % 50 == 0 {
            std::fs::write(format!("{sample}/{execs}"), &input).expect("sample file");
        }
        if catch_unwind(AssertUnwindSafe(|| run(&input))).is_err() {
            failures += 1;
            std::fs::write(format!("{sample}/failure-{execs}"), &input).expect("failure file");
        }
        execs += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{name}: {execs} executions in {secs:.0} s ({:.0}/s), {failures} failures",
        execs as f64 / secs
    );
}
