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
(() => {
  let title = '';
  let id = '';
  try {
    const store = window.localStorage;
    const index = JSON.parse(store.getItem('postmortem:index') ?? '{}');
    const ids = [index.last_open, ...(index.entries ?? []).map((e) => e.id)];
    for (const candidate of ids) {
      if (typeof candidate !== 'string') continue;
      const raw = store.getItem(`postmortem:doc:${candidate}`);
      if (raw === null) continue;
      const stored = JSON.parse(raw);
      // Envelope 1, or a bare document from before envelopes existed.
      const doc = stored.envelope === 1 ? stored.document : stored.envelope === undefined ? stored : null;
      if (!doc || doc.format !== 'postmortem' || doc.version !== 1 || typeof doc.title !== 'string') return;
      title = doc.title;
      id = candidate;
      break;
    }
  } catch {
    return;
  }
  // Only the early page's field, and only while it is there: once the app
  // has replaced it, there is nothing to do.
  const fill = () => {
    const input = document.querySelector('#early #f-title');
    if (!input) return false;
    input.value = title;
    input.dataset.loaded = title;
    input.dataset.doc = id;
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
  window.addEventListener('error', failed, true);
  window.addEventListener('unhandledrejection', failed);
  if (fill() || document.readyState !== 'loading') return;
  const watch = new MutationObserver(() => { if (fill()) watch.disconnect(); });
  watch.observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => watch.disconnect(), { once: true });
})();
