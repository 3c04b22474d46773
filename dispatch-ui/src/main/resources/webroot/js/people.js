// Display names for the login names lists carry (claimedBy): read once per county from GET
// /org-units/:code/handlers (the handlers a viewer may see), then cached for the page's life.
import { get } from './api.js';

const byCounty = new Map(); // county code -> Promise<Map<username, displayName>>

function handlers(county) {
  if (!byCounty.has(county)) {
    byCounty.set(county, get(`/org-units/${encodeURIComponent(county)}/handlers`)
      .then((list) => new Map(list.map((u) => [u.username, u.displayName || u.username])))
      .catch(() => new Map()));
  }
  return byCounty.get(county);
}

/**
 * Replaces the text of every [data-claimer][data-county] element under root with the person's display name (the
 * login name stays in the title and the data attribute); a name that cannot be resolved stays as it was.
 */
export function nameClaimers(root) { return resolve([...root.querySelectorAll('[data-claimer][data-county]')]); }

/**
 * An element naming the ticket's claimer: fmt with {u} for the name, shown with the login name at once and with the
 * display name as soon as it is known.
 */
export function claimerElement(h, tag, attrs, tk, fmt) {
  const el = h(tag, { ...attrs, 'data-user': '', 'data-claimer': tk.claimedBy, 'data-county': tk.countyCode || null,
    'data-claimer-format': fmt }, fmt.replace('{u}', tk.claimedBy));
  resolve([el]);
  return el;
}

async function resolve(els) {
  const counties = [...new Set(els.map((el) => el.dataset.county).filter(Boolean))];
  const maps = new Map(await Promise.all(counties.map(async (c) => [c, await handlers(c)])));
  for (const el of els) {
    const name = maps.get(el.dataset.county)?.get(el.dataset.claimer);
    if (!name) continue;
    const fmt = el.dataset.claimerFormat;
    el.textContent = fmt ? fmt.replace('{u}', name) : name;
    el.title = el.dataset.claimer;
  }
}
