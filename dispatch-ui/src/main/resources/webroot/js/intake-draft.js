// The intake form's draft: what the operator typed survives a reload or a crashed tab. Kept in localStorage under
// the user's name (never another user's), and, once a call is linked, on the server too (PUT /intake/drafts/:callId)
// so another desk can pick the call up. Cleared when the ticket is created or the operator discards it; a local draft
// older than a day is dropped (it holds what a caller said).
import { api, get } from './api.js';
import { debounce } from './ui.js';

const PREFIX = 'hotline.intakeDraft.';
const KEEP_MS = 24 * 60 * 60 * 1000;
const key = (user) => PREFIX + user;

function dropOld() {
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const k = localStorage.key(i);
    if (!k || !k.startsWith(PREFIX)) continue;
    try { if (Date.now() - JSON.parse(localStorage.getItem(k)).savedAt > KEEP_MS) localStorage.removeItem(k); } catch { localStorage.removeItem(k); }
  }
}

/**
 * The form's typed values by element id (radios by name), skipping file inputs; {@code typed}: whether the operator
 * typed anything, not counting the fields with an id in {@code ignore}.
 */
export function collect(form, ignore = []) {
  const fields = {};
  let typed = false;
  form.querySelectorAll('input, select, textarea').forEach((el) => {
    if (el.type === 'file' || el.type === 'submit' || el.type === 'button') return;
    if (el.type === 'radio') { if (el.checked) { fields[`r:${el.name}`] = el.value; typed = true; } return; }
    if (!el.id) return;
    fields[el.id] = el.type === 'checkbox' ? el.checked : el.value;
    if (el.value && el.type !== 'hidden' && el.tagName !== 'SELECT' && !ignore.includes(el.id)) typed = true;
  });
  return { fields, typed };
}

/** Puts saved values back in document order, firing the events the form listens to (suggestion, subcategories…). */
export function apply(form, fields) {
  form.querySelectorAll('input, select, textarea').forEach((el) => {
    if (el.type === 'file') return;
    if (el.type === 'radio') {
      if (fields[`r:${el.name}`] === el.value && !el.checked) { el.checked = true; el.dispatchEvent(new Event('change', { bubbles: true })); }
      return;
    }
    if (!el.id || !(el.id in fields)) return;
    if (el.type === 'checkbox') el.checked = !!fields[el.id]; else el.value = fields[el.id];
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/**
 * Wires the draft to a form. childCount() and ensureChildren(n) let a draft of several children come back whole;
 * callId() is the linked call or ''.
 */
export function intakeDraft(form, user, { childCount, ensureChildren, callId }) {
  dropOld();
  let suspended = false;
  let serverCall = '';
  const local = () => { try { return JSON.parse(localStorage.getItem(key(user))); } catch { return null; } };

  // At most one PUT every two seconds of typing; a clear() cancels a pending one, so nothing is written after a delete.
  let pushTimer = null;
  const pushServer = (call, draft) => {
    clearTimeout(pushTimer);
    pushTimer = setTimeout(() => {
      api('PUT', `/intake/drafts/${encodeURIComponent(call)}`, { draft }).catch(() => { /* the local copy still holds it */ });
    }, 2000);
  };

  const save = () => {
    if (suspended) return;
    const { fields, typed } = collect(form);
    if (!typed) { localStorage.removeItem(key(user)); return; }
    const draft = { v: 1, savedAt: Date.now(), children: childCount(), fields };
    localStorage.setItem(key(user), JSON.stringify(draft));
    const call = callId();
    if (call) { serverCall = call; pushServer(call, draft); }
  };
  const saveSoon = debounce(save, 300);
  form.addEventListener('input', saveSoon);
  form.addEventListener('change', saveSoon);

  const restoreFrom = (d) => {
    if (!d || !d.fields) return false;
    suspended = true;
    try { ensureChildren(d.children || 1); apply(form, d.fields); } finally { suspended = false; }
    return true;
  };

  return {
    /** The local draft back in the form; its time when there was one. */
    restoreLocal() {
      const d = local();
      return d && Date.now() - d.savedAt <= KEEP_MS && restoreFrom(d) ? new Date(d.savedAt) : null;
    },
    /** The local draft's risk answers again, once the questions have loaded (they come from the server). */
    reapplyAnswers() {
      const d = local();
      if (!d || !d.fields) return;
      const answers = Object.fromEntries(Object.entries(d.fields).filter(([k]) => k.startsWith('r:')));
      suspended = true;
      try { apply(form, answers); } finally { suspended = false; }
    },
    /**
     * A call was linked: with nothing typed here, the server's draft for it (from another tab or desk) comes back.
     * {@code popped}: ids of the fields the screen-pop itself filled (the caller number), which are not typing.
     */
    async linked(call, popped = []) {
      if (!call) return null;
      if (collect(form, popped).typed) { save(); return null; }
      try {
        const res = await get(`/intake/drafts/${encodeURIComponent(call)}`);
        if (collect(form, popped).typed) return null; // the operator started typing meanwhile
        return restoreFrom(res.draft) ? new Date(res.updatedAt) : null;
      } catch { return null; }
    },
    /** The ticket is created, or the operator discards the draft: gone here and on the server. */
    clear() {
      clearTimeout(pushTimer);
      localStorage.removeItem(key(user));
      const call = callId() || serverCall;
      serverCall = '';
      if (call) api('DELETE', `/intake/drafts/${encodeURIComponent(call)}`).catch(() => {});
    },
    /** Stops saving while the form is reset (a reset must not write an empty draft over a pending delete). */
    quietly(fn) { suspended = true; try { fn(); } finally { suspended = false; } },
  };
}
