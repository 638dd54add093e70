# Sourced by the scripts, from the project's root: the tools the setup installs, first on PATH.
# scripts/bin holds the wasm-bindgen wrapper that splits the app's wasm (docs/development.md,
# "Code splitting") before the real wasm-bindgen, in ~/.cargo/bin with trunk and
# wasm-split-cli; node_modules/.bin holds wasm-opt, which trunk picks up from PATH for release
# builds.
export PATH="$PWD/scripts/bin:$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
