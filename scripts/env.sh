# Sourced by the scripts: the tools the setup installs, first on PATH.
# ~/.cargo/bin holds trunk and wasm-bindgen; node_modules/.bin holds wasm-opt, which trunk
# picks up from PATH for release builds.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
