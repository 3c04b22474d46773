// Urgent news must not wait for someone to look: a new emergency ticket for this desk, an escalation, a 督办 order
// or a clock about to breach sounds a repeating tone, raises a desktop notification (permission asked once) and
// counts in the tab title, until the user acknowledges. Texts carry ticket numbers only: a notification can be read
// by anyone passing the screen, so no names or notes. The push channel already limits news to the user's scope.
import { t } from './i18n.js';
import { subscribe } from './live.js';
import { h } from './ui.js';

const ADDRESS = 'hotline.ticket.changed';
const ASKED_KEY = 'hotline.notifications.asked';
const REPEAT_MS = 4000;
const SUPERVISORS = ['INTAKE_SUPERVISOR', 'PROVINCE_SUPERVISOR'];

let pending = [];
let unsubscribe = null;
let repeat = null;
let audio = null;

/** What in a piece of news is urgent for this user, or null. */
export function urgency(user, b) {
  switch (b.type) {
    case 'ESCALATED': return 'escalated';
    case 'SUPERVISION_ISSUED': return 'supervision';
    case 'SLA_WARNING': return user.role === 'OPERATOR' && b.stage !== 'DISPATCH' ? null : 'warning';
    case 'DISPATCHED': case 'TRANSFERRED':
      return user.role === 'COUNTY_HANDLER' && b.severity === 'EMERGENCY' && b.countyCode === user.orgCode ? 'emergency' : null;
    case 'CREATED':
      return SUPERVISORS.includes(user.role) && b.severity === 'EMERGENCY' ? 'emergency' : null;
    default: return null;
  }
}

function bar() {
  let el = document.getElementById('alerts');
  if (!el) {
    el = h('div', { id: 'alerts', class: 'alerts', role: 'alert', hidden: true });
    document.getElementById('topbar').after(el);
  }
  return el;
}

function beep() {
  try {
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    if (audio.state === 'suspended') audio.resume().catch(() => {});
    for (const [at, hz] of [[0, 880], [0.25, 660], [0.5, 880]]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = hz;
      gain.gain.value = 0.2;
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + at);
      osc.stop(audio.currentTime + at + 0.18);
    }
  } catch { /* no audio device: the banner, title and notification still show */ }
}

function notify(kind, ticketId) {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  const n = new Notification(t(`alert.${kind}`), { body: t('alert.ticket', { id: ticketId }), tag: `hotline-${kind}-${ticketId}`, requireInteraction: true });
  n.onclick = () => { window.focus(); location.hash = `#/ticket/${ticketId}`; acknowledge(); n.close(); };
}

function askOnce() {
  if (!('Notification' in window) || Notification.permission !== 'default' || localStorage.getItem(ASKED_KEY)) return null;
  return h('button', { type: 'button', class: 'ask', onclick: (ev) => {
    localStorage.setItem(ASKED_KEY, '1');
    Notification.requestPermission().finally(() => ev.target.remove());
  } }, t('alert.enable'));
}

function render() {
  const el = bar();
  // The title is the page's own (it follows the language switch); only the "(n) " count in front is ours.
  const bare = document.title.replace(/^\(\d+\) /, '');
  document.title = pending.length ? `(${pending.length}) ${bare}` : bare;
  if (!pending.length) { el.hidden = true; el.replaceChildren(); delete el.dataset.count; return; }
  el.hidden = false;
  el.dataset.count = String(pending.length);
  el.replaceChildren(...[
    h('ul', {}, pending.map((p) => h('li', { 'data-kind': p.kind },
      h('a', { href: `#/ticket/${p.ticketId}`, onclick: () => setTimeout(acknowledge) }, `${t(`alert.${p.kind}`)} · ${t('alert.ticket', { id: p.ticketId })}`)))),
    askOnce(),
    h('button', { type: 'button', class: 'primary ack', onclick: acknowledge }, t('alert.ack')),
  ].filter(Boolean)); // replaceChildren would print a null as text
}

function raise(kind, body) {
  pending = [...pending.filter((p) => !(p.ticketId === body.ticketId && p.kind === kind)), { kind, ticketId: body.ticketId }];
  render();
  notify(kind, body.ticketId);
  beep();
  if (!repeat) repeat = setInterval(beep, REPEAT_MS);
}

/** Stops the tone and clears the banner and the title count. */
export function acknowledge() {
  pending = [];
  clearInterval(repeat);
  repeat = null;
  render();
}

export function startAlerts(user) {
  stopAlerts();
  unsubscribe = subscribe(ADDRESS, (address, body) => {
    const kind = address === ADDRESS ? urgency(user, body) : null;
    if (kind) raise(kind, body);
  });
}

export function stopAlerts() {
  if (unsubscribe) unsubscribe();
  unsubscribe = null;
  acknowledge();
}
