// The Big Five trajectory with uPlot: a time axis, a 1–5 score axis, a legend with each trait's value under the
// cursor, and below it the turn that moved the traits at that point (fetched when the cursor reaches it).
import { html, useEffect, useRef, useState } from '../../vendor/htm-preact.js';
import uPlot from '../../vendor/uplot.js';
import { api, userPath } from '../api.js';
import { formatTime } from '../common.js';

export const TRAITS = ['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism'];
const COLORS = ['#1f6fb2', '#2a9d3a', '#e07b00', '#8a4fbf', '#c8323c'];

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const hourMinute = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** Short tick labels ("10 Mar"), with the year under the first tick and wherever it changes; hours within a day or two. */
function dateTicks(ticks) {
  const short = ticks.at(-1) - ticks[0] < 2 * 86400;
  return ticks.map((tick, index) => {
    const date = new Date(tick * 1000);
    const year = date.getUTCFullYear();
    const label = short ? `${hourMinute.format(date)}\n${dayMonth.format(date)}` : dayMonth.format(date);
    const yearChanged = index === 0 || new Date(ticks[index - 1] * 1000).getUTCFullYear() !== year;
    return short ? label : yearChanged ? `${label}\n${year}` : label;
  });
}

function MovedBy({ user, point }) {
  const [turn, setTurn] = useState(null);
  useEffect(() => {
    setTurn(null);
    if (!point?.turnId) return undefined;
    let current = true;
    api(userPath(user, `turns/${point.turnId}`)).then((body) => current && setTurn(body.turn), () => {});
    return () => {
      current = false;
    };
  }, [user, point?.turnId]);
  if (!point) return html`<p class="muted">Point at the chart (or move the slider) to see the turn that moved the traits.</p>`;
  const changes = point.inferred ? TRAITS.map((trait) => `${trait} ${point.inferred[trait].toFixed(1)}`).join(', ') : null;
  return html`<div class="moved-by" aria-live="polite">
    <div><strong>Interaction ${point.interactions}</strong> · ${formatTime(point.at)}</div>
    ${changes && html`<div class="muted">This turn scored: ${changes}</div>`}
    ${point.turnId ? html`<blockquote>${turn ? turn.text : '…'}</blockquote>` : html`<div class="muted">The starting estimate (no turn).</div>`}
  </div>`;
}

export function PersonalityChart({ user, trajectory, total = trajectory.length }) {
  const box = useRef(null);
  const plotRef = useRef(null);
  const [hovered, setHovered] = useState(null);
  // The keyboard's way to the same points: a slider that moves the chart's cursor.
  const pick = (index) => {
    const plot = plotRef.current;
    if (plot) plot.setCursor({ left: plot.valToPos(plot.data[0][index], 'x'), top: plot.valToPos(plot.data[1][index], 'y') });
    setHovered(index);
  };
  useEffect(() => {
    if (!box.current || trajectory.length === 0) return undefined;
    const xs = trajectory.map((point) => new Date(point.at).getTime() / 1000);
    const data = [xs, ...TRAITS.map((trait) => trajectory.map((point) => point.traits[trait]))];
    const options = {
      width: Math.max(320, box.current.clientWidth),
      height: 260,
      scales: { x: { time: true }, y: { range: [1, 5] } },
      axes: [{ label: 'Date (UTC)', values: (_u, ticks) => dateTicks(ticks) }, { label: 'Score (1–5)', values: (_u, ticks) => ticks.map((tick) => tick.toFixed(1)) }],
      series: [{ label: 'Time', value: (_u, value) => (value == null ? '—' : formatTime(value * 1000)) }, ...TRAITS.map((trait, index) => ({ label: trait, stroke: COLORS[index], width: 2, points: { show: trajectory.length < 60 }, value: (_u, value) => (value == null ? '—' : value.toFixed(2)) }))],
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      hooks: { setCursor: [(u) => setHovered(u.cursor.idx ?? null)] },
    };
    const plot = new uPlot(options, data, box.current);
    plotRef.current = plot;
    const resize = () => plot.setSize({ width: Math.max(320, box.current.clientWidth), height: 260 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
      plotRef.current = null;
    };
  }, [trajectory]);
  if (trajectory.length === 0) return html`<p class="muted">No personality points yet: they come from the update phase (a chat model scores each turn).</p>`;
  return html`<figure class="chart">
    <div ref=${box} role="img" aria-label=${`Big Five scores over ${trajectory.length} points${total > trajectory.length ? ` (the ${trajectory.length} that moved most of ${total})` : ''}, from ${formatTime(trajectory[0].at)} to ${formatTime(trajectory.at(-1).at)}`}></div>
    <label class="point-picker">Point <input type="range" min="0" max=${trajectory.length - 1} value=${hovered ?? trajectory.length - 1} onInput=${(event) => pick(Number(event.currentTarget.value))} aria-valuetext=${hovered === null ? 'none chosen' : `interaction ${trajectory[hovered].interactions}, ${formatTime(trajectory[hovered].at)}`} /></label>
    ${total > trajectory.length ? html`<p class="muted">Showing the ${trajectory.length} points that moved the traits most, of ${total}.</p>` : null}
    <figcaption><${MovedBy} user=${user} point=${hovered === null ? null : trajectory[hovered]} /></figcaption>
  </figure>`;
}
