//! The GitHub Actions workflows: CI on pushes and pull requests (`ci.yml`), and the Pages
//! deploy (`pages.yml`), which runs only after CI passes. Least privilege, actions pinned by
//! commit, the same tool versions as `scripts/setup`. actionlint checks them outside the
//! tests (`scripts/lint-workflows`, run by `.ci/run` and by `ci.yml`).

use crate::support::project_root;

const WORKFLOW: &str = ".github/workflows/pages.yml";
const CI: &str = ".github/workflows/ci.yml";
const WORKFLOWS: [&str; 2] = [CI, WORKFLOW];

fn read(path: &str) -> String {
    std::fs::read_to_string(project_root().join(path)).unwrap()
}

#[test]
fn the_pages_workflow_builds_the_real_archive_with_feeds_on_push_and_weekly() {
    let text = read(WORKFLOW);
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
    let text = read(WORKFLOW);
    // Nothing for the whole workflow: each job says what it needs.
    assert!(
        text.contains("\npermissions: {}\n"),
        "{WORKFLOW}: top-level permissions: {{}}"
    );
    let jobs = jobs(&text);
    let names: Vec<&str> = jobs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["ci", "build", "deploy", "advisories"]);
    for (name, lines) in &jobs {
        let expected: &[&str] = match name.as_str() {
            // Runs crates, npm packages and the archive's text: reads the repository, no more.
            "ci" | "build" | "advisories" => &["contents: read"],
            // Runs only GitHub's deploy action.
            "deploy" => &["pages: write", "id-token: write"],
            other => panic!("unexpected job {other}"),
        };
        assert_eq!(permissions(lines), expected, "job {name}");
        // The called workflow sets the timeout of its own job.
        assert!(
            name == "ci" || lines.iter().any(|l| l.starts_with("    timeout-minutes: ")),
            "job {name} has a timeout"
        );
    }
    // CI first, on the same commit: nothing is built, nor deployed, unless it passes.
    let ci = &jobs[0].1;
    assert!(ci
        .iter()
        .any(|l| l.trim() == "uses: ./.github/workflows/ci.yml"));
    let build = &jobs[1].1;
    assert!(build.iter().any(|l| l.trim() == "needs: ci"));
    let deploy = &jobs[2].1;
    assert!(deploy.iter().any(|l| l.trim() == "needs: build"));
    assert!(
        !deploy.iter().any(|l| l.contains("run:")),
        "the deploy job runs no script of its own"
    );
}

#[test]
fn every_action_is_pinned_by_commit_and_no_checkout_keeps_its_token() {
    for (workflow, least) in [(WORKFLOW, 8), (CI, 5)] {
        let uses = check_pins(workflow);
        assert!(uses >= least, "{workflow}: only {uses} actions found");
    }
    let text = read(WORKFLOW);
    assert!(text.contains("npm ci --ignore-scripts"));
    assert!(text.contains("cargo deny --locked check licenses bans sources"));
}

/// Checks every `uses:` of `workflow` (pinned by commit, a version comment, checkouts without
/// their token), and returns how many there are.
fn check_pins(workflow: &str) -> usize {
    let text = read(workflow);
    let lines: Vec<&str> = text.lines().collect();
    let mut uses = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(action) = line.trim().strip_prefix("uses: ") else {
            continue;
        };
        if action.starts_with("./") {
            continue; // a workflow of this repository, at this commit
        }
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
            "{workflow}:{}: {spec} is not pinned by a full commit SHA",
            i + 1
        );
        let version = comment.strip_prefix('v').unwrap_or_default();
        assert!(
            version.split('.').count() == 3
                && version
                    .split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())),
            "{workflow}:{}: the comment {comment:?} is not a version such as v5.1.0",
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
                "{workflow}:{}: this checkout keeps its token",
                i + 1
            );
        }
    }
    uses
}

#[test]
fn the_workflows_and_the_setup_install_the_same_tools() {
    let setup = read("scripts/setup");
    let version = |text: &str, key: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no {key:?}"))
    };
    for (setup_key, workflow_key, workflows) in [
        (
            "CARGO_DENY_VERSION=",
            "CARGO_DENY_VERSION: ",
            &WORKFLOWS[..],
        ),
        ("TRUNK_VERSION=", "TRUNK_VERSION: ", &WORKFLOWS[..]),
        ("ACTIONLINT_VERSION=", "ACTIONLINT_VERSION: ", &[CI][..]),
    ] {
        let pinned = version(&setup, setup_key);
        assert!(pinned.split('.').count() == 3, "an exact version: {pinned}");
        for workflow in workflows {
            assert_eq!(version(&read(workflow), workflow_key), pinned, "{workflow}");
        }
    }
    let config = read("deny.toml");
    for section in ["[licenses]", "[bans]", "[sources]", "[advisories]"] {
        assert!(config.contains(section), "deny.toml lacks {section}");
    }
}

#[test]
fn ci_runs_on_pushes_and_pull_requests_the_scripts_of_ci_run_over_the_pinned_archive() {
    let text = read(CI);
    for needle in [
        // Pushes to main run CI inside the Pages workflow, before its deploy.
        "on:\n  push:\n    branches-ignore: [main]\n  pull_request:\n  workflow_call:\n",
        "\npermissions:\n  contents: read\n",
        "TWIR_FULL_ARCHIVE: ${{ github.workspace }}/this-week-in-rust/content",
        "TWIR_REQUIRE_FULL_ARCHIVE: \"1\"",
        "repository: rust-lang/this-week-in-rust",
        "sparse-checkout: content",
    ] {
        assert!(text.contains(needle), "{CI} lacks {needle:?}");
    }
    // The archive at the commit scripts/fetch-archive fetches.
    let pin = read("scripts/archive-pin.sh");
    let commit = pin
        .lines()
        .find_map(|l| l.strip_prefix("TWIR_ARCHIVE_COMMIT=\"${TWIR_ARCHIVE_COMMIT:-"))
        .and_then(|rest| rest.strip_suffix("}\""))
        .expect("scripts/archive-pin.sh pins a commit");
    assert!(
        text.contains(&format!("ref: {commit}\n")),
        "{CI} checks out {commit}"
    );
    // What .ci/run runs, by the same commands and scripts.
    let ci_run = read(".ci/run");
    for command in [
        "cargo fmt --all --check",
        "cargo clippy --workspace --all-targets --locked -- -D warnings",
        "scripts/lint-workflows",
        "scripts/test --no-setup",
    ] {
        assert!(ci_run.contains(command), ".ci/run lacks {command:?}");
        assert!(
            text.contains(&format!("run: {command}\n")),
            "{CI} lacks {command:?}"
        );
    }
    assert!(ci_run.contains("export TWIR_REQUIRE_FULL_ARCHIVE=1"));
    // One job, least privilege, a timeout.
    let jobs = jobs(&text);
    assert_eq!(jobs.len(), 1, "{CI}: one job");
    let (name, lines) = &jobs[0];
    assert_eq!(permissions(lines), ["contents: read"], "job {name}");
    assert!(lines.iter().any(|l| l.starts_with("    timeout-minutes: ")));
}
