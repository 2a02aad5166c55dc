// DOM and text helpers shared by every view. All text from the API goes into the page with
// textContent / setAttribute, never as HTML: guest names are user data.

export const $ = (id) => document.getElementById(id);

/** Creates an element. props: class, text, hidden, type, id, data-* and other attributes. */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'hidden') node.hidden = true;
      else node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function setText(node, text) {
  text = text === null || text === undefined ? '' : String(text);
  if (node.textContent !== text) node.textContent = text;
}

export function setAttr(node, name, value) {
  value = String(value);
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

export function show(node, visible) {
  if (node.hidden === visible) node.hidden = !visible;
}

/** Keeps container's children in the order of items, reusing nodes by key (no rebuild, no jump). */
export function reconcile(container, items, keyOf, create, update) {
  const existing = new Map();
  for (const child of Array.from(container.children)) {
    if (child.dataset.key !== undefined) existing.set(child.dataset.key, child);
    else child.remove();
  }
  items.forEach((item, index) => {
    const key = String(keyOf(item));
    let node = existing.get(key);
    if (node) existing.delete(key);
    else {
      node = create(item);
      node.dataset.key = key;
    }
    update(node, item);
    if (container.children[index] !== node) container.insertBefore(node, container.children[index] || null);
  });
  for (const node of existing.values()) node.remove();
}

export const pad2 = (n) => String(n).padStart(2, '0');

/** "2026-11-25T07:30[:00]" → "07:30". */
export function hhmm(dateTime) {
  if (!dateTime) return '';
  const m = /T(\d{2}:\d{2})/.exec(String(dateTime));
  return m ? m[1] : String(dateTime);
}

/** "2026-11-25T07:30" → "2026-11-25 07:30". */
export function dateTimeText(dateTime) {
  if (!dateTime) return '';
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(String(dateTime));
  return m ? m[1] + ' ' + m[2] : String(dateTime);
}

/** Accepts what people type at 5 a.m.: "7:30", "730", "0730", "7.30", "7h30", "07：30" → "07:30"
 *  (H:mm and HH:mm everywhere the page takes a time). Anything else is returned trimmed, for the
 *  service to refuse with its own message. */
export function normalizeTime(text) {
  const t = String(text || '').trim().replace(/：/g, ':').replace(/\s+/g, '');
  let m = /^(\d{1,2})[:.hH](\d{2})$/.exec(t);
  if (m) return pad2(m[1]) + ':' + m[2];
  m = /^(\d{1,2})(\d{2})$/.exec(t);
  if (m) return pad2(m[1]) + ':' + m[2];
  m = /^(\d{1,2})$/.exec(t);
  if (m && parseInt(m[1], 10) < 24) return pad2(m[1]) + ':00';
  return t;
}

/** "2026/11/25", "2026.11.25", "20261125" → "2026-11-25". */
export function normalizeDate(text) {
  const t = String(text || '').trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return m[1] + '-' + pad2(m[2]) + '-' + pad2(m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return m[1] + '-' + m[2] + '-' + m[3];
  return t;
}

/** "yyyy-MM-dd" plus n days. */
export function addDays(date, n) {
  const [y, mo, d] = String(date).split('-').map((x) => parseInt(x, 10));
  const dt = new Date(Date.UTC(y, mo - 1, d + n));
  return dt.getUTCFullYear() + '-' + pad2(dt.getUTCMonth() + 1) + '-' + pad2(dt.getUTCDate());
}

/** "1301,1302,1303,1305" → "1301–1303, 1305" (numeric runs folded). */
export function roomRanges(rooms, max) {
  const sorted = Array.from(new Set(rooms.map(String))).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const parts = [];
  let start = null;
  let prev = null;
  const flush = () => {
    if (start === null) return;
    parts.push(start === prev ? start : (parseInt(prev, 10) - parseInt(start, 10) === 1 ? start + ', ' + prev : start + '–' + prev));
  };
  for (const r of sorted) {
    if (prev !== null && /^\d+$/.test(r) && /^\d+$/.test(prev) && parseInt(r, 10) === parseInt(prev, 10) + 1) {
      prev = r;
      continue;
    }
    flush();
    start = r;
    prev = r;
  }
  flush();
  const limit = max || 8;
  return parts.length > limit ? parts.slice(0, limit).join(', ') + ' …' : parts.join(', ');
}

// The messages shown with liveMessage: node → the function that writes them again.
const liveMessages = new Map();

function paint(node, kind, text, extraNodes) {
  node.className = 'msg' + (kind ? ' msg-' + kind : '');
  node.replaceChildren();
  if (text) node.append(document.createTextNode(text));
  if (extraNodes) for (const n of extraNodes) node.append(n);
}

/** Shows a message that stays in the words it was written in (a language switch leaves it):
 *  use liveMessage for anything the page translates. */
export function setMessage(node, kind, text, extraNodes) {
  liveMessages.delete(node);
  paint(node, kind, text, extraNodes);
  node.removeAttribute('title');
  // An outcome the user just caused must be seen (short screens scroll the column).
  if (kind && kind !== 'busy' && node.scrollIntoView && node.offsetParent !== null) node.scrollIntoView({ block: 'nearest' });
}

/** Shows what `render()` returns, `[kind, text, extraNodes, title]`, in `node`, and writes it again
 *  after every language switch (rerenderMessages): render keeps the result's codes and params and
 *  translates them each time, so a booking's result switches language with the page. */
export function liveMessage(node, render) {
  const [kind, text, extraNodes, title] = render();
  setMessage(node, kind, text, extraNodes);
  if (title) node.title = title;
  liveMessages.set(node, render);
}

/** Writes every live message again in the current language (no scrolling). */
export function rerenderMessages() {
  for (const [node, render] of liveMessages) {
    const [kind, text, extraNodes, title] = render();
    paint(node, kind, text, extraNodes);
    if (title) node.title = title;
    else node.removeAttribute('title');
  }
}

export function markInvalid(input) {
  if (!input) return;
  input.classList.add('invalid');
  input.setAttribute('aria-invalid', 'true');
}

export function clearInvalid(input) {
  input.classList.remove('invalid');
  input.removeAttribute('aria-invalid');
}

export function clearForm(form) {
  for (const input of form.querySelectorAll('.invalid')) clearInvalid(input);
}

/** Empties a form's inputs after a success (text emptied, boxes unticked), except the ids in
 *  `keep`: the same values sent again would book the same wake-up twice. */
export function emptyInputs(form, keep = []) {
  for (const input of form.querySelectorAll('input')) {
    if (keep.includes(input.id)) continue;
    if (input.type === 'checkbox' || input.type === 'radio') input.checked = false;
    else input.value = '';
  }
}

/** What a room tile shows of its times in `slots` places: every time when they fit, else the
 *  first ones and "+N" in the last place, so a tile never clips a time ("06:30 06:45 0"). */
export function tileTimes(times, slots) {
  const list = Array.isArray(times) ? times : [];
  const fit = list.length <= slots ? list.length : Math.max(0, slots - 1);
  return { shown: list.slice(0, fit), more: list.length - fit };
}

/** A person's name from an account ("reception:alice" → "alice"): staff read names, not ids. */
export function personName(account) {
  const text = String(account || '');
  const colon = text.indexOf(':');
  return colon >= 0 && colon < text.length - 1 ? text.slice(colon + 1) : text;
}

/** The request that books again a cancelled wake-up or group (`item` as the API lists it:
 *  time, recurrence, options; a group's name and members): the page's "undo". */
export function rebookBody(item) {
  const body = { time: item.time };
  const r = item.recurrence || {};
  if (r.type === 'once' && r.date) body.date = r.date;
  if (r.type === 'daily') { if (r.from) body.date = r.from; body.days = r.days; }
  if (r.type === 'weekdays') { if (r.from) body.date = r.from; body.weekdays = r.weekdays; if (r.until) body.until = r.until; }
  for (const key of ['frequency', 'attempts', 'prompt', 'personal', 'receptionOnly']) if (item[key] != null) body[key] = item[key];
  if (item.members) {
    body.name = item.name;
    if (Array.isArray(item.members.rooms)) body.rooms = item.members.rooms;
    if (item.members.group) body.group = item.members.group;
    body.acceptLate = true; // it was booked once already: late rooms were accepted or none were late
  }
  return body;
}

/** A value the page refuses before asking the service (field as the service names it). */
export class FormError extends Error {
  constructor(field, rule) { super(rule); this.field = field; this.rule = rule; }
}
