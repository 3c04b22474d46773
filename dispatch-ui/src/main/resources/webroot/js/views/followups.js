// Follow-up visits (回访) after a HIGH or EMERGENCY case closed: due dates and reminders on the county workbench.
import { t } from '../i18n.js';
import { get, post, ApiError } from '../api.js';
import { fmtTime } from '../fmt.js';
import { h, toast, sevBadge } from '../ui.js';
import { clockCountdown } from '../countdown.js';

export function followUpsPanel(user) {
  const box = h('section', { class: 'panel', 'aria-labelledby': 'fu-title', 'data-section': 'follow-ups' });
  const draw = async () => {
    const { items } = await get('/follow-ups');
    const form = box.querySelector('form[data-form]');
    if (form) return; // a visit being written down is not redrawn away
    const rows = items.map((f) => h('tr', { 'data-follow-up': f.id, 'data-reminded': String(f.reminded) },
      h('td', {}, h('a', { href: `#/ticket/${f.ticketId}` }, f.ref)), h('td', {}, sevBadge(f.severity)),
      h('td', {}, fmtTime(f.dueAt)),
      h('td', {}, clockCountdown({ stage: 'FOLLOW_UP', status: 'RUNNING', state: f.overdue ? 'OVERDUE' : f.reminded ? 'WARNED' : 'ON_TIME',
        dueAt: f.dueAt, remainingSeconds: f.remainingSeconds }, { stage: false })),
      h('td', {}, user.role === 'COUNTY_HANDLER' && user.orgCode === f.countyCode
        ? h('button', { type: 'button', 'data-action': 'follow-up-done', onclick: () => doneForm(f) }, t('followUp.done')) : null)));
    box.replaceChildren(h('h3', { id: 'fu-title' }, `${t('followUp.title')} (${items.length})`),
      rows.length ? h('table', { 'data-list': 'follow-ups' }, h('thead', {}, h('tr', {},
        ['ticket.ref', 'ticket.severity', 'followUp.due', 'board.col.left'].map((k) => h('th', { scope: 'col' }, t(k))), h('th', { scope: 'col' }))),
      h('tbody', {}, rows)) : h('p', { class: 'muted' }, t('followUp.none')));
  };
  const doneForm = (f) => {
    const id = `fu-note-${f.id}`;
    const submit = h('button', { type: 'submit', class: 'primary' }, t('app.submit'));
    const form = h('form', { class: 'panel', 'data-form': 'follow-up' }, h('label', { for: id }, t('followUp.note')),
      h('textarea', { id, name: 'note', required: true }), h('p', { class: 'err', role: 'alert' }),
      h('div', { class: 'row' }, submit, h('button', { type: 'button', onclick: () => { form.remove(); draw(); } }, t('app.cancel'))));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await post(`/follow-ups/${f.id}/done`, { note: form.elements.note.value.trim() });
        toast(t('loop.saved'));
        form.remove();
        draw();
      } catch (e) { form.querySelector('.err').textContent = e instanceof ApiError ? e.message : String(e); }
    });
    box.append(form);
    form.elements.note.focus();
  };
  draw().catch((e) => box.replaceChildren(h('p', { class: 'notice err' }, e.message)));
  return { box, draw };
}
