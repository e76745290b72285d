// Lighthouse scores of the release (dist/), served as a static host serves
// it: gzip for text and wasm, plain files, no server code. The server runs in
// this process and Lighthouse in a child process started asynchronously, so
// the server keeps answering while Lighthouse loads the page. Used by
// bench.mjs; `node tests/bench/lighthouse.mjs` prints the scores alone.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DIST, ROOT } from '../browser/harness.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
};

/** Serves `dir` on 127.0.0.1, gzip-compressed when the client accepts it. */
export function serveGzip(dir) {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(dir, path.normalize(p));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=600' };
    let body = fs.readFileSync(file);
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      if (!cache.has(file)) cache.set(file, zlib.gzipSync(body, { level: 9 }));
      body = cache.get(file);
      headers['content-encoding'] = 'gzip';
      headers.vary = 'Accept-Encoding';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((r) => server.close(r)),
  })));
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const GOALS = { desktop: { performance: 98 }, mobile: { performance: 85 }, all: { accessibility: 100, 'best-practices': 100 } };

/** Runs Lighthouse once against `url`; `preset` is 'desktop' or 'mobile' (Lighthouse's default). */
async function run(url, preset) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-lighthouse-'));
  const report = path.join(out, 'report.json');
  const args = [url, '--quiet', '--output=json', `--output-path=${report}`,
    `--only-categories=${CATEGORIES.join(',')}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu'];
  if (preset === 'desktop') args.push('--preset=desktop');
  await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/lighthouse'), args, {
    env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? '/usr/bin/chromium' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const lhr = JSON.parse(fs.readFileSync(report, 'utf8'));
  fs.rmSync(out, { recursive: true, force: true });
  return lhr;
}

/**
 * Scores of `dir` with the desktop and mobile presets: table rows, what
 * missed a goal (with the audits that cost points), and Lighthouse's version.
 */
export async function lighthouseScores(dir = DIST) {
  const server = await serveGzip(dir);
  const rows = [], misses = [];
  let version = '';
  try {
    for (const preset of ['desktop', 'mobile']) {
      const lhr = await run(server.url, preset);
      version = lhr.lighthouseVersion;
      const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
      const metric = (id) => lhr.audits[id]?.displayValue ?? 'n/a';
      rows.push(`| ${preset} | ${CATEGORIES.map(score).join(' | ')} | ${['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift'].map(metric).join(' | ')} |`);
      for (const [c, goal] of Object.entries({ ...GOALS.all, ...GOALS[preset] })) {
        if (score(c) >= goal) continue;
        const lost = lhr.categories[c].auditRefs
          .filter((r) => r.weight > 0 && (lhr.audits[r.id].score ?? 1) < 1)
          .map((r) => `${r.id} (${lhr.audits[r.id].displayValue ?? lhr.audits[r.id].score})`);
        misses.push(`- ${preset} ${c} ${score(c)} < ${goal}: ${lost.join(', ') || 'no weighted audit failed'}`);
      }
    }
  } finally {
    await server.close();
  }
  return { version, rows, misses };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { version, rows, misses } = await lighthouseScores(process.argv[2] ? path.resolve(process.argv[2]) : DIST);
  console.log(`Lighthouse ${version}\n\n| preset | performance | accessibility | best practices | FCP | LCP | TBT | CLS |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}`);
  if (misses.length) console.log(misses.join('\n'));
}
