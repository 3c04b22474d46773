// The calls linked to a ticket (GET /api/tickets/{id} -> calls) and the reply call to its caller.
import { t, label } from '../i18n.js';
import { post } from '../api.js';
import { fmtTime } from '../fmt.js';
import { h, toast } from '../ui.js';

export function linkedCalls(tk, user) {
  const list = tk.calls || [];
  const intake = user && (user.role === 'OPERATOR' || user.role === 'INTAKE_SUPERVISOR');
  const callback = intake && tk.callerNumber ? h('button', { type: 'button', id: 'ticket-callback', onclick: async (ev) => {
    ev.target.disabled = true;
    try { await post(`/tickets/${encodeURIComponent(tk.id)}/callback`, {}); toast(t('op.callbackPlaced')); } catch (e) { toast(t('app.error', { msg: e.message }), true); }
    ev.target.disabled = false;
  } }, t('call.callbackCaller')) : null;
  const rows = list.map((c) => h('li', { 'data-linkedid': c.linkedid },
    `${fmtTime(c.startedAt)} · ${label('callstate', c.state)}`,
    c.operator ? ` · ${c.operator}` : '',
    c.talkSeconds != null && c.answeredAt ? ` · ${t('call.talked', { s: c.talkSeconds })}` : '',
    c.recording ? [' · ', t('ticket.recording'), ': ', h('code', { class: 'recording' }, c.recording)] : null,
    // supervisors may replay (each play is audited server-side)
    c.recording && user && (user.role === 'INTAKE_SUPERVISOR' || user.role === 'PROVINCE_SUPERVISOR')
      ? h('button', { type: 'button', class: 'play-recording', onclick: (ev) => {
        ev.target.replaceWith(h('audio', { controls: true, autoplay: true, src: `/api/calls/${encodeURIComponent(c.linkedid)}/recording` }));
      } }, t('call.playRecording')) : null));
  return h('div', { class: 'linked-calls', id: 'linked-calls' },
    list.length ? h('ul', {}, rows) : h('p', { class: 'muted' }, t('app.none')), callback);
}
