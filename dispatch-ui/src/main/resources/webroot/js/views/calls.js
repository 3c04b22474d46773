// Abandoned calls waiting for a callback; shared by the operator console and the review page.
import { t } from '../i18n.js';
import { get, post, missing } from '../api.js';
import { subscribe } from '../live.js';
import { fmtTime } from '../fmt.js';
import { h, notice, toast, debounce } from '../ui.js';

export async function abandonedCalls(box, ctx) {
  const draw = async () => {
    const section = h('section', { class: 'panel', 'aria-labelledby': 'abandoned-title', id: 'abandoned' }, h('h3', { id: 'abandoned-title' }, t('op.abandoned')));
    try {
      const res = await get('/calls?status=ABANDONED&pending=true');
      const calls = Array.isArray(res) ? res : (res.items || []);
      if (!calls.length) section.append(h('p', { class: 'muted' }, t('app.empty')));
      else {
        section.append(h('ul', {}, calls.map((c) => h('li', { 'data-call-id': c.id },
          `${c.callerNumber || c.number || t('ticket.anonymous')} · ${fmtTime(c.endedAt || c.startedAt || c.at)} `,
          h('button', { type: 'button', onclick: async (ev) => {
            ev.target.disabled = true;
            try { await post(`/calls/${encodeURIComponent(c.id)}/callback`, {}); toast(t('op.callbackPlaced')); draw(); } catch (e) { toast(t('app.error', { msg: e.message }), true); ev.target.disabled = false; }
          } }, t('op.callback'))))));
      }
    } catch (e) {
      section.append(missing(e) ? h('p', { class: 'muted' }, t('app.notAvailable')) : notice(t('app.error', { msg: e.message }), true));
    }
    box.replaceChildren(section);
  };
  await draw();
  return subscribe('hotline.call', debounce(draw, 300));
}
