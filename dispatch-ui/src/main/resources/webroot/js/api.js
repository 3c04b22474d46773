// All server calls go through here: CSRF header for cookie sessions, problem+json errors, 401 handling.
let csrfToken = null;
let onExpired = () => {};

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.field = this.problem.field;
  }
}

export const setCsrf = (token) => { csrfToken = token; };
export const setOnExpired = (fn) => { onExpired = fn; };

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(`/api${path}`, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') || '';
  const data = type.includes('json') ? await res.json().catch(() => null) : null;
  if (res.status === 401 && path !== '/login' && path !== '/session') onExpired();
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const get = (path) => api('GET', path);

/** A file as the raw body; its name travels percent-encoded in a header, never in the URL. */
export async function upload(path, file) {
  const headers = { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream',
    'X-Filename': encodeURIComponent(file.name) };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(`/api${path}`, { method: 'POST', headers, credentials: 'same-origin', body: file });
  const data = await res.json().catch(() => null);
  if (res.status === 401) onExpired();
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}
export const post = (path, body = {}) => api('POST', path, body);

/** True when the failure means "this endpoint has not landed yet", so a view can show a notice instead. */
export const missing = (e) => e instanceof ApiError && (e.status === 404 || e.status === 405 || e.status === 501);
