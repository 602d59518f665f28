// Small pieces every page uses.
import { cloneElement, h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);

export function Status({ value }) {
  const [word, tone] = value;
  return word === '—' ? word : html`<span class="status ${tone}">${word}</span>`;
}

export function ErrorBanner({ error }) {
  if (!error) return null;
  const details = error.details || [];
  return html`<div class="banner error" role="alert">
    <strong>${error.message}</strong>
    ${details.length > 0 && html`<ul>${details.map((d) => html`<li><code>${d.path}</code>: ${(d.errors || []).join('; ')}</li>`)}</ul>`}
  </div>`;
}

export function Loading({ what }) {
  return html`<p class="loading" role="status">Loading ${what}…</p>`;
}

/** Tabs as WAI-ARIA describes them: the arrow keys, Home and End move between tabs. */
export function Tabs({ tabs, selected, onSelect, label }) {
  const keys = (event) => {
    const index = tabs.findIndex((t) => t.id === selected);
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = tabs[(moves[event.key] + tabs.length) % tabs.length];
    onSelect(next.id);
    requestAnimationFrame(() => document.getElementById(`tab-${next.id}`)?.focus());
  };
  return html`<div class="tabs" role="tablist" aria-label=${label} onKeyDown=${keys}>
    ${tabs.map((tab) => html`<button role="tab" id="tab-${tab.id}" aria-selected=${tab.id === selected ? 'true' : 'false'}
      aria-controls="panel-${tab.id}" tabindex=${tab.id === selected ? 0 : -1}
      onClick=${() => onSelect(tab.id)}>${tab.label}</button>`)}
  </div>`;
}

/**
 * A modal question (the browser's <dialog>: focus kept inside, Escape cancels). `onConfirm` may be async; its
 * error is shown in the dialog.
 */
export function Confirm({ title, children, confirmLabel, danger, onConfirm, onClose }) {
  const dialog = useRef(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => {
    dialog.current.showModal();
    return () => dialog.current && dialog.current.open && dialog.current.close();
  }, []);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return html`<dialog ref=${dialog} aria-labelledby="dialog-title" onCancel=${(e) => { e.preventDefault(); onClose(); }}>
    <h2 id="dialog-title">${title}</h2>
    ${children}
    <${ErrorBanner} error=${error} />
    <div class="actions">
      <button type="button" onClick=${onClose}>Cancel</button>
      <button type="button" class=${danger ? 'danger' : 'primary'} disabled=${busy} onClick=${confirm}>${confirmLabel}</button>
    </div>
  </dialog>`;
}

/** A labelled input with its errors from the server, tied together for screen readers. */
export function Field({ id, label, hint, errors, children }) {
  const described = [hint ? `${id}-hint` : null, errors && errors.length ? `${id}-error` : null].filter(Boolean).join(' ');
  const control = Array.isArray(children) ? children[0] : children;
  const input = cloneElement(control, { id, 'aria-invalid': errors && errors.length ? 'true' : 'false',
    'aria-describedby': described || undefined });
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${input}
    ${hint && html`<span class="hint" id="${id}-hint">${hint}</span>`}
    ${errors && errors.length > 0 && html`<span class="error" id="${id}-error">${errors.join('; ')}</span>`}
  </div>`;
}
