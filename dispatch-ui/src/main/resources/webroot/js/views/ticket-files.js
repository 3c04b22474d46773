// Photos and documents kept with a ticket: the list (download links, each download audited by the server) and an
// upload control. The server recognises a file by its content; the accept list here only helps the file picker.
import { t } from '../i18n.js';
import { upload, ApiError } from '../api.js';
import { fmtTime } from '../fmt.js';
import { h, toast } from '../ui.js';

const ACCEPT = 'image/jpeg,image/png,application/pdf,.docx';
const MAX_BYTES = 10 * 1024 * 1024;

// The last upload error per ticket id: a pushed event may re-render the ticket between the upload and its refusal,
// so the message is kept here and shown by whichever panel is in the document (cleared by the next change or success).
const lastError = new Map();

function showError(id, msg, own) {
  if (msg) lastError.set(id, msg); else lastError.delete(id);
  own.textContent = msg || '';
  document.querySelectorAll(`.files-panel[data-ticket-files="${id}"] .err`).forEach((el) => { el.textContent = msg || ''; });
}

function size(n) { return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`; }

export function ticketFiles(tk, user, onAdded) {
  const files = tk.attachments || [];
  const list = files.length
    ? h('ul', { class: 'files' }, files.map((f) => h('li', { 'data-attachment': f.id },
      h('a', { href: `/api/tickets/${tk.id}/attachments/${f.id}`, download: f.filename, 'data-user': '' }, f.filename),
      ` · ${size(f.size)} · ${f.uploadedBy} · ${fmtTime(f.uploadedAt)}`)))
    : h('p', { class: 'muted' }, t('files.none'));
  if (user.role === 'ADMIN') return list;
  const input = h('input', { type: 'file', id: `file-${tk.id}`, accept: ACCEPT });
  const id = String(tk.id);
  const err = h('p', { class: 'err', role: 'alert' }, lastError.get(id) || '');
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    showError(id, '', err);
    if (file.size > MAX_BYTES) { showError(id, t('files.tooLarge'), err); return; }
    input.disabled = true;
    try {
      await upload(`/tickets/${tk.id}/attachments`, file);
      showError(id, '', err);
      toast(t('files.added', { f: file.name }));
      onAdded();
    } catch (e) {
      showError(id, e instanceof ApiError && e.status === 413 ? t('files.tooLarge') : e.message, err);
    } finally { input.disabled = false; input.value = ''; }
  });
  return h('div', { class: 'files-panel', 'data-ticket-files': id }, list,
    h('label', { for: input.id }, t('files.add')), input, h('p', { class: 'muted' }, t('files.rules')), err);
}
