// The REST API as the page calls it: the key a person entered (kept for this tab only), JSON in and out, and
// image bytes turned into blob: URLs (an <img> cannot send an Authorization header).
const KEY = 'personavlm.inspector.key';

export const apiKey = {
  get: () => sessionStorage.getItem(KEY),
  set: (key) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function headers(extra) {
  const key = apiKey.get();
  return { ...(key ? { authorization: `Bearer ${key}` } : {}), ...extra };
}

async function failure(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: the status says enough
  }
  return new ApiError(response.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `${response.status} ${response.statusText}`);
}

export async function api(path, { method = 'GET', json } = {}) {
  const init = { method, headers: headers(json === undefined ? {} : { 'content-type': 'application/json' }) };
  if (json !== undefined) init.body = JSON.stringify(json);
  const response = await fetch(path, init);
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** `/v1/users/<user>/<rest>` with a query built from the defined entries of `query`. */
export function userPath(user, rest = '', query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const search = params.toString();
  return `/v1/users/${encodeURIComponent(user)}${rest ? `/${rest}` : ''}${search ? `?${search}` : ''}`;
}

const imageUrls = new Map();
const imageInfo = new Map();

/** A blob: URL of the user's image (or crop), fetched once per page load. */
export function imageUrl(user, sha256) {
  const cacheKey = `${user}/${sha256}`;
  if (!imageUrls.has(cacheKey)) {
    const url = fetch(userPath(user, `images/${sha256}/bytes`), { headers: headers({}) }).then(async (response) => {
      if (!response.ok) throw await failure(response);
      return URL.createObjectURL(await response.blob());
    });
    url.catch(() => imageUrls.delete(cacheKey));
    imageUrls.set(cacheKey, url);
  }
  return imageUrls.get(cacheKey);
}

/** The image's size and what the analyzers found in it. */
export function imageMeta(user, sha256) {
  const cacheKey = `${user}/${sha256}`;
  if (!imageInfo.has(cacheKey)) {
    const meta = api(userPath(user, `images/${sha256}`)).then((body) => body.image);
    meta.catch(() => imageInfo.delete(cacheKey));
    imageInfo.set(cacheKey, meta);
  }
  return imageInfo.get(cacheKey);
}
