// Exports checked by tools that are not ours: the JSON against the shipped
// schema with ajv, the Markdown with markdownlint-cli2 and Debian's cmark-gfm
// (every table must render as a table with the right number of cells).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { createRequire } from 'node:module';
import { ROOT, launch } from '../browser/harness.mjs';

let dir, names;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-exports-'));
  const out = execFileSync('cargo', ['run', '--quiet', '-p', 'postmortem-core', '--example', 'export_fixtures', '--', dir],
    { cwd: ROOT, encoding: 'utf8' });
  names = out.trim().split('\n');
  assert.ok(names.length >= 2, `expected fixtures, got ${names}`);
});

const schema = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'public/postmortem-v1.schema.json'), 'utf8'));

test('JSON exports validate against the shipped schema (ajv)', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema());
  for (const name of names) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'));
    assert.ok(validate(doc), `${name}.json: ${JSON.stringify(validate.errors, null, 1)}`);
  }
});

test('the schema rejects what the importer rejects', () => {
  const validate = new Ajv2020({ strict: true }).compile(schema());
  const doc = JSON.parse(fs.readFileSync(path.join(dir, `${names[0]}.json`), 'utf8'));
  assert.equal(validate({ ...doc, ownr: 'typo' }), false, 'unknown key');
  assert.equal(validate({ ...doc, version: 2 }), false, 'newer version');
  assert.equal(validate({ ...doc, status: 'done' }), false, 'unknown status');
});

// The hostile fixture's fields deliberately hold Markdown an author's linter would
// flag (a fence without a language, blank runs); the export keeps user text
// verbatim, so it is checked for structure by cmark-gfm below, not linted.
const LINTED = (n) => n !== 'hostile';

test('Markdown exports pass markdownlint-cli2 (line length off)', () => {
  const files = names.filter(LINTED).map((n) => path.join(dir, `${n}.md`));
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/markdownlint-cli2'),
    ['--config', path.join(ROOT, '.markdownlint-cli2.jsonc'), ...files], { encoding: 'utf8' });
  assert.equal(r.status, 0, `markdownlint found problems:\n${r.stdout}${r.stderr}`);
});

test('cmark-gfm renders every exported table as a table with whole rows', () => {
  for (const name of names) {
    const md = fs.readFileSync(path.join(dir, `${name}.md`), 'utf8');
    // Like GitHub, render the body: front matter is metadata, shown apart.
    const body = md.replace(/^---\n[\s\S]*?\n---\n/, '');
    assert.notEqual(body, md, `${name}: front matter expected`);
    // --unsafe passes raw HTML through, so any that escaped our escaping shows up.
    const html = execFileSync('cmark-gfm', ['--unsafe', '--extension', 'table'], { input: body, encoding: 'utf8' });
    const expectedTables = md.split('\n').filter((l) => /^\|( --- \|)+$/.test(l)).length;
    const tables = html.split('<table>').slice(1);
    assert.equal(tables.length, expectedTables, `${name}: tables rendered`);
    for (const t of tables) {
      const body = t.split('</table>')[0];
      const columns = (body.split('</tr>')[0].match(/<th[ >]/g) ?? []).length;
      const rows = body.split('<tr>').slice(2);
      for (const row of rows) {
        assert.equal((row.match(/<td[ >]/g) ?? []).length, columns, `${name}: a row lost or gained a cell:\n${row}`);
      }
    }
    assert.doesNotMatch(html, /<script|<img|<b>|<svc>|<team>|<angles>/i, `${name}: raw HTML from a field reached the output`);
  }
});

test('the Markdown export carries a timeline chart GitHub draws: a mermaid block Mermaid itself parses and renders', async () => {
  const md = fs.readFileSync(path.join(dir, 'full.md'), 'utf8');
  const html = execFileSync('cmark-gfm', ['--extension', 'table'], { input: md.replace(/^---\n[\s\S]*?\n---\n/, ''), encoding: 'utf8' });
  const block = html.match(/<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/);
  assert.ok(block, 'cmark-gfm renders a language-mermaid code block');
  const source = block[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  assert.match(source, /^gantt\n {4}title Impact and response \(times in Europe\/Berlin\)\n/);
  for (const name of ['Impact started :milestone', 'Detected :milestone', 'Mitigated :milestone', 'Resolved :milestone', 'Time to detect 7 min :ttd, 2025-10-26 02:40:00, 7m']) {
    assert.ok(source.includes(name), `${name} in\n${source}`);
  }
  // Mermaid's own parser and renderer, in Chromium, as GitHub's viewer runs it.
  const require = createRequire(import.meta.url);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    const drawn = await page.evaluate(async (src) => {
      try {
        window.mermaid.initialize({ startOnLoad: false });
        await window.mermaid.parse(src);
        const { svg } = await window.mermaid.render('chart', src);
        return svg;
      } catch (e) { return `error: ${e.message ?? e}`; }
    }, source);
    assert.match(drawn, /^<svg/, drawn.slice(0, 300));
    assert.match(drawn, /Time to mitigate 44 min/);
  } finally {
    await browser.close();
  }
});

test('Mermaid draws the chart of an incident across a clock change the same in any browser zone', async () => {
  // New York sprang forward at 02:00 on 2025-03-09, between detection and acknowledgement.
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/full.json'), 'utf8'));
  doc.time_zone = 'America/New_York';
  doc.times = {
    started: '2025-03-08T22:00:00-05:00[America/New_York]', detected: '2025-03-09T01:30:00-05:00[America/New_York]',
    acknowledged: '2025-03-09T03:10:00-04:00[America/New_York]', mitigated: '2025-03-10T08:00:00-04:00[America/New_York]',
    resolved: '2025-03-10T23:00:00-04:00[America/New_York]',
  };
  const md = execFileSync('cargo', ['run', '--quiet', '-p', 'postmortem-core', '--example', 'convert', '--', 'md'],
    { cwd: ROOT, input: JSON.stringify(doc), encoding: 'utf8' });
  const source = md.match(/```mermaid\n([\s\S]*?)```/)[1];
  const require = createRequire(import.meta.url);
  const browser = await launch();
  // Where each bar and milestone is drawn (x and width, in the order Mermaid draws them).
  const drawn = async (timezoneId) => {
    const context = await browser.newContext({ timezoneId });
    const page = await context.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    const tasks = await page.evaluate(async (src) => {
      window.mermaid.initialize({ startOnLoad: false });
      document.body.innerHTML = (await window.mermaid.render('chart', src)).svg;
      return [...document.querySelectorAll('rect.task')].map((r) => `${r.getAttribute('x')} +${r.getAttribute('width')}`);
    }, source);
    await context.close();
    return tasks;
  };
  try {
    // In the incident's own zone Mermaid reads the wall clocks as written,
    // so that drawing is right; a browser elsewhere must draw the same.
    const home = await drawn('America/New_York');
    assert.equal(home.length, 10, source);
    for (const zone of ['UTC', 'Asia/Tokyo', 'Europe/London']) {
      assert.deepEqual(await drawn(zone), home, `seen in ${zone}:\n${source}`);
    }
  } finally {
    await browser.close();
  }
});
