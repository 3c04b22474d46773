// The partner directory (资源链接): agencies and field contacts serving the user's unit; admins add and disable entries.
import { t, label } from '../i18n.js';
import { get, post, ApiError } from '../api.js';
import { h, toast, orgs, orgName, notice } from '../ui.js';

const KINDS = ['POLICE', 'AMBULANCE', 'GOV_SERVICE', 'YOUTH', 'WOMEN', 'SCHOOL', 'HOSPITAL', 'SOCIAL_WORK', 'PSYCHOLOGICAL',
  'CHILD_SUPERVISOR', 'CHILD_DIRECTOR'];

export async function render(view, ctx) {
  const map = await orgs();
  const admin = ctx.user.role === 'ADMIN';
  const kind = h('select', { id: 'pt-kind', 'aria-label': t('loop.kind') }, h('option', { value: '' }, t('partners.allKinds')),
    KINDS.map((k) => h('option', { value: k }, label('partnerKind', k))));
  const list = h('div');
  const draw = async () => {
    const q = new URLSearchParams();
    if (kind.value) q.set('kind', kind.value);
    if (admin) q.set('inactive', 'true');
    const { items } = await get(`/partners?${q}`);
    list.replaceChildren(h('p', { class: 'muted' }, t('partners.count', { n: items.length })), h('div', { class: 'scroll' },
      h('table', { 'data-list': 'partners' }, h('thead', {}, h('tr', {}, ['partners.name', 'loop.kind', 'partners.org', 'partners.channels']
        .map((k) => h('th', { scope: 'col' }, t(k))), h('th', { scope: 'col' }))),
      h('tbody', {}, items.map((p) => h('tr', { 'data-partner': p.code, 'data-active': String(p.active) },
        h('td', {}, p.name, p.demo ? h('span', { class: 'badge' }, t('partners.demo')) : null),
        h('td', {}, label('partnerKind', p.kind)), h('td', {}, orgName(map, p.org)),
        h('td', {}, p.channels.map((c) => `${label('channel', c.type)} ${c.value}`).join(t('app.sep'))),
        h('td', {}, admin ? h('button', { type: 'button', 'data-action': p.active ? 'disable' : 'enable', onclick: async () => {
          await post(`/admin/partners/${p.id}/active`, { active: !p.active });
          draw();
        } }, t(p.active ? 'partners.disable' : 'partners.enable')) : null)))))));
  };
  kind.addEventListener('change', () => draw());
  const add = admin ? addForm(map, draw) : null;
  view.replaceChildren(h('h2', {}, t('partners.title')), h('p', { class: 'row' }, kind), list, add);
  await draw().catch((e) => list.replaceChildren(notice(e.message, true)));
}

function addForm(map, done) {
  const f = (id, key, el) => [h('label', { for: id }, t(key)), el];
  const form = h('form', { class: 'panel', 'data-form-static': 'partner', 'aria-label': t('partners.add') }, h('h3', {}, t('partners.add')),
    f('pa-code', 'partners.code', h('input', { id: 'pa-code', name: 'code', required: true })),
    f('pa-kind', 'loop.kind', h('select', { id: 'pa-kind', name: 'kind' }, KINDS.map((k) => h('option', { value: k }, label('partnerKind', k))))),
    f('pa-org', 'partners.org', h('select', { id: 'pa-org', name: 'org' }, [...map.values()].map((u) => h('option', { value: u.code }, `${u.code} ${orgName(map, u.code)}`)))),
    f('pa-name', 'partners.name', h('input', { id: 'pa-name', name: 'name', required: true })),
    f('pa-phone', 'partners.phone', h('input', { id: 'pa-phone', name: 'phone', required: true })),
    h('p', { class: 'err', role: 'alert' }), h('button', { type: 'submit', class: 'primary' }, t('app.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = (n) => form.elements[n].value.trim();
    try {
      await post('/admin/partners', { code: v('code'), kind: v('kind'), org: v('org'), name: v('name'),
        channels: [{ type: 'PHONE', value: v('phone') }] });
      toast(t('loop.saved'));
      form.reset();
      done();
    } catch (e) {
      form.querySelector('.err').textContent = e instanceof ApiError && e.field ? `${e.field}: ${e.message}` : e.message;
    }
  });
  return form;
}
