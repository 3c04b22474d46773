// Supervisors: how the intake suggestion did against what operators chose over the last 30 days, per class (issue 14).
import { t, label } from '../i18n.js';
import { get, missing } from '../api.js';
import { h } from '../ui.js';

const pct = (x) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);

export function intakeAccuracy() {
  const box = h('section', { id: 'intake-accuracy', 'aria-labelledby': 'intake-accuracy-title' },
    h('h3', { id: 'intake-accuracy-title' }, t('accuracy.title')));
  get('/intake/accuracy?days=30').then((a) => {
    box.append(h('p', { class: 'muted' }, t('accuracy.summary', { n: a.examples, c: pct(a.categoryAccuracy),
      s: pct(a.severityAccuracy), e: pct(a.emergencyRecall), m: a.model.embedder })),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('ticket.category')),
      h('th', { scope: 'col' }, t('accuracy.examples')), h('th', { scope: 'col' }, t('accuracy.category')),
      h('th', { scope: 'col' }, t('accuracy.severity')), h('th', { scope: 'col' }, t('accuracy.emergencies')))),
    h('tbody', {}, a.perCategory.map((r) => h('tr', { 'data-accuracy-category': r.category },
      h('th', { scope: 'row' }, label('category', r.category)), h('td', {}, String(r.examples)),
      h('td', { 'data-category-accuracy': r.categoryAccuracy }, pct(r.categoryAccuracy)),
      h('td', {}, pct(r.severityAccuracy)), h('td', {}, `${r.emergenciesSuggested}/${r.emergencies}`))))));
  }).catch((e) => box.append(h('p', { class: 'muted' }, missing(e) ? t('accuracy.none') : t('app.error', { msg: e.message }))));
  return box;
}
