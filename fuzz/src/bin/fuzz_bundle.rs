//! AFL++ entry point of the `bundle` target: see [`twir_fuzz::bundle`].
fn main() {
    afl::fuzz!(|data: &[u8]| twir_fuzz::bundle(data));
}
