import { t } from '../i18n.js';
import { post, ApiError } from '../api.js';
import { h, notice } from '../ui.js';

export function render(view, ctx) {
  const err = h('p', { class: 'err', role: 'alert', id: 'login-error' });
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h('form', { class: 'panel login', 'aria-labelledby': 'login-title' },
    h('h2', { id: 'login-title' }, t('login.title')),
    h('p', { class: 'muted' }, t('login.hint')),
    ctx.notice ? h('div', { id: 'login-notice', role: 'alert' }, notice(ctx.notice, true), h('p', { class: 'muted' }, t('login.resume'))) : null,
    h('label', { for: 'username' }, t('login.username')), user,
    h('label', { for: 'password' }, t('login.password')), pass,
    err, h('div', { class: 'row' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    err.textContent = '';
    try {
      await post('/login', { username: user.value.trim(), password: pass.value });
      await ctx.onLogin();
    } catch (e) {
      err.textContent = e instanceof ApiError && (e.status === 401 || e.status === 400) ? t('login.failed') : t('app.error', { msg: e.message });
      pass.select();
    } finally { submit.disabled = false; }
  });
  view.replaceChildren(form);
  user.focus();
}
