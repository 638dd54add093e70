// The app's wasm is split at its #[lazy] points after linking (docs/development.md, "Code
// splitting"), and the splitter reads the linker's relocations: --emit-relocs, for this
// package's binary only. Unlike RUSTFLAGS, this changes no dependency's build and no other
// wasm (the widget), and native builds (tests, clippy) are untouched.
fn main() {
    // Without this, cargo runs the script again, and links the app again, whenever any file
    // of the package changes (the docs, the scripts, the tests).
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
