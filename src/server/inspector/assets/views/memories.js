// The user's memories: filter by type and status, search their words on the server (every memory the user has, not
// the ones a page happened to load), a page at a time with the total, and open one for its provenance, history and
// the edit / forget actions. The filters and the page live in the URL, so a link opens the same list.
import { html, useEffect, useState } from '../../vendor/htm-preact.js';
import { api, userPath } from '../api.js';
import { formatDay, Link, Pending, plural, useResource } from '../common.js';
import { MemoryDetail } from './memory-detail.js';

const TYPES = ['core', 'semantic', 'episodic', 'procedural'];
const STATUSES = ['active', 'superseded', 'retired', 'all'];
export const PAGE_SIZE = 100;
/** How long typing pauses before the search is sent. */
const TYPING_PAUSE_MS = 250;

/** The list the URL names: its filters and the first row of the page. */
function listOf(search) {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const offset = Number(params.get('offset'));
  return {
    type: TYPES.includes(params.get('type')) ? params.get('type') : '',
    status: STATUSES.includes(status) ? status : 'active',
    text: params.get('q') ?? '',
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** `?type=…&status=…&q=…&offset=…`, the defaults left out. */
function searchOf(list) {
  const params = new URLSearchParams();
  if (list.type) params.set('type', list.type);
  if (list.status !== 'active') params.set('status', list.status);
  if (list.text.trim()) params.set('q', list.text.trim());
  if (list.offset > 0) params.set('offset', String(list.offset));
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** The URL follows the list without a history entry per keystroke or filter. */
function replaceSearch(search) {
  history.replaceState(null, '', `${window.location.pathname}${search}`);
  dispatchEvent(new PopStateEvent('popstate'));
}

function Filters({ list, onChange }) {
  const [text, setText] = useState(list.text);
  // Back and forward (or a link) change the search under the box; typing a space at the end does not.
  useEffect(() => {
    if (text.trim() !== list.text) setText(list.text);
  }, [list.text]);
  useEffect(() => {
    if (text.trim() === list.text) return undefined;
    const timer = setTimeout(() => onChange({ text }), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const set = (name) => (event) => onChange({ [name]: event.currentTarget.value });
  return html`<form class="filters" role="search" onSubmit=${(event) => { event.preventDefault(); onChange({ text }); }}>
    <label>Type <select value=${list.type} onChange=${set('type')}><option value="">all types</option>${TYPES.map((type) => html`<option value=${type}>${type}</option>`)}</select></label>
    <label>Status <select value=${list.status} onChange=${set('status')}>${STATUSES.map((status) => html`<option value=${status}>${status}</option>`)}</select></label>
    <label>Search <input type="search" value=${text} onInput=${(event) => setText(event.currentTarget.value)} placeholder="words in the memory" /></label>
  </form>`;
}

function Pager({ list, total, shown, onChange }) {
  if (total <= PAGE_SIZE) return null;
  const last = Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE;
  return html`<nav class="pager" aria-label="Memory pages">
    <button type="button" disabled=${list.offset === 0} onClick=${() => onChange({ offset: 0 }, false)}>First</button>
    <button type="button" disabled=${list.offset === 0} onClick=${() => onChange({ offset: Math.max(0, list.offset - PAGE_SIZE) }, false)}>Previous</button>
    <span class="position">${(list.offset + 1).toLocaleString('en')}–${(list.offset + shown).toLocaleString('en')} of ${total.toLocaleString('en')}</span>
    <button type="button" disabled=${list.offset + shown >= total} onClick=${() => onChange({ offset: list.offset + PAGE_SIZE }, false)}>Next</button>
    <button type="button" disabled=${list.offset >= last} onClick=${() => onChange({ offset: last }, false)}>Last</button>
  </nav>`;
}

export function MemoriesView({ user, item, search }) {
  const list = listOf(search);
  const query = searchOf(list);
  const memories = useResource(
    () => api(userPath(user, 'memories', { type: list.type, status: list.status, text: list.text.trim(), limit: PAGE_SIZE, offset: list.offset })),
    [user, query],
  );
  // A new filter or search starts at the first page; a page button keeps the filters.
  const change = (patch, fromStart = true) => replaceSearch(searchOf({ ...list, ...patch, ...(fromStart ? { offset: 0 } : {}) }));
  const base = `/inspector/users/${encodeURIComponent(user)}/memories`;
  const data = memories.data;
  const searching = list.text.trim() !== '';
  return html`<div class="view"><h1>Memories</h1>
    <div class=${item ? 'split' : ''}>
      <div>
        <${Filters} list=${list} onChange=${change} />
        <${Pending} resource=${memories} what="memories" />
        ${data && html`<p class="muted" aria-live="polite">${plural(data.total, 'memory', 'memories')}${searching ? (data.total === 1 ? ' matches' : ' match') : ''}</p>
        <${Pager} list=${list} total=${data.total} shown=${data.memories.length} onChange=${change} />
        <table class="memories" aria-busy=${memories.loading ? 'true' : 'false'}><caption class="sr-only">Memories</caption>
          <thead><tr><th scope="col">Type</th><th scope="col">Memory</th><th scope="col">Status</th><th scope="col">Since</th></tr></thead>
          <tbody>${data.memories.map((memory) => html`<tr key=${memory.id} class=${memory.id === item ? 'selected' : ''}>
            <td>${memory.type}${memory.key ? html`<div class="muted">${memory.key}</div>` : ''}</td>
            <td><${Link} href=${`${base}/${memory.id}${query}`}>${memory.content}<//></td>
            <td><span class=${`status status-${memory.status}`}>${memory.status}</span></td>
            <td>${formatDay(memory.validFrom)}</td>
          </tr>`)}</tbody>
        </table>`}
      </div>
      ${item && html`<${MemoryDetail} key=${item} user=${user} id=${item} listPath=${`${base}${query}`} onChanged=${memories.reload} />`}
    </div></div>`;
}
