// Reclassify (issue 14): an operator, supervisor or the claiming handler corrects a ticket's class, sub-class and
// level with a reason; lowering an EMERGENCY asks for a recorded downgrade reason, as at intake. The final labels are
// what the intake model learns from.
import { t, label } from '../i18n.js';
import { post } from '../api.js';
import { h, toast, markInvalid } from '../ui.js';
import { taxonomy } from '../taxonomy.js';

const DESK = ['OPERATOR', 'INTAKE_SUPERVISOR', 'PROVINCE_SUPERVISOR'];
const HANDLER_STATES = ['CLAIMED', 'IN_PROGRESS', 'SUSPENDED'];
const SEVERITIES = ['EMERGENCY', 'HIGH', 'NORMAL', 'CONSULT'];

/** Whether {@code user} may reclassify {@code tk} (the server decides; this only hides a form that would be refused). */
export function mayReclassify(tk, user) {
  if (DESK.includes(user.role)) return true;
  return user.role === 'COUNTY_HANDLER' && tk.countyCode === user.orgCode && HANDLER_STATES.includes(tk.status)
    && tk.claimedBy === user.username;
}

/** The form, or nothing for a user who may not use it; {@code onDone} redraws the ticket after a change. */
export function reclassifyForm(tk, user, onDone) {
  if (!mayReclassify(tk, user)) return null;
  const category = h('select', { id: 'reclass-category', name: 'category' });
  const sub = h('select', { id: 'reclass-subcategory', name: 'subcategory' });
  const severity = h('select', { id: 'reclass-severity', name: 'severity' },
    SEVERITIES.map((s) => h('option', { value: s, selected: s === tk.severity }, label('severity', s))));
  const reason = h('input', { id: 'reclass-reason', name: 'reason', autocomplete: 'off', maxlength: 500 });
  const downgrade = h('input', { id: 'reclass-downgrade', name: 'downgradeReason', autocomplete: 'off', maxlength: 500 });
  const downgradeRow = h('div', { class: 'row', hidden: true }, h('label', { for: 'reclass-downgrade' }, t('reclass.downgradeReason')), downgrade);
  const button = h('button', { type: 'submit', id: 'reclass-submit' }, t('reclass.submit'));
  const form = h('form', { id: 'reclassify', class: 'stack' },
    h('div', { class: 'row' }, h('label', { for: 'reclass-category' }, t('ticket.category')), category,
      h('label', { for: 'reclass-subcategory' }, t('ticket.subcategory')), sub,
      h('label', { for: 'reclass-severity' }, t('ticket.severity')), severity),
    h('div', { class: 'row' }, h('label', { for: 'reclass-reason' }, t('reclass.reason')), reason),
    downgradeRow, h('div', { class: 'row' }, button));
  let tax = {};
  const fillSubs = () => {
    const list = tax[category.value] || [];
    sub.replaceChildren(...list.map((s) => h('option', { value: s.code, selected: s.code === tk.subcategory }, label('sub', s.code))));
  };
  // Lowering an EMERGENCY needs its own recorded reason (生命优先), as on the intake form.
  const showDowngrade = () => { downgradeRow.hidden = !(tk.severity === 'EMERGENCY' && severity.value !== 'EMERGENCY'); };
  const draft = () => { form.dataset.form = 'reclassify'; }; // a form being filled is a draft: live redraws wait
  category.addEventListener('change', () => { fillSubs(); draft(); });
  severity.addEventListener('change', () => { showDowngrade(); draft(); });
  reason.addEventListener('input', draft);
  taxonomy().then((x) => {
    tax = x;
    category.replaceChildren(...Object.keys(x).map((c) => h('option', { value: c, selected: c === tk.category }, label('category', c))));
    fillSubs();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    try {
      await post(`/tickets/${tk.id}/reclassify`, {
        category: category.value, subcategory: sub.value || null, severity: severity.value, reason: reason.value.trim(),
        downgradeReason: downgradeRow.hidden ? null : downgrade.value.trim() || null, version: tk.version,
      });
      delete form.dataset.form;
      toast(t('reclass.done'));
      onDone?.();
    } catch (err) {
      markInvalid(form, err.field);
      toast(t('app.error', { msg: err.message }), true);
      button.disabled = false;
    }
  });
  showDowngrade();
  return form;
}
