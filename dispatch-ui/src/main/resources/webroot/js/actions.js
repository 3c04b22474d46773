// The ticket actions a user may take, as small forms. The server decides; this only hides what cannot apply.
import { t, label } from './i18n.js';
import { get, post, ApiError } from './api.js';
import { h, toast, countySelect, markInvalid } from './ui.js';
import { claimerElement } from './people.js';

const INTAKE = ['OPERATOR', 'INTAKE_SUPERVISOR'];
const UPPER = [...INTAKE, 'PROVINCE_SUPERVISOR'];
const COUNTY = ['COUNTY_HANDLER'];
const OPEN = ['DISPATCHED', 'CLAIMED', 'IN_PROGRESS'];
const SUPERVISORS = ['INTAKE_SUPERVISOR', 'PROVINCE_SUPERVISOR'];

const ACTIONS = [
  { action: 'claim', roles: COUNTY, states: ['DISPATCHED'], fields: [] },
  { action: 'notes', roles: COUNTY, states: ['CLAIMED', 'IN_PROGRESS', 'SUSPENDED'], fields: ['text', 'childContacted'] },
  { action: 'notes', roles: UPPER, states: ['NEW', ...OPEN, 'RESULT_SUBMITTED', 'REVIEWED', 'SUSPENDED'], fields: ['text'] },
  { action: 'result', roles: COUNTY, states: ['CLAIMED', 'IN_PROGRESS'], fields: ['summary'] },
  { action: 'dispatch', roles: UPPER, states: ['NEW'], fields: ['countyCode'] },
  { action: 'resolve-at-intake', roles: INTAKE, states: ['NEW'], fields: ['answer'] },
  { action: 'review', roles: INTAKE, states: ['RESULT_SUBMITTED'], fields: ['decision', 'comment'] },
  { action: 'reply', roles: INTAKE, states: ['REVIEWED'], fields: ['reached', 'satisfaction', 'comment'] },
  { action: 'close', roles: INTAKE, states: ['REPLIED'], fields: [] },
  { action: 'suspend', roles: [...COUNTY, ...UPPER], states: OPEN, fields: ['reason'] },
  { action: 'resume', roles: [...COUNTY, ...UPPER], states: ['SUSPENDED'], fields: [] },
  { action: 'transfer', roles: [...COUNTY, ...UPPER], states: OPEN, fields: ['countyCode', 'reason'] },
  { action: 'reopen', roles: UPPER, states: ['CLOSED', 'REPLIED', 'RESOLVED_AT_INTAKE'], fields: ['reason'] },
  { action: 'assign', roles: SUPERVISORS, states: [...OPEN, 'SUSPENDED'], fields: ['handler', 'reason'] },
];

/** A claimed ticket is its claimer's alone (the server refuses colleagues); a supervisor reassigns it. */
export function claimedByOther(ticket, user) {
  return user.role === 'COUNTY_HANDLER' && !!ticket.claimedBy && ticket.claimedBy !== user.username;
}

export function availableActions(ticket, user) {
  const county = user.role === 'COUNTY_HANDLER';
  return ACTIONS.filter((a) => a.roles.includes(user.role) && a.states.includes(ticket.status)
    && (!county || (ticket.countyCode === user.orgCode && (a.action === 'claim' || !claimedByOther(ticket, user)))));
}

function field(name, id, map, ticket, user) {
  const lab = (text) => h('label', { for: id }, text);
  switch (name) {
    case 'text': case 'summary': case 'answer': case 'reason': case 'comment':
      return [lab(t(`field.${name}`)), h('textarea', { id, name, required: name !== 'comment' })];
    case 'childContacted':
      return h('label', { class: 'inline' }, h('input', { type: 'checkbox', id, name }), t('field.childContacted'));
    case 'reached':
      return h('label', { class: 'inline' }, h('input', { type: 'checkbox', id, name, checked: true }), t('field.reached'));
    case 'satisfaction': {
      const sel = h('select', { id, name }, h('option', { value: '' }, '—'), [5, 4, 3, 2, 1].map((n) => h('option', { value: n }, n)));
      return [lab(t('field.satisfaction')), sel];
    }
    case 'decision': {
      // A returned result must say why: the comment becomes required (the server insists too).
      const onchange = (ev) => {
        const c = ev.target.form?.elements.comment;
        if (c) { c.required = ev.target.value === 'RETURN'; c.setAttribute('aria-required', String(c.required)); }
      };
      return h('fieldset', {}, h('legend', {}, t('field.decision')),
        ['ACCEPT', 'RETURN'].map((d) => h('label', { class: 'inline' },
          h('input', { type: 'radio', id: `${id}-${d}`, name, value: d, checked: d === 'ACCEPT', onchange }), t(`field.decision.${d}`))));
    }
    case 'handler': {
      // Filled when the county's handlers arrive; display names, since a supervisor knows people, not logins.
      const sel = h('select', { id, name, required: true }, h('option', { value: '' }, '—'));
      get(`/org-units/${ticket.countyCode}/handlers`).then((list) => sel.append(...list
        .filter((u) => u.username !== ticket.claimedBy)
        .map((u) => h('option', { value: u.username }, `${u.displayName} (${u.username})`))))
        .catch(() => {});
      return [lab(t('field.handler')), sel];
    }
    case 'countyCode': {
      const root = user.role === 'PROVINCE_SUPERVISOR' ? null : undefined;
      return [lab(t('field.countyCode')), countySelect(map, { id, name, required: true }, ticket.countyCode, root)];
    }
    default: return null;
  }
}

function collect(form, fields) {
  const body = {};
  for (const f of fields) {
    const el = form.elements[f];
    if (!el) continue;
    if (f === 'childContacted' || f === 'reached') body[f] = el.checked;
    else if (f === 'satisfaction') { if (el.value) body[f] = Number(el.value); }
    else if (f === 'decision') body[f] = form.querySelector('input[name=decision]:checked')?.value;
    else if (el.value.trim() !== '') body[f] = el.value.trim();
  }
  return body;
}

/**
 * The action bar of one ticket. onDone(updated) after success; onStale() when the server says someone else changed it.
 * Typed text stays in the form on any failure.
 */
export function actionPanel(ticket, user, map, { onDone, onStale }) {
  const wrap = h('div', { class: 'actions', 'data-ticket-id': ticket.id });
  const forms = h('div');
  const acts = availableActions(ticket, user);
  if (claimedByOther(ticket, user) && !acts.length) {
    return claimerElement(h, 'p', { class: 'notice claimed-by-other' }, ticket, t('ticket.claimedByOther', { u: `{u} (${ticket.claimedBy})` }));
  }
  if (!acts.length) return h('p', { class: 'muted' }, t('app.none'));
  const bar = h('div', { class: 'row', role: 'group', 'aria-label': t('ticket.actions') });
  for (const a of acts) {
    const name = t(`action.${a.action}`);
    const run = async (form, button) => {
      const body = form ? collect(form, a.fields) : {};
      body.version = ticket.version;
      button.disabled = true;
      try {
        const updated = await post(`/tickets/${ticket.id}/${a.action}`, body);
        toast(t('action.done', { a: name }));
        onDone(updated);
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) { toast(t('app.conflict'), true); onStale(); return; }
        const out = form?.querySelector('.err') || null;
        if (out) out.textContent = e.message; else toast(t('app.error', { msg: e.message }), true);
        if (e instanceof ApiError) markInvalid(form, e.field);
      } finally { button.disabled = false; }
    };
    const btn = h('button', { type: 'button', 'data-action': a.action, class: a.fields.length ? '' : 'primary' }, name);
    btn.addEventListener('click', () => {
      if (!a.fields.length) { run(null, btn); return; }
      forms.replaceChildren();
      const submit = h('button', { type: 'submit', class: 'primary' }, t('app.submit'));
      const form = h('form', { class: 'panel', 'data-form': a.action, 'aria-label': name },
        h('h3', {}, name),
        a.fields.map((f) => field(f, `f-${a.action}-${f}-${ticket.id}`, map, ticket, user)),
        h('p', { class: 'err', role: 'alert' }),
        h('div', { class: 'row' }, submit,
          h('button', { type: 'button', onclick: () => {
            forms.replaceChildren();
            if (wrap.closest('section')?.querySelector('.stale')) onStale(); // catch up with the change held back for the form
          } }, t('app.cancel'))));
      form.addEventListener('submit', (ev) => { ev.preventDefault(); run(form, submit); });
      forms.append(form);
      form.querySelector('textarea, select, input')?.focus();
    });
    bar.append(btn);
  }
  wrap.append(bar, forms);
  return wrap;
}

export { label };
