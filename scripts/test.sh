#!/usr/bin/env bash
# Installs what is missing, then runs every test: rustfmt's check, clippy with warnings as
# errors, the native core tests (no web crate), a release build of the app, and the browser tests in
# headless Chromium against that build served as static files.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "== formatting (cargo fmt --check)"
cargo fmt --all -- --check

echo "== lints (cargo clippy, warnings are errors): the core, then the browser build"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p postmortem -- -D warnings

echo "== core tests (cargo test: the workspace's default members, no web crate)"
cargo test

echo "== release build (scripts/build.sh: trunk build --release)"
scripts/build.sh

echo "== browser tests (node --test)"
node --test --test-concurrency=1 tests/external/ tests/browser/
