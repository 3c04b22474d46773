import { t, label } from '../i18n.js';
import { get, post, missing } from '../api.js';
import { subscribe } from '../live.js';
import { fmtTime } from '../fmt.js';
import { h, notice, orgs, ticketTable, debounce, toast } from '../ui.js';
import { taxonomy } from '../taxonomy.js';
import { callerRelations } from '../relations.js';
import { abandonedCalls } from './calls.js';
import { ticketForm } from './ticketform.js';

export async function render(view, ctx) {
  // Listen for the screen-pop before the first loads: a pop arriving while they run is kept and drawn once ready.
  let early = null;
  let onPop = (pop) => { early = pop; };
  const stopPops = subscribe(`hotline.ui.operator.${ctx.user.username}`, (address, body) => { if (address !== 'poll') onPop(body); });
  const map = await orgs();
  const [tax, relations] = await Promise.all([taxonomy(), callerRelations()]);
  const callBox = h('section', { class: 'panel', 'aria-labelledby': 'call-title', id: 'call-panel' });
  const queueBox = h('section', { class: 'panel', 'aria-labelledby': 'queue-title' });
  const abandonedBox = h('div');
  const recent = h('section', { class: 'panel', 'aria-labelledby': 'recent-title' });
  const form = ticketForm(ctx, map, tax, { onCreated: () => drawRecent(), relations });
  // The form first (in tab order too: a call starts at the form, not at the queue buttons); the call beside it.
  view.replaceChildren(h('div', { class: 'cols console' }, h('div', {}, form.element, recent), h('div', {}, callBox, queueBox, abandonedBox)));

  // Call controls on the shown call: hang up (the server sends AMI Hangup) and the hold state, which only the phone
  // can change (AMI has no hold action for PJSIP); call news (hotline.call.*) for this call updates both live.
  let live = null; // { callId, ended }
  const holdBadge = h('p', { class: 'badge hold', id: 'call-hold', role: 'status', hidden: true }, t('op.hold.on'));
  const hangupBtn = h('button', { type: 'button', id: 'call-hangup', class: 'danger', 'aria-keyshortcuts': 'Alt+H',
    onclick: () => hangup() }, t('op.hangup'), h('kbd', {}, 'Alt+H'));
  const hangup = async () => {
    if (!live || live.ended || hangupBtn.disabled || !window.confirm(t('op.hangup.confirm'))) return;
    hangupBtn.disabled = true;
    try { await post(`/calls/${encodeURIComponent(live.callId)}/hangup`, {}); toast(t('op.hangup.done')); } catch (e) {
      hangupBtn.disabled = false;
      toast(t('app.error', { msg: e.message }), true);
    }
  };
  const callNews = (address, c) => {
    if (!live || !c || c.linkedid !== live.callId) return;
    holdBadge.hidden = !c.held;
    if (!live.ended && (c.state === 'ENDED' || c.state === 'ABANDONED')) {
      live.ended = true;
      hangupBtn.disabled = true;
      holdBadge.hidden = true;
      hangupBtn.after(h('span', { class: 'muted', id: 'call-ended' }, ' ', t('op.callEnded')));
    }
  };
  const onKey = (ev) => {
    if (ev.altKey && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey && ev.code === 'KeyH' && live && !live.ended && callBox.isConnected) {
      ev.preventDefault();
      hangup();
    }
  };
  document.addEventListener('keydown', onKey);

  const drawCall = (pop) => {
    callBox.replaceChildren(h('h2', { id: 'call-title' }, t('op.call')));
    live = pop && pop.callId ? { callId: pop.callId, ended: false } : null;
    holdBadge.hidden = !(pop && pop.call && pop.call.held); // a call read on open may already be on hold
    hangupBtn.disabled = false;
    if (!pop) { callBox.append(h('p', { class: 'muted' }, t('op.noCall'))); return; }
    // Screen-pop body (ScreenPop in telephony-bridge): callId, callerNumber, queue, earlierCalls, earlierTickets.
    const number = pop.callerNumber || t('ticket.anonymous');
    const calls = pop.earlierCalls || [];
    const tickets = pop.earlierTickets || [];
    callBox.append(h('p', { class: 'callfrom', role: 'alert', 'data-call-id': pop.callId || '' }, h('strong', {}, t('op.callFrom', { n: number }))),
      pop.call && pop.call.state === 'OFFERED' ? h('p', { class: 'badge', id: 'call-ringing', role: 'status' }, t('op.ringing')) : null,
      pop.queue ? h('p', { class: 'muted' }, pop.queue) : null,
      live ? holdBadge : null,
      live ? h('div', { class: 'row' }, hangupBtn) : null,
      h('h3', {}, t('op.earlierCalls')),
      calls.length ? h('ul', {}, calls.map((c) => h('li', {}, `${fmtTime(c.startedAt)} ${label('callstate', c.state)}`))) : h('p', { class: 'muted' }, t('app.none')),
      h('h3', {}, t('op.earlierTickets')),
      tickets.length ? h('ul', { id: 'earlier-tickets' }, tickets.map((tk) => h('li', {}, h('a', { href: `#/ticket/${tk.id}` }, tk.ref || tk.id), ' ', label('status', tk.status)))) : h('p', { class: 'muted' }, t('app.none')));
    form.fromCall(pop);
    // Transfer (blind or attended) to another operator, a supervisor (user name) or an outside number.
    const target = h('input', { id: 'transfer-target', 'aria-label': t('op.transfer.target'), placeholder: t('op.transfer.target') });
    const send = (kind) => async (ev) => {
      const v = target.value.trim();
      if (!v || !pop.callId) return;
      ev.target.disabled = true;
      const body = /^[+\d][\d\s-]*$/.test(v) ? { kind, number: v } : { kind, username: v };
      try { await post(`/calls/${encodeURIComponent(pop.callId)}/transfer`, body); toast(t('op.transfer.done')); } catch (e) { toast(t('app.error', { msg: e.message }), true); }
      ev.target.disabled = false;
    };
    callBox.append(h('h3', {}, t('op.transfer')), h('div', { class: 'row' }, target,
      h('button', { type: 'button', id: 'transfer-blind', onclick: send('BLIND') }, t('op.transfer.blind')),
      h('button', { type: 'button', id: 'transfer-attended', onclick: send('ATTENDED') }, t('op.transfer.attended'))));
  };

  let paused = false;
  const agentLine = h('p', { class: 'muted', id: 'agent-state' });
  const drawAgent = async () => {
    try {
      const a = await get('/queue/state');
      agentLine.textContent = t('op.agentState', { s: label('agentstate', a.state) }) + (a.reason ? ` · ${t('op.agentReason', { r: a.reason })}` : '');
    } catch (e) { agentLine.textContent = ''; }
  };
  const drawQueue = (stateText) => {
    const act = (path, body) => async () => {
      try { const res = await post(`/queue/${path}`, body); if (path === 'pause') paused = body.paused; drawQueue(t('op.queue.state', { s: label('queuestate', res.state) })); } catch (e) {
        drawQueue(missing(e) ? t('app.notAvailable') : t('app.error', { msg: e.message }));
      }
      // the PBX confirms membership changes with events a moment later
      drawAgent(); setTimeout(drawAgent, 600); setTimeout(drawAgent, 1500);
    };
    queueBox.replaceChildren(h('h2', { id: 'queue-title' }, t('op.queue')),
      h('p', { class: 'muted', role: 'status', id: 'queue-state' }, stateText || ''), agentLine,
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'queue-login', onclick: act('login', {}) }, t('op.queue.login')),
        h('button', { type: 'button', id: 'queue-pause', onclick: act('pause', { paused: !paused }) }, t(paused ? 'op.queue.unpause' : 'op.queue.pause')),
        h('button', { type: 'button', id: 'queue-logout', onclick: act('logout', {}) }, t('op.queue.logout'))));
  };

  const drawRecent = async () => {
    try {
      const res = await get('/tickets?order=recent&size=10'); // the server's newest first (keyset page)
      const items = res.items;
      recent.replaceChildren(h('h2', { id: 'recent-title' }, t('op.recent')),
        ticketTable(items, map, { columns: ['ref', 'severity', 'case', 'county', 'status', 'deadline'] }));
    } catch (e) { recent.replaceChildren(notice(t('app.error', { msg: e.message }), true)); }
  };

  drawCall(early);
  // A call already on (or ringing on) this operator's phone when the view opens or reloads: its pop went by before
  // the view listened, so the view asks for it; a pop pushed meanwhile is newer and wins.
  let popped = early !== null;
  onPop = (pop) => { popped = true; drawCall(pop); };
  get('/queue/call').then((cur) => { if (!popped && cur && cur.callId) drawCall(cur); }).catch(() => {});
  drawQueue(null);
  // Subscribe before the slower loads below, so news that arrives meanwhile is not missed.
  const stops = [
    stopPops,
    subscribe('hotline.ticket', debounce(drawRecent, 300)),
    subscribe('hotline.call', debounce(drawAgent, 500)),
    subscribe('hotline.call', callNews),
  ];
  drawAgent();
  const agentTimer = setInterval(drawAgent, 5000);
  // In parallel: the abandoned list must be listening before call news arrives, not after the recent list loaded.
  const [, stopCalls] = await Promise.all([drawRecent(), abandonedCalls(abandonedBox, ctx)]);
  return () => { stops.forEach((s) => s()); stopCalls(); clearInterval(agentTimer); form.stop(); document.removeEventListener('keydown', onKey); };
}
