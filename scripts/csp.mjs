// Trunk post-build hook (release builds): moves Trunk's inline module loader
// to the end of wasm-bindgen's glue (the page loads the glue as its module
// script), puts early.js inline, and adds a strict Content-Security-Policy:
// the only inline script the page runs is early.js, allowed by its hash. It
// also minifies the JavaScript Trunk leaves as written (the glue, early.js)
// with esbuild and shortens the names the wasm and the glue call each other
// by (index.html carries no integrity hashes, see there). Debug builds
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
// Trunk's loader imports the glue, starts the wasm and announces it. It moves
// to the end of the glue itself, which the page then loads as its module
// script: one file less to fetch, and no inline script.
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (!m) throw new Error('Trunk inline loader not found in index.html');
const glueName = m[1].match(/from '\.\/(postmortem-[0-9a-f]+\.js)'/)?.[1];
const wasmPath = m[1].match(/module_or_path: '(\.\/postmortem-[0-9a-f]+_bg\.wasm)'/)?.[1];
if (!glueName || !wasmPath || !m[1].includes('TrunkApplicationStarted')) throw new Error(`Trunk's loader is not as expected:\n${m[1]}`);
const start = `__wbg_init({ module_or_path: '${wasmPath}' }).then((wasm) => dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } })));\n`;
html = html.replace(inline, `<script type="module" src="./${glueName}"></script>`);
const preload = new RegExp(`<link[^>]*\\.\\/${glueName.replace('.', '\\.')}[^>]*>`);
if (!preload.test(html)) throw new Error(`no modulepreload link for ${glueName}`);
html = html.replace(preload, '');
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
// wasm-bindgen's glue with the loader at its end, minified, and the wasm.
const glue = fs.readdirSync(dir).filter((f) => /^postmortem-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1 || glue[0] !== glueName) throw new Error(`expected one wasm-bindgen glue file, ${glueName}; found ${glue}`);
const glueFile = path.join(dir, glue[0]);
const before = fs.readFileSync(glueFile, 'utf8');
if (!/export \{[^}]*__wbg_init as default/.test(before)) throw new Error('the glue does not export __wbg_init');
const wasmFile = path.join(dir, glue[0].replace(/\.js$/, '_bg.wasm'));
const wasmBefore = fs.readFileSync(wasmFile);
const short = shortenNames(wasmBefore, minify(before + '\n' + start) + '\n');
html = html.replace(/ data-integrity="?none"?/g, '');
if (/\sintegrity=/.test(html)) throw new Error('index.html carries an integrity hash: the files it names change here');
fs.writeFileSync(glueFile, short.js);
fs.writeFileSync(wasmFile, short.wasm);
fs.writeFileSync(file, html);
console.log(`csp: loader moved into ${glueName}, policy added`);

/// The names the wasm and its glue call each other by, made short. wasm-bindgen
/// names each import after the JavaScript it calls plus a 16-digit hash
/// (`__wbg_addEventListener_f2d27251d333a631`) and each closure shim after its
/// Rust types; both files carry every name, and hashes do not compress. Each
/// import and export the glue uses is renamed to one or two letters, in both
/// files; exports the glue never uses (`main`, the split marker) are
/// dropped, and so are the custom sections, which only tools read
/// (producers, target features). The code is untouched.
function shortenNames(wasm, js) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let next = 0;
  const fresh = () => {
    const i = next++;
    return i < letters.length ? letters[i] : letters[Math.floor(i / letters.length) - 1] + letters[i % letters.length];
  };
  const renamed = new Map();
  // `name` as a whole identifier of the glue, not part of a longer one.
  const identifier = (name, flags) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, flags);
  const used = (name) => identifier(name).test(js);
  const rename = (name) => {
    if (name === 'memory') return name;
    if (!used(name)) return null;
    if (!renamed.has(name)) renamed.set(name, fresh());
    return renamed.get(name);
  };

  let p = 0;
  const leb = () => {
    let r = 0, shift = 0, x;
    do { x = wasm[p++]; r += (x & 0x7f) * 2 ** shift; shift += 7; } while (x & 0x80);
    return r;
  };
  const lebBytes = (n) => {
    const out = [];
    do { let x = n % 128; n = Math.floor(n / 128); if (n) x |= 0x80; out.push(x); } while (n);
    return Buffer.from(out);
  };
  const name = (s) => Buffer.concat([lebBytes(Buffer.byteLength(s)), Buffer.from(s)]);
  const readName = () => { const n = leb(); const s = wasm.subarray(p, p + n).toString('utf8'); p += n; return s; };
  // The bytes from `from` to the current position, as they are.
  const copy = (from) => wasm.subarray(from, p);

  const out = [wasm.subarray(0, 8)];
  p = 8;
  const module = './postmortem_bg.js';
  while (p < wasm.length) {
    const start = p;
    const id = wasm[p++];
    const size = leb();
    const end = p + size;
    let body = null;
    if (id === 0) {
      p = end;
      continue;
    } else if (id === 2) {
      const parts = [];
      const count = leb();
      for (let i = 0; i < count; i++) {
        const mod = readName();
        const field = readName();
        const from = p;
        const kind = wasm[p++];
        if (kind === 0) leb();
        else if (kind === 1) { p++; const flags = leb(); leb(); if (flags & 1) leb(); }
        else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); }
        else if (kind === 3) p += 2;
        else if (kind === 4) { p++; leb(); }
        else throw new Error(`unknown import kind ${kind}`);
        const short = mod === module ? rename(field) : field;
        if (short === null) throw new Error(`import ${field} is not named by the glue`);
        parts.push(name(mod === module ? 'x' : mod), name(short), copy(from));
      }
      body = Buffer.concat([lebBytes(count), ...parts]);
    } else if (id === 7) {
      const parts = [];
      const count = leb();
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const field = readName();
        const from = p;
        p++;
        leb();
        const short = rename(field);
        if (short === null) continue;
        kept++;
        parts.push(name(short), copy(from));
      }
      body = Buffer.concat([lebBytes(kept), ...parts]);
    }
    if (body) {
      if (p !== end) throw new Error(`section ${id} was not read to its end`);
      out.push(Buffer.from([id]), lebBytes(body.length), body);
    } else {
      out.push(wasm.subarray(start, end));
    }
    p = end;
  }
  let text = js;
  const quoted = JSON.stringify(module);
  if (!text.includes(quoted)) throw new Error(`the glue does not name ${module}`);
  text = text.split(quoted).join('"x"');
  for (const [long, short] of renamed) {
    text = text.replace(identifier(long, 'g'), short);
  }
  return { wasm: Buffer.concat(out), js: text };
}
