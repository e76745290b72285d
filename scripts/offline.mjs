// Trunk post-build hook (release builds only), after csp.mjs: writes the
// service worker (src/web/sw.js) into the release with the list of files it
// caches — every file of the release but itself — and a version that is the
// SHA-256 of their names and contents, so a changed release is a new worker.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk hook');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const files = fs.readdirSync(dir).filter((f) => f !== 'sw.js' && fs.statSync(path.join(dir, f)).isFile()).sort();
if (!files.includes('index.html')) throw new Error('no index.html in the release');
const hash = crypto.createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(fs.readFileSync(path.join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
const template = fs.readFileSync(new URL('../src/web/sw.js', import.meta.url), 'utf8');
if (!template.includes("'__VERSION__'") || !template.includes('__FILES__')) throw new Error('src/web/sw.js lost its placeholders');
const worker = template.replace("'__VERSION__'", JSON.stringify(version)).replace('__FILES__', JSON.stringify(files));
fs.writeFileSync(path.join(dir, 'sw.js'), worker);
console.log(`offline: sw.js caches ${files.length} files (version ${version})`);
