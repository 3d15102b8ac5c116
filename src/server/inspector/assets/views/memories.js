// The user's memories: filter by type and status, search their words, and open one for its provenance, history
// and the edit / forget actions.
import { html, useState } from '../../vendor/htm-preact.js';
import { api, userPath } from '../api.js';
import { formatDay, Link, Pending, plural, useResource } from '../common.js';
import { MemoryDetail } from './memory-detail.js';

const TYPES = ['core', 'semantic', 'episodic', 'procedural'];
const STATUSES = ['active', 'superseded', 'retired', 'all'];
/** The most the API lists at once; past it the page says so instead of dropping the rest silently. */
const LIMIT = 10000;

function matches(memory, words) {
  const haystack = `${memory.content} ${memory.key ?? ''} ${memory.keywords.join(' ')}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

function Filters({ filters, setFilters }) {
  const set = (name) => (event) => setFilters({ ...filters, [name]: event.currentTarget.value });
  return html`<form class="filters" role="search" onSubmit=${(event) => event.preventDefault()}>
    <label>Type <select value=${filters.type} onChange=${set('type')}><option value="">all types</option>${TYPES.map((type) => html`<option value=${type}>${type}</option>`)}</select></label>
    <label>Status <select value=${filters.status} onChange=${set('status')}>${STATUSES.map((status) => html`<option value=${status}>${status}</option>`)}</select></label>
    <label>Search <input type="search" value=${filters.text} onInput=${set('text')} placeholder="words in the memory" /></label>
  </form>`;
}

export function MemoriesView({ user, item }) {
  const [filters, setFilters] = useState({ type: '', status: 'active', text: '' });
  const list = useResource(() => api(userPath(user, 'memories', { type: filters.type, status: filters.status, limit: LIMIT })), [user, filters.type, filters.status]);
  const words = filters.text.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = (list.data?.memories ?? []).filter((memory) => matches(memory, words));
  const base = `/inspector/users/${encodeURIComponent(user)}/memories`;
  return html`<div class="view"><h1>Memories</h1>
    <div class=${item ? 'split' : ''}>
      <div>
        <${Filters} filters=${filters} setFilters=${setFilters} />
        <${Pending} resource=${list} what="memories" />
        ${list.data && html`<p class="muted" aria-live="polite">${plural(shown.length, 'memory', 'memories')}${words.length ? ' match' : ''}</p>
        ${list.data.memories.length === LIMIT && html`<p role="note">Only the first ${LIMIT.toLocaleString('en')} memories are listed: choose a type or status to see the others.</p>`}
        <table class="memories"><caption class="sr-only">Memories</caption>
          <thead><tr><th scope="col">Type</th><th scope="col">Memory</th><th scope="col">Status</th><th scope="col">Since</th></tr></thead>
          <tbody>${shown.map((memory) => html`<tr key=${memory.id} class=${memory.id === item ? 'selected' : ''}>
            <td>${memory.type}${memory.key ? html`<div class="muted">${memory.key}</div>` : ''}</td>
            <td><${Link} href=${`${base}/${memory.id}`}>${memory.content}<//></td>
            <td><span class=${`status status-${memory.status}`}>${memory.status}</span></td>
            <td>${formatDay(memory.validFrom)}</td>
          </tr>`)}</tbody>
        </table>`}
      </div>
      ${item && html`<${MemoryDetail} key=${item} user=${user} id=${item} onChanged=${list.reload} />`}
    </div></div>`;
}
