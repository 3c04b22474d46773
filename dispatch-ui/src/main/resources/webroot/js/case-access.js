// Administration and case access are separate (server: CaseDataFence): an administrator sees the board's counts and
// the clock lists behind them, but the ticket list and a ticket answer 403. So where a number or a ref would open
// those, an administrator gets plain text that says why, never a link into a refusal.
import { h } from './ui.js';
import { t } from './i18n.js';

/** Whether this user's role may open the ticket list and tickets. */
export const opensCases = (user) => user?.role !== 'ADMIN';

/** A number or ref shown without a link, its tooltip the reason. */
export const noCaseLink = (text) => h('span', { class: 'no-case-link', 'data-no-case-link': '', title: t('board.noCaseAccess') }, text);

/** A ticket's ref: a link to the ticket, or for a role without case access, plain text. */
export const ticketRef = (user, id, ref) => (opensCases(user) ? h('a', { href: `#/ticket/${id}` }, ref) : noCaseLink(ref));
