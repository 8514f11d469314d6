// Belegfluss admin UI: small progressive enhancements. Everything works without it, except "select all".
(() => {
  const items = (scope) => Array.from(scope.querySelectorAll('input[type="checkbox"][data-select-item]'));

  function syncSelectAll(scope) {
    const all = scope.querySelector('input[type="checkbox"][data-select-all]');
    if (!all) return;
    const boxes = items(scope).filter((b) => !b.disabled);
    const checked = boxes.filter((b) => b.checked).length;
    all.checked = boxes.length > 0 && checked === boxes.length;
    all.indeterminate = checked > 0 && checked < boxes.length;
  }

  const scopeOf = (el) => el.closest('[data-select-scope]') || document;

  document.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof HTMLSelectElement) {
      if (target.matches('[data-autosubmit]') && target.form) target.form.requestSubmit();
      return;
    }
    if (!(target instanceof HTMLInputElement)) return;
    if (target.matches('[data-select-all]')) {
      const scope = scopeOf(target);
      for (const box of items(scope)) if (!box.disabled) box.checked = target.checked;
      syncSelectAll(scope);
    } else if (target.matches('[data-select-item]')) {
      syncSelectAll(scopeOf(target));
    }
  });

  // Plain (non-htmx) forms that need a confirmation.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    const submitter = event.submitter;
    const message = submitter?.dataset.confirm || (form instanceof HTMLElement && form.dataset.confirm);
    if (message && !window.confirm(message)) event.preventDefault();
  });

  document.addEventListener('htmx:afterSettle', (event) => {
    const scope = scopeOf(event.target);
    syncSelectAll(scope);
  });
})();
