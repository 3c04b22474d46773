// What the user was doing when the session expired: the route (ids only), open action forms and typed values.
// Kept in sessionStorage (this tab only, never in the URL) and handed back only to the same user after re-login.
const KEY = 'hotline.resume';

const read = () => { try { return JSON.parse(sessionStorage.getItem(KEY)); } catch { return null; } };

export function saveResume(root, hash, user) {
  const fields = {};
  root.querySelectorAll('input[id], select[id], textarea[id]').forEach((el) => {
    if (el.type === 'password' || el.type === 'hidden' || el.type === 'file') return;
    fields[el.id] = el.type === 'checkbox' || el.type === 'radio' ? { c: el.checked } : { v: el.value };
  });
  const forms = [...root.querySelectorAll('.actions[data-ticket-id] form[data-form]')]
    .map((f) => ({ ticket: f.closest('.actions').dataset.ticketId, action: f.dataset.form }));
  sessionStorage.setItem(KEY, JSON.stringify({ user, hash, fields, forms }));
}

/** The route to return to, when the user who logs in is the one whose session expired; else forgets everything. */
export function resumeRoute(user) {
  const d = read();
  if (!d) return null;
  if (d.user !== user) { clearResume(); return null; }
  return d.hash;
}

export const hasResume = () => read() !== null;
export const clearResume = () => sessionStorage.removeItem(KEY);

/** Reopens the saved action forms and puts typed values back, once the view for the saved route has rendered. */
export function restoreResume(root, hash, user) {
  const d = read();
  if (!d || d.hash !== hash || d.user !== user) return false;
  clearResume();
  for (const f of d.forms) {
    const wrap = [...root.querySelectorAll('.actions[data-ticket-id]')].find((w) => w.dataset.ticketId === String(f.ticket));
    wrap?.querySelector(`[data-action="${f.action}"]`)?.click();
  }
  for (const [id, v] of Object.entries(d.fields)) {
    const el = document.getElementById(id);
    if (!el || !root.contains(el)) continue;
    if ('c' in v) el.checked = v.c; else el.value = v.v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }
  return true;
}
