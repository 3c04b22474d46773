import { t, label, getLang } from './i18n.js';
import { fmtTime, leadClock } from './fmt.js';
import { get } from './api.js';
import { clockCountdown } from './countdown.js';
import { nameClaimers } from './people.js';

/** Tiny element builder: h('button', {class: 'x', onclick}, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export function toast(msg, isError = false) {
  const box = document.getElementById('toast');
  const el = h('div', { class: isError ? 'err' : '' }, msg);
  box.append(el);
  setTimeout(() => el.remove(), 6000);
}

/** Marks the input the server named as at fault, until it is edited; focuses it. Returns whether one was found. */
export function markInvalid(form, field) {
  const el = form && field ? form.querySelector(`[name="${CSS.escape(field)}"]`) : null;
  if (!el) return false;
  el.setAttribute('aria-invalid', 'true');
  el.classList.add('invalid');
  const clear = () => { el.removeAttribute('aria-invalid'); el.classList.remove('invalid'); };
  el.addEventListener('input', clear, { once: true });
  el.addEventListener('change', clear, { once: true });
  el.focus();
  return true;
}

export function notice(msg, isError = false) { return h('p', { class: `notice${isError ? ' err' : ''}` }, msg); }

let orgCache = null;
export async function orgs() {
  if (!orgCache) orgCache = get('/org-units').then((list) => new Map(list.map((o) => [o.code, o])));
  return orgCache;
}
export function orgName(map, code) {
  const o = code && map.get(code);
  if (!o) return code || '';
  return getLang() === 'en' ? o.nameEn : o.nameZh;
}

/** A <select> of counties grouped by prefecture; restricted to the subtree of rootCode when given. */
export function countySelect(map, attrs, selected, rootCode) {
  const sel = h('select', attrs, h('option', { value: '' }, t('op.choose')));
  const under = (code, root) => { for (let u = map.get(code); u; u = map.get(u.parentCode)) if (u.code === root) return true; return false; };
  for (const p of [...map.values()].filter((o) => o.tier === 'PREFECTURE')) {
    const group = h('optgroup', { label: orgName(map, p.code) });
    for (const c of [...map.values()].filter((o) => o.parentCode === p.code)) {
      if (rootCode && !under(c.code, rootCode)) continue;
      group.append(h('option', { value: c.code, selected: c.code === selected }, orgName(map, c.code)));
    }
    if (group.children.length) sel.append(group);
  }
  return sel;
}

export const sevBadge = (s) => h('span', { class: `badge sev-${s}` }, label('severity', s));
export const statusBadge = (s) => h('span', { class: 'badge st', 'data-status': s }, label('status', s));

/** The live countdown of a ticket's leading clock (js/countdown.js counts from the server's remainingSeconds). */
export function countdown(ticket) { return clockCountdown(leadClock(ticket)); }

const SEV_RANK = { EMERGENCY: 0, HIGH: 1, NORMAL: 2, CONSULT: 3 };
/** Priority (server score, higher first) then severity, then the nearest deadline, then age. */
export function byPriority(a, b) {
  const pa = a.priority ?? null; const pb = b.priority ?? null;
  if (pa !== null && pb !== null && pa !== pb) return pb - pa;
  if (SEV_RANK[a.severity] !== SEV_RANK[b.severity]) return SEV_RANK[a.severity] - SEV_RANK[b.severity];
  const da = leadClock(a)?.dueAt; const db = leadClock(b)?.dueAt;
  if (da && db && da !== db) return new Date(da) - new Date(db);
  if (da && !db) return -1;
  if (db && !da) return 1;
  return new Date(a.createdAt) - new Date(b.createdAt);
}

/** One keyset page: {items, next, count, countText}. */
export function ticketPage(query = '', cursor = null, size = 50) {
  return get(`/tickets?${query}${query ? '&' : ''}size=${size}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
}

/** A ticket table; onPick(ticket) when a row is chosen (click or Enter). */
/** The first child's name (and age), with "+n" when the ticket names more children. */
export function childCell(tk) {
  const kids = tk.children || [];
  if (!kids.length) return '';
  const c = kids[0];
  const who = [c.name || t('child.unnamed'), c.age !== null && c.age !== undefined ? ` (${c.age})` : ''].join('');
  return h('span', { class: 'child-name', 'data-user': '' }, who, kids.length > 1 ? h('small', { class: 'muted' }, ` +${kids.length - 1}`) : '');
}

export function ticketTable(tickets, map, { onPick, selectedId, me, columns = ['ref', 'severity', 'category', 'county', 'status', 'deadline'] } = {}) {
  if (!tickets.length) return notice(t('list.empty'));
  const heads = { ref: 'ticket.ref', severity: 'ticket.severity', category: 'ticket.category', county: 'ticket.county',
    status: 'ticket.status', deadline: 'ticket.deadline', created: 'ticket.createdAt', claimedBy: 'ticket.claimedBy', due: 'ticket.due',
    child: 'list.child', summary: 'list.summary', case: 'list.child', statusWho: 'ticket.status' };
  // A colleague's login name is shown as their display name once people.js has it (nameClaimers below).
  const claimer = (tk, fmt) => h('span', { 'data-user': '', 'data-claimer': tk.claimedBy, 'data-county': tk.countyCode || null,
    'data-claimer-format': fmt }, fmt.replace('{u}', tk.claimedBy));
  const cell = {
    ref: (tk) => h('a', { href: `#/ticket/${tk.id}` }, tk.ref || String(tk.id)),
    severity: (tk) => sevBadge(tk.severity),
    category: (tk) => label('category', tk.category),
    county: (tk) => orgName(map, tk.countyCode) || h('span', { class: 'muted' }, '—'),
    status: (tk) => statusBadge(tk.status),
    deadline: (tk) => countdown(tk),
    created: (tk) => fmtTime(tk.createdAt),
    claimedBy: (tk) => (!tk.claimedBy ? '' : tk.claimedBy === me ? t('county.mine') : claimer(tk, t('county.claimedByOther', { u: '{u}' }))),
    child: (tk) => childCell(tk),
    // The status and, under it, who claimed the ticket: one column instead of two where room is short.
    statusWho: (tk) => [statusBadge(tk.status), tk.claimedBy ? h('br') : null,
      !tk.claimedBy ? null : h('small', { class: 'muted' }, tk.claimedBy === me ? t('county.mine') : claimer(tk, t('county.claimedByOther', { u: '{u}' })))],
    summary: (tk) => h('span', { class: 'summary', 'data-user': '', title: tk.summary || '' }, tk.summary || ''),
    // The child and, under it, the one-line summary: one narrow column for the side-by-side views.
    case: (tk) => h('div', { class: 'case' }, childCell(tk), h('span', { class: 'summary', 'data-user': '', title: tk.summary || '' }, tk.summary || '')),
    due: (tk) => (leadClock(tk) ? [countdown(tk), h('br'), h('small', { class: 'muted' }, fmtTime(leadClock(tk).dueAt))] : countdown(tk)),
  };
  const body = h('tbody');
  for (const tk of tickets) {
    const tr = h('tr', { class: String(tk.id) === String(selectedId) ? 'sel' : '', 'data-ticket-id': tk.id, 'data-status': tk.status,
      'data-claimed-by': tk.claimedBy || null });
    for (const c of columns) tr.append(h('td', {}, cell[c](tk)));
    if (onPick) {
      const btn = h('button', { type: 'button', onclick: () => onPick(tk), 'aria-label': `${t('app.open')} ${tk.ref || tk.id}` }, t('app.open'));
      tr.append(h('td', {}, btn));
    }
    body.append(tr);
  }
  const head = h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, t(heads[c]))), onPick ? h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('ticket.actions'))) : null);
  const table = h('table', {}, h('thead', {}, head), body);
  nameClaimers(table);
  return table;
}

/**
 * Runs fn at most once per ms (first call at once, then one trailing call with the latest arguments): a burst of a
 * thousand pushed events costs a view a handful of requests, not one per event.
 */
export function coalesce(fn, ms) {
  let last = 0;
  let timer = null;
  let pending = null;
  const run = () => { timer = null; last = Date.now(); const args = pending; pending = null; fn(...args); };
  return (...args) => {
    pending = args;
    if (timer) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) run(); else timer = setTimeout(run, wait);
  };
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

/** True while an action form is open inside el: a live redraw then waits, so nothing typed is lost. */
export function hasDraft(el) {
  return el.querySelector('form[data-form]') !== null;
}

/** Replaces a list's content without taking the keyboard user's place: focus returns to the same ticket's button. */
export function redrawKeepingFocus(container, ...children) {
  const active = document.activeElement;
  const id = container.contains(active) ? active.closest('tr[data-ticket-id]')?.dataset.ticketId : null;
  container.replaceChildren(...children);
  if (id) container.querySelector(`tr[data-ticket-id="${id}"] button`)?.focus({ preventScroll: true });
}
