// The board's list of mandatory reports (强制报告) still waiting for the police: acceptance, then feedback.
import { t, label } from '../i18n.js';
import { fmtTime } from '../fmt.js';
import { h, sevBadge, orgName } from '../ui.js';
import { clockCountdown } from '../countdown.js';

export function mandatorySection(rows, map) {
  const body = rows.length ? h('table', { 'data-list': 'mandatory' },
    h('thead', {}, h('tr', {}, ['ticket.ref', 'ticket.severity', 'loop.rule', 'board.col.unit', 'loop.waitingFor', 'board.col.due', 'board.col.left']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-ticket-id': r.ticketId, 'data-referral': r.referralId, 'data-waiting': r.waitingFor },
      h('td', {}, h('a', { href: `#/ticket/${r.ticketId}` }, r.ref)), h('td', {}, sevBadge(r.severity)),
      h('td', {}, label('rule', r.rule)), h('td', {}, orgName(map, r.countyCode || r.intakeOrg)),
      h('td', {}, t(`loop.waiting.${r.waitingFor}`)), h('td', {}, fmtTime(r.dueAt)),
      h('td', {}, r.dueAt ? clockCountdown({ stage: 'REFERRAL_FEEDBACK', status: 'RUNNING', state: r.overdue ? 'OVERDUE' : null,
        dueAt: r.dueAt, remainingSeconds: r.remainingSeconds }, { stage: false }) : '')))))
    : h('p', { class: 'muted' }, t('list.empty'));
  return h('section', { class: 'panel', 'aria-labelledby': 'mandatory-title', 'data-section': 'board.mandatory' },
    h('h3', { id: 'mandatory-title' }, `${t('board.mandatory')} (${rows.length})`), body);
}
