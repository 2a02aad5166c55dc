// Alerts (GET /api/alerts?open=true, and the last day's with ?since= so an alert acknowledged on another
// PC shows who handled it, when and how): a banner that stays until a person acknowledges each alert
// with what they did (POST /api/alerts/{id}/acknowledge {action, note}), and a beep (Web Audio)
// while any is open. Browsers allow sound only after the user has touched the page once: until
// then the beep is muted and #alerts-sound says so. While the service has no alerts (404), the
// banner stays hidden and the page asks again every few minutes.
import { $, el, setText, setAttr, show, reconcile, dateTimeText, addDays } from './util.js';
import { t, alertMessage } from './i18n.js';
import { api, enc, ApiError, SignedOut, ruleText } from './api.js';
import { state, refresh, wallClock } from './state.js';

const ACTIONS = [
  ['called the room', 'alerts.act.called'],
  ['went to the room', 'alerts.act.went'],
  ['guest already up', 'alerts.act.up'],
  ['other', 'alerts.act.other'],
];
const BEEP_EVERY_MS = 15000;

const alerts = {
  available: null,           // null unknown, true, false (404)
  open: new Map(),           // id → alert
  acknowledged: new Map(),   // id → alert acknowledged from this page (or seen acknowledged)
  checkedAt: 0,
  audio: null,               // AudioContext after the first interaction
  lastBeep: 0,
  expanded: false,           // the list under the bar is open
};

/** The alerts as the night view needs them. */
export function alertState() { return alerts; }

/** Polled with the status; after a 404 only every 5 minutes. */
export async function loadAlerts() {
  if (alerts.available === false && Date.now() - alerts.checkedAt < 300000) return;
  alerts.checkedAt = Date.now();
  let list;
  let recent = [];
  try {
    // The last 24 hours' alerts, acknowledged ones with who/when/what: the truth on every PC.
    const now = state.hotelNow;
    const since = now ? addDays(now.slice(0, 10), -1) + 'T' + now.slice(11, 16) : null;
    [list, recent] = await Promise.all([
      api('GET', '/api/alerts?open=true'),
      since ? api('GET', '/api/alerts?since=' + enc(since)) : Promise.resolve([]),
    ]);
    alerts.available = true;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
      alerts.available = false;
      alerts.open.clear();
      renderAlerts();
      return;
    }
    throw e;
  }
  const open = new Map();
  for (const a of Array.isArray(recent) ? recent : []) if (a.acknowledgedAt) alerts.acknowledged.set(a.id, a);
  for (const a of Array.isArray(list) ? list : []) {
    if (a.acknowledgedAt) alerts.acknowledged.set(a.id, a);
    else open.set(a.id, a);
  }
  // An alert that left the open list was acknowledged (here or elsewhere).
  for (const [id, a] of alerts.open) if (!open.has(id) && !alerts.acknowledged.has(id)) alerts.acknowledged.set(id, a);
  alerts.open = open;
  renderAlerts();
  beep();
}

function kindText(kind) {
  const key = 'alerts.kind.' + kind;
  const text = t(key);
  return text === key ? String(kind || '') : text;
}

function createAlert(a) {
  const id = a.id;
  const text = el('span', { class: 'alert-text' });
  const message = el('span', { class: 'alert-message small' });
  const select = el('select', { id: 'alert-action-' + id, class: 'alert-action' });
  const selectLabel = el('label', { for: 'alert-action-' + id, class: 'sr-only' });
  const note = el('input', { id: 'alert-note-' + id, type: 'text', class: 'alert-note', maxlength: 200, autocomplete: 'off' });
  const button = el('button', { id: 'alert-ack-' + id, type: 'button', class: 'btn small alert-ack' });
  const error = el('span', { class: 'alert-error small', role: 'status' });
  button.addEventListener('click', () => acknowledge(id, select, note, button, error));
  note.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); button.click(); } });
  const li = el('li', { id: 'alert-' + id, class: 'alert' },
    el('span', { class: 'alert-main' }, text, message),
    el('span', { class: 'alert-form' }, selectLabel, select, note, button), error);
  li._parts = { text, message, select, selectLabel, note, button };
  return li;
}

function updateAlert(li, a) {
  const p = li._parts;
  setText(p.text, [a.room, a.guest || '', dateTimeText(wallClock(a.scheduledAt)), '— ' + kindText(a.kind)].filter(Boolean).join(' '));
  setText(p.message, alertMessage(a) + ' · ' + t('alerts.raised', { at: dateTimeText(wallClock(a.raisedAt)).slice(11) }));
  setText(p.selectLabel, t('alerts.action'));
  const value = p.select.value;
  const wanted = ACTIONS.map(([v, key]) => v + '=' + t(key)).join('|');
  if (p.select.dataset.sig !== wanted) {
    // No default: the person chooses what they did (one click must not record an action nobody took).
    p.select.replaceChildren(el('option', { value: '', text: t('alerts.choose'), disabled: true }),
      ...ACTIONS.map(([v, key]) => el('option', { value: v, text: t(key) })));
    p.select.value = '';
    p.select.dataset.sig = wanted;
    if (value) p.select.value = value;
  }
  setAttr(p.note, 'placeholder', t('alerts.note'));
  setAttr(p.note, 'aria-label', t('alerts.note'));
  setText(p.button, t('alerts.ack'));
}

export function renderAlerts() {
  const banner = $('alerts-banner');
  const list = Array.from(alerts.open.values()).sort((a, b) => String(a.scheduledAt).localeCompare(String(b.scheduledAt)));
  show(banner, alerts.available === true && list.length > 0);
  setText($('alerts-title'), t('alerts.title', { n: list.length }));
  const first = list[0];
  setText($('alerts-first'), first && !alerts.expanded ? [first.room, kindText(first.kind)].join(' ') + (list.length > 1 ? ' …' : '') : '');
  setText($('alerts-caret'), t(alerts.expanded ? 'alerts.hide' : 'alerts.show'));
  setAttr($('alerts-toggle'), 'aria-expanded', alerts.expanded ? 'true' : 'false');
  show($('alerts-list'), alerts.expanded);
  show($('alerts-sound'), !alerts.audio);
  reconcile($('alerts-list'), list, (a) => a.id, createAlert, updateAlert);
}

async function acknowledge(id, select, note, button, error) {
  const action = select.value;
  const text = note.value.trim();
  if (!action) {
    setText(error, '✗ ' + t('alerts.actionNeeded'));
    select.focus();
    return;
  }
  if (action === 'other' && !text) {
    setText(error, '✗ ' + t('alerts.noteNeeded'));
    note.focus();
    return;
  }
  button.disabled = true;
  try {
    const body = { action };
    if (text) body.note = text;
    const reply = await api('POST', '/api/alerts/' + enc(id) + '/acknowledge', body);
    const a = alerts.open.get(id);
    alerts.open.delete(id);
    alerts.acknowledged.set(id, Object.assign({}, a, reply && typeof reply === 'object' ? reply : {}, { action, note: text || null }));
    renderAlerts();
    refresh.night();
  } catch (e) {
    if (e instanceof SignedOut) return;
    setText(error, '✗ ' + (e instanceof ApiError ? ruleText(e) : String(e.message || e)));
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------- sound

function unlockAudio() {
  if (alerts.audio) return;
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  try {
    alerts.audio = new Context();
    if (alerts.audio.state === 'suspended') alerts.audio.resume();
  } catch (e) {
    alerts.audio = null;
  }
  show($('alerts-sound'), !alerts.audio);
  if (alerts.open.size) beep(true);
}

/** Two short tones, at most every 15 s, while an alert is open and sound is allowed. */
function beep(force) {
  if (!alerts.audio || alerts.open.size === 0) return;
  if (!force && Date.now() - alerts.lastBeep < BEEP_EVERY_MS) return;
  alerts.lastBeep = Date.now();
  const ctx = alerts.audio;
  for (const [offset, frequency] of [[0, 880], [0.25, 660]]) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    const start = ctx.currentTime + offset;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.2);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.22);
  }
}

export function initAlerts() {
  $('alerts-toggle').addEventListener('click', () => {
    alerts.expanded = !alerts.expanded;
    renderAlerts();
  });
  for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, unlockAudio, { once: true, capture: true });
}

export function resetAlerts() {
  alerts.open.clear();
  alerts.acknowledged.clear();
  alerts.available = null;
  renderAlerts();
}
