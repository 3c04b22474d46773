// The intake form: live suggestions the operator confirms or overrides; create, dispatch or resolve in one flow.
// Nothing typed is cleared unless the whole flow succeeded.
import { t, label, getLang } from '../i18n.js';
import { post, missing, ApiError } from '../api.js';
import { fmtTime } from '../fmt.js';
import { h, orgName, countySelect, debounce, toast, markInvalid } from '../ui.js';
import { riskCheck } from './risk-check.js';
import { intakeDraft } from '../intake-draft.js';
import { relationName } from '../relations.js';

const SEVERITIES = ['EMERGENCY', 'HIGH', 'NORMAL', 'CONSULT'];
const opt = (value, text, selected) => h('option', { value, selected: value === selected }, text);

const SHORTCUTS = [['Alt+N', 'op.key.new'], ['Alt+J', 'op.key.notes'], ['Alt+A', 'op.key.accept'], ['Alt+M', 'op.key.emergency'],
  ['Alt+P', 'op.key.dispatch'], ['Alt+C', 'op.key.create'], ['Alt+R', 'op.key.risk']];
const shortcutHelp = () => h('p', { class: 'shortcuts muted', id: 'shortcuts', 'aria-label': t('op.key.title') },
  SHORTCUTS.map(([k, key]) => h('span', { 'data-key': k }, h('kbd', {}, k), ' ', t(key))));

/** relations: the caller-relation choices of the server (relations.js), whose codes are all POST /tickets accepts. */
export function ticketForm(ctx, map, tax, { onCreated, relations }) {
  let created = null; // created but not yet dispatched/resolved: a retry only repeats the missing step
  let suggestion = null;
  let dispatchTouched = false;
  const id = (n) => `tf-${n}`;
  const lab = (n, key) => h('label', { for: id(n) }, t(key));

  const callerNumber = h('input', { id: id('caller'), name: 'callerNumber', type: 'tel', autocomplete: 'off' });
  const relation = h('select', { id: id('relation'), name: 'callerRelation', required: true }, opt('', t('op.choose')), relations.map((r) => opt(r.code, relationName(r))));
  const callId = h('input', { type: 'hidden', name: 'callId', id: id('call-id') });
  const children = h('div');
  const narrative = h('textarea', { id: id('narrative'), name: 'narrative', required: true, rows: 6, 'aria-keyshortcuts': 'Alt+J' });
  const category = h('select', { id: id('category'), name: 'category', required: true }, opt('', t('op.choose')), Object.keys(tax).map((c) => opt(c, label('category', c))));
  const subcategory = h('select', { id: id('subcategory'), name: 'subcategory', required: true });
  const severity = h('select', { id: id('severity'), name: 'severity', required: true }, opt('', t('op.choose')), SEVERITIES.map((s) => opt(s, label('severity', s))));
  const dispatchTo = countySelect(map, { id: id('dispatch'), name: 'dispatchCounty' }, '', ctx.user.orgCode);
  const answer = h('textarea', { id: id('answer'), name: 'answer', rows: 1 });
  const suggestBox = h('div', { class: 'suggest', 'aria-live': 'polite', id: 'suggestion' }, t('op.suggest.none'));
  const status = h('div', { role: 'alert', id: 'form-status' });
  const callerPanel = h('div', { class: 'muted', id: 'caller-history', 'aria-live': 'polite' });
  const dupPanel = h('div', { id: 'duplicate-hints', 'aria-live': 'polite' });
  // issue 14: risk check; an EMERGENCY the suggestion or the answers call for is lowered only with a reason
  const risk = riskCheck({ onChange: () => { suggest(); showOverride(); } });
  const downgrade = h('input', { id: id('downgrade'), name: 'riskCheck.downgradeReason', autocomplete: 'off', maxlength: 2000 });
  const downgradeBox = h('div', { id: 'downgrade-box', hidden: true }, lab('downgrade', 'risk.downgradeReason'), downgrade);

  const fillSubs = (selected) => {
    const subs = tax[category.value] || [];
    subcategory.replaceChildren(opt('', t('op.choose')), ...subs.map((s) => opt(s.code, (getLang() === 'en' ? s.en : s.zh) || label('sub', s.code), selected)));
  };
  category.addEventListener('change', () => { fillSubs(); showOverride(); });
  severity.addEventListener('change', showOverride);
  dispatchTo.addEventListener('change', () => { dispatchTouched = true; });
  fillSubs();

  const addChild = () => {
    const n = children.children.length;
    const cid = (f) => `tf-child-${n}-${f}`;
    const county = countySelect(map, { id: cid('county'), name: 'countyCode', required: true }, '', ctx.user.orgCode);
    county.addEventListener('change', () => { if (!dispatchTouched) dispatchTo.value = children.querySelector('select[name=countyCode]').value; });
    const fs = h('fieldset', { class: 'child' }, h('legend', {}, t('child.legend', { n: n + 1 }),
      n > 0 ? h('button', { type: 'button', class: 'link', onclick: () => fs.remove() }, t('child.remove')) : null),
      h('div', { class: 'grid-child' },
        h('div', {}, h('label', { for: cid('name') }, t('child.name')), h('input', { id: cid('name'), name: 'name', autocomplete: 'off' })),
        h('div', {}, h('label', { for: cid('age') }, t('child.age')), h('input', { id: cid('age'), name: 'age', type: 'number', min: 0, max: 17, required: true })),
        h('div', {}, h('label', { for: cid('gender') }, t('child.gender')), h('select', { id: cid('gender'), name: 'gender', required: true },
          ['', 'MALE', 'FEMALE', 'UNKNOWN'].map((g) => opt(g, g ? label('gender', g) : t('op.choose'))))),
        h('div', {}, h('label', { for: cid('county') }, t('child.county')), county),
        h('div', {}, h('label', { for: cid('address') }, t('child.address')), h('input', { id: cid('address'), name: 'address', autocomplete: 'off' }))));
    children.append(fs);
  };
  addChild();

  function showOverride() {
    const lowered = suggestion?.risk?.severity === 'EMERGENCY' && !!severity.value && severity.value !== 'EMERGENCY';
    downgradeBox.hidden = !lowered;
    downgrade.required = lowered;
    const note = suggestBox.querySelector('.override');
    if (!note || !suggestion) return;
    note.hidden = !(category.value && severity.value && (category.value !== suggestion.category || severity.value !== suggestion.severity));
  }

  let generation = 0; // a reset (ticket created, draft discarded) makes any suggestion still on its way stale
  const suggest = debounce(async () => {
    const text = narrative.value.trim();
    if (text.length < 4) return;
    const asked = generation;
    const first = children.querySelector('fieldset');
    const body = { notes: text };
    const age = first?.querySelector('[name=age]').value; if (age) body.childAge = Number(age);
    const addr = first?.querySelector('[name=address]').value; if (addr) body.address = addr;
    const cc = first?.querySelector('[name=countyCode]').value; if (cc) body.countyCode = cc;
    const answers = risk.values(); if (Object.keys(answers).length) body.risk = answers;
    try {
      const answer = await post('/intake/suggest', body);
      // The previous call's suggestion must not pre-fill the next call's risk answers.
      if (asked !== generation) return;
      suggestion = answer;
      const s = suggestion;
      if (risk.show(s.risk)) suggest();
      suggestBox.replaceChildren(h('strong', {}, t('op.suggest')), ' ',
        h('span', { 'data-suggested-category': s.category }, label('category', s.category)), ' / ',
        h('span', { 'data-suggested-subcategory': s.subcategory }, subName(s)), ' · ',
        h('span', { 'data-suggested-severity': s.severity }, label('severity', s.severity)),
        s.countyCode ? ` · ${orgName(map, s.countyCode)}` : '',
        s.confidence !== undefined ? ` · ${t('op.suggest.confidence', { p: Math.round(s.confidence * 100) })}` : '',
        s.unsure ? h('span', { class: 'badge unsure', id: 'suggestion-unsure' }, t('op.suggest.unsure', { c: label('category', s.runnerUp) })) : '',
        s.priority !== undefined ? ` · ${t('intake.priority', { n: s.priority })}` : '',
        countyChoice(s) || '',
        // The button first, so it is never below the fold of a long list of reasons.
        h('div', { class: 'row' }, h('button', { type: 'button', id: 'apply-suggestion', onclick: applySuggestion, 'aria-keyshortcuts': 'Alt+A' }, t('op.suggest.apply'), ' ', h('kbd', {}, 'Alt+A')),
          h('span', { class: 'override muted', hidden: true, id: 'override-note' }, t('op.suggest.overridden'))),
        (s.reasons || []).length ? h('ul', { class: 'muted reasons' }, s.reasons.map((r) => h('li', {},
          [r.phrase ? `「${r.phrase}」` : '', label('sub', r.target) || r.target, r.why].filter(Boolean).join(' ')))) : '');
      showOverride();
    } catch (e) {
      suggestion = null;
      suggestBox.textContent = missing(e) ? t('op.suggest.off') : t('app.error', { msg: e.message });
    }
  }, 500);
  narrative.addEventListener('input', suggest);

  function subName(s) {
    if (getLang() === 'en') return s.subcategoryEn || label('sub', s.subcategory);
    return s.subcategoryZh || label('sub', s.subcategory);
  }

  /** Only a prefecture (or several counties) was named: the operator picks the child's county. */
  function countyChoice(s) {
    if (!s.needsCountyChoice || !(s.candidateCounties || []).length) return null;
    return h('div', { class: 'row', id: 'county-choice' }, h('span', {}, t('intake.chooseCounty')),
      s.candidateCounties.map((c) => h('button', { type: 'button', 'data-county': c, onclick: () => {
        const first = children.querySelector('select[name=countyCode]');
        if (first) first.value = c;
        if (!dispatchTouched) dispatchTo.value = c;
        findDuplicates();
      } }, orgName(map, c))));
  }

  const callerHistory = debounce(async () => {
    const n = callerNumber.value.replace(/[^0-9]/g, '');
    if (n.length < 7) { callerPanel.replaceChildren(); return; }
    try {
      const res = await post('/intake/caller-history', { number: callerNumber.value.trim() });
      const tickets = res.tickets || [];
      const calls = res.calls || [];
      if (!tickets.length && !calls.length) { callerPanel.replaceChildren(t('intake.caller.first')); return; }
      callerPanel.replaceChildren(h('strong', {}, t('intake.caller.repeat', { t: tickets.length, c: calls.length })),
        h('ul', {}, tickets.map((k) => h('li', { 'data-caller-ticket': k.id }, h('a', { href: `#/ticket/${k.id}` }, k.ref), ' ',
          label('status', k.status), ' · ', label('category', k.category), ' · ', fmtTime(k.createdAt)))));
    } catch (e) {
      callerPanel.textContent = missing(e) ? '' : t('app.error', { msg: e.message });
    }
  }, 600);
  callerNumber.addEventListener('input', callerHistory);

  // The server's rule (POST /intake/phone-number) marks the field; submitting waits for the check of what is typed.
  let numberChecked = Promise.resolve();
  const checkNumber = () => {
    const v = callerNumber.value.trim();
    numberChecked = !v ? Promise.resolve(callerNumber.setCustomValidity(''))
      : post('/intake/phone-number', { number: v }).then(() => callerNumber.setCustomValidity(''), (e) => {
        callerNumber.setCustomValidity(e instanceof ApiError && e.status === 422 ? t('ticket.callerInvalid') : '');
      });
    return numberChecked;
  };
  callerNumber.addEventListener('change', checkNumber);
  callerNumber.addEventListener('input', () => callerNumber.setCustomValidity(''));

  const findDuplicates = debounce(async () => {
    const kids = [...children.querySelectorAll('fieldset')].map((fs) => {
      const v = (n) => fs.querySelector(`[name=${n}]`).value.trim();
      return { name: v('name'), age: v('age') === '' ? null : Number(v('age')), countyCode: v('countyCode') };
    }).filter((c) => c.name && c.countyCode && (c.age === null || (c.age >= 0 && c.age <= 17)));
    if (!kids.length) { dupPanel.replaceChildren(); return; }
    try {
      const res = await post('/intake/duplicates', { children: kids });
      const list = res.duplicates || [];
      dupPanel.replaceChildren(...(list.length ? [h('p', { class: 'notice' }, t('intake.dup.hint', { n: list.length })),
        h('ul', {}, list.map((d) => h('li', { 'data-duplicate': d.id }, h('a', { href: `#/ticket/${d.id}` }, d.ref), ' ',
          `${d.childName}${d.childAge !== null && d.childAge !== undefined ? ` (${d.childAge})` : ''}`, ' · ',
          label('status', d.status), ' · ', fmtTime(d.createdAt))))] : []));
    } catch (e) {
      dupPanel.textContent = missing(e) ? '' : t('app.error', { msg: e.message });
    }
  }, 600);
  children.addEventListener('change', findDuplicates);

  function applySuggestion() {
    if (!suggestion) return;
    category.value = suggestion.category; fillSubs(suggestion.subcategory);
    severity.value = suggestion.severity;
    if (suggestion.countyCode && map.get(suggestion.countyCode)?.tier === 'COUNTY') {
      const first = children.querySelector('select[name=countyCode]');
      if (first && !first.value) first.value = suggestion.countyCode;
      if (!dispatchTouched) dispatchTo.value = suggestion.countyCode;
      findDuplicates();
    }
    showOverride();
  }

  const body = () => {
    const b = {
      callerRelation: relation.value, category: category.value, subcategory: subcategory.value, severity: severity.value,
      narrative: narrative.value.trim(),
      children: [...children.querySelectorAll('fieldset')].map((fs) => {
        const v = (n) => fs.querySelector(`[name=${n}]`).value.trim();
        const c = { age: v('age') === '' ? null : Number(v('age')), gender: v('gender'), countyCode: v('countyCode'), address: v('address') };
        if (v('name')) c.name = v('name');
        return c;
      }),
    };
    if (callerNumber.value.trim()) b.callerNumber = callerNumber.value.trim();
    if (callId.value) b.callId = callId.value;
    if (suggestion) {
      b.suggestedCategory = suggestion.category; b.suggestedSeverity = suggestion.severity;
      b.suggestedSubcategory = suggestion.subcategory; b.suggestedConfidence = suggestion.confidence;
    }
    const answers = risk.values();
    if (Object.keys(answers).length || suggestion) {
      b.riskCheck = { answers };
      if (!downgradeBox.hidden && downgrade.value.trim()) b.riskCheck.downgradeReason = downgrade.value.trim();
    }
    return b;
  };

  const reset = () => {
    generation++;
    created = null; suggestion = null; dispatchTouched = false;
    form.reset(); children.replaceChildren(); addChild(); fillSubs();
    risk.reset(); downgradeBox.hidden = true; downgrade.required = false;
    suggestBox.textContent = t('op.suggest.none');
    callerPanel.replaceChildren(); dupPanel.replaceChildren();
  };

  async function submit(mode, button) {
    status.replaceChildren();
    if (mode === 'dispatch') dispatchTo.required = true; else dispatchTo.required = false;
    answer.required = mode === 'resolve';
    await checkNumber();
    if (!form.reportValidity()) return;
    button.disabled = true;
    try {
      if (!created) created = await post('/tickets', body());
      const ref = created.ref || created.id;
      if (mode === 'dispatch') {
        await post(`/tickets/${created.id}/dispatch`, { countyCode: dispatchTo.value, version: created.version });
        toast(t('op.createdDispatched', { ref, c: orgName(map, dispatchTo.value) }));
      } else if (mode === 'resolve') {
        await post(`/tickets/${created.id}/resolve-at-intake`, { answer: answer.value.trim(), version: created.version });
        toast(t('action.done', { a: t('op.resolve') }));
      } else toast(t('op.created', { ref }));
      const done = created;
      draft.clear();
      reset();
      status.replaceChildren(h('p', { class: 'ok', 'data-created-id': done.id }, t('op.created', { ref: done.ref || done.id }), ' ',
        h('a', { href: `#/ticket/${done.id}` }, t('app.open'))));
      onCreated(done);
    } catch (e) {
      const msg = e.message; // already in the user's language, naming the field (api.js)
      if (created) status.replaceChildren(h('p', { class: 'notice err' }, t('op.createdNotDispatched', { ref: created.ref || created.id, msg })));
      else status.replaceChildren(h('p', { class: 'notice err' }, t('app.error', { msg })));
      if (e instanceof ApiError && e.field === 'riskCheck.downgradeReason') { downgradeBox.hidden = false; downgrade.required = true; }
      if (e instanceof ApiError) markInvalid(form, e.field);
    } finally { button.disabled = false; }
  }

  const btnDispatch = h('button', { type: 'submit', class: 'primary', id: 'create-dispatch', 'aria-keyshortcuts': 'Alt+P' }, t('op.createDispatch'), ' ', h('kbd', {}, 'Alt+P'));
  const btnCreate = h('button', { type: 'button', id: 'create-only', 'aria-keyshortcuts': 'Alt+C' }, t('op.createOnly'), ' ', h('kbd', {}, 'Alt+C'));
  const btnResolve = h('button', { type: 'button', id: 'resolve-intake' }, t('op.resolve'));
  const btnDiscard = h('button', { type: 'button', class: 'link', id: 'discard-draft' }, t('op.draft.discard'));
  // Laid out for 1366x768 without scrolling: caller and child on a line each, the notes beside the suggestion, the
  // classification and actions beside the risk check.
  const form = h('form', { class: 'panel intake-form', 'aria-labelledby': 'form-title', id: 'ticket-form', novalidate: false },
    h('div', { class: 'form-head' }, h('h2', { id: 'form-title' }, t('op.form')), shortcutHelp()),
    h('fieldset', {}, h('legend', {}, t('op.callerSection')), h('div', { class: 'grid-caller' },
      h('div', {}, lab('caller', 'ticket.caller'), callerNumber), h('div', {}, lab('relation', 'ticket.callerRelation'), relation), callerPanel), callId),
    // "Add child" after the child's fields in tab order; shown at the fieldset's top right.
    h('fieldset', { class: 'children' }, h('legend', {}, t('ticket.children')),
      children, h('button', { type: 'button', class: 'link', id: 'add-child', onclick: () => addChild() }, t('child.add')), dupPanel),
    h('div', { class: 'notes-row' },
      h('div', {}, h('label', { for: id('narrative') }, t('ticket.narrative'), ' ', h('kbd', {}, 'Alt+J')), narrative), suggestBox),
    h('div', { class: 'lower-row' },
      h('div', {},
        h('fieldset', {}, h('legend', {}, t('op.classSection')), h('div', { class: 'grid4' },
          h('div', {}, lab('category', 'ticket.category'), category), h('div', {}, lab('subcategory', 'ticket.subcategory'), subcategory),
          h('div', {}, h('label', { for: id('severity') }, t('ticket.severity'), ' ', h('kbd', { title: t('op.key.emergency') }, 'Alt+M')), severity),
          h('div', {}, lab('dispatch', 'op.dispatchTo'), dispatchTo)), downgradeBox),
        h('div', {}, lab('answer', 'field.answer'), answer),
        status,
        h('div', { class: 'row' }, btnDispatch, btnCreate, btnResolve, btnDiscard)),
      risk.element));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); submit('dispatch', btnDispatch); });
  // The whole call by keyboard. Keys by ev.code (a layout or macOS Option does not change them); none of them is one
  // Chromium keeps for itself (Alt+D, Alt+E, Alt+F, Alt+Home, Alt+arrows).
  const keys = {
    KeyN: () => { callerNumber.focus(); callerNumber.scrollIntoView({ block: 'nearest' }); },
    KeyJ: () => narrative.focus(),
    KeyA: () => { applySuggestion(); },
    KeyM: () => { severity.value = 'EMERGENCY'; severity.dispatchEvent(new Event('change', { bubbles: true })); },
    KeyP: () => submit('dispatch', btnDispatch),
    KeyC: () => submit('create', btnCreate),
    KeyR: () => risk.focus(),
  };
  const onKey = (ev) => {
    if (!ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey || !keys[ev.code] || !form.isConnected) return;
    ev.preventDefault();
    keys[ev.code]();
  };
  document.addEventListener('keydown', onKey);
  btnCreate.addEventListener('click', () => submit('create', btnCreate));
  btnDiscard.addEventListener('click', () => {
    draft.clear();
    reset();
    status.replaceChildren(h('p', { class: 'muted', id: 'draft-discarded' }, t('op.draft.discarded')));
    callerNumber.focus();
  });

  // What was typed comes back after a reload or a crash (js/intake-draft.js).
  const draft = intakeDraft(form, ctx.user.username, {
    childCount: () => children.children.length,
    ensureChildren: (n) => { while (children.children.length < Math.min(n, 20)) addChild(); },
    callId: () => callId.value,
  });
  const restored = (at) => {
    if (!at) return;
    status.replaceChildren(h('p', { class: 'notice', id: 'draft-restored' }, t('op.draft.restored', { t: fmtTime(at.toISOString()) })));
  };
  restored(draft.restoreLocal());
  risk.load().then(() => draft.reapplyAnswers()).catch(() => {});
  btnResolve.addEventListener('click', () => submit('resolve', btnResolve));

  return {
    element: form,
    stop: () => document.removeEventListener('keydown', onKey),
    fromCall(pop) {
      // The number the pop fills in is not typing: a server draft of the call still comes back over it.
      if (pop.callId || pop.id) { callId.value = pop.callId || pop.id; draft.linked(callId.value, [callerNumber.id]).then(restored); }
      const n = pop.callerNumber || pop.number;
      if (n && !callerNumber.value) { callerNumber.value = n; callerHistory(); }
    },
  };
}
