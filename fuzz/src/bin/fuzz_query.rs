//! AFL++ entry point of the `query` target: see [`twir_fuzz::query`].
fn main() {
    afl::fuzz!(|data: &[u8]| twir_fuzz::query(data));
}
