// Reveille reception page: the entry module. Plain JavaScript ES modules, no dependencies, no build
// step; talks only to the same-origin API (docs/API.md).
//
//   app.js     sign-in, pollers, tabs, language switch, wiring (this file)
//   i18n.js    中文 / English texts, the switch, the service's error messages translated
//   api.js     fetch with the session cookie or a bearer token, errors, pollers
//   state.js   shared state and refresh hooks
//   util.js    DOM and text helpers (H:mm times, dates, room ranges)
//   status.js  header: PBX link in words, outbox, import, hotel clock
//   rooms.js   room tiles, filter, the selected room's details, its wake-ups, DND
//   forms.js   the room wake-up form; asking before a time that just passed
//   groups.js  group wake-up form and progress list
//   night.js   the 5 a.m. view, the printable list, CSV
//   alerts.js  the alert banner, its sound and acknowledgement
//   timeline.js the selected room's "what happened" panel
//   rules.js   housekeeping's DND rules: what each covers now, create, edit, switch, delete
//   undo.js    asking before a cancel, and undo for 10 s
import { $, show, setText, normalizeTime, normalizeDate, clearInvalid, rerenderMessages } from './util.js';
import { t, getLang, setLang, onLangChange, applyDocument } from './i18n.js';
import { api, token, setToken, onSignedOut, errorText, poller, guarded, clearPollErrors, renderPollErrors, setOffline, SignedOut, TOKEN_KEY, signedIn, signInWithPassword, resumeSession, endSession, setCookieSession } from './api.js';
import { state, refresh } from './state.js';
import { loadStatus, renderStatus, resetStatus } from './status.js';
import { loadRooms, renderRooms, selectRoom, renderDetail, applyFilter, setDND, cancelDND, resetRooms, rerenderRooms, initPersonalCall } from './rooms.js';
import { onWakeUpSubmit } from './forms.js';
import { onGroupSubmit, acceptLateAndResubmit, loadGroups, renderGroups, groupsBusy, parseRooms, resetGroups } from './groups.js';
import { loadNight, renderNight, initNight, resetNight } from './night.js';
import { loadAlerts, renderAlerts, initAlerts, resetAlerts } from './alerts.js';
import { initTimeline } from './timeline.js';
import { loadRules, renderRules, initRules, resetRules } from './rules.js';

const FLOOR_KEY = 'reveille.floor';
const VIEW_KEY = 'reveille.view';
const STATUS_EVERY_MS = 3000;
const ROOMS_EVERY_MS = 5000;
const GROUPS_BUSY_EVERY_MS = 1000;
const GROUPS_IDLE_EVERY_MS = 5000;

try { state.floorFilter = localStorage.getItem(FLOOR_KEY) || ''; } catch (e) { /* private mode */ }

let zoneSeen = null;
const statusPoller = poller(() => guarded('status', async () => {
  await loadStatus();
  // Instants with an offset are shown in the hotel's zone: once it is known, show them again.
  if (state.hotelZone !== zoneSeen) {
    zoneSeen = state.hotelZone;
    renderAlerts();
    nightPoller.now();
  }
}), () => STATUS_EVERY_MS);
const roomsPoller = poller(() => guarded('rooms', loadRooms), () => ROOMS_EVERY_MS);
const groupsPoller = poller(() => guarded('groups', loadGroups), () => (groupsBusy() ? GROUPS_BUSY_EVERY_MS : GROUPS_IDLE_EVERY_MS));
const nightPoller = poller(() => guarded('night', loadNight), () => (currentView() === 'night' ? 10000 : 30000));
const alertsPoller = poller(() => guarded('alerts', loadAlerts), () => 5000);
const rulesPoller = poller(() => guarded('rules', loadRules), () => (currentView() === 'rules' ? 10000 : 60000));
const pollers = [statusPoller, roomsPoller, groupsPoller, nightPoller, alertsPoller, rulesPoller];

refresh.rooms = () => roomsPoller.now();
refresh.groups = () => groupsPoller.now();
refresh.night = () => nightPoller.now();
refresh.alerts = () => alertsPoller.now();
refresh.status = () => statusPoller.now();
refresh.groupCards = () => renderGroups(null);
refresh.tiles = () => { if (state.rooms.size) renderRooms(null); renderRules(); };
refresh.select = (number) => { if (state.rooms.has(String(number))) selectRoom(number, true); };

// ---------------------------------------------------------------- sign-in

function showSignIn(message) {
  pollers.forEach((p) => p.stop());
  show($('app'), false);
  show($('signin'), true);
  setText($('signin-message'), message || '');
  $('signin-token').value = '';
  $('signin-password').value = '';
  const user = $('signin-user');
  setTimeout(() => (user.value ? $('signin-password') : user).focus(), 0);
}

function signOut(message) {
  void endSession();
  setToken('');
  try { localStorage.removeItem(TOKEN_KEY); } catch (e) { /* ignore */ }
  resetView();
  showSignIn(message);
}
onSignedOut((message) => signOut(message));

function startApp() {
  show($('signin'), false);
  show($('app'), true);
  pollers.forEach((p) => p.start());
  loadMe();
}

/** Shows each role what it may do (housekeeping: rooms, DND, rules; no booking forms). A service
 *  without GET /api/me shows everything, as before. */
async function loadMe() {
  try {
    const me = await api('GET', '/api/me');
    document.body.dataset.role = me && me.role ? me.role : '';
    state.me = me;
    setText($('signed-in-as'), me && me.name ? me.name : '');
    $('signed-in-as').title = me && me.name ? t('top.signedInAs') + ': ' + me.name + (me.role ? ' (' + me.role + ')' : '') : '';
  } catch (e) {
    delete document.body.dataset.role;
  }
}

async function onSignIn(event) {
  event.preventDefault();
  const value = $('signin-token').value.trim();
  if (!value) {
    await onPasswordSignIn();
    return;
  }
  const button = $('signin-submit');
  button.disabled = true;
  setText($('signin-message'), t('signin.busy'));
  setToken(value);
  try {
    const status = await api('GET', '/api/status');
    try { localStorage.setItem(TOKEN_KEY, value); } catch (e) { /* still works for this tab */ }
    setText($('signin-message'), '');
    renderStatus(status);
    startApp();
  } catch (e) {
    if (!(e instanceof SignedOut)) {
      setToken('');
      setText($('signin-message'), errorText(e));
    }
  } finally {
    button.disabled = false;
  }
}

/** A person's user name and password: the service answers with its session cookie. */
async function onPasswordSignIn() {
  const user = $('signin-user').value.trim();
  const password = $('signin-password').value;
  if (!user || !password) {
    setText($('signin-message'), t('signin.enter'));
    return;
  }
  const button = $('signin-submit');
  button.disabled = true;
  setText($('signin-message'), t('signin.busy'));
  try {
    await signInWithPassword(user, password);
    try { localStorage.removeItem(TOKEN_KEY); } catch (e) { /* ignore */ }
    $('signin-password').value = '';
    setText($('signin-message'), '');
    startApp();
  } catch (e) {
    setCookieSession(false);
    setText($('signin-message'), errorText(e));
    $('signin-password').value = '';
    $('signin-password').focus();
  } finally {
    button.disabled = false;
  }
}

function resetView() {
  resetRooms();
  resetGroups();
  resetNight();
  resetAlerts();
  resetStatus();
  resetRules();
  delete document.body.dataset.role;
  clearPollErrors();
  setOffline(false);
  for (const id of ['wakeup-result', 'group-result', 'dnd-result', 'detail-result', 'groups-message']) {
    $(id).className = 'msg';
    $(id).replaceChildren();
  }
  show($('group-accept-resubmit'), false);
}

// ---------------------------------------------------------------- views

const VIEWS = [['rooms', 'view-rooms', 'tab-rooms'], ['night', 'night', 'tab-night'], ['rules', 'view-rules', 'tab-rules']];

function currentView() {
  const shown = VIEWS.find(([, panel]) => !$(panel).hidden);
  return shown ? shown[0] : 'rooms';
}

function showView(view, focus) {
  if (!VIEWS.some(([name]) => name === view)) view = 'rooms';
  for (const [name, panel, tabId] of VIEWS) {
    const on = name === view;
    show($(panel), on);
    const tab = $(tabId);
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    tab.tabIndex = on ? 0 : -1;
    tab.classList.toggle('active', on);
    if (on && focus) tab.focus();
  }
  try { localStorage.setItem(VIEW_KEY, view); } catch (e) { /* ignore */ }
  if (view === 'night') nightPoller.now();
  if (view === 'rules') rulesPoller.now();
}

// ---------------------------------------------------------------- language

function rerender() {
  renderStatus(null);
  rerenderRooms();
  renderGroups(null);
  renderNight();
  renderAlerts();
  renderRules();
  renderPollErrors();
  rerenderMessages();
}

// ---------------------------------------------------------------- wiring

function init() {
  applyDocument();
  for (const button of document.querySelectorAll('.lang-btn')) {
    button.addEventListener('click', () => setLang(button.dataset.lang));
  }
  onLangChange(rerender);

  $('signin-form').addEventListener('submit', onSignIn);
  $('signout').addEventListener('click', () => signOut(t('signin.signedOut')));
  $('wakeup-form').addEventListener('submit', onWakeUpSubmit);
  $('group-form').addEventListener('submit', onGroupSubmit);
  $('group-accept-resubmit').addEventListener('click', acceptLateAndResubmit);
  $('dnd-set').addEventListener('click', setDND);
  $('dnd-cancel').addEventListener('click', cancelDND);
  $('dnd-until').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); setDND(); } });
  $('detail-add-to-group').addEventListener('click', () => {
    if (!state.selected) return;
    const input = $('group-rooms');
    const list = parseRooms(input.value);
    if (!list.includes(state.selected)) list.push(state.selected);
    input.value = list.join(', ');
    input.focus();
  });

  for (const id of ['wakeup-time', 'group-time', 'dnd-until']) {
    $(id).addEventListener('blur', (e) => { e.target.value = normalizeTime(e.target.value); });
  }
  for (const id of ['wakeup-date', 'wakeup-until', 'group-date']) {
    $(id).addEventListener('blur', (e) => { e.target.value = normalizeDate(e.target.value); });
  }
  for (const form of [$('wakeup-form'), $('group-form')]) {
    form.addEventListener('input', (e) => { if (e.target.classList) clearInvalid(e.target); });
  }

  // Typing a known room number selects it (and clears the previous room's values).
  $('wakeup-room').addEventListener('input', (e) => {
    const value = e.target.value.trim();
    if (state.rooms.has(value) && state.selected !== value) selectRoom(value, false);
  });

  const floorSelect = $('floor-filter');
  floorSelect.addEventListener('change', () => {
    state.floorFilter = floorSelect.value;
    try { localStorage.setItem(FLOOR_KEY, state.floorFilter); } catch (e) { /* ignore */ }
    applyFilter();
  });
  const search = $('room-search');
  search.addEventListener('input', () => { state.search = search.value; applyFilter(); });
  search.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const visible = Array.from(document.querySelectorAll('#rooms .tile')).filter((tile) => !tile.hidden && !tile.closest('[hidden]'));
    if (visible.length === 1 || (visible.length && visible[0].dataset.room === search.value.trim())) {
      selectRoom(visible[0].dataset.room, true);
      $('wakeup-time').focus();
    }
  });

  for (const [name, , tabId] of VIEWS) {
    const tab = $(tabId);
    tab.addEventListener('click', () => showView(name));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      e.preventDefault();
      const visible = VIEWS.filter(([, , id]) => $(id).offsetParent !== null);
      const at = visible.findIndex(([n]) => n === currentView());
      const next = visible[(at + (e.key === 'ArrowRight' ? 1 : visible.length - 1)) % visible.length];
      showView(next[0], true);
    });
  }
  let view = 'rooms';
  try { view = localStorage.getItem(VIEW_KEY) || 'rooms'; } catch (e) { /* ignore */ }
  showView(view);
  initRules();
  initNight();
  initPersonalCall();
  initAlerts();
  initTimeline();

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && signedIn()) pollers.forEach((p) => p.now());
  });
  window.addEventListener('online', () => { if (signedIn()) pollers.forEach((p) => p.now()); });

  // Keep the other tabs in step when one signs in or out, or switches the language.
  window.addEventListener('storage', (e) => {
    if (e.key === 'reveille.lang' && (e.newValue === 'zh' || e.newValue === 'en') && e.newValue !== getLang()) setLang(e.newValue);
    if (e.key !== TOKEN_KEY) return;
    if (!e.newValue && token()) signOut(t('signin.elsewhere'));
    else if (e.newValue && e.newValue !== token()) { setToken(e.newValue); resetView(); startApp(); }
  });

  if (token()) startApp();
  else {
    // A live session cookie (a reload, another tab) goes straight in; else the sign-in form.
    resumeSession().then((session) => { if (session) startApp(); else showSignIn(''); }, () => showSignIn(''));
  }
  void renderDetail;
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
