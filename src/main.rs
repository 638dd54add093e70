//! Mounts the explorer app. Everything else lives in the library, so it can be tested natively.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(twir_explorer::App);
}
