// A modal question with a confirm and a cancel button (<dialog>: focus stays inside, Escape cancels).
import { html, useEffect, useRef } from '../../vendor/htm-preact.js';

export function ConfirmDialog({ title, children, confirmLabel, danger = false, onConfirm, onCancel }) {
  const dialog = useRef(null);
  useEffect(() => {
    dialog.current.showModal();
    const element = dialog.current;
    return () => element.open && element.close();
  }, []);
  return html`<dialog ref=${dialog} aria-labelledby="confirm-title" onCancel=${onCancel}>
    <h2 id="confirm-title">${title}</h2>
    <div>${children}</div>
    <div class="actions">
      <button type="button" onClick=${onCancel}>Cancel</button>
      <button type="button" class=${danger ? 'danger' : 'primary'} onClick=${onConfirm}>${confirmLabel}</button>
    </div>
  </dialog>`;
}
