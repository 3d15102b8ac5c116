// The recall playground: a question (and optionally a time range and the time of asking) in, the ranked items a
// prompt would get out, each with its score parts and token cost.
import { html, useState } from '../../vendor/htm-preact.js';
import { api, userPath } from '../api.js';
import { ErrorBox, formatTime, Link, Loading } from '../common.js';
import { Photo } from '../photo.js';

const SOURCES = ['core', 'semantic', 'episodic', 'procedural', 'dialogue', 'image'];
/** datetime-local gives a wall time with no zone; the page works in UTC like the rest of it. */
const utc = (local) => (local ? new Date(`${local}:00Z`).toISOString() : undefined);

function ScoreParts({ parts }) {
  const entries = Object.entries(parts).filter(([, value]) => value !== 0);
  if (entries.length === 0) return html`<span class="muted">—</span>`;
  return html`<dl class="score-parts">${entries.map(([name, value]) => html`<div><dt>${name}</dt><dd>${value.toFixed(3)}</dd></div>`)}</dl>`;
}

function Item({ user, item, rank }) {
  const memoryLink = ['core', 'semantic', 'episodic', 'procedural'].includes(item.source) ? `/inspector/users/${encodeURIComponent(user)}/memories/${item.id}` : null;
  return html`<tr>
    <td>${rank}</td>
    <td>${memoryLink ? html`<${Link} href=${memoryLink}>${item.source}<//>` : item.source}<div class="muted">${formatTime(item.at)}</div></td>
    <td><pre class="item-text">${item.text}</pre>
      ${item.imageSha256s.length > 0 && html`<div class="photos">${item.imageSha256s.map((sha) => html`<${Photo} user=${user} sha256=${sha} regions=${item.sourceRegions.filter((region) => region.imageSha256 === sha)} />`)}</div>`}</td>
    <td>${item.score.toFixed(3)}<${ScoreParts} parts=${item.scoreParts} /></td>
    <td>${item.tokens}</td>
  </tr>`;
}

export function RecallView({ user }) {
  const [form, setForm] = useState({ q: '', from: '', to: '', at: '', budget: '', types: [] });
  const [state, setState] = useState({ loading: false, error: null, result: null });
  const set = (name) => (event) => setForm({ ...form, [name]: event.currentTarget.value });
  const toggle = (source) => setForm({ ...form, types: form.types.includes(source) ? form.types.filter((type) => type !== source) : [...form.types, source] });
  const submit = async (event) => {
    event.preventDefault();
    setState({ loading: true, error: null, result: null });
    try {
      const query = { q: form.q, from: utc(form.from), to: utc(form.to), at: utc(form.at), budget: form.budget, types: form.types.join(',') };
      setState({ loading: false, error: null, result: await api(userPath(user, 'recall', query)) });
    } catch (error) {
      setState({ loading: false, error, result: null });
    }
  };
  const result = state.result;
  return html`<div class="view"><h1>Recall playground</h1>
    <p class="muted">Exactly what a prompt would get for this question: ranked, packed within the token budget.</p>
    <form class="recall-form" onSubmit=${submit}>
      <label class="wide">Question <input name="q" required value=${form.q} onInput=${set('q')} placeholder="e.g. what is my cat called?" /></label>
      <label>From (UTC) <input type="datetime-local" value=${form.from} onInput=${set('from')} /></label>
      <label>To (UTC) <input type="datetime-local" value=${form.to} onInput=${set('to')} /></label>
      <label>Asked at (UTC) <input type="datetime-local" value=${form.at} onInput=${set('at')} /></label>
      <label>Token budget <input type="number" min="1" value=${form.budget} onInput=${set('budget')} placeholder="configured" /></label>
      <fieldset><legend>Sources</legend>${SOURCES.map((source) => html`<label class="check"><input type="checkbox" checked=${form.types.includes(source)} onChange=${() => toggle(source)} /> ${source}</label>`)}</fieldset>
      <button type="submit" class="primary">Recall</button>
    </form>
    <${ErrorBox} error=${state.error} />
    ${state.loading && html`<${Loading} what="recall" />`}
    ${result && html`<p class="summary" aria-live="polite">${result.items.length} items, ${result.totalTokens} tokens in all.</p>
      ${result.items.length > 0 && html`<table class="recall"><caption class="sr-only">Recalled items</caption>
        <thead><tr><th scope="col">#</th><th scope="col">Source</th><th scope="col">Text as the prompt gets it</th><th scope="col">Score</th><th scope="col">Tokens</th></tr></thead>
        <tbody>${result.items.map((item, index) => html`<${Item} user=${user} item=${item} rank=${index + 1} />`)}</tbody>
      </table>`}`}</div>`;
}
