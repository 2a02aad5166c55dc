// Group wake-ups: the booking form and the list with each group's push progress. A group's card
// shows the rooms that ring — its listed rooms with a guest in house — not just the range typed.
import { $, el, setText, setAttr, show, reconcile, hhmm, dateTimeText, normalizeTime, normalizeDate, roomRanges, setMessage, liveMessage, markInvalid, clearForm, emptyInputs, rebookBody, FormError } from './util.js';
import { confirmCancel, offerUndo } from './undo.js';
import { t } from './i18n.js';
import { api, enc, errorText, ApiError, NetworkError, SignedOut } from './api.js';
import { state, refresh } from './state.js';
import { touchUpdated } from './status.js';
import { renderDetail, showError } from './rooms.js';
import { optionalInt, showFormError, passedJustNow, ask, cancelAsk, dndConflict, roomConflicts } from './forms.js';
import { recurrenceText } from './rooms.js';

const groupInputs = () => ({
  name: $('group-name'), rooms: $('group-rooms'), floors: $('group-floors'), group: $('group-code'),
  members: $('group-rooms'), time: $('group-time'), date: $('group-date'), attempts: $('group-attempts'),
});

/** "1201-1240, 1305 1306；1401 – 1405" → ["1201-1240","1305","1306","1401-1405"]. */
export function parseRooms(text) {
  return String(text || '')
    .replace(/\s*[-–—~～]\s*/g, '-')
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseFloors(text) {
  return String(text || '').split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean).map((s) => {
    if (!/^-?\d+$/.test(s)) throw new FormError('floors', t('form.notFloor', { v: s }));
    return parseInt(s, 10);
  });
}

export async function onGroupSubmit(event) {
  event.preventDefault();
  const form = $('group-form');
  const result = $('group-result');
  const inputs = groupInputs();
  const resubmit = $('group-accept-resubmit');
  clearForm(form);
  cancelAsk('group');
  show(resubmit, false);
  $('group-accept-late-label').classList.remove('attention');
  let body;
  try {
    const rooms = parseRooms(inputs.rooms.value);
    const floorList = parseFloors(inputs.floors.value);
    const code = inputs.group.value.trim();
    const time = normalizeTime(inputs.time.value);
    inputs.time.value = time;
    if (!time) throw new FormError('time', t('form.enterTime'));
    let name = inputs.name.value.trim();
    if (!name) {
      const who = code ? code : rooms.length ? rooms.join(' ') : t('form.floorsName', { v: floorList.join(',') });
      name = (who.length > 40 ? who.slice(0, 40) + '…' : who) + ' @' + time;
    }
    body = { name, time };
    if (rooms.length) body.rooms = rooms;
    if (floorList.length) body.floors = floorList;
    if (code) body.group = code;
    const date = normalizeDate(inputs.date.value);
    inputs.date.value = date;
    if (date) body.date = date;
    const attempts = optionalInt(inputs.attempts, 'attempts');
    if (attempts !== undefined) body.attempts = attempts;
    body.acceptLate = $('group-accept-late').checked;
    // Reception also phones every member room at the time.
    if ($('group-personal').checked) body.personal = true;
  } catch (e) {
    showFormError(result, e, inputs);
    return;
  }

  // A time of this very minute (or just past) would silently become tomorrow's: ask first.
  const tomorrow = passedJustNow(body.time, body.date);
  if (tomorrow) {
    setMessage(result, '', '');
    const yes = await ask('group', t('confirm.passed', { time: body.time, now: state.hotelNow.slice(11, 16), tomorrow }));
    if (yes === null) return;
    if (!yes) { markInvalid(inputs.time); inputs.time.focus(); return; }
    body.date = tomorrow;
    inputs.date.value = tomorrow;
  }

  const button = $('group-submit');
  button.disabled = true;
  liveMessage(result, () => ['busy', t('form.booking')]);
  try {
    const reply = await api('POST', '/api/groups', body);
    const a = (reply && reply.assessment) || {};
    const booked = Array.isArray(a.rooms) ? a.rooms : [];
    const name = body.name;
    liveMessage(result, () => {
      const parts = [t('group.booked', { name, n: booked.length }) + (booked.length ? ' (' + roomRanges(booked) + ')' : '')];
      if (a.expectedFinish) parts.push(t('group.finish', { at: hhmm(a.expectedFinish), latest: hhmm(a.latestFinish || a.expectedFinish) }));
      if (a.firstWakeUp) parts.push(t('group.first', { at: dateTimeText(a.firstWakeUp) }));
      const extra = [];
      if (Array.isArray(a.lateRooms) && a.lateRooms.length) {
        extra.push(el('span', { class: 'result-warn', text: t('group.lateAccepted', { n: a.lateRooms.length, rooms: roomRanges(a.lateRooms) }) }));
      }
      const inside = roomConflicts(reply);
      if (inside.length) extra.push(dndConflict(inside, reply.dndEndsAtWakeUp));
      return [extra.length ? 'warn' : 'ok', parts.join(' · '), extra];
    });
    emptyInputs($('group-form'));
    const group = reply && reply.group;
    if (group && group.id != null) {
      state.booked.set(group.id, { at: Date.now(), rooms: booked.length, list: booked });
      if (!state.groups.some((g) => g.id === group.id)) {
        const g = Object.assign({ progress: { total: booked.length, pushed: 0, failed: 0, waiting: booked.length }, expectedFinish: a.expectedFinish }, group);
        renderGroups(state.groups.concat([g]));
      }
      const node = document.getElementById('group-' + group.id);
      if (node && node.scrollIntoView) node.scrollIntoView({ block: 'nearest' });
    }
    refresh.groups();
    refresh.rooms();
    refresh.night();
  } catch (e) {
    if (e instanceof ApiError && e.status === 400 && e.lateRooms && e.lateRooms.length) {
      const late = e.lateRooms;
      markInvalid(inputs.time);
      liveMessage(result, () => ['error', t('group.late', { n: late.length, rooms: roomRanges(late) }), [
        el('span', { class: 'result-detail', text: errorText(e).replace(/^✗ /, '') }),
        el('span', { class: 'result-detail', text: t('group.lateHint') }),
      ], e.rule]);
      $('group-accept-late-label').classList.add('attention');
      show(resubmit, true);
    } else {
      showFormError(result, e, inputs);
    }
  } finally {
    button.disabled = false;
  }
}


export function acceptLateAndResubmit() {
  $('group-accept-late').checked = true;
  show($('group-accept-resubmit'), false);
  const form = $('group-form');
  if (typeof form.requestSubmit === 'function') form.requestSubmit();
  else onGroupSubmit(new Event('submit', { cancelable: true }));
}

// ---------------------------------------------------------------- the list

export async function loadGroups() {
  const list = await api('GET', '/api/groups');
  const groups = Array.isArray(list) ? list : [];
  await loadFailedRooms(groups);
  renderGroups(groups);
  touchUpdated();
}

/** A group just booked here whose pushes the scheduler has not all queued yet (progress total below
 *  the booked room count): still in progress, even if nothing is waiting at this instant. */
export function awaitingQueue(g) {
  const booked = state.booked.get(g.id);
  const total = (g.progress && g.progress.total) || 0;
  // Give up after the time its pushes should take (2 s a room, + 10 s), at most 2 minutes.
  return !!booked && total < booked.rooms && Date.now() - booked.at < Math.min(120000, booked.rooms * 2000 + 10000);
}

export function groupsBusy() {
  return state.groups.some((g) => (g.progress && g.progress.waiting > 0) || awaitingQueue(g));
}

/** Which rooms of each group failed (GET /api/outbox?state=failed), at most every 5 s. */
async function loadFailedRooms(groups) {
  const failedTotal = groups.reduce((s, g) => s + ((g.progress && g.progress.failed) || 0), 0);
  if (failedTotal === 0) {
    state.failedByGroup.clear();
    state.lastFailedTotal = 0;
    return;
  }
  const stale = Date.now() - state.failedFetchedAt > 5000;
  if (failedTotal === state.lastFailedTotal && !stale) return;
  state.failedFetchedAt = Date.now();
  state.lastFailedTotal = failedTotal;
  try {
    const rows = await api('GET', '/api/outbox?state=failed');
    const map = new Map();
    for (const row of Array.isArray(rows) ? rows : []) {
      if (row.groupID == null) continue;
      if (!map.has(row.groupID)) map.set(row.groupID, []);
      map.get(row.groupID).push(row);
    }
    state.failedByGroup = map;
  } catch (e) {
    if (e instanceof SignedOut || e instanceof NetworkError) throw e;
    // Not essential: the counts are still shown.
  }
}

/** The rooms a group rings in: its listed rooms with a guest in house now (or, for a booking group
 *  code, the rooms whose guest carries it); the rooms booked from this page until the rooms load. */
export function ringingRooms(g) {
  const members = g.members || {};
  if (state.rooms.size === 0) {
    const booked = state.booked.get(g.id);
    return booked && booked.list ? booked.list : [];
  }
  if (Array.isArray(members.rooms)) return members.rooms.filter((r) => { const room = state.rooms.get(String(r)); return room && room.guest; });
  if (members.group) {
    return Array.from(state.rooms.values()).filter((r) => r.guest && r.guest.group === members.group).map((r) => String(r.number));
  }
  return [];
}

function membersText(g) {
  const members = g.members || {};
  const ringing = ringingRooms(g);
  if (state.rooms.size === 0 && ringing.length === 0) {
    // The rooms have not loaded yet: what was listed.
    return Array.isArray(members.rooms) ? roomRanges(members.rooms, 10) : members.group ? t('group.code', { code: members.group }) : '';
  }
  let text = ringing.length ? t('group.rings', { n: ringing.length, rooms: roomRanges(ringing, 10) }) : t('group.ringsNone');
  if (Array.isArray(members.rooms) && members.rooms.length !== ringing.length) {
    text += ' ' + t('group.requested', { rooms: roomRanges(members.rooms, 4), n: members.rooms.length });
  }
  if (members.group) text = t('group.code', { code: members.group }) + ' · ' + text;
  return text;
}

export function renderGroups(groups) {
  if (groups) state.groups = groups;
  for (const id of Array.from(state.booked.keys())) {
    if (!state.groups.some((g) => g.id === id) && Date.now() - state.booked.get(id).at > 10000) state.booked.delete(id);
  }
  const sorted = state.groups.slice().sort((a, b) => b.id - a.id);
  reconcile($('groups'), sorted, (g) => g.id, createGroup, updateGroup);
  show($('groups-empty'), sorted.length === 0);
  if (state.selected) renderDetail();
}

function createGroup(g) {
  const id = g.id;
  const name = el('strong', { class: 'g-name' });
  const when = el('span', { class: 'g-when' });
  const cancel = el('button', { type: 'button', class: 'btn small danger-ghost g-cancel', id: 'group-cancel-' + id });
  cancel.addEventListener('click', () => cancelGroup(id, cancel));
  const members = el('div', { class: 'g-members small muted' });
  const progress = el('progress', { id: 'group-progress-' + id, max: 1, value: 0 });
  const text = el('div', { class: 'g-text', id: 'group-progress-text-' + id });
  const failed = el('div', { class: 'g-failed small', hidden: true });
  const note = el('div', { class: 'g-note small muted' });
  const root = el('article', { class: 'group', id: 'group-' + id, 'data-group': id },
    el('div', { class: 'g-head' }, name, cancel),
    when, members, progress, text, failed, note);
  root._parts = { name, when, members, progress, text, failed, note, cancel };
  return root;
}

function updateGroup(root, g) {
  const p = root._parts;
  const progress = g.progress || { total: 0, pushed: 0, failed: 0, waiting: 0 };
  setText(p.name, g.name);
  setText(p.cancel, t('detail.cancel'));
  setText(p.when, t('group.wakeup', { time: g.time }) + (g.recurrence ? ' · ' + recurrenceText(g.recurrence) : ''));
  setText(p.members, membersText(g));
  if (g.members && Array.isArray(g.members.rooms)) setAttr(p.members, 'title', g.members.rooms.join(', '));
  setText(p.note, t('group.pacing'));
  const queued = awaitingQueue(g);
  const total = queued ? state.booked.get(g.id).rooms : Math.max(0, progress.total | 0);
  const nothingQueued = queued && !(progress.total > 0);
  const pushed = Math.max(0, progress.pushed | 0);
  setAttr(p.progress, 'max', Math.max(total, 1));
  setAttr(p.progress, 'value', total === 0 ? 0 : Math.min(pushed, total));
  setAttr(p.progress, 'aria-label', (g.name || '') + ' ' + pushed + '/' + total);
  const busy = progress.waiting > 0 || queued;
  let text = t('group.progress', { pushed, total, failed: progress.failed | 0 });
  if (nothingQueued) text += t('group.queuing');
  else if (busy && g.expectedFinish) text += t('group.expected', { at: hhmm(g.expectedFinish) });
  else if (busy) text += t('group.waiting', { n: progress.waiting });
  else if (total === 0) text += t('group.nothing');
  else text += t('group.done');
  setText(p.text, text);
  root.classList.toggle('busy', busy);
  root.classList.toggle('done', !busy);
  root.classList.toggle('has-failed', (progress.failed | 0) > 0);
  show(p.note, busy);

  const rows = state.failedByGroup.get(g.id) || [];
  if ((progress.failed | 0) > 0 && rows.length) {
    setText(p.failed, t('group.failedRooms', { rooms: rows.slice(0, 10).map((r) => r.room + (r.lastError ? ' (' + r.lastError + ')' : '')).join('; ') + (rows.length > 10 ? ' …' : '') }));
    show(p.failed, true);
  } else {
    show(p.failed, false);
  }
}

async function cancelGroup(id, button) {
  const g = state.groups.find((x) => x.id === id);
  if (!confirmCancel(t('cancel.group', { name: g ? g.name : '#' + id, time: g ? g.time : '' }))) return;
  button.disabled = true;
  try {
    await api('DELETE', '/api/groups/' + enc(id));
    offerUndo($('groups-message'), () => t('group.cancelled', { name: g ? g.name : '#' + id }), async () => {
      await api('POST', '/api/groups', rebookBody(g));
      refresh.groups();
      refresh.rooms();
      refresh.night();
    });
    renderGroups(state.groups.filter((x) => x.id !== id));
    refresh.groups();
    refresh.rooms();
    refresh.night();
  } catch (e) {
    if (!(e instanceof SignedOut)) showError($('groups-message'), e);
    button.disabled = false;
  }
}

export function resetGroups() {
  state.groups = [];
  state.failedByGroup.clear();
  state.booked.clear();
  state.lastFailedTotal = -1;
  $('groups').replaceChildren();
  show($('groups-empty'), true);
}
