//! Without a full archive, the tests that need it pass after one line each saying they were
//! skipped, or fail when `TWIR_REQUIRE_FULL_ARCHIVE=1`: a few of them, one per way they reach
//! the archive, run again in a child process pointed at a missing folder.

#[test]
fn full_archive_tests_skip_in_one_line_or_fail_when_the_archive_is_required() {
    twir_testdata::assert_skips_or_fails_without_full_archive(&[
        "cli::show_665_prints_its_record_as_pretty_json",
        "feeds::feeds_are_not_part_of_the_bundle",
        "full_archive::state_of_rust_posts_are_posts_not_duplicates_of_7_8_and_9",
        "mojibake_full_archive::the_full_archive_read_as_windows_1252_or_mac_roman_compiles_to_the_clean_bundle",
        "relevance::the_command_prints_json_lines",
        "search_short_prefixes::short_prefixes_give_the_general_search_results",
    ]);
}
