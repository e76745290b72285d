// Trunk post-build hook (release builds): moves Trunk's inline module loader
// into a static file and adds a strict Content-Security-Policy, so the page
// runs no inline script at all. Debug builds (trunk serve) are left alone,
// since Trunk's live reload needs an inline script.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

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
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (!m) throw new Error('Trunk inline loader not found in index.html');
const hash = crypto.createHash('sha256').update(m[1]).digest('hex').slice(0, 16);
const boot = `boot-${hash}.js`;
fs.writeFileSync(path.join(dir, boot), m[1].trim() + '\n');
html = html.replace(inline, `<script type="module" src="./${boot}"></script>`);
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('an inline script is left in index.html');
fs.writeFileSync(file, html);
console.log(`csp: loader moved to ${boot}, policy added`);
