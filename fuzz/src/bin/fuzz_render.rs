//! AFL++ entry point of the `render` target: see [`twir_fuzz::render`].
fn main() {
    afl::fuzz!(|data: &[u8]| twir_fuzz::render(data));
}
