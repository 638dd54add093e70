//! Mounts the explorer app. Everything else lives in the library, so it can be tested natively.

fn main() {
    std::panic::set_hook(Box::new(twir_explorer::stopped::on_panic));
    // The first render in a task of its own: the one that instantiates the wasm ends here,
    // so that the two together never make one long task of the main thread.
    wasm_bindgen_futures::spawn_local(async {
        twir_explorer::api::next_task().await;
        leptos::mount::mount_to_body(twir_explorer::App);
    });
}
