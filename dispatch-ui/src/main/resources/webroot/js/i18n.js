// Dictionaries live in ../i18n/*.json; every visible label goes through t().
let dict = {};
let lang = localStorage.getItem('hotline.lang') || 'zh-CN';

export async function loadLang(next = lang) {
  const res = await fetch(`i18n/${next}.json`);
  dict = await res.json();
  lang = next;
  localStorage.setItem('hotline.lang', lang);
  document.documentElement.lang = lang;
  document.title = t('app.title');
  translateStatic(document);
}

export const getLang = () => lang;
export const otherLang = () => (lang === 'zh-CN' ? 'en' : 'zh-CN');

export function t(key, params = {}) {
  const s = dict[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (params[k] ?? ''));
}

export const has = (key) => key in dict;

/** A code's label, falling back to the code itself when the dictionary lacks it (e.g. a new event type). */
export function label(prefix, code) {
  if (code === null || code === undefined || code === '') return '';
  const key = `${prefix}.${code}`;
  return key in dict ? dict[key] : code;
}

export function translateStatic(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-aria]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nAria)));
}
