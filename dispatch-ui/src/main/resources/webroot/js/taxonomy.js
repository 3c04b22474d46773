// Built-in sub-classes (DOMAIN.md §4) used until the server offers its configured taxonomy.
import { get } from './api.js';

const BUILT_IN = {
  VIOLATION: ['PHYSICAL_ABUSE', 'SEXUAL_ABUSE', 'NEGLECT', 'ABANDONMENT', 'TRAFFICKING', 'DOMESTIC_VIOLENCE', 'BULLYING', 'CHILD_LABOUR', 'ONLINE_HARM', 'OTHER'],
  LIFE_DIFFICULTY: ['UNATTENDED', 'LEFT_BEHIND', 'POVERTY', 'ILLNESS_DISABILITY', 'SCHOOLING', 'MISSING_RUNAWAY', 'OTHER'],
  PSYCHOLOGICAL: ['EMOTIONAL', 'SELF_HARM', 'FAMILY_CONFLICT', 'OTHER'],
  CONSULTATION: ['POLICY', 'LAW', 'OTHER'],
  REFERRAL_OTHER: ['REFERRAL', 'OTHER'],
};

let cached = null;

/** {category: [{code, zh?, en?}]}; server labels win over the dictionary when present. */
export async function taxonomy() {
  if (cached) return cached;
  try {
    const res = await get('/intake/taxonomy');
    const out = {};
    for (const c of res.categories || res) {
      out[c.code] = (c.subcategories || c.children || []).map((s) => ({ code: s.code, zh: s.nameZh || s.labelZh, en: s.nameEn || s.labelEn }));
    }
    if (Object.keys(out).length) { cached = out; return out; }
  } catch { /* not served yet: fall back to the built-in list */ }
  cached = Object.fromEntries(Object.entries(BUILT_IN).map(([k, v]) => [k, v.map((code) => ({ code }))]));
  return cached;
}
