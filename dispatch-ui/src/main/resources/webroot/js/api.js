// All server calls go through here: CSRF header for cookie sessions, problem+json errors, 401 handling.
import { t, has, getLang } from './i18n.js';
let csrfToken = null;
let onExpired = () => {};

/**
 * A refused or failed call. {@code message} is for the user, in the user's language (from the problem's rule, else
 * its status); {@code detail} keeps the server's own words for support. Every view shows {@code message}.
 */
export class ApiError extends Error {
  constructor(status, problem) {
    const p = problem || {};
    super(userMessage(status, p));
    this.status = status;
    this.problem = p;
    this.field = p.field;
    this.detail = p.detail || p.title || `HTTP ${status}`;
  }
}

function userMessage(status, p) {
  const rule = String(p.type || '').split('/').pop();
  let msg = has(`problem.${rule}`) ? t(`problem.${rule}`)
    : has(`problem.status.${status}`) ? t(`problem.status.${status}`) : t('problem.status.other', { status });
  // Input errors name what is wrong in the server's words; in English those words are the user's language too.
  if (rule === 'invalid-input' && getLang() === 'en' && p.detail) msg = p.detail;
  return p.field ? t('problem.field', { field: fieldLabel(p.field), msg }) : msg;
}

/** The label the user saw for a field the server named, e.g. children[1].age → the second child's age. */
function fieldLabel(f) {
  const child = /^children\[(\d+)\](?:\.(\w+))?$/.exec(f);
  if (child) {
    const part = child[2] ? (has(`child.${child[2]}`) ? t(`child.${child[2]}`) : child[2]) : '';
    return t('problem.childField', { n: Number(child[1]) + 1, field: part });
  }
  for (const k of [`field.${f}`, `ticket.${f}`]) if (has(k)) return t(k);
  return f;
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
