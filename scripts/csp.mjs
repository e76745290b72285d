// Trunk post-build hook (release builds): moves Trunk's inline module loader
// into a static file, puts early.js inline, and adds a strict
// Content-Security-Policy: the only inline script the page runs is early.js,
// allowed by its hash. It also minifies the JavaScript Trunk leaves as
// written (wasm-bindgen's glue, early.js) with esbuild: -1.3 KB gzip for the
// glue, whose integrity hash in index.html is updated to match. Debug builds
// (trunk serve) are left alone, since Trunk's live reload needs an inline script.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { transformSync } from 'esbuild';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk hook');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');
// Trunk minifies the page in release builds, so attributes may lose their quotes.
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (!m) throw new Error('Trunk inline loader not found in index.html');
const hash = crypto.createHash('sha256').update(m[1]).digest('hex').slice(0, 16);
const boot = `boot-${hash}.js`;
fs.writeFileSync(path.join(dir, boot), m[1].trim() + '\n');
html = html.replace(inline, `<script type="module" src="./${boot}"></script>`);
// early.js goes inline, allowed by its hash alone: as a file it would cost a
// request before the Title field could take typing.
const minify = (code) => transformSync(code, { minify: true, format: 'esm', target: 'es2020' }).code.trim();
const early = minify(fs.readFileSync(path.join(dir, 'early.js'), 'utf8'));
const earlyTag = /<script async src="?early\.js"?><\/script>/;
if (!earlyTag.test(html)) throw new Error('early.js is not loaded by index.html');
html = html.replace(earlyTag, () => `<script>${early}</script>`);
fs.rmSync(path.join(dir, 'early.js'));
const earlyHash = `'sha256-${crypto.createHash('sha256').update(early).digest('base64')}'`;
const policy = CSP.replace("script-src 'self'", `script-src 'self' ${earlyHash}`);
const charset = /<meta charset="?utf-8"? ?\/?>/i;
if (!charset.test(html)) throw new Error('no <meta charset> in index.html');
html = html.replace(charset, (tag) => `${tag}<meta http-equiv="Content-Security-Policy" content="${policy}">`);
const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)];
if (inlineScripts.length !== 1 || inlineScripts[0][1] !== early) throw new Error('an inline script other than early.js is in index.html');
// wasm-bindgen's glue, minified, and the integrity its preload link checks.
const glue = fs.readdirSync(dir).filter((f) => /^postmortem-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) throw new Error(`expected one wasm-bindgen glue file, found ${glue.length}`);
const glueFile = path.join(dir, glue[0]);
const before = fs.readFileSync(glueFile, 'utf8');
const sri = (text) => `sha384-${crypto.createHash('sha384').update(text).digest('base64')}`;
const small = minify(before) + '\n';
if (!html.includes(sri(before))) throw new Error(`index.html does not carry the integrity of ${glue[0]}`);
html = html.replace(sri(before), sri(small));
fs.writeFileSync(glueFile, small);
fs.writeFileSync(file, html);
console.log(`csp: loader moved to ${boot}, policy added`);
