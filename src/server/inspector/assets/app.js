// The inspector's shell: the key, the user, the views, and the routes (/inspector/users/:id/<view>[/<item>]).
import { html, render, useEffect, useState } from '../vendor/htm-preact.js';
import { apiKey } from './api.js';
import { Link } from './common.js';
import { JobsView } from './views/jobs.js';
import { MemoriesView } from './views/memories.js';
import { OverviewView } from './views/overview.js';
import { RecallView } from './views/recall.js';
import { TimelineView } from './views/timeline.js';
import { UsersView } from './views/users.js';

const VIEWS = [
  { id: 'overview', label: 'Overview', component: OverviewView },
  { id: 'timeline', label: 'Timeline', component: TimelineView },
  { id: 'memories', label: 'Memories', component: MemoriesView },
  { id: 'recall', label: 'Recall', component: RecallView },
  { id: 'jobs', label: 'Jobs', component: JobsView },
];

/** /inspector/users/ana/memories/<id> → { user: 'ana', view: 'memories', item: '<id>' }. */
export function parseRoute(pathname) {
  const match = /^\/inspector\/users\/([^/]+)(?:\/([a-z]+))?(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!match) return { user: null, view: null, item: null };
  return { user: decodeURIComponent(match[1]), view: match[2] ?? 'overview', item: match[3] ? decodeURIComponent(match[3]) : null };
}

function useLocation() {
  const [location, setLocation] = useState({ pathname: window.location.pathname, search: window.location.search });
  useEffect(() => {
    const update = () => setLocation({ pathname: window.location.pathname, search: window.location.search });
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return location;
}

function KeyForm({ onSaved }) {
  const [value, setValue] = useState('');
  const submit = (event) => {
    event.preventDefault();
    if (value.trim()) apiKey.set(value.trim());
    else apiKey.clear();
    setValue('');
    onSaved();
  };
  return html`<form class="key-form" onSubmit=${submit}>
    <label for="api-key">API key</label>
    <input id="api-key" type="password" autocomplete="off" placeholder=${apiKey.get() ? 'a key is set for this tab' : 'paste a key (none on a --no-auth server)'} value=${value} onInput=${(event) => setValue(event.currentTarget.value)} />
    <button type="submit">Use key</button>
  </form>`;
}

function Header({ route, onKey }) {
  const base = route.user ? `/inspector/users/${encodeURIComponent(route.user)}` : null;
  return html`<header class="top">
    <div class="brand"><${Link} href="/inspector">personavlm inspector<//>${route.user && html`<span class="who"> · ${route.user}</span>`}</div>
    ${base && html`<nav aria-label="Views"><ul>
      ${VIEWS.map((view) => html`<li><${Link} href=${view.id === 'overview' ? base : `${base}/${view.id}`} aria-current=${route.view === view.id ? 'page' : undefined}>${view.label}<//></li>`)}
    </ul></nav>`}
    <${KeyForm} onSaved=${onKey} />
  </header>`;
}

/** Whether this server wants a key (from /healthz), so a page without one asks for it before loading anything. */
function useAuthMode() {
  const [mode, setMode] = useState(null);
  useEffect(() => {
    fetch('/healthz').then((response) => response.json()).then((body) => setMode(body.auth ?? 'bearer'), () => setMode('bearer'));
  }, []);
  return mode;
}

function App() {
  const location = useLocation();
  const [keyRound, setKeyRound] = useState(0);
  const auth = useAuthMode();
  const route = parseRoute(location.pathname);
  const view = VIEWS.find((candidate) => candidate.id === route.view);
  useEffect(() => {
    document.title = route.user ? `${view?.label ?? 'Not found'} · ${route.user} · personavlm inspector` : 'personavlm inspector';
  }, [route.user, route.view]);
  let body;
  if (auth === null) body = html`<p class="muted" role="status">Connecting…</p>`;
  else if (auth === 'bearer' && !apiKey.get()) body = html`<section class="card"><h1>API key needed</h1><p>This server needs an API key: enter it above (it is kept for this browser tab only and sent as <code>Authorization: Bearer</code>).</p></section>`;
  else if (!route.user) body = html`<${UsersView} key=${keyRound} />`;
  else if (!view) body = html`<p role="alert">There is no view "${route.view}". <${Link} href=${`/inspector/users/${encodeURIComponent(route.user)}`}>Open the overview<//>.</p>`;
  else body = html`<${view.component} key=${`${route.user}/${keyRound}`} user=${route.user} item=${route.item} search=${location.search} />`;
  return html`<div class="shell"><${Header} route=${route} onKey=${() => setKeyRound((n) => n + 1)} /><main id="main">${body}</main></div>`;
}

if (window.location.pathname === '/inspector/') history.replaceState(null, '', '/inspector');
const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
