// Live countdown of one SLA clock ({stage, status, state, dueAt, remainingSeconds} as GET /api/tickets returns it).
// Counts from the server's remainingSeconds, not from dueAt against the browser's clock, so a PC whose clock is off
// still shows the right time left. One timer refreshes every countdown on the page.
import { t, label } from './i18n.js';
import { fmtDuration } from './fmt.js';

const live = new Set();
let timer = null;

/** A <span class="sla-cd"> that counts down; {stage: false} leaves the stage name out. */
export function clockCountdown(clock, { stage = true } = {}) {
  const el = document.createElement('span');
  el.className = 'sla-cd';
  if (!clock) { el.textContent = t('clock.none'); return el; }
  el.dataset.stage = clock.stage || '';
  el.dataset.clockState = clock.state || clock.status || '';
  if (clock.dueAt) el.title = clock.dueAt;
  const entry = { el, clock, stage, endsAt: performance.now() + (clock.remainingSeconds ?? 0) * 1000 };
  paint(entry);
  if (clock.status === 'RUNNING' && clock.remainingSeconds != null) {
    live.add(entry);
    if (!timer) timer = setInterval(tick, 1000);
  }
  return el;
}

/** The running clock due first among a ticket's clocks (null when none runs). */
export function leadingClock(clocks) {
  const open = (clocks || []).filter((c) => c.status !== 'STOPPED' && c.remainingSeconds != null);
  open.sort((a, b) => a.remainingSeconds - b.remainingSeconds);
  return open[0] || null;
}

function paint({ el, clock, stage, endsAt }) {
  const name = stage && clock.stage ? `${label('stage', clock.stage)} ` : '';
  if (clock.status === 'STOPPED') {
    el.textContent = `${name}${t(clock.outcome === 'MET' ? 'clock.MET' : 'clock.STOPPED')}`;
    el.className = 'sla-cd';
    return;
  }
  if (clock.status === 'PAUSED') {
    el.textContent = `${name}${t('clock.PAUSED')} · ${t('clock.left', { d: fmtDuration(clock.remainingSeconds ?? 0) })}`;
    el.className = 'sla-cd paused';
    return;
  }
  const left = (endsAt - performance.now()) / 1000;
  el.dataset.remaining = String(Math.round(left));
  el.textContent = `${name}${left >= 0 ? t('clock.left', { d: fmtDuration(left) }) : t('clock.over', { d: fmtDuration(left) })}`;
  el.className = `sla-cd${left < 0 ? ' over' : clock.state === 'WARNED' || left < 3600 ? ' warn' : ''}`;
}

function tick() {
  for (const e of [...live]) {
    if (!e.el.isConnected) { live.delete(e); continue; }
    paint(e);
  }
  if (!live.size) { clearInterval(timer); timer = null; }
}
