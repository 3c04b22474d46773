// "Show number": every view gets caller numbers masked; an intake user asks for one number at a time, saying why
// (POST /api/.../caller-number {purpose, reason}); the server writes each reveal to the audit log.
import { t } from './i18n.js';
import { post } from './api.js';
import { h, toast } from './ui.js';

const PURPOSES = ['CALLBACK', 'REPLY', 'OTHER'];
// A live update redraws the ticket; a number the user has just revealed stays shown for a while instead of
// asking (and auditing) again. Kept in page memory only, never in storage.
const KEEP_MS = 10 * 60 * 1000;
const revealed = new Map();

function showRevealed(shown, number) {
  shown.textContent = number || t('ticket.anonymous');
  shown.setAttribute('data-revealed', '');
  return h('span', { class: 'muted reveal-note', role: 'status' }, t('reveal.audited'));
}

export const mayReveal = (user) => !!user && (user.role === 'OPERATOR' || user.role === 'INTAKE_SUPERVISOR');

/** A button that replaces the text of {@code shown} with the full number from {@code path}, after asking the purpose. */
export function revealButton(path, shown) {
  const kept = revealed.get(path);
  if (kept && Date.now() - kept.at < KEEP_MS) return showRevealed(shown, kept.number);
  revealed.delete(path);
  const button = h('button', { type: 'button', class: 'reveal-number', 'aria-label': t('reveal.show') }, t('reveal.show'));
  button.addEventListener('click', () => {
    const purpose = h('select', { name: 'purpose', 'aria-label': t('reveal.purpose') },
      PURPOSES.map((p) => h('option', { value: p }, t(`reveal.purpose.${p}`))));
    const reason = h('input', { name: 'reason', maxlength: '300', 'aria-label': t('reveal.reason'), placeholder: t('reveal.reason'), hidden: true });
    purpose.addEventListener('change', () => { reason.hidden = purpose.value !== 'OTHER'; reason.required = !reason.hidden; });
    // data-form: a live redraw of the ticket waits while the user is choosing
    const form = h('form', { class: 'row reveal-form', 'data-form': 'reveal' }, purpose, reason,
      h('button', { type: 'submit' }, t('reveal.confirm')),
      h('button', { type: 'button', onclick: () => { form.replaceWith(button); } }, t('app.cancel')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = { purpose: purpose.value };
      if (purpose.value === 'OTHER') body.reason = reason.value.trim();
      try {
        const res = await post(path, body);
        revealed.set(path, { number: res.callerNumber, at: Date.now() });
        form.replaceWith(showRevealed(shown, res.callerNumber));
      } catch (e) { toast(t('app.error', { msg: e.message }), true); }
    });
    button.replaceWith(form);
    purpose.focus();
  });
  return button;
}
