// The full picture of one ticket: facts, children, clocks, history, calls, duplicates and the user's actions.
import { t, label } from './i18n.js';
import { get, ApiError } from './api.js';
import { fmtTime } from './fmt.js';
import { h, notice, orgName, sevBadge, statusBadge, countdown } from './ui.js';
import { actionPanel } from './actions.js';
import { linkedCalls } from './views/ticket-calls.js';
import { intakePanel } from './views/ticket-links.js';
import { ticketFiles } from './views/ticket-files.js';
import { loopPanel } from './views/ticket-loop.js';
import { mayReveal, revealButton } from './reveal.js';
import { claimerElement } from './people.js';

export async function loadTicket(id) {
  try { return { ticket: await get(`/tickets/${encodeURIComponent(id)}`) }; } catch (e) {
    if (e instanceof ApiError && e.status === 403) return { error: t('app.forbidden') };
    if (e instanceof ApiError && e.status === 404) return { error: t('app.notFound') };
    throw e;
  }
}

const dl = (pairs) => h('dl', { class: 'grid2' }, pairs.flatMap(([k, v]) => [h('dt', { class: 'muted' }, k), h('dd', {}, v)]));

function children(tk, map) {
  const rows = (tk.children || []).map((c) => h('tr', {},
    h('td', { 'data-user': '' }, c.name || t('ticket.anonymous')), h('td', { class: 'num' }, c.age ?? ''),
    h('td', {}, label('gender', c.gender)), h('td', {}, orgName(map, c.countyCode)), h('td', { 'data-user': '' }, c.address || '')));
  return h('table', {}, h('thead', {}, h('tr', {}, ['child.name', 'child.age', 'child.gender', 'child.county', 'child.address']
    .map((k) => h('th', { scope: 'col' }, t(k))))), h('tbody', {}, rows));
}

function clocks(tk) {
  if (!tk.clocks || !tk.clocks.length) return h('p', { class: 'muted' }, t('clock.none'));
  return h('table', { 'aria-label': t('ticket.clocks') }, h('tbody', {}, tk.clocks.map((c) => h('tr', {},
    h('th', { scope: 'row' }, label('stage', c.stage)),
    h('td', { 'data-clock-state': c.status === 'STOPPED' ? c.outcome : c.state }, c.status === 'STOPPED' ? label('clock', c.outcome || 'STOPPED') : label('clock', c.state)),
    h('td', {}, fmtTime(c.dueAt)),
    h('td', {}, countdown({ clocks: [c] }))))));
}

function history(tk, map) {
  const rows = (tk.history || []).map((e) => h('tr', { 'data-event': e.type },
    h('td', {}, fmtTime(e.at)),
    h('td', {}, [e.actor, label('role', e.actorRole), orgName(map, e.actorOrg)].filter(Boolean).join(' · ')),
    h('td', {}, label('event', e.type)),
    h('td', {}, e.fromStatus || e.toStatus ? `${label('status', e.fromStatus) || '—'} → ${label('status', e.toStatus)}` : ''),
    h('td', {}, e.reason ? h('span', { 'data-user': '' }, e.reason) : null, e.reason && payloadText(e.payload, map) ? t('app.sep') : null,
      payloadText(e.payload, map))));
  return h('table', { class: 'timeline' }, h('thead', {}, h('tr', {}, ['history.at', 'history.actor', 'history.event', 'history.transition', 'history.reason']
    .map((k) => h('th', { scope: 'col' }, t(k))))), h('tbody', {}, rows));
}

function payloadText(p, map) {
  if (!p) return '';
  const parts = [];
  if (p.countyCode) parts.push(orgName(map, p.countyCode));
  if (p.toCounty) parts.push(`${orgName(map, p.fromCounty)} → ${orgName(map, p.toCounty)}`);
  if (p.reached !== undefined) parts.push(`${t('field.reached')}: ${p.reached ? t('app.yes') : t('app.no')}`);
  if (p.satisfaction) parts.push(`${t('field.satisfaction')}: ${p.satisfaction}`);
  if (p.childContacted) parts.push(t('field.childContacted'));
  if (p.fromSeverity) { // RECLASSIFIED: labels before → after
    const labels = (c, sc, sv) => [label('category', c), label('sub', sc), label('severity', sv)].filter(Boolean).join(' / ');
    parts.push(`${labels(p.fromCategory, p.fromSubcategory, p.fromSeverity)} → ${labels(p.category, p.subcategory, p.severity)}`);
    if (p.downgradeReason) parts.push(`${t('reclass.downgradeReason')}: ${p.downgradeReason}`);
  }
  return parts.join(t('app.sep'));
}

function supervision(tk, map) {
  const list = tk.supervisionOrders || [];
  if (!list.length) return h('p', { class: 'muted' }, t('app.none'));
  return h('table', { 'aria-label': t('ticket.supervision'), class: 'supervision' },
    h('thead', {}, h('tr', {}, ['sup.issuedAt', 'sup.issuedBy', 'sup.target', 'sup.reason', 'sup.dueAt', 'sup.status']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, list.map((o) => h('tr', { 'data-order': o.id },
      h('td', {}, fmtTime(o.issuedAt)), h('td', {}, orgName(map, o.issuedByOrg)), h('td', {}, orgName(map, o.targetOrg)),
      h('td', { 'data-user': '' }, o.reason || ''), h('td', {}, fmtTime(o.dueAt)), h('td', {}, label('supStatus', o.status))))));
}

/** The caller as every view gets it (masked), with "show number" for intake users when there is a number. */
function callerFact(tk, user, caller) {
  const number = h('span', { 'data-user': '', class: 'caller-number' }, caller);
  const reveal = mayReveal(user) && tk.callerNumber && tk.callerNumber !== 'withheld'
    ? revealButton(`/tickets/${encodeURIComponent(tk.id)}/caller-number`, number) : null;
  return h('span', {}, number, h('span', { 'data-user': '' }, ` · ${label('relation', tk.callerRelation)} `), reveal);
}

/** Renders into a fresh element; callbacks as for actionPanel. */
export function ticketDetail(tk, user, map, callbacks, { full = true } = {}) {
  const caller = tk.callerNumber || t('ticket.anonymous');
  const head = h('div', { class: 'row' }, h('h2', { id: `tk-${tk.id}`, tabindex: '-1' }, t('ticket.title', { ref: tk.ref || tk.id })),
    sevBadge(tk.severity), statusBadge(tk.status), countdown(tk));
  const facts = dl([
    [t('ticket.category'), `${label('category', tk.category)} / ${label('sub', tk.subcategory)}`],
    [t('ticket.intakeOrg'), orgName(map, tk.intakeOrg)],
    [t('ticket.county'), orgName(map, tk.countyCode) || '—'],
    [t('ticket.caller'), callerFact(tk, user, caller)],
    [t('ticket.createdAt'), fmtTime(tk.createdAt)],
    [t('ticket.claimedBy'), tk.claimedBy ? claimerElement(h, 'span', {}, tk, '{u} (' + tk.claimedBy + ')') : '—'],
  ]);
  const el = h('section', { class: 'panel', 'aria-labelledby': `tk-${tk.id}`, 'data-ticket': tk.id, 'data-status': tk.status, 'data-version': tk.version },
    head, facts,
    h('h3', {}, t('ticket.narrative')), h('p', { class: 'narrative', 'data-user': '' }, tk.narrative || ''),
    h('h3', {}, t('ticket.actions')), actionPanel(tk, user, map, callbacks),
    h('h3', {}, t('loop.section')), loopPanel(tk, user, map, callbacks),
    h('h3', {}, t('ticket.children')), children(tk, map),
    h('h3', {}, t('ticket.clocks')), clocks(tk),
    full ? [h('h3', {}, t('ticket.calls')), linkedCalls(tk, user), h('h3', {}, t('intake.section')), intakePanel(tk, user, map, callbacks)] : null,
    h('h3', {}, t('files.section')), ticketFiles(tk, user, callbacks.onDone),
    h('h3', {}, t('ticket.supervision')), supervision(tk, map),
    h('h3', {}, t('ticket.history')), history(tk, map));
  return el;
}

export { notice };
