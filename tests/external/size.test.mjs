// The first-load size of the release build (html + js + wasm + css, gzip -9).
// Size is deterministic, so it is asserted against the 250 KB budget (while
// the budget was out of reach, the limit was the figure reached plus 5 %).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST } from '../browser/harness.mjs';

const BUDGET = 250 * 1024;
// Reached on 2026-11-27 (seventh session): 249.2 KB gzip, from 490.7 (see the
// closing note of the performance issue). Under the budget, so the budget is
// the limit: growth past it fails here.
const REACHED = 249.2 * 1024;
const LIMIT = REACHED <= BUDGET ? BUDGET : REACHED * 1.05;

test('first load stays under the size limit (gzip)', () => {
  const files = fs.readdirSync(DIST).filter((f) => /\.(html|js|wasm|css)$/.test(f));
  assert.ok(files.some((f) => f.endsWith('.wasm')), 'release build in dist/');
  const gzip = files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length, 0);
  console.log(`# first load: ${(gzip / 1024).toFixed(1)} KB gzip (limit ${(LIMIT / 1024).toFixed(1)} KB, budget ${BUDGET / 1024} KB)`);
  assert.ok(gzip <= LIMIT, `${(gzip / 1024).toFixed(1)} KB gzip is over the limit of ${(LIMIT / 1024).toFixed(1)} KB`);
});

// One panicking jiff call (an `unwrap`, `Timestamp + SignedDuration`, jiff's
// string parsers) keeps all of jiff's error text in the build, about 45 KB
// gzip (see ARCHITECTURE.md, size rules). Its messages must not be there.
test("jiff's error messages are not in the build", () => {
  const wasm = fs.readdirSync(DIST).find((f) => f.endsWith('.wasm'));
  const bytes = fs.readFileSync(path.join(DIST, wasm)).toString('latin1');
  for (const message of ['invalid zero-based Julian day', 'adding signed duration to timestamp overflowed']) {
    assert.ok(!bytes.includes(message), `jiff's error text "${message}" is in ${wasm}: a jiff call that can panic crept in`);
  }
});
