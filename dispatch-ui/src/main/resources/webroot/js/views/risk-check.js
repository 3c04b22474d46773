// The structured risk check on the intake form (issue 14): six yes/no/unknown questions from config/risk-check.yaml.
// Keyboard: Alt+R jumps to the first question; in a question, Y / N / U answer it and move on; its digit jumps to it.
// The notes pre-fill "yes" where they are clear (marked, with the phrase); a "no" against the notes is flagged.
import { t, getLang } from '../i18n.js';
import { get } from '../api.js';
import { h } from '../ui.js';

const ANSWERS = ['YES', 'NO', 'UNKNOWN'];
const KEYS = { y: 'YES', n: 'NO', u: 'UNKNOWN', '?': 'UNKNOWN' };
let config = null;

export function riskCheck({ onChange }) {
  const answers = {};
  const prefilled = new Map(); // question -> phrase, while the operator has not touched it
  const rows = h('div', { class: 'risk-rows' });
  const warnings = h('div', { id: 'risk-disagreements', 'aria-live': 'polite' });
  const level = h('div', { id: 'risk-level', class: 'muted', 'aria-live': 'polite' });
  const el = h('fieldset', { class: 'risk-check', id: 'risk-check' },
    h('legend', {}, t('risk.title'), ' ', h('span', { class: 'muted' }, t('risk.keys'))), rows, warnings, level);

  const text = (q) => (getLang() === 'en' ? q.en : q.zh);
  const row = (code) => rows.querySelector(`[data-question="${code}"]`);

  function set(code, answer, byText) {
    answers[code] = answer;
    if (!byText) prefilled.delete(code);
    const r = row(code);
    if (!r) return;
    r.querySelectorAll('input').forEach((i) => { i.checked = i.value === answer; });
    r.classList.toggle('prefilled', prefilled.has(code));
    r.querySelector('.from-notes').textContent = prefilled.has(code) ? t('risk.fromNotes', { p: prefilled.get(code) }) : '';
  }

  function focusRow(i) {
    const all = [...rows.querySelectorAll('.risk-q')];
    const r = all[Math.max(0, Math.min(all.length - 1, i))];
    (r?.querySelector('input:checked') || r?.querySelector('input'))?.focus();
  }

  async function load() {
    if (!config) config = (await get('/intake/risk-check')).questions;
    rows.replaceChildren(...config.map((q, i) => h('div', { class: 'risk-q', role: 'radiogroup', 'data-question': q.code,
      'aria-label': text(q), 'data-index': i },
      h('span', { class: 'risk-text' }, h('kbd', {}, q.key), ' ', text(q)),
      ANSWERS.map((a) => h('label', {}, h('input', { type: 'radio', name: `risk-${q.code}`, value: a,
        'data-answer': a, onchange: () => { set(q.code, a, false); onChange(); } }), ' ', t(`risk.${a}`))),
      h('span', { class: 'from-notes muted' }))));
  }

  el.addEventListener('keydown', (ev) => {
    const r = ev.target.closest?.('.risk-q');
    if (!r || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const answer = KEYS[ev.key.toLowerCase()];
    if (answer) {
      ev.preventDefault();
      set(r.dataset.question, answer, false);
      onChange();
      focusRow(Number(r.dataset.index) + 1);
      return;
    }
    const q = (config || []).findIndex((x) => x.key === ev.key);
    if (q >= 0) { ev.preventDefault(); focusRow(q); }
  });

  return {
    element: el,
    load,
    focus: () => focusRow(0),
    values: () => ({ ...answers }),
    /**
     * The suggestion's risk part: pre-fill clear "yes" answers, show disagreements and the level the answers call for.
     * @returns whether a new answer was pre-filled (the caller asks again so the level counts it)
     */
    show(risk) {
      let changed = false;
      for (const hint of risk?.hints || []) {
        if (answers[hint.question] === undefined) changed = true;
        if (answers[hint.question] === undefined || prefilled.has(hint.question)) {
          prefilled.set(hint.question, hint.phrase);
          set(hint.question, 'YES', true);
        }
      }
      const list = risk?.disagreements || [];
      warnings.replaceChildren(...(list.length ? [h('ul', { class: 'notice err' }, list.map((d) => h('li', {
        'data-disagreement': d.question }, getLang() === 'en' ? d.messageEn : d.messageZh)))] : []));
      const why = risk?.reasons || [];
      level.replaceChildren(...(why.length ? [t('risk.level'), ' ', h('strong', { 'data-risk-severity': risk.severity },
        t(`severity.${risk.severity}`)), ' · ', why.join('；')] : []));
      return changed;
    },
    reset() {
      for (const k of Object.keys(answers)) delete answers[k];
      prefilled.clear();
      warnings.replaceChildren(); level.replaceChildren();
      rows.querySelectorAll('input').forEach((i) => { i.checked = false; });
      rows.querySelectorAll('.risk-q').forEach((r) => r.classList.remove('prefilled'));
      rows.querySelectorAll('.from-notes').forEach((s) => { s.textContent = ''; });
    },
  };
}

/** The answers stored with a ticket, on the ticket page. */
export function storedRiskCheck(tk) {
  const rc = tk.riskCheck;
  if (!rc || !rc.answered) return h('p', { class: 'muted', id: 'ticket-risk-check' }, t('risk.notAnswered'));
  return h('div', { id: 'ticket-risk-check' },
    h('table', { 'aria-label': t('risk.title') }, h('tbody', {}, rc.answers.map((a) => h('tr', { 'data-question': a.question },
      h('th', { scope: 'row' }, getLang() === 'en' ? a.en : a.zh),
      h('td', { 'data-answer': a.answer || '' }, a.answer ? t(`risk.${a.answer}`) : '—'))))),
    (rc.reasons || []).length ? h('p', {}, t('risk.level'), ' ', h('strong', { 'data-risk-severity': rc.derivedSeverity },
      t(`severity.${rc.derivedSeverity}`)), ' · ', rc.reasons.join('；')) : null,
    rc.downgradeReason ? h('p', { class: 'notice', id: 'downgrade-reason' }, t('risk.downgradeReason'), ': ', rc.downgradeReason) : null);
}
