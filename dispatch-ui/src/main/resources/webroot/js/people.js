// Display names for the login names lists carry (claimedBy): the handlers of the viewer's whole scope, read once
// from GET /org-units/:code/handlers?subtree=true (a page of up to 1,000 at a time) and cached for the page's life,
// so a province list naming claimers of 25 counties costs one request, not one per county. Without a known viewer
// (no session yet) the names are read per county, as the handlers the viewer may see there.
import { get } from './api.js';

const PAGE = 1000;
const MAX_PAGES = 20;
let viewer = null; // the signed-in user's org unit: the root of their scope
let all = null; // Promise<Map<username, displayName>> for the viewer's scope
const byCounty = new Map(); // county code -> Promise<Map<username, displayName>>

/** The signed-in user's org unit (app.js, on every session load); a new one drops what was cached. */
export function setViewer(orgCode) {
  if (orgCode === viewer) return;
  viewer = orgCode || null;
  all = null;
  byCounty.clear();
}

async function readScope(code) {
  const out = new Map();
  let cursor = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await get(`/org-units/${encodeURIComponent(code)}/handlers?subtree=true&size=${PAGE}`
      + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''));
    for (const u of page.items) out.set(u.username, u.displayName || u.username);
    if (!page.next) break;
    cursor = page.next;
  }
  return out;
}

function handlers(county) {
  if (viewer) {
    if (!all) all = readScope(viewer).catch(() => new Map());
    return all;
  }
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
