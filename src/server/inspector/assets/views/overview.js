// The person as the memory sees them: core profile, current Big Five (with its trajectory), habits and goals,
// and the people in their photos.
import { html } from '../../vendor/htm-preact.js';
import { api, userPath } from '../api.js';
import { formatDay, formatTime, Link, Pending, plural, useResource } from '../common.js';
import { Persons } from './persons.js';
import { PersonalityChart, TRAITS } from './personality-chart.js';

async function loadOverview(user) {
  const [memories, personality, persons, sessions] = await Promise.all([
    api(userPath(user, 'memories', { type: 'core,procedural', status: 'all' })),
    api(userPath(user, 'personality')),
    api(userPath(user, 'persons')),
    api(userPath(user, 'sessions')),
  ]);
  return { memories: memories.memories, personality, persons: persons.persons, sessions: sessions.sessions };
}

function Profile({ user, core }) {
  if (core.length === 0) return html`<p class="muted">No profile yet: it is written when a session closes.</p>`;
  return html`<dl class="profile">${core.map((memory) => html`<div>
    <dt>${(memory.key ?? 'profile').replace(/_/g, ' ')}</dt>
    <dd><${Link} href=${`/inspector/users/${encodeURIComponent(user)}/memories/${memory.id}`}>${String(memory.detail?.value ?? (memory.detail?.items ? memory.detail.items.join('; ') : memory.content))}<//></dd>
  </div>`)}</dl>`;
}

function Traits({ latest }) {
  if (!latest) return null;
  return html`<table class="traits"><caption>Current Big Five, after ${plural(latest.interactions, 'interaction')}</caption>
    <thead><tr><th scope="col">Trait</th><th scope="col">Score (1–5)</th></tr></thead>
    <tbody>${TRAITS.map((trait) => html`<tr><th scope="row">${trait}</th><td><meter min="1" max="5" value=${latest.traits[trait]} aria-label=${trait}></meter> ${latest.traits[trait].toFixed(2)}</td></tr>`)}</tbody>
  </table>`;
}

function Habits({ user, procedural }) {
  const active = procedural.filter((memory) => memory.status === 'active');
  const ended = procedural.filter((memory) => memory.status === 'retired');
  if (procedural.length === 0) return html`<p class="muted">No habits or goals yet: they are written when a session closes.</p>`;
  const item = (memory) => html`<li><${Link} href=${`/inspector/users/${encodeURIComponent(user)}/memories/${memory.id}`}><strong>${(memory.key ?? '').replace(/_/g, ' ')}</strong><//>: ${memory.content}${memory.validTo ? html` <span class="muted">(ended ${formatDay(memory.validTo)})</span>` : ''}</li>`;
  return html`<ul class="habits">${active.map(item)}</ul>
    ${ended.length > 0 && html`<details><summary>${plural(ended.length, 'ended habit or goal')}</summary><ul class="habits">${ended.map(item)}</ul></details>`}`;
}

export function OverviewView({ user }) {
  const overview = useResource(() => loadOverview(user), [user]);
  const pending = html`<${Pending} resource=${overview} what="the overview" />`;
  if (!overview.data) return html`<div class="view"><h1>${user}</h1>${pending}</div>`;
  const { memories, personality, persons, sessions } = overview.data;
  const turns = sessions.reduce((sum, session) => sum + session.turnCount, 0);
  const core = memories.filter((memory) => memory.type === 'core' && memory.status === 'active');
  return html`<div class="view"><h1>${user}</h1>
    <p class="summary">${plural(turns, 'turn')} in ${plural(sessions.length, 'session')}${sessions[0] ? html`, from ${formatTime(sessions[0].startedAt)} to ${formatTime(sessions.at(-1).lastTurnAt)}` : ''}.</p>
    <div class="grid">
      <section aria-labelledby="profile-title" class="card"><h2 id="profile-title">Core profile</h2><${Profile} user=${user} core=${core} /></section>
      <section aria-labelledby="habits-title" class="card"><h2 id="habits-title">Habits and goals</h2><${Habits} user=${user} procedural=${memories.filter((memory) => memory.type === 'procedural')} /></section>
    </div>
    <section aria-labelledby="personality-title" class="card"><h2 id="personality-title">Personality (Big Five)</h2>
      <${PersonalityChart} user=${user} trajectory=${personality.trajectory} total=${personality.count} />
      <${Traits} latest=${personality.latest} />
    </section>
    <section aria-labelledby="persons-title" class="card"><h2 id="persons-title">People in the photos</h2><${Persons} user=${user} persons=${persons} onNamed=${overview.reload} /></section></div>`;
}
