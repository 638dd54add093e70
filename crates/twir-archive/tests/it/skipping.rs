//! Without a full archive, the tests that need it pass after one line each saying they were
//! skipped, or fail when `TWIR_REQUIRE_FULL_ARCHIVE=1`: a few of them, one per way they load
//! the archive, run again in a child process pointed at a missing folder.

#[test]
fn full_archive_tests_skip_in_one_line_or_fail_when_the_archive_is_required() {
    twir_testdata::assert_skips_or_fails_without_full_archive(&[
        "crates_full_archive::picks_550_weeks_and_reports_21_without_a_pick_and_no_warnings",
        "events_full_archive::events_per_era_match_the_scan_of_the_files",
        "nesting_full_archive::no_real_issue_nests_near_the_cap",
        "repair_seeds::seed_001_draft_of_576_read_as_mac_roman_matches_the_real_lines",
        "seeds::the_seed_copy_of_520_yields_exactly_the_record_of_the_real_520",
        "updates_full_archive::spot_checks_per_era",
    ]);
}
