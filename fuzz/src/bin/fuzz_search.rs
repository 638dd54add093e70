//! AFL++ entry point of the `search` target: see [`twir_fuzz::search`].
fn main() {
    afl::fuzz!(|data: &[u8]| twir_fuzz::search(data));
}
