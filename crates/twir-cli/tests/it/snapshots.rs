//! Snapshots of the five sample issues (`archive/`) as a reader gets them: the record `twir
//! show` prints for each, and the reader's view of each body (its table of contents and its
//! HTML) as `twir bundle` writes it. The reviewed files are in `snapshots/`; a change shows
//! as a diff to review (`cargo insta review`, or `INSTA_UPDATE=always` and `git diff`).

use crate::support::{self, sample_dir};
use std::fs;
use std::process::Output;

/// The sample's issues, by number.
const ISSUES: [u32; 5] = [520, 532, 569, 572, 576];

/// `twir` with `args`, which must succeed.
fn twir(args: &[&str]) -> Output {
    let out = support::twir(args);
    assert!(
        out.status.success(),
        "twir {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn twir_show_of_each_sample_issue() {
    let sample = sample_dir();
    for n in ISSUES {
        let out = twir(&["show", sample.to_str().unwrap(), "--issue", &n.to_string()]);
        let record = String::from_utf8(out.stdout).expect("UTF-8");
        insta::assert_snapshot!(format!("show_{n}"), record);
    }
}

#[test]
fn reader_view_of_each_sample_issue() {
    let sample = sample_dir();
    let work = tempfile::tempdir().unwrap();
    twir(&[
        "bundle",
        sample.to_str().unwrap(),
        "--out",
        work.path().to_str().unwrap(),
    ]);
    let issues = work.path().join("issues");
    for n in ISSUES {
        // `issues/<number>.<hash>.json`, one file per issue.
        let prefix = format!("{n}.");
        let names: Vec<String> = fs::read_dir(&issues)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.starts_with(&prefix))
            .collect();
        assert_eq!(names.len(), 1, "issue {n}: {names:?}");
        let body: serde_json::Value =
            serde_json::from_slice(&fs::read(issues.join(&names[0])).unwrap()).unwrap();
        let toc = serde_json::to_string_pretty(&body["toc"]).unwrap();
        let html = body["html"].as_str().expect("the body's HTML");
        insta::assert_snapshot!(
            format!("reader_{n}"),
            format!("table of contents:\n{toc}\n\nHTML:\n{html}")
        );
    }
}
