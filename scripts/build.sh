#!/usr/bin/env bash
# Builds the release site into dist/: `trunk build --release` on the stable
# toolchain, with the tools scripts/setup.sh installs on PATH (Trunk runs
# wasm-bindgen, binaryen's wasm-opt and, in its post-build hook
# scripts/csp.mjs, esbuild; it never downloads them).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
exec trunk build --release "$@"
