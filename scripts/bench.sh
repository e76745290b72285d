#!/usr/bin/env bash
# The browser benchmark: installs what is missing, builds the release, and
# prints one table (load, keystrokes, export/import, autosave) beside a bare
# page measured in the same run. Not part of the test run. BENCH_RUNS=n sets
# how many runs each median takes (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/build.sh
node tests/bench/bench.mjs
