// The rooms grid (tiles per floor), the filter, and the selected room's details, wake-ups and DND.
import { $, el, setText, setAttr, show, reconcile, hhmm, dateTimeText, normalizeTime, setMessage, liveMessage, markInvalid, clearInvalid, tileTimes, rebookBody } from './util.js';
import { confirmCancel, offerUndo } from './undo.js';
import { t, getLang, has } from './i18n.js';
import { api, enc, errorText, originalText, reportPollError, ApiError, SignedOut } from './api.js';
import { state, refresh, wallClock } from './state.js';
import { touchUpdated } from './status.js';
import { resetWakeUpForm, dndConflict, roomConflicts } from './forms.js';
import { pastRing } from './night.js';
import { timelineRoomChanged } from './timeline.js';

const tiles = new Map();   // number → {root, num, sync, guest, times, dnd}
const floors = new Map();  // floor key → {section, grid, title}

/** The tag of the rooms the page holds: the next poll asks for what changed since (GET
 *  /api/room-changes), so after a booking at a 5,000-room hotel it receives one room, not all. */
let roomsTag = null;

export async function loadRooms() {
  const since = roomsTag && state.rooms.size ? '?since=' + enc(roomsTag) : '';
  const reply = await api('GET', '/api/room-changes' + since);
  const changes = reply && Array.isArray(reply.rooms) ? reply : { complete: true, rooms: [], removed: [] };
  if (changes.complete) {
    renderRooms(changes.rooms);
  } else {
    for (const room of changes.rooms) state.rooms.set(String(room.number), room);
    for (const number of changes.removed || []) state.rooms.delete(String(number));
    renderRooms(null);
  }
  roomsTag = typeof changes.tag === 'string' ? changes.tag : null;
  refresh.groupCards(); // which of a group's rooms ring follows the guests in house
  touchUpdated();
  if (state.selected) await loadRoomWakeUps(state.selected);
}

const byNumber = (a, b) => String(a.number).localeCompare(String(b.number), undefined, { numeric: true });

function floorKey(room) {
  return room.floor === null || room.floor === undefined ? '?' : String(room.floor);
}

export function renderRooms(list) {
  const loading = $('rooms-loading');
  if (loading) loading.remove();
  if (list) state.rooms = new Map(list.map((r) => [String(r.number), r]));
  const rooms = Array.from(state.rooms.values());

  const byFloor = new Map();
  for (const room of rooms.slice().sort(byNumber)) {
    const key = floorKey(room);
    if (!byFloor.has(key)) byFloor.set(key, []);
    byFloor.get(key).push(room);
  }
  const floorKeys = Array.from(byFloor.keys()).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));

  const container = $('rooms');
  floorKeys.forEach((key, index) => {
    let f = floors.get(key);
    if (!f) {
      const title = el('h3', { class: 'floor-title' });
      const grid = el('div', { class: 'tiles' });
      const section = el('section', { class: 'floor', 'data-floor': key }, title, grid);
      f = { section, grid, title };
      floors.set(key, f);
    }
    const onFloor = byFloor.get(key);
    const occupied = onFloor.filter((r) => r.guest).length;
    setText(f.title, t('rooms.floorTitle', { n: key, occupied, total: onFloor.length }));
    if (container.children[index] !== f.section) container.insertBefore(f.section, container.children[index] || null);
    reconcileTiles(f.grid, onFloor);
  });
  for (const [key, f] of floors) {
    if (!byFloor.has(key)) { f.section.remove(); floors.delete(key); }
  }
  for (const number of Array.from(tiles.keys())) {
    if (!state.rooms.has(number)) tiles.delete(number);
  }
  renderFloorFilter(floorKeys);
  applyFilter();
  renderDetail();
}

function reconcileTiles(grid, rooms) {
  rooms.forEach((room, index) => {
    const number = String(room.number);
    let tile = tiles.get(number);
    if (!tile) {
      tile = createTile(number);
      tiles.set(number, tile);
    }
    updateTile(tile, room);
    if (grid.children[index] !== tile.root) grid.insertBefore(tile.root, grid.children[index] || null);
  });
  const wanted = new Set(rooms.map((r) => String(r.number)));
  for (const child of Array.from(grid.children)) {
    if (!wanted.has(child.dataset.room)) child.remove();
  }
}

function createTile(number) {
  const num = el('span', { class: 'tile-num', text: number });
  const sync = el('span', { class: 'tile-sync' });
  const dnd = el('span', { class: 'badge badge-dnd tile-dnd', hidden: true });
  const guest = el('span', { class: 'tile-guest' });
  const times = el('span', { class: 'tile-times' });
  // The DND badge sits in the top row, so it never hides a wake-up time.
  const root = el('button', { type: 'button', class: 'tile', 'data-room': number },
    el('span', { class: 'tile-top' }, num, el('span', { class: 'tile-marks' }, dnd, sync)),
    guest,
    el('span', { class: 'tile-bottom' }, times));
  root.addEventListener('click', () => {
    selectRoom(number, true);
    // One-column layout (tablet portrait, phone): bring the room's details into view.
    if (window.matchMedia && window.matchMedia('(max-width: 899px)').matches) {
      $('room-detail').scrollIntoView({ block: 'start', behavior: 'smooth' });
    }
  });
  return { root, num, sync, guest, times, dnd };
}

/** The room's wake-ups still to come (a ring whose time has passed is the night view's and the
 *  tile's ✓/✗, never shown again as upcoming), in time order, and their distinct times. */
function upcomingTimes(room) {
  const now = state.hotelNow ? state.hotelNow.slice(0, 16) : '';
  const wakeUps = ((room.desired && Array.isArray(room.desired.wakeUps)) ? room.desired.wakeUps : [])
    .filter((w) => !now || wallClock(w.at) > now);
  wakeUps.sort((a, b) => String(a.at).localeCompare(String(b.at)));
  const seen = new Set();
  const times = [];
  for (const w of wakeUps) {
    const time = w.time || hhmm(w.at);
    if (!seen.has(time)) { seen.add(time); times.push(time); }
  }
  return { wakeUps, times };
}

function updateTile(tile, room) {
  const vacant = !room.guest;
  const dnd = !!(room.desired && room.desired.dnd && room.desired.dnd.use);
  const inSync = room.inSync === true;
  const { wakeUps, times } = upcomingTimes(room);
  const root = tile.root;
  const number = String(room.number);
  root.classList.toggle('vacant', vacant);
  root.classList.toggle('ooo', !!room.outOfOrder);
  root.classList.toggle('has-dnd', dnd);
  root.classList.toggle('pending', !inSync);
  root.classList.toggle('selected', state.selected === number);
  setAttr(root, 'aria-pressed', state.selected === number ? 'true' : 'false');

  setText(tile.sync, inSync ? '✓' : '⟳');
  tile.sync.classList.toggle('sync-ok', inSync);
  tile.sync.classList.toggle('sync-pending', !inSync);
  setAttr(tile.sync, 'title', inSync ? t('tile.inSync') : t('tile.pushing'));

  let guestText;
  if (room.guest) guestText = (room.guest.name || '—') + (sharedGuests(room).length > 1 ? ' +' + (sharedGuests(room).length - 1) : '');
  else if (room.outOfOrder) guestText = t('tile.ooo');
  else guestText = t('tile.vacant');
  setText(tile.guest, guestText);
  setAttr(tile.guest, 'title', guestText);

  // The last ring of this night (answered ✓ / missed ✗), then what is still to come (⏰).
  const past = pastRing(number);
  const nodes = [];
  if (past) nodes.push(el('span', { class: past.answered ? 't-ok' : 't-miss', text: (past.answered ? '✓' : '✗') + past.time }));
  const { shown, more } = tileTimes(times, past ? 1 : 2);
  for (const time of shown) nodes.push(el('span', { class: 't-up', text: time }));
  if (more) nodes.push(el('span', { class: 't-more', text: '+' + more }));
  const signature = nodes.map((n) => n.className + n.textContent).join('|');
  if (tile.times.dataset.sig !== signature) {
    tile.times.replaceChildren(...nodes);
    tile.times.dataset.sig = signature;
  }
  const tip = wakeUps.map((w) => dateTimeText(w.at) + (w.source === 'group' ? ' (' + t('tile.group') + ')' : ''));
  if (past) tip.unshift((past.answered ? '✓ ' : '✗ ') + dateTimeText(past.at));
  setAttr(tile.times, 'title', tip.join('\n'));

  setText(tile.dnd, t('dnd.badge'));
  show(tile.dnd, dnd);
  if (dnd) setAttr(tile.dnd, 'title', t('dnd.on', { start: dateTimeText(room.desired.dnd.start), end: dateTimeText(room.desired.dnd.end) }));

  const label = [number, guestText];
  if (past) label.push(t(past.answered ? 'tile.label.answered' : 'tile.label.missed', { times: past.time }));
  if (times.length) label.push(t('tile.label.wakeup', { times: times.join(', ') }));
  if (dnd) label.push(t('dnd.badge'));
  label.push(inSync ? t('tile.inSync') : t('tile.pushing'));
  setAttr(root, 'aria-label', label.join(', '));
}

function renderFloorFilter(floorKeys) {
  const select = $('floor-filter');
  const wanted = [''].concat(floorKeys);
  const current = Array.from(select.options).map((o) => o.value);
  if (select.dataset.lang !== getLang() || current.join('|') !== wanted.join('|')) {
    select.dataset.lang = getLang();
    const value = state.floorFilter;
    select.replaceChildren(el('option', { value: '', text: t('rooms.allFloors') }),
      ...floorKeys.map((k) => el('option', { value: k, text: t('rooms.floorN', { n: k }) })));
    select.value = wanted.includes(value) ? value : '';
  } else if (select.value !== state.floorFilter && wanted.includes(state.floorFilter)) {
    select.value = state.floorFilter;
  }
}

export function applyFilter() {
  const floor = state.floorFilter;
  const q = state.search.trim().toLowerCase();
  let visible = 0;
  for (const [key, f] of floors) {
    const floorOk = !floor || floor === key;
    let any = false;
    for (const tile of f.grid.children) {
      let ok = floorOk;
      if (ok && q) {
        const room = state.rooms.get(tile.dataset.room);
        const name = room && room.guest && room.guest.name ? String(room.guest.name).toLowerCase() : '';
        ok = tile.dataset.room.toLowerCase().startsWith(q) || name.includes(q);
      }
      show(tile, ok);
      if (ok) { any = true; visible += 1; }
    }
    show(f.section, any);
  }
  show($('rooms-none'), floors.size > 0 && visible === 0);
}

// ---------------------------------------------------------------- selected room

/** Selects a room. fromTile: the room number goes into the wake-up form. A different room clears
 *  the wake-up form's and the DND box's values and messages, unless keepMessages. */
export function selectRoom(number, fromTile, keepMessages) {
  number = String(number);
  const changed = state.selected !== number;
  state.selected = number;
  for (const [n, tile] of tiles) {
    const on = n === number;
    tile.root.classList.toggle('selected', on);
    setAttr(tile.root, 'aria-pressed', on ? 'true' : 'false');
  }
  if (changed && !keepMessages) {
    resetWakeUpForm(number);
    $('dnd-until').value = '';
    clearInvalid($('dnd-until'));
    setMessage($('dnd-result'), '', '');
    setMessage($('detail-result'), '', '');
  }
  if (changed) {
    $('room-wakeups').replaceChildren();
    show($('room-wakeups-empty'), false);
  }
  if (fromTile) {
    $('wakeup-room').value = number;
    clearInvalid($('wakeup-room'));
  }
  renderDetail();
  loadRoomWakeUps(number).catch(reportPollError);
  timelineRoomChanged(number);
}

/** Every guest in house in the room (a shared room holds several), the primary first. */
function sharedGuests(room) {
  if (Array.isArray(room.guests) && room.guests.length) return room.guests;
  return room.guest ? [room.guest] : [];
}

export function renderDetail() {
  const room = state.selected ? state.rooms.get(state.selected) : null;
  show($('detail-empty'), !room);
  show($('detail-body'), !!room);
  if (!room) return;

  setText($('detail-title'), t('detail.title', { n: room.number }));
  let guestText;
  // A shared room shows every guest, the primary (the extension's name) first.
  if (room.guest) guestText = sharedGuests(room).map((g) => g.name || '—').join(' · ');
  else guestText = room.outOfOrder ? t('tile.ooo') : t('tile.vacant');
  setText($('detail-guest'), guestText);

  const info = [t('detail.floor', { v: room.floor }), t('detail.ext', { v: room.phone })];
  if (room.wing) info.push(t('detail.wing', { v: room.wing }));
  if (room.tags && room.tags.length) info.push(room.tags.join(', '));
  if (room.guest) {
    info.push(t('detail.stay', { a: dateTimeText(room.guest.arrival), d: dateTimeText(room.guest.departure) }));
    if (room.guest.group) info.push(t('detail.group', { v: room.guest.group }));
  }
  if (room.outOfOrder) info.push(t('detail.ooo'));
  // The latest wake-up ring the PBX reported (ExtenStatus 10 → 6 answered, else not answered).
  if (room.lastWakeUp) {
    info.push(t(room.lastWakeUp.outcome === 'answered' ? 'detail.last.answered' : 'detail.last.unanswered', { at: dateTimeText(room.lastWakeUp.ringAt) }));
  }
  setText($('detail-info'), info.join(' · '));

  // The guest's language picks the prompt; a personal-call stay is phoned by reception.
  const language = $('detail-language');
  show(language, !!room.guest);
  show($('detail-personal-label'), !!room.guest);
  if (room.guest) {
    const prompt = promptName(room.guest.promptLanguage, room.guest.prompt);
    setText(language, room.guest.language
      ? t('detail.language', { lang: languageName(room.guest.language), prompt })
      : t('detail.noLanguage', { prompt }));
    setAttr(language, 'title', room.guest.prompt || '');
    const box = $('detail-personal');
    box.checked = room.guest.personalCall === true;
    box.dataset.stay = String(room.guest.stayID);
  }

  const sync = $('detail-sync');
  const ack = room.acknowledged || {};
  setText(sync, room.inSync ? t('detail.inSync') : t('detail.pushing'));
  sync.classList.toggle('sync-ok', !!room.inSync);
  sync.classList.toggle('sync-pending', !room.inSync);
  setAttr(sync, 'title', ack.confirmedAt ? t('detail.confirmedAt', { at: dateTimeText(ack.confirmedAt) }) : t('detail.notConfirmed'));

  // Group wake-ups that ring in this room (cancelled with the group).
  const groupRings = ((room.desired && room.desired.wakeUps) || []).filter((w) => w.source === 'group' || w.groupID != null);
  reconcile($('room-group-wakeups'), groupRings, (w) => String(w.groupID) + '@' + w.at,
    () => el('li', { class: 'small muted' }),
    (li, w) => {
      const g = state.groups.find((x) => x.id === w.groupID);
      setText(li, t('detail.groupWakeUp', { name: g ? '“' + g.name + '”' : '#' + w.groupID, at: dateTimeText(w.at) }));
    });

  const dnd = (room.desired && room.desired.dnd) || { use: false };
  if (dnd.use) setText($('dnd-state'), t('dnd.on', { start: dateTimeText(dnd.start), end: dateTimeText(dnd.end) }));
  else setText($('dnd-state'), t('dnd.off'));
  show($('dnd-on'), !!dnd.use);
  show($('dnd-off'), !dnd.use);
}

let lastWakeUpList = [];

/** A language code as the page's language names it (`zh` → 中文 / Chinese; a code without a text
 *  of its own through Intl.DisplayNames), else the code. */
function languageName(code) {
  const key = 'lang.' + code;
  if (has(key)) return t(key);
  try {
    const name = new Intl.DisplayNames([getLang() === 'zh' ? 'zh-CN' : 'en'], { type: 'language' }).of(code);
    if (name && name !== code) return name;
  } catch (e) { /* not a code Intl knows */ }
  return code;
}

/** What staff read for a prompt: its language (`promptLanguage` of the reply, `default` for the
 *  hotel's default prompt) in the page's language; the file name only when it is no language's. */
export function promptName(code, file) {
  if (code === 'default') return t('prompt.default');
  if (code) return languageName(code);
  return file || '';
}

/** Marks or unmarks the selected stay's wake-ups as personal calls. */
async function onPersonalChange(event) {
  const box = event.target;
  const stay = box.dataset.stay;
  if (!stay) return;
  box.disabled = true;
  try {
    await api('PUT', '/api/stays/' + enc(stay) + '/personal-call', { personalCall: box.checked });
    const on = box.checked;
    liveMessage($('detail-result'), () => ['ok', t(on ? 'detail.personal.on' : 'detail.personal.off')]);
    refresh.rooms();
    refresh.night();
  } catch (e) {
    box.checked = !box.checked;
    if (!(e instanceof SignedOut)) showError($('detail-result'), e);
  } finally {
    box.disabled = false;
  }
}

export function initPersonalCall() {
  $('detail-personal').addEventListener('change', onPersonalChange);
}

export async function loadRoomWakeUps(number) {
  const list = await api('GET', '/api/rooms/' + enc(number) + '/wakeups');
  if (state.selected !== number) return;
  lastWakeUpList = Array.isArray(list) ? list : [];
  renderRoomWakeUps();
}

const WEEKDAY_KEYS = ['', 'wd.1', 'wd.2', 'wd.3', 'wd.4', 'wd.5', 'wd.6', 'wd.7'];

export function recurrenceText(r) {
  if (!r || typeof r !== 'object') return '';
  switch (r.type) {
    case 'once':
      return t('rec.once', { date: r.date || '' });
    case 'daily':
      return t('rec.daily', { days: r.days }) + (r.from ? t('rec.from', { from: r.from }) : '');
    case 'weekdays': {
      const chosen = new Set(r.weekdays || []);
      const days = Array.from(chosen).map((d) => (WEEKDAY_KEYS[d] ? t(WEEKDAY_KEYS[d]) : String(d))).join(', ');
      // Every weekday is "daily", as staff say it.
      return (chosen.size === 7 ? t('rec.everyDay') : t('rec.weekly', { days })) + (r.from ? t('rec.from', { from: r.from }) : '') +
        (r.until ? t('rec.until', { until: r.until }) : t('rec.untilCheckout'));
    }
    default:
      return '';
  }
}

export function renderRoomWakeUps() {
  const list = lastWakeUpList.slice().sort((a, b) => String(a.time).localeCompare(String(b.time)) || a.id - b.id);
  reconcile($('room-wakeups'), list, (w) => w.id,
    (w) => {
      const time = el('span', { class: 'wu-time' });
      const desc = el('span', { class: 'wu-desc small muted' });
      const cancel = el('button', { type: 'button', class: 'btn small danger-ghost wakeup-cancel', id: 'wakeup-cancel-' + w.id });
      cancel.addEventListener('click', () => cancelWakeUp(w.id, cancel));
      return el('li', { 'data-wakeup-id': w.id }, el('span', { class: 'wu-main' }, time, desc), cancel);
    },
    (li, w) => {
      const [time, desc] = li.firstChild.children;
      setText(time, w.time);
      const extra = [recurrenceText(w.recurrence)];
      if (w.attempts != null) extra.push(t('wu.attempts', { n: w.attempts }));
      if (w.frequency != null) extra.push(t('wu.every', { n: w.frequency }));
      if (w.prompt) extra.push(t('wu.prompt', { name: promptName(w.promptLanguage, w.prompt) }));
      if (w.receptionOnly === true) extra.push(t('wu.receptionOnly'));
      else if (w.personal === true) extra.push(t('wu.personal'));
      setText(desc, extra.filter(Boolean).join(' · '));
      li.classList.toggle('wu-personal', w.personal === true || w.receptionOnly === true);
      setText(li.lastChild, t('detail.cancel'));
    });
  show($('room-wakeups-empty'), list.length === 0 && state.selected !== null);
}

async function cancelWakeUp(id, button) {
  const room = state.selected;
  const wakeUp = lastWakeUpList.find((w) => w.id === id);
  if (!confirmCancel(t('cancel.wakeUp', { room, time: wakeUp ? wakeUp.time : '' }))) return;
  button.disabled = true;
  try {
    await api('DELETE', '/api/wakeups/' + enc(id));
    offerUndo($('detail-result'), () => t('detail.cancelled', { room }), async () => {
      await api('POST', '/api/rooms/' + enc(room) + '/wakeups', rebookBody(wakeUp));
      if (state.selected === room) await loadRoomWakeUps(room);
      refresh.rooms();
      refresh.night();
    });
    lastWakeUpList = lastWakeUpList.filter((w) => w.id !== id);
    renderRoomWakeUps();
    refresh.rooms();
    refresh.night();
  } catch (e) {
    if (!(e instanceof SignedOut)) showError($('detail-result'), e);
    button.disabled = false;
  }
}

/** An error in a message box, the service's own words in its tooltip. */
export function showError(node, e) {
  liveMessage(node, () => ['error', errorText(e), null, originalText(e)]);
}

// ---------------------------------------------------------------- DND

export async function setDND() {
  const room = state.selected;
  if (!room) return;
  const input = $('dnd-until');
  const until = normalizeTime(input.value);
  input.value = until;
  clearInvalid(input);
  if (!until) {
    markInvalid(input);
    liveMessage($('dnd-result'), () => ['error', '✗ ' + t('f.until') + ': ' + t('dnd.enterEnd')]);
    input.focus();
    return;
  }
  const button = $('dnd-set');
  button.disabled = true;
  try {
    const win = await api('POST', '/api/rooms/' + enc(room) + '/dnd', { until });
    liveMessage($('dnd-result'), () => dndDone(room, win, until));
    input.value = '';
    refresh.rooms();
  } catch (e) {
    if (e instanceof SignedOut) return;
    if (e instanceof ApiError && e.status === 400) markInvalid(input);
    showError($('dnd-result'), e);
  } finally {
    button.disabled = false;
  }
}

/** The reply to setting DND: when it really ends (§4.3 Decision: a wake-up inside the window ends
 *  it, `endingWakeUp`), and the end asked for when a wake-up cuts it short. */
export function dndDone(room, win, until) {
  const inside = roomConflicts(win);
  const asked = win && win.end ? dateTimeText(win.end) : until;
  const main = win && win.endingWakeUp
    ? t('dnd.doneCut', { room, end: dateTimeText(win.effectiveEnd || win.endingWakeUp), wake: hhmm(win.endingWakeUp), asked })
    : t('dnd.done', { room, end: win && win.effectiveEnd ? dateTimeText(win.effectiveEnd) : asked });
  return [inside.length ? 'warn' : 'ok', main, inside.length ? [dndConflict(inside, win.dndEndsAtWakeUp)] : []];
}

export async function cancelDND() {
  const room = state.selected;
  if (!room) return;
  const button = $('dnd-cancel');
  button.disabled = true;
  try {
    const windows = await api('GET', '/api/dnd');
    // Every window of this room that has not ended yet (the list may also hold past ones).
    const now = state.hotelNow;
    const mine = (Array.isArray(windows) ? windows : [])
      .filter((w) => String(w.room) === room && (!now || !w.end || String(w.end) > now));
    if (mine.length === 0) {
      liveMessage($('dnd-result'), () => ['warn', t('dnd.rule')]);
      return;
    }
    for (const w of mine) await api('DELETE', '/api/dnd/' + enc(w.id));
    liveMessage($('dnd-result'), () => ['ok', t('dnd.cancelled', { room })]);
    refresh.rooms();
  } catch (e) {
    if (!(e instanceof SignedOut)) showError($('dnd-result'), e);
  } finally {
    button.disabled = false;
  }
}

export function resetRooms() {
  state.rooms.clear();
  roomsTag = null;  // the next poll asks for every room again
  state.selected = null;
  tiles.clear();
  floors.clear();
  lastWakeUpList = [];
  $('rooms').replaceChildren(el('p', { id: 'rooms-loading', class: 'muted', 'data-i18n': 'loading', text: t('loading') }));
  renderDetail();
}

/** Re-renders the rooms' texts after a language switch. */
export function rerenderRooms() {
  if (state.rooms.size) renderRooms(null);
  renderRoomWakeUps();
}
