import { loadLang, otherLang, getLang, t, label } from './i18n.js';
import { get, post, setCsrf, setOnExpired } from './api.js';
import { connect as connectLive, disconnect as disconnectLive } from './live.js';
import { startAlerts, stopAlerts } from './alerts.js';
import { h, notice, toast } from './ui.js';
import { saveResume, resumeRoute, restoreResume, clearResume } from './drafts.js';
import { setViewer } from './people.js';

// Routes carry ticket ids only, never names or numbers (no personal data in URLs).
const VIEWS = {
  login: () => import('./views/login.js'),
  operator: () => import('./views/operator.js'),
  county: () => import('./views/county.js'),
  review: () => import('./views/review.js'),
  board: () => import('./views/board.js'),
  ticket: () => import('./views/ticket.js'),
  stats: () => import('./views/stats.js'),
  partners: () => import('./views/partners.js'),
  tickets: () => import('./views/tickets.js'),
  clocks: () => import('./views/clocks.js'),
};
const NAV = {
  OPERATOR: ['operator', 'review', 'tickets', 'partners'],
  INTAKE_SUPERVISOR: ['review', 'operator', 'tickets', 'stats', 'partners'],
  COUNTY_HANDLER: ['county', 'tickets', 'stats', 'partners'],
  PROVINCE_SUPERVISOR: ['board', 'review', 'tickets', 'stats', 'partners'],
  ADMIN: ['board', 'partners'], // administration reads no case data: the board's codes and counts, the directory
};

const state = { user: null, cleanup: null, loginNotice: null, afterLogin: null, routeGen: 0 };

export const landing = (user) => (NAV[user.role] || ['board'])[0];
export const navigate = (route) => { location.hash = `#/${route}`; };

async function loadSession() {
  try {
    const s = await get('/session');
    state.user = s.user;
    setViewer(s.user?.orgCode);
    setCsrf(s.csrfToken);
    return true;
  } catch {
    state.user = null;
    return false;
  }
}

function renderChrome() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('whoami');
  const logout = document.getElementById('logout');
  nav.replaceChildren();
  if (!state.user) { who.textContent = ''; logout.hidden = true; return; }
  const current = location.hash.split('/')[1];
  for (const v of NAV[state.user.role] || []) {
    nav.append(h('a', { href: `#/${v}`, 'aria-current': v === current ? 'page' : null }, t(`nav.${v}`)));
  }
  const org = getLang() === 'en' ? state.user.orgNameEn : state.user.orgName;
  who.replaceChildren(h('span', { 'data-user': '' }, state.user.displayName || state.user.username),
    ` · ${label('role', state.user.role)} · ${org || state.user.orgCode}`);
  logout.hidden = false;
}

async function route() {
  if (state.cleanup) { try { state.cleanup(); } catch { /* a view's cleanup must not block navigation */ } }
  state.cleanup = null;
  const [, name = '', arg] = location.hash.split('/');
  const view = document.getElementById('view');
  if (!state.user && name !== 'login') { state.afterLogin = location.hash; navigate('login'); return; }
  if (state.user && (name === 'login' || !VIEWS[name])) { navigate(landing(state.user)); return; }
  renderChrome();
  // Each route renders into its own box: a slower earlier render that finishes late writes into a detached box.
  const gen = ++state.routeGen;
  const box = h('div', { class: 'route', 'data-route': name }, h('p', {}, t('app.loading')));
  view.replaceChildren(box);
  try {
    const mod = await VIEWS[name]();
    const ctx = { user: state.user, arg, navigate, onLogin, notice: name === 'login' ? state.loginNotice : null };
    const cleanup = (await mod.render(box, ctx)) || null;
    if (gen !== state.routeGen) { if (cleanup) cleanup(); return; }
    state.cleanup = cleanup;
    if (state.user) restoreResume(box, location.hash, state.user.username);
  } catch (e) {
    if (gen !== state.routeGen) return;
    box.replaceChildren(notice(t('app.error', { msg: e.message }), true));
  }
  if (!view.contains(document.activeElement)) view.focus({ preventScroll: true }); // a view may have focused its first field
}

// The push channel and the alerts that ride on it start and stop together, with the session.
function connect() { connectLive(); if (state.user) startAlerts(state.user); }
function disconnect() { stopAlerts(); disconnectLive(); }

async function onLogin() {
  await loadSession();
  connect();
  state.loginNotice = null;
  const back = resumeRoute(state.user.username) || state.afterLogin;
  state.afterLogin = null;
  if (back && back !== location.hash) location.hash = back; else navigate(landing(state.user));
}

async function logout() {
  try { await post('/logout'); } catch { /* the session may be gone already */ }
  state.user = null;
  setCsrf(null);
  clearResume();
  disconnect();
  navigate('login');
}

setOnExpired(() => {
  if (!state.user) return;
  // Keep where the user was and what they typed, so logging in again picks up there.
  saveResume(document.getElementById('view'), location.hash, state.user.username);
  state.user = null;
  state.loginNotice = t('app.sessionExpired');
  disconnect();
  toast(t('app.sessionExpired'), true);
  navigate('login');
});

async function start() {
  await loadLang();
  document.getElementById('lang').addEventListener('click', async () => { await loadLang(otherLang()); route(); });
  document.getElementById('logout').addEventListener('click', logout);
  if (await loadSession()) connect();
  window.addEventListener('hashchange', route);
  route();
}

start();
