//! Writes the seed corpora of every target into a folder (`seeds <out> [archive file]...`):
//! the sample archive (`archive/`), any further archive files given, the sample bundle's
//! files as `twir bundle` writes them (rendered bodies and widget files included), search
//! index images, and the queries of `crates/twir-cli/tests/relevance.txt`. Real data, built
//! at run time, so that no corpus is committed.
use std::path::{Path, PathBuf};

use twir_fuzz::{bundle_file, BUNDLE_KINDS, SEPARATOR};

const RELEVANCE: &str = include_str!("../../../crates/twir-cli/tests/relevance.txt");

/// Hostile markdown and HTML for the renderer, next to the archive's own bodies.
const HOSTILE: &[&str] = &[
    "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z]( java\tscript:alert(1))",
    "<a href=\"javascript:alert(1)\">a</a> <a href=\"&#106;avascript:alert(1)\">b</a>",
    "<img src=x onerror=alert(1)> <img src=\"data:image/png;base64,AAAA\"> ![i](/images/a.png)",
    "<script>alert(1)</script><style>*{}</style><iframe src=//evil></iframe>",
    "<svg><a xlink:href=\"javascript:alert(1)\">s</a></svg><math><mi href=\"javascript:1\">m</mi></math>",
    "<form action=\"javascript:1\"><button formaction=\"javascript:1\">b</button></form>",
    "# main\n\n## search-box\n\n# main\n\n<h2 id=\"main\">x</h2>\n\n[top](#main)",
    "| a | b |\n|:--|--:|\n| <b>x</b> | `y` |\n\n> quote <small>s</small>\n\n- a\n  - b\n\n1. one\n2. two",
    "Option<T> and Vec<u8> and <Self>, <br /> <details open><summary>s</summary>d</details>",
    "[r]: //host/path\n[w]: www.example.com/x\n[m]: mailto:a@b.c\n\n[r] [w] [m] [rel](../foo.html)",
    "<pre><code>a < b && c > d</code></pre>\n\n```rust\nfn main() {}\n```",
    "<!-- c --><a href=\"http://x\" title=\"t\" class=\"anchor other\" style=\"color:red\">x</a>",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| {
        eprintln!("usage: seeds <out folder> [archive file]...");
        std::process::exit(2)
    }));
    let extra: Vec<String> = args
        .map(|a| std::fs::read_to_string(&a).unwrap_or_else(|e| panic!("{a}: {e}")))
        .collect();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut count = Counter::default();

    // parse_issue: whole archive files, and each file's front matter with one of its `## `
    // sections (a thirtieth of the bytes, so many more executions a second).
    let texts: Vec<&str> = twir_fuzz::SAMPLE_ARCHIVE
        .iter()
        .copied()
        .chain(extra.iter().map(String::as_str))
        .collect();
    for (i, text) in texts.iter().enumerate() {
        count.write(
            &out,
            "parse_issue",
            &format!("archive-{i}"),
            text.as_bytes(),
        );
        let issue = twir_archive::parse::parse_issue(text).expect("a seed file parses");
        let head: String = text
            .split_inclusive('\n')
            .take(issue.body_line.saturating_sub(1))
            .collect();
        for (j, section) in issue.body.split("\n## ").enumerate().skip(1) {
            let data = format!("{head}## {section}\n");
            count.write(
                &out,
                "parse_issue",
                &format!("section-{i}-{j}"),
                data.as_bytes(),
            );
        }
    }

    // render: each body cut at its `## ` headings (small seeds mutate faster), and hostile
    // snippets.
    for (i, text) in texts.iter().enumerate() {
        let issue = twir_archive::parse::parse_issue(text).expect("a seed file parses");
        for (j, part) in issue.body.split("\n## ").enumerate() {
            let part = if j == 0 {
                part.to_string()
            } else {
                format!("## {part}")
            };
            count.write(&out, "render", &format!("body-{i}-{j}"), part.as_bytes());
        }
    }
    for (i, text) in HOSTILE.iter().enumerate() {
        count.write(&out, "render", &format!("hostile-{i}"), text.as_bytes());
    }

    // bundle: the sample bundle's files, and those of a one-issue bundle (smaller), each
    // behind the byte that selects its decoder.
    let tmp = std::env::temp_dir().join(format!("twir-fuzz-seeds-{}", std::process::id()));
    let one = tmp.join("one");
    std::fs::create_dir_all(&one).expect("temporary folder");
    std::fs::write(one.join("issue.txt"), twir_fuzz::SAMPLE_ARCHIVE[0]).expect("temporary file");
    let mut bundles = Vec::new();
    for (name, root) in [("sample", repo.join("archive")), ("one", one)] {
        let mut archive =
            twir_cli::archive::Archive::load(&root).expect("the sample archive loads");
        let mut bundle = archive.take_bundle();
        twir_site::widget::add_widget_files(&mut bundle, &archive.parsed());
        let files = bundle.to_files();
        for (path, bytes) in &files {
            let decoded = twir_fuzz::decode_bundle_file(path, bytes);
            assert!(decoded.is_ok(), "{path} of the {name} bundle: {decoded:?}");
            let stem = path.rsplit('/').next().unwrap_or(path);
            let kind = if path.starts_with("issues/") || path.starts_with("posts/") {
                "body"
            } else {
                stem.split('.')
                    .next()
                    .unwrap_or("")
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c == '-')
            };
            let Some(which) = BUNDLE_KINDS.iter().position(|k| *k == kind) else {
                continue;
            };
            // One body of each bundle is enough.
            let file_name = format!("{name}-{}", stem.replace('.', "-"));
            if kind == "body" && count.bodies.contains(&name) {
                continue;
            }
            if kind == "body" {
                count.bodies.push(name);
            }
            let mut data = vec![which as u8];
            data.extend_from_slice(bytes);
            count.write(&out, "bundle", &file_name, &data);
        }
        bundles.push(files);
    }
    std::fs::remove_dir_all(&tmp).ok();

    // search: the one-issue bundle's index and row files (odd first byte), and the image of
    // its search index behind a query (even first byte).
    let files = &bundles[1];
    let mut data = vec![1u8];
    for (i, kind) in ["index", "links", "crates", "quotes", "events", "updates"]
        .iter()
        .enumerate()
    {
        if i > 0 {
            data.extend_from_slice(SEPARATOR);
        }
        data.extend_from_slice(bundle_file(files, kind));
    }
    count.write(&out, "search", "bundle-one", &data);
    let image = twir_fuzz::index_of(files).to_bytes();
    for (i, query) in ["rust", "async await", "\"this week\" crate:serde"]
        .iter()
        .enumerate()
    {
        let mut data = vec![0u8];
        data.extend_from_slice(query.as_bytes());
        data.extend_from_slice(SEPARATOR);
        data.extend_from_slice(&image);
        count.write(&out, "search", &format!("image-{i}"), &data);
    }

    // query: the relevance queries.
    for (i, line) in RELEVANCE
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains("=>"))
        .enumerate()
    {
        let query = line.split("=>").next().unwrap_or("").trim();
        count.write(&out, "query", &format!("relevance-{i}"), query.as_bytes());
    }
    for (target, n) in &count.files {
        println!("seeds: {target}: {n} files");
    }
}

#[derive(Default)]
struct Counter {
    files: Vec<(&'static str, usize)>,
    bodies: Vec<&'static str>,
}

impl Counter {
    fn write(&mut self, out: &Path, target: &'static str, name: &str, data: &[u8]) {
        let dir = out.join(target);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        std::fs::write(dir.join(name), data).unwrap_or_else(|e| panic!("{name}: {e}"));
        match self.files.iter_mut().find(|(t, _)| *t == target) {
            Some((_, n)) => *n += 1,
            None => self.files.push((target, 1)),
        }
    }
}
