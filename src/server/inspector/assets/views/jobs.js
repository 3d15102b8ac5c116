// The update phase's queue of this user: what waits, what runs, what failed (with its error) and how often it was
// tried; failed jobs can be put back.
import { html, useState } from '../../vendor/htm-preact.js';
import { api, userPath } from '../api.js';
import { ErrorBox, formatTime, Pending, useResource } from '../common.js';

const STATUSES = ['pending', 'running', 'failed', 'done'];
/** Done jobs pile up (one per turn): the newest of them are enough to see that the queue moves. */
const DONE_SHOWN = 100;

async function loadJobs(user) {
  const [open, done] = await Promise.all([
    api(userPath(user, 'jobs', { status: 'pending,running,failed' })),
    api(userPath(user, 'jobs', { status: 'done', order: 'desc', limit: DONE_SHOWN + 1 })),
  ]);
  return { jobs: [...open.jobs, ...done.jobs.slice(0, DONE_SHOWN)], moreDone: done.jobs.length > DONE_SHOWN };
}

export function JobsView({ user }) {
  const [status, setStatus] = useState('');
  const jobs = useResource(() => loadJobs(user), [user]);
  const [retry, setRetry] = useState({ error: null, requeued: null });
  const all = jobs.data?.jobs ?? [];
  const shown = status ? all.filter((job) => job.status === status) : all;
  const counts = Object.fromEntries(STATUSES.map((name) => [name, all.filter((job) => job.status === name).length]));
  const requeue = async (ids) => {
    try {
      const body = await api(userPath(user, 'jobs/retry'), { method: 'POST', json: ids ? { ids } : {} });
      setRetry({ error: null, requeued: body.requeued });
      jobs.reload();
    } catch (error) {
      setRetry({ error, requeued: null });
    }
  };
  return html`<div class="view"><h1>Jobs</h1>
    <p class="muted">The update phase: one job per turn or session, run in order per user by the worker. Every pending, running and failed job is listed, and the newest ${DONE_SHOWN} done ones.</p>
    <${Pending} resource=${jobs} what="jobs" />
    ${jobs.data && html`<div class="job-counts" role="group" aria-label="Filter by status">
        <button type="button" aria-pressed=${status === ''} onClick=${() => setStatus('')}>all ${all.length}</button>
        ${STATUSES.map((name) => html`<button type="button" class=${`status status-${name}`} aria-pressed=${status === name} onClick=${() => setStatus(name)}>${name} ${counts[name]}${name === 'done' && jobs.data.moreDone ? ' newest' : ''}</button>`)}
        <button type="button" onClick=${jobs.reload}>Refresh</button>
        ${counts.failed > 0 && html`<button type="button" class="primary" onClick=${() => requeue(null)}>Retry all failed</button>`}
      </div>
      <${ErrorBox} error=${retry.error} />
      ${retry.requeued !== null && html`<p role="status">${retry.requeued} job(s) put back in the queue.</p>`}
      ${shown.length === 0 ? html`<p>No ${status || ''} jobs.</p>` : html`<table class="jobs"><caption class="sr-only">Jobs</caption>
        <thead><tr><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Queued</th><th scope="col">Run after / finished</th><th scope="col">Last error</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>${shown.map((job) => html`<tr key=${job.id}>
          <td>${job.kind}<div class="muted">${job.dedupeKey}</div></td>
          <td><span class=${`status status-${job.status}`}>${job.status}</span>${job.lockedBy && job.status === 'running' ? html`<div class="muted">by ${job.lockedBy}</div>` : ''}</td>
          <td>${job.attempts} of ${job.maxAttempts}${job.interruptions ? html`<div class="muted">${job.interruptions} interrupted</div>` : ''}</td>
          <td>${formatTime(job.createdAt)}</td>
          <td>${job.finishedAt ? formatTime(job.finishedAt) : formatTime(job.runAfter)}</td>
          <td>${job.lastError ? html`<pre class="job-error">${job.lastError}</pre>` : html`<span class="muted">—</span>`}</td>
          <td>${job.status === 'failed' && html`<button type="button" onClick=${() => requeue([job.id])}>Retry</button>`}</td>
        </tr>`)}</tbody>
      </table>`}`}</div>`;
}
