// Sessions and turns, newest first, a page at a time: paging is by position (seq), so it reaches every turn of a
// user with 100k of them; jumping to a date opens the page that ends there. The page lives in the URL.
import { html, useState } from '../../vendor/htm-preact.js';
import { api, userPath } from '../api.js';
import { formatDay, formatTime, navigate, Pending, plural, useResource } from '../common.js';
import { Photo } from '../photo.js';

export const PAGE_SIZE = 50;

/** Which page the URL names: the newest, the oldest, the one before/after a seq, or the one ending at a date. */
function pageOf(search) {
  const params = new URLSearchParams(search);
  if (params.get('before')) return { before: Number(params.get('before')) };
  if (params.get('after')) return { after: Number(params.get('after')) };
  if (params.get('at')) return { at: params.get('at') };
  if (params.get('oldest')) return { oldest: true };
  return {};
}

async function loadPage(user, page) {
  // One more than a page tells whether there is another one past it.
  const limit = PAGE_SIZE + 1;
  const ascending = page.after !== undefined || page.oldest;
  const query = ascending ? { order: 'asc', limit, after: page.after } : { order: 'desc', limit, before: page.before, to: page.at };
  const { turns } = await api(userPath(user, 'turns', query));
  const more = turns.length > PAGE_SIZE;
  const shown = turns.slice(0, PAGE_SIZE);
  if (ascending) shown.reverse();
  const newest = shown[0];
  const oldest = shown.at(-1);
  const sessions = newest ? (await api(userPath(user, 'sessions', { from: oldest.at, to: new Date(new Date(newest.at).getTime() + 1).toISOString() }))).sessions : [];
  return {
    turns: shown,
    sessions: new Map(sessions.map((session) => [session.id, session])),
    hasNewer: ascending ? more : page.before !== undefined || page.at !== undefined,
    hasOlder: ascending ? page.after !== undefined && page.after > 0 : more,
  };
}

function SessionHeader({ session, id }) {
  if (!session) return html`<h3 class="session">Session ${id.slice(0, 8)}</h3>`;
  return html`<h3 class="session">Session of ${formatDay(session.startedAt)} <span class="muted">· ${plural(session.turnCount, 'turn')}, ${formatTime(session.startedAt)} – ${formatTime(session.lastTurnAt)}${session.closedAt ? '' : ' · open'}</span></h3>`;
}

function TurnRow({ user, turn }) {
  const notes = turn.enrichment?.photos ?? [];
  return html`<li class=${`turn turn-${turn.role}`} id=${`turn-${turn.id}`}>
    <div class="turn-meta"><span class="seq">#${turn.seq}</span> <time datetime=${turn.at}>${formatTime(turn.at)}</time> · <strong>${turn.speaker ?? turn.role}</strong></div>
    <div class="turn-text">${turn.text}</div>
    ${turn.images.length > 0 && html`<div class="photos">${turn.images.map((sha, index) => html`<${Photo} user=${user} sha256=${sha} note=${notes[index]} />`)}</div>`}
  </li>`;
}

function Pager({ base, data }) {
  const newestSeq = data.turns[0]?.seq;
  const oldestSeq = data.turns.at(-1)?.seq;
  const [day, setDay] = useState('');
  const jump = (event) => {
    event.preventDefault();
    // The end of the chosen day (UTC): the page shows that day's last turns and what came before.
    if (day) navigate(`${base}?at=${encodeURIComponent(new Date(`${day}T23:59:59.999Z`).toISOString())}`);
  };
  return html`<nav class="pager" aria-label="Timeline pages">
    <button type="button" disabled=${!data.hasNewer} onClick=${() => navigate(base)}>Newest</button>
    <button type="button" disabled=${!data.hasNewer} onClick=${() => navigate(`${base}?after=${newestSeq}`)}>Newer</button>
    <span class="position" aria-live="polite">${data.turns.length ? `turns #${oldestSeq}–#${newestSeq}` : 'no turns'}</span>
    <button type="button" disabled=${!data.hasOlder} onClick=${() => navigate(`${base}?before=${oldestSeq}`)}>Older</button>
    <button type="button" disabled=${!data.hasOlder} onClick=${() => navigate(`${base}?oldest=1`)}>Oldest</button>
    <form class="inline" onSubmit=${jump}>
      <label for="jump-date">Jump to date</label>
      <input id="jump-date" type="date" value=${day} onInput=${(event) => setDay(event.currentTarget.value)} />
      <button type="submit">Go</button>
    </form>
  </nav>`;
}

export function TimelineView({ user, search }) {
  const page = pageOf(search);
  const timeline = useResource(() => loadPage(user, page), [user, search]);
  const base = `/inspector/users/${encodeURIComponent(user)}/timeline`;
  const data = timeline.data;
  const groups = [];
  for (const turn of data?.turns ?? []) {
    if (groups.at(-1)?.sessionId !== turn.sessionId) groups.push({ sessionId: turn.sessionId, turns: [] });
    groups.at(-1).turns.push(turn);
  }
  return html`<div class="view"><h1>Timeline</h1>
    <${Pending} resource=${timeline} what="turns" />
    ${data && html`<${Pager} base=${base} data=${data} />
      ${data.turns.length === 0 ? html`<p>No turns here.</p>` : groups.map((group) => html`<section class="session-group" aria-label="session">
        <${SessionHeader} session=${data.sessions.get(group.sessionId)} id=${group.sessionId} />
        <ol class="turns">${group.turns.map((turn) => html`<${TurnRow} key=${turn.id} user=${user} turn=${turn} />`)}</ol>
      </section>`)}`}</div>`;
}
