// One EventSource per page load; views subscribe by address prefix. Without the push channel, views poll.
import { t } from './i18n.js';

const subs = new Set();
let source = null;
let pollTimer = null;
let wasDown = false;

export function subscribe(prefix, fn) {
  const sub = { prefix, fn };
  subs.add(sub);
  return () => subs.delete(sub);
}

function deliver(address, body) {
  const everyone = address === 'poll' || address === 'reconnect';
  for (const s of [...subs]) if (everyone || s.prefix === '*' || address.startsWith(s.prefix)) s.fn(address, body);
}

function indicator(on) {
  const el = document.getElementById('live');
  if (!el) return;
  el.className = `live ${on ? 'on' : 'off'}`;
  el.textContent = on ? t('app.live.on') : t('app.live.off');
  el.dataset.state = on ? 'on' : 'off';
  el.dataset.i18n = on ? 'app.live.on' : 'app.live.off'; // so a language switch re-translates it
}

export function connect() {
  disconnect();
  source = new EventSource('/api/events');
  // After a break (this node restarted, or the browser reconnected to another node) the news in between is lost:
  // views reload what they show (their current page only) from the database, which is the truth.
  source.onopen = () => { indicator(true); stopPolling(); if (wasDown) deliver('reconnect', {}); wasDown = false; };
  source.onmessage = (e) => {
    try { const m = JSON.parse(e.data); deliver(m.address, m.body || {}); } catch { /* a malformed frame is dropped */ }
  };
  source.onerror = () => {
    wasDown = true;
    indicator(false);
    startPolling();
  };
}

export function disconnect() {
  if (source) source.close();
  source = null;
  stopPolling();
  indicator(false);
}

function startPolling() {
  if (pollTimer) return;
  pollTimer = setInterval(() => deliver('poll', {}), 5000);
}

function stopPolling() { clearInterval(pollTimer); pollTimer = null; }
