// Closing the loop on one ticket (docs/referrals.md): referrals to partner agencies with their receipts and clocks,
// reply calls to the caller with their outcome, and the printable case sheet.
import { t, label } from '../i18n.js';
import { get, post, ApiError } from '../api.js';
import { fmtTime } from '../fmt.js';
import { h, toast } from '../ui.js';

const CASE_ROLES = ['OPERATOR', 'INTAKE_SUPERVISOR', 'COUNTY_HANDLER', 'PROVINCE_SUPERVISOR'];
const INTAKE = ['OPERATOR', 'INTAKE_SUPERVISOR'];
const CLOSED = ['CLOSED', 'RESOLVED_AT_INTAKE'];

function failure(form, e) {
  const msg = e instanceof ApiError && e.field ? `${t(`loop.field.${e.field}`)}: ${e.message}` : e.message;
  const out = form.querySelector('.err');
  if (out) out.textContent = msg; else toast(t('app.error', { msg }), true);
}

function formOf(name, fields, onSubmit, cancel) {
  const submit = h('button', { type: 'submit', class: 'primary' }, t('app.submit'));
  const form = h('form', { class: 'panel', 'data-form': name, 'aria-label': t(`loop.${name}`) },
    h('h4', {}, t(`loop.${name}`)), fields, h('p', { class: 'err', role: 'alert' }),
    h('div', { class: 'row' }, submit, h('button', { type: 'button', onclick: cancel }, t('app.cancel'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    try { await onSubmit(form); } catch (e) { failure(form, e); } finally { submit.disabled = false; }
  });
  return form;
}

const input = (id, name, key, attrs = {}) => [h('label', { for: id }, t(key)), h('input', { id, name, ...attrs })];
const select = (id, name, key, options, attrs = {}) => [h('label', { for: id }, t(key)),
  h('select', { id, name, ...attrs }, options.map(([v, text]) => h('option', { value: v }, text)))];
const value = (form, name) => { const v = form.elements[name]?.value?.trim(); return v === '' ? undefined : v; };

function referralRows(tk, user, map, slot, onDone) {
  const rows = (tk.referrals || []).map((r) => {
    const ended = ['RETURNED', 'COMPLETED', 'FAILED'].includes(r.status);
    const receipt = h('button', { type: 'button', 'data-receipt': r.id, onclick: () => {
      const id = (f) => `rc-${f}-${r.id}`;
      slot.replaceChildren(formOf('receipt', [
        select(id('status'), 'status', 'loop.field.status', ['ACCEPTED', 'WAITING', 'RETURNED', 'COMPLETED', 'FAILED']
          .map((s) => [s, label('referral', s)])),
        input(id('by'), 'receivedBy', 'loop.field.receivedBy', { required: true }),
        input(id('ref'), 'reference', 'loop.field.reference'),
        r.mandatoryRule ? [h('label', { for: id('fb') }, t('loop.field.feedback')), h('textarea', { id: id('fb'), name: 'feedback' })] : null,
        [h('label', { for: id('note') }, t('loop.field.note')), h('textarea', { id: id('note'), name: 'note' })],
      ], async (form) => {
        const body = { status: value(form, 'status'), receivedBy: value(form, 'receivedBy'), reference: value(form, 'reference'),
          feedback: value(form, 'feedback'), note: value(form, 'note') };
        await post(`/tickets/${tk.id}/referrals/${r.id}/receipt`, body);
        toast(t('loop.saved'));
        slot.replaceChildren();
        onDone();
      }, () => slot.replaceChildren()));
      slot.querySelector('select')?.focus();
    } }, t('loop.receipt'));
    return h('tr', { 'data-referral': r.id, 'data-referral-status': r.status },
      h('td', {}, r.partnerName, r.mandatoryRule ? h('span', { class: 'badge sev-EMERGENCY' }, t('loop.mandatory')) : null),
      h('td', {}, label('partnerKind', r.partnerKind)),
      h('td', {}, label('referral', r.status)),
      h('td', {}, fmtTime(r.sentAt)),
      h('td', {}, r.status === 'SENT' || r.status === 'WAITING' ? fmtTime(r.acceptanceDueAt) : fmtTime(r.acceptedAt)),
      h('td', {}, [r.receiptBy, r.receiptRef].filter(Boolean).join(' · ')),
      h('td', {}, r.mandatoryRule && r.status !== 'SENT' ? (r.feedbackAt ? fmtTime(r.feedbackAt) : `${t('loop.feedbackDue')} ${fmtTime(r.feedbackDueAt)}`) : ''),
      h('td', {}, !ended && CASE_ROLES.includes(user.role) && !CLOSED.includes(tk.status) ? receipt : null));
  });
  if (!rows.length) return h('p', { class: 'muted' }, t('loop.noReferrals'));
  return h('table', { 'aria-label': t('loop.referrals'), class: 'referrals' },
    h('thead', {}, h('tr', {}, ['loop.partner', 'loop.kind', 'loop.status', 'loop.sentAt', 'loop.acceptance', 'loop.receiptCol', 'loop.feedback']
      .map((k) => h('th', { scope: 'col' }, t(k))), h('th', { scope: 'col' }))), h('tbody', {}, rows));
}

async function referForm(tk, slot, onDone) {
  const { items } = await get('/partners');
  slot.replaceChildren(formOf('refer', [
    select(`rf-partner-${tk.id}`, 'partnerId', 'loop.partner', items.map((p) => [p.id, `${label('partnerKind', p.kind)} · ${p.name}`]), { required: true }),
    [h('label', { for: `rf-note-${tk.id}` }, t('loop.field.note')), h('textarea', { id: `rf-note-${tk.id}`, name: 'note' })],
  ], async (form) => {
    await post(`/tickets/${tk.id}/referrals`, { partnerId: Number(value(form, 'partnerId')), note: value(form, 'note') });
    toast(t('loop.saved'));
    slot.replaceChildren();
    onDone();
  }, () => slot.replaceChildren()));
  slot.querySelector('select')?.focus();
}

function attempts(tk, user, slot, onDone) {
  const list = tk.callbackAttempts || [];
  const table = list.length ? h('table', { 'aria-label': t('loop.attempts'), class: 'attempts' },
    h('thead', {}, h('tr', {}, ['loop.attempt', 'loop.at', 'loop.outcome', 'loop.satisfaction'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, list.map((a) => h('tr', { 'data-attempt': a.attempt },
      h('td', { class: 'num' }, a.attempt), h('td', {}, fmtTime(a.at)),
      h('td', {}, label('outcome', a.outcome), a.unreachable ? ` · ${t('loop.unreachable')}` : ''),
      h('td', { class: 'num' }, a.satisfaction ?? '')))))
    : h('p', { class: 'muted' }, t('loop.noAttempts'));
  const can = INTAKE.includes(user.role) && tk.status === 'REVIEWED';
  const button = can ? h('button', { type: 'button', 'data-loop': 'attempt', onclick: () => {
    slot.replaceChildren(formOf('attempt', [
      select(`ca-outcome-${tk.id}`, 'outcome', 'loop.outcome', ['REACHED', 'NO_ANSWER', 'WRONG_NUMBER', 'REFUSED'].map((o) => [o, label('outcome', o)])),
      select(`ca-sat-${tk.id}`, 'satisfaction', 'loop.satisfaction', [['', '—'], ...[5, 4, 3, 2, 1].map((n) => [n, String(n)])]),
      [h('label', { for: `ca-comment-${tk.id}` }, t('loop.field.comment')), h('textarea', { id: `ca-comment-${tk.id}`, name: 'comment' })],
    ], async (form) => {
      const s = value(form, 'satisfaction');
      await post(`/tickets/${tk.id}/callback-attempts`, { outcome: value(form, 'outcome'), satisfaction: s ? Number(s) : undefined,
        comment: value(form, 'comment') });
      toast(t('loop.saved'));
      slot.replaceChildren();
      onDone();
    }, () => slot.replaceChildren()));
    slot.querySelector('select')?.focus();
  } }, t('loop.attempt.add')) : null;
  return [table, button];
}

/** Referrals, reply calls and the case sheet link of a ticket; onDone() redraws the ticket. */
export function loopPanel(tk, user, map, { onDone }) {
  const slot = h('div');
  const canRefer = CASE_ROLES.includes(user.role) && !CLOSED.includes(tk.status);
  return h('div', { class: 'loop', 'data-loop-ticket': tk.id },
    h('div', { class: 'row' },
      canRefer ? h('button', { type: 'button', 'data-loop': 'refer', onclick: () => referForm(tk, slot, onDone)
        .catch((e) => toast(t('app.error', { msg: e.message }), true)) }, t('loop.refer')) : null,
      h('a', { href: `/api/tickets/${tk.id}/case-sheet`, target: '_blank', rel: 'noopener', 'data-loop': 'case-sheet' }, t('loop.caseSheet'))),
    h('h4', {}, t('loop.referrals')), referralRows(tk, user, map, slot, onDone),
    h('h4', {}, t('loop.attempts')), attempts(tk, user, slot, onDone),
    slot);
}

