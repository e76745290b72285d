#!/usr/bin/env bash
# Installs whatever this project needs and is missing, checking versions, not
# just presence. Safe to run again: a second run installs nothing.
# Sources: rustup, crates.io, npm (from package-lock.json), Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock, or Trunk tries to download one.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; exit 1; fi
}

# 1. Rust target for the browser.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! cargo clippy --version >/dev/null 2>&1; then
  say "adding clippy"
  rustup component add clippy
fi
if ! cargo fmt --version >/dev/null 2>&1; then
  say "adding rustfmt"
  rustup component add rustfmt
fi

# 2. Trunk, pinned (0.22 needs a newer rustc than this machine has).
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (several minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 3. wasm-bindgen-cli matching Cargo.lock (its own lock file names a crate the registry lacks: no --locked).
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 4. Debian packages: Chromium for browser tests, cmark-gfm to check exported tables, poppler-utils (pdftotext) to read printed PDFs.
missing=()
for pkg in chromium cmark-gfm poppler-utils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# 5. npm packages exactly as locked (playwright-core, binaryen's wasm-opt, esbuild, markdownlint, ajv, axe-core).
# Optional packages for other platforms (esbuild's) are not installed here, so they are not asked for.
if ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null \
   && ! node -e 'const a=require("./package-lock.json").packages,b=require("./node_modules/.package-lock.json").packages;for(const k in a){if(!k||(!b[k]&&a[k].optional))continue;if(!b[k]||b[k].version!==a[k].version)process.exit(1)}' 2>/dev/null; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
fi
