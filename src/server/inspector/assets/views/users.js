// The start page: the users this key may see, and a box to open one by id.
import { html, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { formatTime, Link, navigate, Pending, useResource } from '../common.js';

export function UsersView() {
  const users = useResource(() => api('/v1/users'), []);
  const [id, setId] = useState('');
  const open = (event) => {
    event.preventDefault();
    if (id.trim()) navigate(`/inspector/users/${encodeURIComponent(id.trim())}`);
  };
  return html`<section aria-labelledby="users-title">
    <h1 id="users-title">Users</h1>
    <p class="muted">The people this memory knows, as your API key sees them.</p>
    <form class="inline" onSubmit=${open}>
      <label for="user-id">Open a user by id</label>
      <input id="user-id" value=${id} onInput=${(event) => setId(event.currentTarget.value)} placeholder="e.g. ana" />
      <button type="submit">Open</button>
    </form>
    <${Pending} resource=${users} what="users" />
    ${users.data && (users.data.users.length === 0
      ? html`<p>No users yet. Record a turn with <code>POST /v1/users/:user/turns</code> or <code>personavlm ingest</code>.</p>`
      : html`<table><caption class="sr-only">Users</caption><thead><tr><th scope="col">User</th><th scope="col">First seen</th></tr></thead><tbody>
          ${users.data.users.map((user) => html`<tr><td><${Link} href=${`/inspector/users/${encodeURIComponent(user.id)}`}>${user.id}<//></td><td>${formatTime(user.createdAt)}</td></tr>`)}
        </tbody></table>`)}
  </section>`;
}
