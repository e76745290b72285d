// Runs before the app has arrived, before the stylesheet (which it must not
// wait for): inline in the release build (scripts/csp.mjs), fetched async by
// `trunk serve`. index.html shows a Title field that starts read-only; this
// fills it with the title of the postmortem the editor will reopen and makes
// it editable, so typing can start at once.
//
// It only reads storage, and it follows the app's start-up (src/ui/mod.rs,
// `startup`): the last open postmortem, then the others in the list, skipping
// any no longer stored. When it cannot be sure which postmortem will open
// (storage blocked or damaged, a copy from a newer editor), the field stays
// read-only until the app takes over, so nothing typed can be lost. The app
// takes over what was typed here, the focus and the caret (src/ui/early.rs).
// It also lists the stored postmortems as the app will, inert, so that the
// page keeps its layout when the app replaces it.
(() => {
  let title = '';
  let id = '';
  // Whether the postmortem start-up will open is known for sure.
  let sure = true;
  let entries = [];
  try {
    const store = window.localStorage;
    const index = JSON.parse(store.getItem('postmortem:index') ?? '{}');
    const listed = index.entries ?? [];
    const ids = [index.last_open, ...listed.map((e) => e.id)];
    entries = listed;
    for (const candidate of ids) {
      if (typeof candidate !== 'string') continue;
      const raw = store.getItem(`postmortem:doc:${candidate}`);
      if (raw === null) continue;
      const stored = JSON.parse(raw);
      // Envelope 1, or a bare document from before envelopes existed.
      const doc = stored.envelope === 1 ? stored.document : stored.envelope === undefined ? stored : null;
      if (!doc || doc.format !== 'postmortem' || doc.version !== 1 || typeof doc.title !== 'string') {
        sure = false;
        break;
      }
      title = doc.title;
      id = candidate;
      break;
    }
  } catch {
    sure = false;
  }
  // The list of postmortems as the app will draw it (src/ui/library.rs),
  // inert, so that in a narrow window the form below it does not move.
  const LABELS = { draft: 'Draft', review: 'In review', final: 'Final' };
  const list = () => {
    const ul = document.querySelector('#early nav.library ul');
    if (!ul || ul.childElementCount) return;
    ul.setAttribute('aria-hidden', 'true');
    for (const e of entries) {
      if (typeof e?.id !== 'string') continue;
      const li = document.createElement('li');
      if (sure && e.id === id) li.className = 'current';
      const button = li.appendChild(document.createElement('button'));
      button.type = 'button';
      button.className = 'doc-link';
      button.disabled = true;
      const name = typeof e.title === 'string' && e.title.trim() !== '' ? e.title : 'Untitled';
      const updated = typeof e.updated === 'string' && e.updated.length >= 16 ? e.updated.slice(0, 16).replaceAll('T', ' ') : '';
      const parts = [['doc-title', name], ['doc-meta', `${LABELS[e.status] ?? e.status} \u00b7 ${updated} UTC`]];
      for (const [cls, text] of parts) {
        const span = button.appendChild(document.createElement('span'));
        span.className = cls;
        span.textContent = text;
      }
      ul.appendChild(li);
    }
  };
  // Only the early page's field, and only while it is there: once the app
  // has replaced it, there is nothing to do.
  const fill = () => {
    const input = document.querySelector('#early #f-title');
    if (!input) return false;
    list();
    if (!sure) return true;
    input.value = title;
    input.dataset.loaded = title;
    input.dataset.doc = id;
    // The app waits while an input method is composing text here (src/ui/early.rs).
    input.addEventListener('compositionstart', () => { input.dataset.composing = ''; });
    input.addEventListener('compositionend', () => { delete input.dataset.composing; });
    input.readOnly = false;
    return true;
  };
  // Should the app fail to load (a file missing, a browser without
  // WebAssembly), the field must not go on taking text nobody will save:
  // it becomes read-only, keeping what was typed, and says so.
  const failed = (event) => {
    if (event.type === 'error' && event.target !== window && event.target?.tagName !== 'SCRIPT') return;
    const input = document.querySelector('#early #f-title');
    const note = document.getElementById('early-status');
    if (!input || !note) return;
    input.readOnly = true;
    note.textContent = 'The editor could not load. Reload the page to try again; '
      + 'until then, what you typed stays in this field to copy.';
  };
  if (sure) {
    window.addEventListener('error', failed, true);
    window.addEventListener('unhandledrejection', failed);
  }
  if (fill() || document.readyState !== 'loading') return;
  const watch = new MutationObserver(() => { if (fill()) watch.disconnect(); });
  watch.observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => watch.disconnect(), { once: true });
})();
