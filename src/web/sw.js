// The editor's service worker: after one visit, the editor opens and works
// with no network. scripts/offline.mjs writes this file into the release
// with the list of the release's files and a version made from their
// contents; a new release is a new version, which installs beside the old
// one and waits until the page asks it to take over (the page says "A new
// version is ready" and reloads only when the user chooses to).
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `postmortem-${VERSION}`;
// Every URL relative to where this worker lives, so any sub-path works.
const url = (file) => new URL(file, self.registration.scope).href;

self.addEventListener('install', (event) => {
  // Fresh from the server, past the browser's HTTP cache: this version's files, never an older copy.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(url(f), { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('postmortem-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A page of the editor is always its index.html, as this version has it.
    const key = request.mode === 'navigate' ? url('index.html') : request.url;
    const hit = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
    return hit ?? fetch(request);
  })());
});
