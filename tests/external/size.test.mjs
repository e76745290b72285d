// The first-load size of the release build (html + js + wasm + css, gzip -9).
// Size is deterministic, so it is asserted. The budget is 250 KB; until it is
// reached, the limit is the figure reached plus 5 %, so growth is caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST } from '../browser/harness.mjs';

const BUDGET = 250 * 1024;
// Reached on 2026-11-22 (second session): 490.5 KB gzip (see the closing
// note of the performance issue). Lower it whenever the build shrinks.
const REACHED = 490.5 * 1024;
const LIMIT = REACHED <= BUDGET ? BUDGET : REACHED * 1.05;

test('first load stays under the size limit (gzip)', () => {
  const files = fs.readdirSync(DIST).filter((f) => /\.(html|js|wasm|css)$/.test(f));
  assert.ok(files.some((f) => f.endsWith('.wasm')), 'release build in dist/');
  const gzip = files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length, 0);
  console.log(`# first load: ${(gzip / 1024).toFixed(1)} KB gzip (limit ${(LIMIT / 1024).toFixed(1)} KB, budget ${BUDGET / 1024} KB)`);
  assert.ok(gzip <= LIMIT, `${(gzip / 1024).toFixed(1)} KB gzip is over the limit of ${(LIMIT / 1024).toFixed(1)} KB`);
});
