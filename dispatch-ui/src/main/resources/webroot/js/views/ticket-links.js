// Intake facts on the ticket page: the suggestion the operator saw against the final choice, links and merges (并单)
// both ways, the caller's other tickets, and likely duplicates with link/merge buttons for supervisors.
import { t, label } from '../i18n.js';
import { get, post, ApiError } from '../api.js';
import { fmtTime } from '../fmt.js';
import { h, toast } from '../ui.js';
import { storedRiskCheck } from './risk-check.js';
import { reclassifyForm } from './reclassify.js';

const SUPERVISORS = ['INTAKE_SUPERVISOR', 'PROVINCE_SUPERVISOR'];
const FINDERS = ['OPERATOR', ...SUPERVISORS];
const ENDED = ['CLOSED', 'RESOLVED_AT_INTAKE'];
const ref = (id, text) => h('a', { href: `#/ticket/${id}` }, text || String(id));

function suggestionVsFinal(tk) {
  const s = tk.suggestion;
  if (!s) return h('p', { class: 'muted', id: 'suggestion-vs-final' }, t('intake.noSuggestion'));
  const cell = (kind, suggested, final, overridden) => h('tr', {},
    h('th', { scope: 'row' }, t(`ticket.${kind}`)),
    h('td', { [`data-suggested-${kind}`]: suggested || '' }, label(kind === 'subcategory' ? 'sub' : kind, suggested) || '—'),
    h('td', { [`data-final-${kind}`]: final || '', class: overridden ? 'overridden' : '' }, label(kind === 'subcategory' ? 'sub' : kind, final) || '—',
      overridden ? h('span', { class: 'badge' }, t('intake.overridden')) : null));
  return h('table', { id: 'suggestion-vs-final', 'aria-label': t('intake.suggestionVsFinal') },
    h('thead', {}, h('tr', {}, h('th', {}), h('th', { scope: 'col' }, t('intake.suggested')), h('th', { scope: 'col' }, t('intake.final')))),
    h('tbody', {},
      cell('category', s.category, tk.category, s.overrodeCategory),
      cell('subcategory', s.subcategory, tk.subcategory, s.subcategory && s.subcategory !== tk.subcategory),
      cell('severity', s.severity, tk.severity, s.overrodeSeverity)),
    s.confidence !== null && s.confidence !== undefined
      ? h('caption', { class: 'muted' }, t('op.suggest.confidence', { p: Math.round(s.confidence * 100) })) : null);
}

function links(tk) {
  const list = tk.links || [];
  if (!list.length) return h('p', { class: 'muted', id: 'ticket-links' }, t('intake.links.none'));
  return h('ul', { id: 'ticket-links' }, list.map((l) => {
    const key = l.mode === 'MERGE' ? (l.direction === 'OUT' ? 'intake.links.mergedInto' : 'intake.links.mergedFrom') : 'intake.links.linked';
    return h('li', { 'data-link': l.otherId, 'data-mode': l.mode, 'data-direction': l.direction },
      t(key), ' ', ref(l.otherId, l.otherRef), ' ', label('status', l.otherStatus), ' · ', l.reason, ' · ', l.by, ' ', fmtTime(l.at));
  }));
}

function callerTickets(tk) {
  const list = tk.callerTickets;
  if (!list) return null;
  return [h('h4', {}, t('intake.caller.others')), list.length
    ? h('ul', { id: 'caller-tickets' }, list.map((k) => h('li', {}, ref(k.id, k.ref), ' ', label('status', k.status), ' · ',
      label('category', k.category), ' · ', fmtTime(k.createdAt))))
    : h('p', { class: 'muted', id: 'caller-tickets' }, t('app.none'))];
}

function duplicates(tk, user, onDone) {
  const box = h('div', { id: 'duplicates' }, h('p', { class: 'muted' }, t('app.loading')));
  if (!FINDERS.includes(user.role) || ENDED.includes(tk.status)) { box.replaceChildren(); return box; }
  const linked = new Set((tk.links || []).map((l) => l.otherId));
  const reason = h('input', { id: 'link-reason', name: 'reason', autocomplete: 'off', placeholder: t('intake.links.reason') });
  const form = h('form', { class: 'row', onsubmit: (e) => e.preventDefault() }, h('label', { for: 'link-reason' }, t('intake.links.reason')), reason);
  // A typed reason is a draft: live redraws wait until it is sent or cleared.
  reason.addEventListener('input', () => { if (reason.value) form.dataset.form = 'links'; else delete form.dataset.form; });
  const send = async (from, to, mode, button) => {
    if (!reason.value.trim()) { reason.focus(); toast(t('intake.links.reasonNeeded'), true); return; }
    button.disabled = true;
    try {
      await post(`/tickets/${from}/links`, { otherId: to, mode, reason: reason.value.trim() });
      toast(t(mode === 'MERGE' ? 'intake.links.merged' : 'intake.links.done'));
      delete form.dataset.form;
      onDone?.();
    } catch (e) {
      toast(t('app.error', { msg: e.message }), true);
      button.disabled = false;
    }
  };
  get(`/tickets/${tk.id}/duplicates`).then((res) => {
    const list = (res.duplicates || []).filter((d) => !linked.has(d.id));
    if (!list.length) { box.replaceChildren(h('p', { class: 'muted' }, t('intake.dup.none'))); return; }
    const sup = SUPERVISORS.includes(user.role);
    box.replaceChildren(...(sup ? [form] : []), h('ul', {}, list.map((d) => h('li', { 'data-duplicate': d.id },
      ref(d.id, d.ref), ' ', `${d.childName}${d.childAge != null ? ` (${d.childAge})` : ''}`, ' · ', label('status', d.status),
      ' · ', label('severity', d.severity), ' · ', fmtTime(d.createdAt),
      sup ? h('span', { class: 'row' },
        h('button', { type: 'button', 'data-link-to': d.id, onclick: (e) => send(tk.id, d.id, 'LINK', e.target) }, t('intake.links.link')),
        h('button', { type: 'button', 'data-merge-into-this': d.id, onclick: (e) => send(d.id, tk.id, 'MERGE', e.target) }, t('intake.links.mergeHere')),
        h('button', { type: 'button', 'data-merge-into-other': d.id, onclick: (e) => send(tk.id, d.id, 'MERGE', e.target) }, t('intake.links.mergeThere')))
        : null))));
  }).catch((e) => { box.replaceChildren(h('p', { class: 'muted' }, t('app.error', { msg: e.message }))); });
  return box;
}

/** The intake section of a ticket's full page; {@code callbacks.onDone} redraws after a link or merge. */
export function intakePanel(tk, user, map, callbacks = {}) {
  return h('section', { class: 'intake-panel', 'aria-label': t('ticket.duplicates') },
    h('h4', {}, t('intake.suggestionVsFinal')), suggestionVsFinal(tk),
    h('h4', {}, t('reclass.title')), reclassifyForm(tk, user, callbacks.onDone) || h('p', { class: 'muted' }, t('reclass.notYours')),
    h('h4', {}, t('risk.title')), storedRiskCheck(tk),
    h('h4', {}, t('intake.links')), links(tk),
    callerTickets(tk),
    h('h4', {}, t('intake.dup.title')), duplicates(tk, user, callbacks.onDone));
}
