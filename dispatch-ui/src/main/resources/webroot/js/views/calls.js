// Abandoned calls waiting for a callback; shared by the operator console and the review page.
import { t, label } from '../i18n.js';
import { get, post, missing } from '../api.js';
import { subscribe } from '../live.js';
import { fmtTime } from '../fmt.js';
import { h, notice, toast, debounce } from '../ui.js';
import { mayReveal, revealButton } from '../reveal.js';

// Masked as the server sends it; intake users may reveal one call's number (audited).
function callerNumber(c, user) {
  const shown = h('span', { class: 'caller-number' }, c.callerNumber || t('ticket.anonymous'));
  return c.callerNumber && c.callerNumber !== 'withheld' && mayReveal(user)
    ? [shown, ' ', revealButton(`/calls/${encodeURIComponent(c.linkedid)}/caller-number`, shown)] : shown;
}

export async function abandonedCalls(box, ctx) {
  const draw = async () => {
    const section = h('section', { class: 'panel', 'aria-labelledby': 'abandoned-title', id: 'abandoned' }, h('h3', { id: 'abandoned-title' }, t('op.abandoned')));
    try {
      const res = await get('/calls?status=ABANDONED&pending=true');
      const calls = Array.isArray(res) ? res : (res.items || []);
      if (!calls.length) section.append(h('p', { class: 'muted' }, t('app.empty')));
      else {
        section.append(h('ul', {}, calls.map((c) => h('li', { 'data-call-id': c.linkedid },
          callerNumber(c, ctx.user),
          ` · ${fmtTime(c.abandonedAt || c.startedAt)} · ${t('call.waited', { s: Math.round((c.waitMillis || 0) / 1000) })} `,
          c.abandonStage ? h('span', { class: 'muted' }, `${label('abandon', c.abandonStage)} `) : null,
          c.callbackStatus ? h('span', { class: 'muted' }, `${label('callback', c.callbackStatus)} `) : null,
          ctx.user.role === 'OPERATOR' || ctx.user.role === 'INTAKE_SUPERVISOR' ? h('button', { type: 'button', onclick: async (ev) => {
            ev.target.disabled = true;
            try { await post(`/calls/${encodeURIComponent(c.linkedid)}/callback`, {}); toast(t('op.callbackPlaced')); draw(); } catch (e) { toast(t('app.error', { msg: e.message }), true); ev.target.disabled = false; }
          } }, t('op.callback')) : null))));
      }
    } catch (e) {
      section.append(missing(e) ? h('p', { class: 'muted' }, t('app.notAvailable')) : notice(t('app.error', { msg: e.message }), true));
    }
    box.replaceChildren(section);
  };
  // Call news is published after the bridge's write-behind has stored the row, so one read after a burst of news
  // (coalesced) finds it. Subscribed before the first read: news arriving while it runs is not lost.
  const soon = debounce(draw, 300);
  const stop = subscribe('hotline.call', () => soon());
  await draw();
  return stop;
}

// The supervisor's live queue panel (GET /api/queue/panel): waiting callers, longest wait, operators by state.
export async function queuePanel(box) {
  const draw = async () => {
    const section = h('section', { class: 'panel', 'aria-labelledby': 'panel-title', id: 'queue-panel' }, h('h3', { id: 'panel-title' }, t('panel.title')));
    try {
      const res = await get('/queue/panel');
      section.append(h('table', {}, h('thead', {}, h('tr', {}, ['panel.queue', 'panel.waiting', 'panel.longest', 'panel.agents'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, res.queues.map((q) => h('tr', { 'data-queue': q.queue },
          h('td', {}, q.queue), h('td', {}, String(q.waitingCount)), h('td', {}, String(q.longestWaitSeconds)),
          h('td', {}, Object.entries(q.agentsByState).filter(([, n]) => n > 0).map(([s, n]) => `${label('agentstate', s)} ${n}`).join(' · ') || t('app.none')))))));
    } catch (e) {
      section.append(missing(e) ? h('p', { class: 'muted' }, t('app.notAvailable')) : notice(t('app.error', { msg: e.message }), true));
    }
    box.replaceChildren(section);
  };
  await draw();
  const timer = setInterval(draw, 5000);
  const stop = subscribe('hotline.call', debounce(draw, 500));
  return () => { clearInterval(timer); stop(); };
}
