#!/usr/bin/env bash
# Builds the release site into dist/ (trunk build --release) with the standard
# library compiled for size: std is rebuilt from source with panics that abort
# at once, without formatting a message (the browser never shows one anyway:
# a panic in wasm ends in a trap either way). That leaves out std's panic
# machinery and its location strings: -27 KB gzip. These are cargo's
# build-std and rustc's immediate-abort panic strategy, not yet stable:
# RUSTC_BOOTSTRAP=1 lets the pinned stable compiler use them, for this build
# only (tests, clippy and `trunk serve` use the ordinary build).
# LLVM's inliner is held to what it must inline (-inline-threshold=0): at
# opt-level "z" it still copies small generic helpers into many callers.
# -2.3 KB gzip, and the benchmark's keystroke and start-up figures are unchanged.
# Expects scripts/setup.sh to have run (it adds the rust-src component).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
# Added to .cargo/config.toml's flags for the browser target.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Cllvm-args=-inline-threshold=0"
exec trunk build --release "$@"
