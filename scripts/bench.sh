#!/usr/bin/env bash
# The browser benchmark: installs what is missing, builds the release, and
# prints one table (load, keystrokes, export/import, autosave) beside a bare
# page measured in the same run, then Lighthouse's performance, accessibility
# and best-practices scores (desktop and mobile) of the release served with
# gzip. Not part of the test run. BENCH_RUNS=n sets how many runs each median
# takes (default 5). `node tests/bench/slow-load.mjs DIST [DIST...]` compares
# builds on a throttled connection.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/build.sh
node tests/bench/bench.mjs
