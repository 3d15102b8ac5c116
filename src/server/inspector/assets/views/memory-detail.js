// One memory: what it says, where it came from (the source turns, and the image regions it was read in, drawn on
// the photo), the versions before it (superseded or retired, and by which turn), and the correct / forget actions.
import { html, useState } from '../../vendor/htm-preact.js';
import { api, userPath } from '../api.js';
import { ErrorBox, formatTime, Link, navigate, Pending, useResource } from '../common.js';
import { Photo } from '../photo.js';
import { ConfirmDialog } from './confirm-dialog.js';

async function loadMemory(user, id) {
  const [detail, history] = await Promise.all([api(userPath(user, `memories/${id}`)), api(userPath(user, `memories/${id}/history`))]);
  // The turns that superseded or retired a version: why it changed.
  const changers = [...new Set(history.history.map((version) => version.supersededByTurnId).filter(Boolean))];
  const turns = await Promise.all(changers.map((turnId) => api(userPath(user, `turns/${turnId}`)).then((body) => body.turn, () => null)));
  return { ...detail, history: history.history, changedBy: new Map(turns.filter(Boolean).map((turn) => [turn.id, turn])) };
}

function Provenance({ user, memory, sourceTurns }) {
  const regions = new Map();
  for (const region of memory.sourceRegions) regions.set(region.imageSha256, [...(regions.get(region.imageSha256) ?? []), region]);
  const timeline = `/inspector/users/${encodeURIComponent(user)}/timeline`;
  return html`<section aria-labelledby="provenance-title"><h3 id="provenance-title">Where it came from</h3>
    ${sourceTurns.length === 0 && html`<p class="muted">No source turns (written by hand or imported).</p>`}
    <ul class="sources">${sourceTurns.map((turn) => html`<li>
      <div class="turn-meta"><${Link} href=${`${timeline}?before=${turn.seq + 1}`}>#${turn.seq}<//> ${formatTime(turn.at)} · <strong>${turn.speaker ?? turn.role}</strong></div>
      <div>${turn.text}</div>
      ${turn.images.length > 0 && html`<div class="photos">${turn.images.map((sha, index) => html`<${Photo} user=${user} sha256=${sha} note=${turn.enrichment?.photos?.[index]} regions=${regions.get(sha) ?? []} size=${regions.has(sha) ? 'large' : 'thumb'} />`)}</div>`}
    </li>`)}</ul>
    ${[...regions.keys()].filter((sha) => !sourceTurns.some((turn) => turn.images.includes(sha))).map((sha) => html`<${Photo} user=${user} sha256=${sha} regions=${regions.get(sha)} size="large" />`)}
  </section>`;
}

function History({ history, changedBy }) {
  return html`<section aria-labelledby="history-title"><h3 id="history-title">Versions (${history.length})</h3>
    <ol class="history">${history.map((version) => {
      const turn = version.supersededByTurnId ? changedBy.get(version.supersededByTurnId) : null;
      return html`<li class=${`version version-${version.status}`}>
        <div><span class=${`status status-${version.status}`}>${version.status}</span> ${version.content}</div>
        <div class="muted">from ${formatTime(version.validFrom)}${version.validTo ? ` to ${formatTime(version.validTo)}` : ''}</div>
        ${version.status !== 'active' && html`<div class="muted">${turn ? html`${version.status} by turn #${turn.seq}: “${turn.text}”` : version.supersededByTurnId ? `${version.status} by turn ${version.supersededByTurnId}` : `${version.status} by an edit`}</div>`}
      </li>`;
    })}</ol>
  </section>`;
}

function Actions({ user, memory, listPath, onChanged, reload }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(memory.content);
  const [confirm, setConfirm] = useState(null);
  const [error, setError] = useState(null);
  const run = async (action) => {
    setConfirm(null);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    }
  };
  const save = () => run(async () => {
    await api(userPath(user, `memories/${memory.id}`), { method: 'PATCH', json: { content: text.trim() } });
    setEditing(false);
    onChanged();
    reload();
  });
  const forget = () => run(async () => {
    await api(userPath(user, `memories/${memory.id}`), { method: 'DELETE' });
    onChanged();
    navigate(listPath);
  });
  if (memory.status !== 'active') return html`<p class="muted">An old version: edit or forget the current one.</p>`;
  return html`<div class="memory-actions">
    <${ErrorBox} error=${error} />
    ${editing
      ? html`<form onSubmit=${(event) => { event.preventDefault(); if (text.trim() && text.trim() !== memory.content) setConfirm('edit'); }}>
          <label for="memory-text">Corrected text</label>
          <textarea id="memory-text" rows="3" value=${text} onInput=${(event) => setText(event.currentTarget.value)}></textarea>
          <div class="actions"><button type="button" onClick=${() => setEditing(false)}>Cancel</button><button type="submit" class="primary">Save correction</button></div>
        </form>`
      : html`<div class="actions"><button type="button" onClick=${() => setEditing(true)}>Edit</button><button type="button" class="danger" onClick=${() => setConfirm('forget')}>Forget</button></div>`}
    ${confirm === 'edit' && html`<${ConfirmDialog} title="Save this correction?" confirmLabel="Save" onConfirm=${save} onCancel=${() => setConfirm(null)}>
      <p>The memory will read “${text.trim()}”. The old text stays in its history.</p><//>`}
    ${confirm === 'forget' && html`<${ConfirmDialog} title="Forget this memory?" confirmLabel="Forget" danger=${true} onConfirm=${forget} onCancel=${() => setConfirm(null)}>
      <p>“${memory.content}” and all its versions are deleted. This cannot be undone.</p><//>`}
  </div>`;
}

/** `listPath`: where forgetting it goes back to (the list it was opened from). */
export function MemoryDetail({ user, id, listPath, onChanged }) {
  const memory = useResource(() => loadMemory(user, id), [user, id]);
  const data = memory.data;
  return html`<aside class="card detail" aria-labelledby="memory-title">
    <h2 id="memory-title">Memory</h2>
    <${Pending} resource=${memory} what="the memory" />
    ${data && html`<p class="memory-content">${data.memory.content}</p>
      <dl class="facts">
        <div><dt>Type</dt><dd>${data.memory.type}${data.memory.key ? ` · ${data.memory.key}` : ''}</dd></div>
        <div><dt>Status</dt><dd><span class=${`status status-${data.memory.status}`}>${data.memory.status}</span></dd></div>
        <div><dt>Valid</dt><dd>${formatTime(data.memory.validFrom)}${data.memory.validTo ? ` – ${formatTime(data.memory.validTo)}` : ' – now'}</dd></div>
        ${data.memory.eventTime && html`<div><dt>About</dt><dd>${formatTime(data.memory.eventTime.from)} – ${formatTime(data.memory.eventTime.to)}</dd></div>`}
        ${data.memory.keywords.length > 0 && html`<div><dt>Keywords</dt><dd>${data.memory.keywords.join(', ')}</dd></div>`}
      </dl>
      <${Actions} user=${user} memory=${data.memory} listPath=${listPath} onChanged=${onChanged} reload=${memory.reload} />
      <${Provenance} user=${user} memory=${data.memory} sourceTurns=${data.sourceTurns} />
      <${History} history=${data.history} changedBy=${data.changedBy} />`}
  </aside>`;
}
