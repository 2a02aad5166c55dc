// The 5 a.m. view: one night's wake-ups (12:00 → 12:00 the next day) in time order with their live
// state, the next hour on top, misses in red until someone acknowledges their alert; the printable
// list (#print-sheet, shown by the print stylesheet) and the CSV download.
//
// Data: GET /api/wakeups/occurrences?date=yyyy-MM-dd (both dates of the night). While the service
// has no such endpoint (404, or 405), the view is built from GET /api/wakeups/outcomes (the PBX's ring
// reports) and the rooms' next wake-ups, and the CSV link stays hidden.
//
// Personal calls carry a mark (data-personal "personal" or "reception-only", else "no"): at their
// time reception phones the room; a reception-only one is not on the PBX and ends "by reception".
import { $, el, setText, setAttr, show, reconcile, pad2, hhmm, dateTimeText, addDays, personName } from './util.js';
import { t, getLang } from './i18n.js';
import { api, download, ApiError, SignedOut } from './api.js';
import { state, refresh, hotelToday, wallClock } from './state.js';
import { alertState } from './alerts.js';
import { renderLoad } from './load.js';

const MISSES = new Set(['unanswered', 'notRung', 'busy', 'suppressed']);
const FINAL = new Set(['answered', 'unanswered', 'notRung', 'busy', 'suppressed', 'byReception', 'cancelled', 'checkedOut']);

const night = {
  offset: 0,          // nights before (−) / after (+) the current one
  available: null,    // the occurrences endpoint: null unknown, true, false (404)
  csv: true,          // the CSV export answered (hidden after a 404)
  list: [],           // the shown night's occurrences (normalized)
  current: [],        // the current night's occurrences (for the room tiles)
  start: null,        // the shown night's first date
};

/** Minutes since 1970 of "yyyy-MM-ddTHH:mm" (a wall clock, compared only with others). */
function minutes(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(String(text || ''));
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) / 60000;
}

function nowText() {
  if (state.hotelNow) return state.hotelNow.slice(0, 16);
  const d = new Date();
  return hotelToday() + 'T' + pad2(d.getHours()) + ':' + pad2(d.getMinutes());
}

/** The first date of the night that holds now: today from noon on, else yesterday. */
function currentStart() {
  const now = nowText();
  return now.slice(11, 13) >= '12' ? now.slice(0, 10) : addDays(now.slice(0, 10), -1);
}

function windowOf(start) {
  return { from: start + 'T12:00', to: addDays(start, 1) + 'T12:00' };
}

function inWindow(at, win) {
  return at >= win.from && at < win.to;
}

function normalize(o) {
  const attempts = Array.isArray(o.attempts) ? o.attempts.map((a) => ({ at: wallClock(a.at), result: a.result })) : [];
  return {
    id: String(o.id), room: String(o.room), guest: o.guest || null, source: o.source || null, groupName: o.groupName || null,
    at: wallClock(o.scheduledAt), state: o.state || 'upcoming', attempts, alertID: o.alertID ?? null,
    personal: o.personal === true || o.receptionOnly === true, receptionOnly: o.receptionOnly === true,
    lateBy: typeof o.lateBy === 'number' && o.state !== 'upcoming' ? o.lateBy : null,
  };
}

async function loadOccurrences(start) {
  const win = windowOf(start);
  const dates = [start, addDays(start, 1)];
  const lists = await Promise.all(dates.map((d) => api('GET', '/api/wakeups/occurrences?date=' + d)));
  const all = [];
  for (const list of lists) for (const o of Array.isArray(list) ? list : []) all.push(normalize(o));
  const seen = new Set();
  return all.filter((o) => inWindow(o.at, win) && !seen.has(o.id) && seen.add(o.id));
}

/** Without occurrence records: the PBX's ring reports (rings of one room within an hour are one
 *  wake-up) and the rooms' next wake-ups. */
async function loadFallback(start) {
  const win = windowOf(start);
  let rings = [];
  try {
    rings = await api('GET', '/api/wakeups/outcomes?limit=1000');
  } catch (e) {
    if (e instanceof SignedOut || !(e instanceof ApiError)) throw e;
  }
  const byRoom = new Map();
  for (const r of Array.isArray(rings) ? rings : []) {
    if (!r.room) continue;
    const at = wallClock(r.ringAt);
    if (!inWindow(at, win)) continue;
    if (!byRoom.has(r.room)) byRoom.set(r.room, []);
    byRoom.get(r.room).push({ at, result: r.outcome === 'answered' ? 'answered' : 'unanswered' });
  }
  const list = [];
  for (const [room, attempts] of byRoom) {
    attempts.sort((a, b) => a.at.localeCompare(b.at));
    let current = null;
    for (const a of attempts) {
      if (!current || minutes(a.at) - minutes(current.attempts[current.attempts.length - 1].at) > 60) {
        current = { id: 'r-' + room + '-' + a.at, room, guest: guestOf(room), source: null, groupName: null, at: a.at, state: 'unanswered', attempts: [], alertID: null };
        list.push(current);
      }
      current.attempts.push(a);
      if (a.result === 'answered') current.state = 'answered';
    }
  }
  for (const room of state.rooms.values()) {
    const wakeUps = (room.desired && Array.isArray(room.desired.wakeUps)) ? room.desired.wakeUps : [];
    for (const w of wakeUps) {
      const at = wallClock(w.at);
      if (!inWindow(at, win)) continue;
      const number = String(room.number);
      if (list.some((o) => o.room === number && o.at === at)) continue;
      const group = w.groupID != null ? state.groups.find((g) => g.id === w.groupID) : null;
      list.push({ id: 'p-' + number + '-' + at, room: number, guest: guestOf(number), source: w.source || null,
        groupName: group ? group.name : null, at, state: 'upcoming', attempts: [], alertID: null,
        personal: w.personal === true || w.receptionOnly === true, receptionOnly: w.receptionOnly === true });
    }
  }
  return list;
}

function guestOf(number) {
  const room = state.rooms.get(String(number));
  return room && room.guest ? room.guest.name : null;
}

/** The service has no such endpoint yet: 404, or 405 where a path of another method matches
 *  (`DELETE /api/wakeups/{id}` makes `GET /api/wakeups/occurrences` a 405 on older services). */
function missing(e) {
  return e instanceof ApiError && (e.status === 404 || e.status === 405);
}

const byTime = (a, b) => a.at.localeCompare(b.at) || a.room.localeCompare(b.room, undefined, { numeric: true });

export async function loadNight() {
  const start = addDays(currentStart(), night.offset);
  const current = currentStart();
  let list;
  let currentList = null;
  if (night.available !== false) {
    try {
      list = await loadOccurrences(start);
      if (start !== current) currentList = await loadOccurrences(current);
      night.available = true;
    } catch (e) {
      if (missing(e)) night.available = false;
      else throw e;
    }
  }
  if (night.available === false) {
    list = await loadFallback(start);
    if (start !== current) currentList = await loadFallback(current);
  }
  list.sort(byTime);
  night.list = list;
  night.start = start;
  night.current = currentList ? currentList.sort(byTime) : list;
  state.occurrences = night.current;
  renderNight();
  refresh.tiles();
}

/** The last ring of the current night in `room`: {answered, time, at}, or null. */
export function pastRing(number) {
  const now = nowText();
  let last = null;
  for (const o of night.current) {
    if (o.room !== String(number) || o.at > now) continue;
    if (o.state === 'answered' || MISSES.has(o.state)) last = o;
  }
  if (last) return { answered: last.state === 'answered', time: hhmm(last.at), at: last.at };
  if (night.current.length === 0) {
    // Nothing loaded yet: the room's latest ring, when it was within the last 12 hours.
    const room = state.rooms.get(String(number));
    const w = room && room.lastWakeUp;
    if (w && w.ringAt) {
      const at = wallClock(w.ringAt);
      const age = minutes(now) - minutes(at);
      if (age >= 0 && age <= 12 * 60) return { answered: w.outcome === 'answered', time: hhmm(at), at };
    }
  }
  return null;
}

/** What a person sees of an occurrence's state: "due" while an upcoming one's time has passed. */
function stateOf(o) {
  if (callPending(o)) return 'callPending';
  if (o.state === 'upcoming' && o.at <= nowText()) return 'due';
  return o.state;
}

/** A personal call whose time has come reads "call pending" until a person acknowledges its
 *  alert (whatever the PBX's ring did): reception has still to phone the room. */
function callPending(o) {
  if (!o.personal || o.state === 'cancelled' || o.state === 'checkedOut' || o.at > nowText()) return false;
  const alerts = alertState();
  if (!alerts.available) return false;
  return o.alertID == null || !alerts.acknowledged.has(o.alertID);
}

function isOpenMiss(o) {
  if (!MISSES.has(o.state)) return false;
  if (o.alertID == null) return true;
  const alerts = alertState();
  if (!alerts.available) return true;
  const open = alerts.open.get(o.alertID);
  return !!open || !alerts.acknowledged.has(o.alertID);
}

function sourceText(o) {
  const kind = o.source === 'room' || o.source === 'group' || o.source === 'rule' ? t('src.' + o.source) : t('src.unknown');
  return o.groupName ? kind + ' “' + o.groupName + '”' : kind;
}

/** The personal-call mark: reception phones the room (and, reception only, the PBX does not). */
function personalText(o) {
  if (o.receptionOnly) return t('night.receptionOnly');
  return o.personal ? t('night.personal') : '';
}

function stateText(o) {
  const s = stateOf(o);
  // Caught up after an outage: it rang late, and by how much.
  return t('st.' + s) + (o.lateBy != null && o.attempts.length ? t('night.late', { min: Math.round(o.lateBy / 60) }) : '');
}

function attemptsText(o) {
  if (!o.attempts.length) return '';
  return t('night.attempts', { list: o.attempts.map((a) => hhmm(a.at) + ' ' + (a.result === 'answered' ? '✓' : a.result === 'busy' ? t('st.busy') : '✗')).join(', ') });
}

function ackText(o) {
  if (o.alertID == null) return '';
  const a = alertState().acknowledged.get(o.alertID);
  if (!a) return '';
  return t('night.acked', { who: personName(a.acknowledgedBy), action: [actionText(a.action), a.note].filter(Boolean).join(' — ') });
}

function actionText(action) {
  return { 'called the room': t('alerts.act.called'), 'went to the room': t('alerts.act.went'), 'guest already up': t('alerts.act.up'), other: t('alerts.act.other') }[action] || action || '';
}

function dayLabel(at) {
  return at.slice(0, 10) === nowText().slice(0, 10) ? hhmm(at) : at.slice(5, 10) + ' ' + hhmm(at);
}

function createItem(o) {
  const time = el('span', { class: 'occ-time' });
  const roomButton = el('button', { type: 'button', class: 'btn small occ-room' });
  roomButton.addEventListener('click', () => refresh.select(roomButton.dataset.room));
  const guest = el('span', { class: 'occ-guest' });
  const source = el('span', { class: 'occ-source small muted' });
  const personal = el('span', { class: 'occ-personal small' });
  const badge = el('span', { class: 'occ-state' });
  const detail = el('span', { class: 'occ-detail small' });
  const li = el('li', { class: 'occ' }, time, roomButton, el('span', { class: 'occ-who' }, guest, source, personal), badge, detail);
  li._parts = { time, roomButton, guest, source, personal, badge, detail };
  return li;
}

function updateItem(li, o) {
  const p = li._parts;
  const s = stateOf(o);
  setText(p.time, dayLabel(o.at));
  setAttr(p.time, 'title', dateTimeText(o.at));
  setText(p.roomButton, o.room);
  p.roomButton.dataset.room = o.room;
  setAttr(p.roomButton, 'aria-label', t('detail.title', { n: o.room }));
  setText(p.guest, o.guest || '—');
  setText(p.source, sourceText(o));
  setText(p.personal, personalText(o));
  show(p.personal, o.personal);
  setAttr(li, 'data-personal', o.receptionOnly ? 'reception-only' : o.personal ? 'personal' : 'no');
  setText(p.badge, stateText(o));
  setText(p.detail, [attemptsText(o), ackText(o)].filter(Boolean).join(' · '));
  setAttr(li, 'data-state', s);
  setAttr(li, 'data-room', o.room);
  const miss = MISSES.has(o.state);
  li.classList.toggle('miss', miss && isOpenMiss(o));
  li.classList.toggle('miss-acked', miss && !isOpenMiss(o));
  li.classList.toggle('ok', o.state === 'answered');
  li.classList.toggle('soon', s === 'upcoming' || s === 'ringing' || s === 'due' || s === 'callPending');
}

export function renderNight() {
  const start = night.start || currentStart();
  const end = addDays(start, 1);
  setText($('night-title'), t('night.title', { from: start, to: end }));
  setText($('night-source'), night.available === false ? t('night.source.fallback') : night.available ? t('night.source.occ') : '');
  const now = nowText();
  const hour = minutes(now) + 60;
  const nextHour = night.list.filter((o) => {
    const s = stateOf(o);
    return s === 'ringing' || s === 'due' || (s === 'upcoming' && minutes(o.at) <= hour);
  });
  renderLoad(night.list, start, state.ringCapacity);
  reconcile($('night-next-hour'), nextHour, (o) => o.id, createItem, updateItem);
  show($('night-next-hour-empty'), nextHour.length === 0);
  reconcile($('night-list'), night.list, (o) => o.id, createItem, updateItem);
  show($('night-empty'), night.list.length === 0);
  const csv = $('night-csv');
  setAttr(csv, 'href', '/api/wakeups/occurrences?date=' + end + '&format=csv');
  show(csv, night.available === true && night.csv);
  renderPrint(start, end);
}

function renderPrint(start, end) {
  setText($('print-title'), t('night.printTitle', { from: start, to: end }));
  setText($('print-meta'), t('night.printMeta', { at: dateTimeText(nowText()), n: night.list.length }));
  const body = $('print-table').tBodies[0];
  body.replaceChildren(...night.list.map((o) => {
    const outcome = [stateText(o), attemptsText(o), ackText(o)].filter(Boolean).join(' · ');
    const row = el('tr', { 'data-state': stateOf(o) },
      el('td', { text: o.room }), el('td', { text: o.guest || '—' }), el('td', { text: dateTimeText(o.at) }),
      el('td', { text: [sourceText(o), personalText(o)].filter(Boolean).join(' · ') }), el('td', { text: outcome }));
    if (MISSES.has(o.state)) row.className = 'miss';
    return row;
  }));
}

async function downloadCSV(event) {
  event.preventDefault();
  const start = night.start || currentStart();
  const dates = [start, addDays(start, 1)];
  try {
    const parts = [];
    for (const d of dates) {
      const { blob } = await download('/api/wakeups/occurrences?date=' + d + '&format=csv');
      parts.push(await blob.text());
    }
    // One file: the first date's rows, then the second's without its header line.
    const [first, second] = parts;
    const rest = second.split(/\r?\n/).slice(1).join('\n');
    const text = first.replace(/\s*$/, '\n') + rest;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = el('a', { href: url, download: 'wakeups-' + dates[0] + '_' + dates[1] + '.csv', hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    if (missing(e)) {
      night.csv = false;
      show($('night-csv'), false);
      setText($('night-source'), t('night.csvMissing'));
    } else if (!(e instanceof SignedOut)) {
      console.error(e);
    }
  }
}

export function initNight() {
  $('night-prev').addEventListener('click', () => { night.offset -= 1; refresh.night(); });
  $('night-next').addEventListener('click', () => { night.offset += 1; refresh.night(); });
  $('night-print').addEventListener('click', () => window.print());
  $('night-csv').addEventListener('click', downloadCSV);
}

export function resetNight() {
  night.offset = 0;
  night.list = [];
  night.current = [];
  night.start = null;
  state.occurrences = null;
  $('night-list').replaceChildren();
  $('night-next-hour').replaceChildren();
}

export function nightLanguage() { void getLang(); renderNight(); }
