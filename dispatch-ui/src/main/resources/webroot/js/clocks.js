// Ticket lists from GET /api/tickets may come without SLA clocks; this fills them in from the ticket itself, cached
// per ticket and version, so countdowns and "escalated" lists work either way. forget(id) on a push for that ticket.
import { get } from './api.js';

const cache = new Map(); // id -> { key, clocks, orders }
const keyOf = (tk) => `${tk.version}|${tk.updatedAt}`;

export function forgetClocks(id) { if (id !== undefined && id !== null) cache.delete(String(id)); else cache.clear(); }

export async function withClocks(tickets, limit = 60) {
  const todo = tickets.filter((tk) => !Array.isArray(tk.clocks)).slice(0, limit);
  await Promise.all(todo.map(async (tk) => {
    const hit = cache.get(String(tk.id));
    if (hit && hit.key === keyOf(tk)) { tk.clocks = hit.clocks; tk.supervisionOrders = hit.orders; return; }
    try {
      const full = await get(`/tickets/${tk.id}`);
      tk.clocks = full.clocks || [];
      tk.supervisionOrders = full.supervisionOrders || [];
      cache.set(String(tk.id), { key: keyOf(tk), clocks: tk.clocks, orders: tk.supervisionOrders });
    } catch { tk.clocks = []; }
  }));
  return tickets;
}
