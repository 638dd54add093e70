//! The nesting cap is far above anything the real archive holds: no real issue is cut, and
//! the deepest nesting stays under a quarter of the cap.

use crate::support;
use twir_archive::markdown::{CappedEvents, MAX_NESTING};
use twir_archive::parse::parse_issue;

#[test]
fn no_real_issue_nests_near_the_cap() {
    let (mut deepest, mut deepest_html) = ((0, String::new()), (0, String::new()));
    let Some(files) = support::archive_files() else {
        return;
    };
    for file in files {
        let Ok(issue) = parse_issue(&file.text) else {
            continue;
        };
        let mut events = CappedEvents::new(&issue.body);
        events.by_ref().for_each(drop);
        assert!(events.cuts().is_empty(), "{} is cut", file.name);
        assert!(
            !issue
                .diagnostics
                .iter()
                .any(|d| d.message.contains("nested")),
            "{}",
            file.name
        );
        let (markdown, html) = events.max_depths();
        if markdown > deepest.0 {
            deepest = (markdown, file.name.clone());
        }
        if html > deepest_html.0 {
            deepest_html = (html, file.name.clone());
        }
    }
    println!("deepest markdown {deepest:?}, deepest raw HTML {deepest_html:?}");
    assert!(deepest.0 >= 3, "the archive has nested lists in quotes");
    assert!(deepest.0 * 4 <= MAX_NESTING, "{deepest:?}");
    assert!(deepest_html.0 >= 1, "the archive has raw HTML");
    assert!(deepest_html.0 * 4 <= MAX_NESTING, "{deepest_html:?}");
}
