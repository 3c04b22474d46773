import { t } from '../i18n.js';
import { subscribe } from '../live.js';
import { h, notice, orgs, debounce, hasDraft } from '../ui.js';
import { loadTicket, ticketDetail } from '../detail.js';

export async function render(view, ctx) {
  const map = await orgs();
  const id = ctx.arg;
  const draw = async (live = false) => {
    const { ticket, error } = await loadTicket(id);
    if (live === true && hasDraft(view)) return;
    if (error) { view.replaceChildren(notice(error, true), h('p', {}, h('a', { href: '#/' }, t('app.back')))); return; }
    view.replaceChildren(ticketDetail(ticket, ctx.user, map, { onDone: draw, onStale: draw }));
  };
  await draw();
  const again = debounce(() => draw(true), 200);
  return subscribe('hotline.', (address, body) => {
    if ((address === 'poll' || String(body.ticketId) === String(id)) && !hasDraft(view)) again();
  });
}
