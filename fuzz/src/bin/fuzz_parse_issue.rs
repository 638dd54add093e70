//! AFL++ entry point of the `parse_issue` target: see [`twir_fuzz::parse_issue`].
fn main() {
    afl::fuzz!(|data: &[u8]| twir_fuzz::parse_issue(data));
}
