// The people recognised in the user's photos: each one's face, cropped from the newest photo it is in, the count
// of faces, and the name (given or changed here: recall then finds their photos by it).
import { html, useState } from '../../vendor/htm-preact.js';
import { api, userPath } from '../api.js';
import { ErrorBox, plural } from '../common.js';
import { FaceCrop } from '../photo.js';

function Person({ user, person, onNamed }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(person.name ?? '');
  const [error, setError] = useState(null);
  const label = person.name ?? `${person.id} (unnamed)`;
  const save = async (event) => {
    event.preventDefault();
    try {
      await api(userPath(user, `persons/${encodeURIComponent(person.id)}`), { method: 'PUT', json: { name: name.trim() || null } });
      setEditing(false);
      onNamed();
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<li>
    ${person.faces[0] ? html`<${FaceCrop} user=${user} face=${person.faces[0]} name=${label} />` : html`<span class="face"></span>`}
    <div>
      ${editing
        ? html`<form class="inline" onSubmit=${save}>
            <label for=${`name-${person.id}`} class="sr-only">Name of ${person.id}</label>
            <input id=${`name-${person.id}`} value=${name} onInput=${(event) => setName(event.currentTarget.value)} placeholder="empty: unnamed" />
            <button type="submit" class="primary">Save name</button>
            <button type="button" onClick=${() => setEditing(false)}>Cancel</button>
          </form>`
        : html`<strong>${label}</strong> <button type="button" class="link" onClick=${() => setEditing(true)} aria-label=${`Rename ${label}`}>${person.name ? 'Rename' : 'Name'}</button>`}
      <div class="muted">${plural(person.count, 'face')}</div>
      <${ErrorBox} error=${error} />
    </div>
  </li>`;
}

export function Persons({ user, persons, onNamed }) {
  if (persons.length === 0) return html`<p class="muted">No faces recognised in the photos yet.</p>`;
  return html`<ul class="persons">${persons.map((person) => html`<${Person} key=${person.id} user=${user} person=${person} onNamed=${onNamed} />`)}</ul>`;
}
