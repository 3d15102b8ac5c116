// The inspector: one self-contained page (no build step, no external assets) over the REST API, with the key
// a person pastes. It holds no data itself; everything is fetched with that key and rendered as text nodes.
export const INSPECTOR_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>personavlm inspector</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; }
  form { display: flex; gap: .5rem; flex-wrap: wrap; margin-bottom: 1rem; }
  input { padding: .3rem; } section { margin-top: 1.5rem; }
  table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #ddd; padding: .25rem .4rem; text-align: left; vertical-align: top; }
  .muted { color: #777; } .error { color: #b00; } .sources { font-size: 12px; color: #555; }
</style>
</head>
<body>
<h1>personavlm inspector</h1>
<form id="form">
  <input id="key" type="password" placeholder="API key" autocomplete="off" size="30">
  <input id="user" placeholder="user id" size="20" required>
  <button>Load</button>
</form>
<div id="status" class="muted">Paste an API key (leave empty when the server runs without keys) and a user id.</div>
<section><h2>Personality trajectory</h2><div id="personality"></div></section>
<section><h2>Memories</h2><table><thead><tr><th>type</th><th>memory</th><th>status</th><th>from turns</th></tr></thead><tbody id="memories"></tbody></table></section>
<section><h2>Timeline</h2><table><thead><tr><th>time</th><th>role</th><th>text</th><th>images</th></tr></thead><tbody id="turns"></tbody></table></section>
<script>
const $ = (id) => document.getElementById(id);
const cell = (text, className) => { const td = document.createElement('td'); td.textContent = text; if (className) td.className = className; return td; };
const row = (cells) => { const tr = document.createElement('tr'); cells.forEach((c) => tr.appendChild(c)); return tr; };
let turnsById = new Map();

async function api(path) {
  const key = $('key').value.trim();
  const response = await fetch(path, { headers: key ? { authorization: 'Bearer ' + key } : {} });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

function drawPersonality(trajectory) {
  const box = $('personality'); box.textContent = '';
  if (trajectory.length === 0) { box.textContent = 'No personality points yet (they need a chat model and turns).'; return; }
  const traits = ['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism'];
  const colors = ['#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#d62728'];
  const width = 640, height = 160, ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg'); svg.setAttribute('width', width); svg.setAttribute('height', height);
  const x = (i) => trajectory.length === 1 ? width / 2 : 10 + i * (width - 20) / (trajectory.length - 1);
  const y = (v) => height - 10 - (v - 1) / 4 * (height - 20);
  traits.forEach((trait, t) => {
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', trajectory.map((p, i) => x(i) + ',' + y(p.traits[trait])).join(' '));
    line.setAttribute('fill', 'none'); line.setAttribute('stroke', colors[t]); line.setAttribute('stroke-width', '2');
    svg.appendChild(line);
  });
  box.appendChild(svg);
  const latest = trajectory[trajectory.length - 1];
  const legend = document.createElement('div');
  legend.textContent = traits.map((t) => t + ' ' + latest.traits[t].toFixed(2)).join(' · ') + ' (scale 1-5, after ' + latest.interactions + ' interactions)';
  box.appendChild(legend);
}

function drawMemories(memories) {
  const body = $('memories'); body.textContent = '';
  if (memories.length === 0) body.appendChild(row([cell('No memories.', 'muted')]));
  for (const m of memories) {
    const sources = document.createElement('td'); sources.className = 'sources';
    for (const id of m.sourceTurnIds) {
      const turn = turnsById.get(id);
      const line = document.createElement('div');
      line.textContent = turn ? turn.at.slice(0, 16).replace('T', ' ') + ' ' + turn.role + ': ' + turn.text.slice(0, 120) : id;
      sources.appendChild(line);
    }
    body.appendChild(row([cell(m.type + (m.key ? ' [' + m.key + ']' : '')), cell(m.content), cell(m.status), sources]));
  }
}

function drawTurns(turns) {
  const body = $('turns'); body.textContent = '';
  if (turns.length === 0) body.appendChild(row([cell('No turns.', 'muted')]));
  for (const t of turns) body.appendChild(row([cell(t.at.slice(0, 19).replace('T', ' ')), cell(t.role + (t.speaker ? ' (' + t.speaker + ')' : '')), cell(t.text), cell(String(t.images.length || ''))]));
}

$('form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const user = encodeURIComponent($('user').value.trim());
  $('status').className = 'muted'; $('status').textContent = 'Loading…';
  try {
    const [turns, memories, personality] = await Promise.all([
      api('/v1/users/' + user + '/turns?limit=1000'),
      api('/v1/users/' + user + '/memories?status=all'),
      api('/v1/users/' + user + '/personality'),
    ]);
    turnsById = new Map(turns.turns.map((t) => [t.id, t]));
    drawTurns(turns.turns); drawMemories(memories.memories); drawPersonality(personality.trajectory);
    $('status').textContent = turns.turns.length + ' turns, ' + memories.memories.length + ' memories.';
  } catch (error) {
    $('status').className = 'error'; $('status').textContent = error.message;
  }
});
</script>
</body>
</html>
`;
