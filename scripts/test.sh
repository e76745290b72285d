#!/usr/bin/env bash
# Installs what is missing, then runs every test: the native core tests
# (no web crate), a release build of the app, and the browser tests in
# headless Chromium against that build served as static files.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "== core tests (cargo test --no-default-features)"
cargo test --no-default-features

echo "== release build (trunk build --release)"
trunk build --release

echo "== browser tests (node --test)"
node --test --test-concurrency=1 tests/external/ tests/browser/
