// The caller-relation choices from GET /api/intake/relations (config/caller-relations.yaml), the codes the server
// stores; the dictionary's relation.* labels are used only when the server cannot be reached.
import { get } from './api.js';
import { getLang, label } from './i18n.js';

const BUILT_IN = ['CHILD_SELF', 'PARENT', 'GRANDPARENT', 'RELATIVE', 'NEIGHBOUR', 'TEACHER', 'SOCIAL_WORKER', 'PASSER_BY', 'OTHER'];
let cached = null;

/** [{code, zh?, en?}] in the configured order. */
export async function callerRelations() {
  if (cached) return cached;
  try {
    const res = await get('/intake/relations');
    if ((res.relations || []).length) {
      cached = res.relations.map((r) => ({ code: r.code, zh: r.nameZh, en: r.nameEn }));
      return cached;
    }
  } catch { /* fall back to the built-in codes */ }
  return BUILT_IN.map((code) => ({ code }));
}

export const relationName = (r) => (getLang() === 'en' ? r.en : r.zh) || label('relation', r.code);
