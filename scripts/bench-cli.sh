#!/usr/bin/env bash
# The command line's benchmark (issue 26), not a test: generates a folder of
# COUNT realistic postmortems (default 10000; half Markdown, half JSON, 20 to
# 500 timeline rows; crates/postmortem-cli/examples/gen_folder.rs), then times
# `postmortem check` and `postmortem report` (the `cli` profile: opt-level 3) on it beside
# markdownlint-cli2 on the same .md files (the project's own
# .markdownlint-cli2.jsonc), and prints one table: wall time, peak memory and
# exit status of each. The folder is kept under target/ and reused.
#
# Usage: scripts/bench-cli.sh [COUNT]
#   MARKDOWNLINT=path/to/markdownlint-cli2 to use one outside node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

COUNT=${1:-10000}
DIR="$PWD/target/bench-cli/$COUNT"
MDL=${MARKDOWNLINT:-$PWD/node_modules/.bin/markdownlint-cli2}

say() { printf '\033[1mbench-cli:\033[0m %s\n' "$*" >&2; }

say "building the command (profile cli) and the generator"
cargo build --profile cli -q -p postmortem-cli --bin postmortem --example gen_folder
BIN="$PWD/target/cli/postmortem"

if [ ! -f "$DIR/.complete" ]; then
  say "writing $COUNT postmortems to $DIR"
  rm -rf "$DIR"
  mkdir -p "$DIR"
  target/cli/examples/gen_folder "$COUNT" "$DIR/postmortems"
  cp .markdownlint-cli2.jsonc "$DIR/"
  touch "$DIR/.complete"
fi
MD_FILES=$(find "$DIR/postmortems" -name '*.md' | wc -l)
ALL_FILES=$(find "$DIR/postmortems" -type f | wc -l)
SIZE=$(du -sh "$DIR/postmortems" | cut -f1)

TIME=/usr/bin/time
[ -x "$TIME" ] || { say "/usr/bin/time is missing: peak memory is not measured"; TIME=""; }

ROWS=()
# Every file read once first, so each command finds them in the page cache.
find "$DIR/postmortems" -type f -exec cat {} + >/dev/null

# measure NAME FILES COMMAND...: runs once in the folder, output discarded.
measure() {
  local name=$1 files=$2; shift 2
  local out; out=$(mktemp)
  local start end code=0
  start=$(date +%s.%N)
  if [ -n "$TIME" ]; then
    (cd "$DIR" && "$TIME" -f '%M' -o "$out" "$@" >/dev/null 2>&1) || code=$?
  else
    (cd "$DIR" && "$@" >/dev/null 2>&1) || code=$?
  fi
  end=$(date +%s.%N)
  local mem="n/a"
  [ -n "$TIME" ] && mem=$(awk '/^[0-9]+$/ { printf "%.0f", $1 / 1024 }' "$out")
  rm -f "$out"
  ROWS+=("$(printf '| %-46s | %6s | %8.2f | %8s | %4s |' "$name" "$files" "$(echo "$end - $start" | bc)" "$mem" "$code")")
}

measure "postmortem check postmortems" "$ALL_FILES" "$BIN" check postmortems
measure "postmortem report postmortems" "$ALL_FILES" "$BIN" report postmortems
measure "postmortem report --format json postmortems" "$ALL_FILES" "$BIN" report --format json postmortems
if [ -x "$MDL" ]; then
  measure "markdownlint-cli2 'postmortems/**/*.md'" "$MD_FILES" "$MDL" 'postmortems/**/*.md'
else
  say "markdownlint-cli2 is missing ($MDL): run scripts/setup.sh, or set MARKDOWNLINT"
  ROWS+=("$(printf '| %-46s | %6s | %8s | %8s | %4s |' "markdownlint-cli2 (missing)" "$MD_FILES" "-" "-" "-")")
fi

echo
echo "$COUNT postmortems ($SIZE; $MD_FILES Markdown) on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
printf '| %-46s | %6s | %8s | %8s | %4s |\n' "command" "files" "wall s" "peak MB" "exit"
printf '| %-46s | %6s | %8s | %8s | %4s |\n' "---" "---:" "---:" "---:" "---:"
printf '%s\n' "${ROWS[@]}"
