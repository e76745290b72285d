// Trunk post-build hook (release builds only): adds a strict
// Content-Security-Policy to index.html and minifies wasm-bindgen's glue with
// esbuild. Nothing else in Trunk's or wasm-bindgen's output is changed: the
// wasm is left as wasm-opt wrote it, and Trunk's inline module loader stays
// where Trunk put it, allowed by the policy through its SHA-256 hash (the only
// inline script the page may run). Debug builds (trunk serve) are left alone,
// since Trunk's live reload needs inline scripts of its own.
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
  // The service worker (a script of the page's own origin) and the manifest.
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');

// Trunk's loader: the one inline script, which imports the glue and starts the wasm.
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inline.length !== 1 || !inline[0].includes('TrunkApplicationStarted')) {
  throw new Error(`expected Trunk's loader as the page's one inline script, found ${inline.length}:\n${inline.join('\n---\n')}`);
}
const hash = `'sha256-${crypto.createHash('sha256').update(inline[0]).digest('base64')}'`;
const policy = CSP.replace("script-src 'self'", `script-src 'self' ${hash}`);
// Trunk minifies the page in release builds, so attributes may lose their quotes.
const charset = /<meta charset="?utf-8"? ?\/?>/i;
if (!charset.test(html)) throw new Error('no <meta charset> in index.html');
html = html.replace(charset, (tag) => `${tag}<meta http-equiv="Content-Security-Policy" content="${policy}">`);
// The files are changed below, so no hash of them may be in the page.
if (/\sintegrity=/.test(html)) throw new Error('index.html carries an integrity hash: give its Trunk links data-integrity="none"');
fs.writeFileSync(file, html);

// The glue, minified (Trunk leaves it as wasm-bindgen wrote it).
const glue = fs.readdirSync(dir).filter((f) => /^postmortem-web-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) throw new Error(`expected one wasm-bindgen glue file, found ${glue}`);
const glueFile = path.join(dir, glue[0]);
const code = fs.readFileSync(glueFile, 'utf8');
fs.writeFileSync(glueFile, transformSync(code, { minify: true, format: 'esm', target: 'es2020' }).code);
console.log(`csp: policy added (loader ${hash}), ${glue[0]} minified`);

// Last, once every file is final: the service worker and its list of files.
await import('./offline.mjs');
