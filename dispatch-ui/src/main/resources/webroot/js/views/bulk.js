// Supervisors' actions on a selection of the ticket list: re-dispatch, 督办 (supervision order), close duplicates.
// Each ticket goes through the same single-ticket endpoint its own page uses, one after the other, so every rule and
// audit applies as usual; some may be refused, and each ticket's outcome is listed.
import { t } from '../i18n.js';
import { post } from '../api.js';
import { h, countySelect, orgName } from '../ui.js';

export const BULK_ROLES = ['INTAKE_SUPERVISOR', 'PROVINCE_SUPERVISOR'];
const OPEN = ['DISPATCHED', 'CLAIMED', 'IN_PROGRESS'];

/** The request for one ticket, by the ticket's state: a NEW ticket is dispatched, an open one transferred. */
function step(action, tk, form, survivor) {
  const reason = form.reason.value.trim();
  switch (action) {
    case 'redispatch':
      return tk.status === 'NEW' || !OPEN.includes(tk.status)
        ? post(`/tickets/${tk.id}/dispatch`, { countyCode: form.county.value })
        : post(`/tickets/${tk.id}/transfer`, { countyCode: form.county.value, reason });
    case 'supervise':
      return post(`/tickets/${tk.id}/supervision`, { targetOrg: tk.countyCode || tk.intakeOrg, reason });
    case 'merge':
      return post(`/tickets/${tk.id}/links`, { otherId: Number(survivor.id), mode: 'MERGE', reason });
    default:
      throw new Error(action);
  }
}

/**
 * The bar above the list: {element, sync()}. selected() gives the chosen tickets (list rows' objects) in list order;
 * onDone() reloads the list after a run.
 */
export function bulkBar(user, map, selected, onDone) {
  const action = h('select', { name: 'action', id: 'bulk-action', 'aria-label': t('bulk.action') },
    ['redispatch', 'supervise', 'merge'].map((a) => h('option', { value: a }, t(`bulk.${a}`))));
  const county = countySelect(map, { name: 'county', id: 'bulk-county', 'aria-label': t('op.dispatchTo') }, '', user.orgCode);
  const survivor = h('select', { name: 'survivor', id: 'bulk-survivor', 'aria-label': t('bulk.survivor') });
  const reason = h('input', { name: 'reason', id: 'bulk-reason', autocomplete: 'off', maxlength: 500, placeholder: t('field.reason'),
    'aria-label': t('field.reason') });
  const run = h('button', { type: 'submit', class: 'primary', id: 'bulk-run' });
  const count = h('span', { class: 'muted', id: 'bulk-count' });
  const results = h('ul', { id: 'bulk-results', class: 'bulk-results', 'aria-live': 'polite' });
  const form = h('form', { class: 'bulk row', id: 'bulk-bar', 'aria-label': t('bulk.title') },
    count, action, h('span', { class: 'bulk-county' }, county), h('span', { class: 'bulk-survivor' }, survivor), reason, run);

  const sync = () => {
    const list = selected();
    count.textContent = t('bulk.selected', { n: list.length });
    const a = action.value;
    county.parentElement.hidden = a !== 'redispatch';
    survivor.parentElement.hidden = a !== 'merge';
    const keep = survivor.value;
    survivor.replaceChildren(...list.map((tk) => h('option', { value: tk.id, selected: String(tk.id) === keep }, t('bulk.keep', { ref: tk.ref }))));
    run.textContent = t('bulk.run', { a: t(`bulk.${a}`), n: a === 'merge' ? Math.max(0, list.length - 1) : list.length });
    run.disabled = list.length === 0 || (a === 'merge' && list.length < 2);
  };
  action.addEventListener('change', sync);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const a = action.value;
    if (a === 'redispatch') county.required = true; else county.required = false;
    reason.required = a !== 'redispatch' || selected().some((tk) => OPEN.includes(tk.status));
    if (!form.reportValidity()) return;
    const list = selected();
    const keep = list.find((tk) => String(tk.id) === survivor.value) || list[0];
    const items = a === 'merge' ? list.filter((tk) => tk !== keep) : list;
    run.disabled = true;
    results.replaceChildren();
    let ok = 0;
    for (const tk of items) { // one at a time: the server's per-ticket rules and audit, in order
      const li = h('li', { 'data-bulk-result': tk.id }, `${tk.ref} … `);
      results.append(li);
      try {
        await step(a, tk, form, keep);
        ok += 1;
        li.dataset.ok = 'true';
        li.replaceChildren(h('span', { class: 'ok' }, '✓ '), tk.ref, ' ', a === 'redispatch' ? orgName(map, county.value) : a === 'merge' ? t('bulk.mergedInto', { ref: keep.ref }) : t('bulk.done'));
      } catch (e) {
        li.dataset.ok = 'false';
        li.replaceChildren(h('span', { class: 'err' }, '✗ '), tk.ref, ' ', h('span', { class: 'err' }, e.message));
      }
    }
    results.prepend(h('li', { class: ok === items.length ? 'ok' : 'err', id: 'bulk-summary' }, t('bulk.summary', { ok, n: items.length })));
    run.disabled = false;
    onDone();
  });

  sync();
  return { element: h('div', { class: 'bulk-box' }, form, results), sync };
}
