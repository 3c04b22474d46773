// The intake taxonomy from GET /api/intake/taxonomy (config/taxonomy.yaml); a built-in copy of the same codes is
// used only when the server cannot be reached, so the form still works.
import { get } from './api.js';

const BUILT_IN = {
  VIOLATION: ['PHYSICAL_ABUSE', 'SEXUAL_ABUSE', 'NEGLECT', 'ABANDONMENT', 'TRAFFICKING', 'DOMESTIC_VIOLENCE', 'BULLYING', 'CHILD_LABOUR', 'ONLINE_HARM', 'VIOLATION_OTHER'],
  LIFE_DIFFICULTY: ['UNATTENDED', 'LEFT_BEHIND', 'POVERTY', 'ILLNESS_DISABILITY', 'SCHOOLING', 'MISSING_RUNAWAY', 'LIFE_OTHER'],
  PSYCHOLOGICAL: ['SUICIDE_SELF_HARM', 'EMOTIONAL_DISTRESS', 'FAMILY_RELATIONSHIP', 'STUDY_PRESSURE', 'PSYCH_OTHER'],
  CONSULTATION: ['WELFARE_POLICY', 'GUARDIANSHIP_CUSTODY', 'ADOPTION', 'HUKOU_DOCUMENTS', 'LAW_OTHER'],
  REFERRAL_OTHER: ['REFERRAL', 'FOLLOW_UP', 'COMPLAINT', 'INVALID_CALL', 'OTHER'],
};

let cached = null;

/** {category: [{code, zh?, en?, severity?, resolvable?}]}; server labels win over the dictionary when present. */
export async function taxonomy() {
  if (cached) return cached;
  try {
    const res = await get('/intake/taxonomy');
    const out = {};
    for (const c of res.categories || []) {
      out[c.code] = (c.subcategories || []).map((s) => ({
        code: s.code, zh: s.nameZh, en: s.nameEn, severity: s.defaultSeverity, resolvable: s.resolvableAtIntake,
      }));
    }
    if (Object.keys(out).length) { cached = out; return out; }
  } catch { /* server unreachable: fall back to the built-in list */ }
  return Object.fromEntries(Object.entries(BUILT_IN).map(([k, v]) => [k, v.map((code) => ({ code }))]));
}
