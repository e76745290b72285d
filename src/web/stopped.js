// What the page says when the editor stops: a panic in the wasm (the
// release aborts, a trap right after the panic hook), or a trap with no
// panic at all (out of memory, a fault in the wasm itself), which no Rust
// code sees. It is plain script, loaded before the wasm, so it still works
// when the wasm cannot run: the save status says "Not saved", an alert says
// the editor stopped and that what was saved before is safe, and a Reload
// link (a link to the page itself) is offered. `window.pmStopped` tells the
// editor's storage code never to write again (src/ui/storage.rs).
(() => {
  const ALERT = 'editor-stopped';
  const show = () => {
    window.pmStopped = true;
    if (document.getElementById(ALERT)) return;
    // A copy of the save status replaces it, so nothing can set "Saved" on it again.
    const old = document.querySelector('.save-state');
    if (old) {
      const status = document.createElement('p');
      status.className = 'save-state failed';
      status.setAttribute('role', 'status');
      status.textContent = 'Not saved';
      old.replaceWith(status);
    }
    const alert = document.createElement('div');
    alert.id = ALERT;
    alert.className = 'banner error';
    alert.setAttribute('role', 'alert');
    const text = document.createElement('p');
    text.textContent = 'The editor stopped because of a fault in it, and nothing more is saved from this tab. '
      + "What was saved before is safe in this browser's storage. Reload the page to go on.";
    const reload = document.createElement('a');
    reload.setAttribute('href', '');
    reload.className = 'button';
    reload.textContent = 'Reload';
    alert.append(text, reload);
    const place = document.querySelector('.banners') || document.body;
    place.prepend(alert);
    document.querySelector('.banners')?.scrollIntoView(true);
  };
  window.pmEditorStopped = show;
  const trapped = (error) => {
    if (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) show();
  };
  addEventListener('error', (e) => trapped(e.error));
  addEventListener('unhandledrejection', (e) => trapped(e.reason));
})();
