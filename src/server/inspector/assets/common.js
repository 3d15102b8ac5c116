// Small pieces every view uses: loading a resource, dates, errors, links that route inside the page.
import { html, useCallback, useEffect, useState } from '../vendor/htm-preact.js';

/** Runs `load` when `deps` change; `reload()` runs it again. Stale answers of earlier runs are dropped. */
export function useResource(load, deps) {
  const [state, setState] = useState({ loading: true, error: null, data: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ loading: true, error: null, data: previous.data }));
    load().then(
      (data) => current && setState({ loading: false, error: null, data }),
      (error) => current && setState({ loading: false, error, data: null }),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** Dates as the server stores them (UTC), so what the page shows matches the API. */
export const formatTime = (value) => (value ? `${dateTime.format(new Date(value))} UTC` : '—');
export const formatDay = (value) => (value ? dateOnly.format(new Date(value)) : '—');

export function navigate(path) {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** An <a> that routes inside the app (a real link: it opens in a new tab too). */
export function Link({ href, children, ...rest }) {
  const onClick = (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return html`<a href=${href} onClick=${onClick} ...${rest}>${children}</a>`;
}

export function ErrorBox({ error }) {
  if (!error) return null;
  return html`<div class="error" role="alert"><strong>${error.status ? `Error ${error.status}` : 'Error'}:</strong> ${error.message}</div>`;
}

export function Loading({ what }) {
  return html`<p class="muted" role="status">Loading ${what}…</p>`;
}

/** The standard top of a view: its loading state, or its error. */
export function Pending({ resource, what }) {
  if (resource.error) return html`<${ErrorBox} error=${resource.error} />`;
  if (resource.loading && !resource.data) return html`<${Loading} what=${what} />`;
  return null;
}

export const plural = (count, word, many = `${word}s`) => `${count.toLocaleString('en')} ${count === 1 ? word : many}`;
