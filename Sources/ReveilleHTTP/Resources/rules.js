// Housekeeping's DND rules (GET/POST/PUT/DELETE /api/rules): the list with what each rule does,
// the rooms it covers now and the wake-ups it falls on; create, edit, switch on/off, delete.
// Which rooms a rule covers follows the planner's selector (Planner.selects): floors, any shared
// tag, occupancy; the conflicts are the rooms' planned wake-ups inside the rule's hours.
import { $, el, setText, setAttr, show, reconcile, setMessage, liveMessage, markInvalid, clearForm, roomRanges, normalizeTime, FormError } from './util.js';
import { t, fieldName } from './i18n.js';
import { api, enc, errorText, ApiError, SignedOut } from './api.js';
import { state, refresh, wallClock } from './state.js';
import { confirmCancel } from './undo.js';

const rules = { list: [], available: null, editing: null };

/** Whether `rule` selects `room` (an API room): floors, any shared tag, occupancy. */
export function ruleCovers(rule, room) {
  if (Array.isArray(rule.floors) && rule.floors.length && !rule.floors.includes(room.floor)) return false;
  if (Array.isArray(rule.tags) && rule.tags.length && !rule.tags.some((tag) => (room.tags || []).includes(tag))) return false;
  const guest = !!room.guest;
  switch (rule.occupancy) {
    case 'occupied': return guest && !room.outOfOrder;
    case 'vacant': return !guest && !room.outOfOrder;
    case 'outOfOrder': return !!room.outOfOrder;
    default: return true;
  }
}

/** Whether a wall-clock `at` ("yyyy-MM-ddTHH:mm") of `room` falls inside the rule's DND. */
export function ruleSilences(rule, room, at) {
  const action = rule.action || {};
  if (action.type === 'quietHours' && action.from && action.to) {
    const time = at.slice(11, 16);
    return action.from < action.to ? time >= action.from && time < action.to : time >= action.from || time < action.to;
  }
  if (action.type === 'afterCheckIn' && room.guest && room.guest.arrival) {
    const arrival = Date.parse(room.guest.arrival.slice(0, 16) + ':00Z');
    const when = Date.parse(at.slice(0, 16) + ':00Z');
    return when >= arrival && when < arrival + (action.hours || 0) * 3600000;
  }
  return false; // whileVacant: a vacant room has no wake-ups
}

/** The rooms `rule` covers now and its wake-ups inside its hours ("1208 06:30"). */
export function ruleReach(rule, rooms) {
  const covered = [];
  const conflicts = [];
  for (const room of rooms) {
    if (!ruleCovers(rule, room)) continue;
    covered.push(String(room.number));
    for (const w of (room.desired && room.desired.wakeUps) || []) {
      const at = wallClock(w.at);
      if (ruleSilences(rule, room, at)) conflicts.push(room.number + ' ' + at.slice(5, 16).replace('T', ' '));
    }
  }
  return { covered, conflicts };
}

function doesText(rule) {
  const a = rule.action || {};
  if (a.type === 'quietHours') return t('rules.does.quiet', { from: a.from || '?', to: a.to || '?' });
  if (a.type === 'afterCheckIn') return t('rules.does.after', { n: a.hours });
  if (a.type === 'whileVacant') return t('rules.does.vacant');
  return String(a.type || '');
}

function whereText(rule) {
  const parts = [];
  if (Array.isArray(rule.floors) && rule.floors.length) parts.push(t('rules.where.floors', { list: rule.floors.join(', ') }));
  if (Array.isArray(rule.tags) && rule.tags.length) parts.push(t('rules.where.tags', { list: rule.tags.join(', ') }));
  if (rule.occupancy) parts.push(t('rules.occ.' + rule.occupancy));
  return parts.length ? parts.join(' · ') : t('rules.where.all');
}

export async function loadRules() {
  let list;
  try {
    list = await api('GET', '/api/rules');
    rules.available = true;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) { rules.available = false; renderRules(); return; }
    throw e;
  }
  rules.list = Array.isArray(list) ? list : [];
  renderRules();
}

function createRule(rule) {
  const name = el('span', { class: 'rule-name' });
  const state_ = el('span', { class: 'badge rule-state small' });
  const does = el('span', { class: 'rule-does small' });
  const covers = el('span', { class: 'rule-covers small muted' });
  const conflicts = el('span', { class: 'rule-conflicts small' });
  const edit = el('button', { type: 'button', class: 'btn small', id: 'rule-edit-' + rule.id });
  const toggle = el('button', { type: 'button', class: 'btn small', id: 'rule-toggle-' + rule.id });
  const remove = el('button', { type: 'button', class: 'btn small danger-ghost', id: 'rule-delete-' + rule.id });
  const li = el('li', { class: 'rule', id: 'rule-' + rule.id }, el('span', { class: 'rule-head' }, name, state_, does), covers, conflicts,
    el('span', { class: 'rule-actions' }, edit, toggle, remove));
  edit.addEventListener('click', () => startEdit(li._rule));
  toggle.addEventListener('click', () => save(Object.assign({}, li._rule, { enabled: li._rule.enabled === false }), li._rule.id, $('rules-message')));
  remove.addEventListener('click', () => removeRule(li._rule));
  li._parts = { name, state_, does, covers, conflicts, edit, toggle, remove };
  return li;
}

function updateRule(li, rule) {
  li._rule = rule;
  const p = li._parts;
  const on = rule.enabled !== false;
  const { covered, conflicts } = ruleReach(rule, Array.from(state.rooms.values()));
  setText(p.name, rule.name);
  setText(p.state_, on ? t('rules.on') : t('rules.off'));
  setText(p.does, doesText(rule) + ' · ' + whereText(rule));
  setText(p.covers, t('rules.covers', { n: covered.length, rooms: covered.length ? roomRanges(covered, 20) : '—' }));
  setText(p.conflicts, conflicts.length ? t('rules.conflicts', { list: conflicts.slice(0, 10).join(', ') + (conflicts.length > 10 ? ' …' : '') }) : '');
  show(p.conflicts, conflicts.length > 0);
  setText(p.edit, t('rules.edit'));
  setText(p.toggle, on ? t('rules.disable') : t('rules.enable'));
  setText(p.remove, t('rules.delete'));
  li.classList.toggle('off', !on);
  setAttr(li, 'data-covers', covered.join(','));
}

export function renderRules() {
  reconcile($('rules-list'), rules.list, (r) => r.id, createRule, updateRule);
  show($('rules-empty'), rules.available === true && rules.list.length === 0);
  setText($('rule-form-title'), rules.editing ? t('rules.editing', { name: rules.editing.name }) : t('rules.create'));
  setText($('rule-submit'), rules.editing ? t('rules.save') : t('rules.add'));
  show($('rule-new'), !!rules.editing);
  const type = $('rule-type').value;
  for (const node of document.querySelectorAll('.rule-quiet')) show(node, type === 'quietHours');
  for (const node of document.querySelectorAll('.rule-hours')) show(node, type === 'afterCheckIn');
}

function startEdit(rule) {
  rules.editing = rule;
  const a = rule.action || {};
  $('rule-name').value = rule.name || '';
  $('rule-type').value = a.type || 'quietHours';
  $('rule-from').value = a.from || '';
  $('rule-to').value = a.to || '';
  $('rule-hours').value = a.hours != null ? a.hours : '';
  $('rule-floors').value = (rule.floors || []).join(', ');
  $('rule-tags').value = (rule.tags || []).join(', ');
  $('rule-occupancy').value = rule.occupancy || '';
  $('rule-enabled').checked = rule.enabled !== false;
  setMessage($('rule-result'), '', '');
  renderRules();
  $('rule-name').focus();
}

function resetForm() {
  rules.editing = null;
  for (const id of ['rule-name', 'rule-from', 'rule-to', 'rule-hours', 'rule-floors', 'rule-tags']) $(id).value = '';
  $('rule-occupancy').value = '';
  $('rule-enabled').checked = true;
  clearForm($('rule-form'));
  renderRules();
}

/** The rule the form describes, as the API takes it (fields of the other types left out). */
function formRule() {
  const name = $('rule-name').value.trim();
  if (!name) throw new FormError('name', t('rules.nameNeeded'));
  const type = $('rule-type').value;
  const action = { type };
  if (type === 'quietHours') {
    action.from = normalizeTime($('rule-from').value);
    action.to = normalizeTime($('rule-to').value);
    $('rule-from').value = action.from;
    $('rule-to').value = action.to;
    if (!action.from) throw new FormError('action.from', t('form.enterTime'));
    if (!action.to) throw new FormError('action.to', t('form.enterTime'));
  }
  if (type === 'afterCheckIn') {
    const raw = $('rule-hours').value.trim();
    if (!/^\d+$/.test(raw)) throw new FormError('action.hours', t('form.notInt', { v: raw }));
    action.hours = parseInt(raw, 10);
  }
  const rule = { name, action, enabled: $('rule-enabled').checked };
  const floors = $('rule-floors').value.split(/[\s,，]+/).filter(Boolean);
  if (floors.some((f) => !/^-?\d+$/.test(f))) throw new FormError('floors', t('form.notInt', { v: floors.find((f) => !/^-?\d+$/.test(f)) }));
  if (floors.length) rule.floors = floors.map((f) => parseInt(f, 10));
  const tags = $('rule-tags').value.split(/[\s,，]+/).filter(Boolean);
  if (tags.length) rule.tags = tags;
  if ($('rule-occupancy').value) rule.occupancy = $('rule-occupancy').value;
  return rule;
}

const INPUTS = () => ({
  name: $('rule-name'), action: $('rule-from'), 'action.from': $('rule-from'), 'action.to': $('rule-to'), 'action.hours': $('rule-hours'),
  floors: $('rule-floors'), tags: $('rule-tags'), occupancy: $('rule-occupancy'),
});

function showRuleError(node, e) {
  if (e instanceof SignedOut) return;
  const field = e instanceof FormError || e instanceof ApiError ? e.field : null;
  liveMessage(node, () => ['error', e instanceof FormError ? '✗ ' + fieldName(e.field) + ': ' + e.rule : errorText(e)]);
  const input = field ? INPUTS()[field] : null;
  if (input) { markInvalid(input); input.focus(); }
}

/** Saves `rule` (PUT when `id`, else POST); says which wake-ups now ring inside DND. */
async function save(rule, id, resultNode) {
  const body = { name: rule.name, action: rule.action, enabled: rule.enabled !== false };
  for (const key of ['floors', 'tags', 'occupancy', 'priority']) if (rule[key] != null) body[key] = rule[key];
  try {
    const reply = await api(id != null ? 'PUT' : 'POST', id != null ? '/api/rules/' + enc(id) : '/api/rules', body);
    const inside = (reply && Array.isArray(reply.insideDND) ? reply.insideDND : []).map((c) => c.room + ' ' + String(wallClock(c.at)).slice(5, 16).replace('T', ' '));
    liveMessage(resultNode, () => {
      const extra = inside.length ? [el('span', { class: 'result-warn', text: t(reply.dndEndsAtWakeUp === false ? 'dnd.conflict.kept' : 'dnd.conflict.ends', { list: inside.join(', ') }) })] : [];
      return [inside.length ? 'warn' : 'ok', t('rules.saved', { name: body.name }), extra];
    });
    await loadRules();
    refresh.rooms();
    return true;
  } catch (e) {
    showRuleError(resultNode, e);
    return false;
  }
}

async function onRuleSubmit(event) {
  event.preventDefault();
  clearForm($('rule-form'));
  let rule;
  try { rule = formRule(); } catch (e) { showRuleError($('rule-result'), e); return; }
  const button = $('rule-submit');
  if (button.disabled) return;
  button.disabled = true;
  try {
    const editing = rules.editing;
    if (await save(Object.assign({}, editing || {}, rule), editing ? editing.id : null, $('rule-result'))) resetForm();
  } finally {
    button.disabled = false;
  }
}

async function removeRule(rule) {
  if (!confirmCancel(t('rules.deleteWhat', { name: rule.name }))) return;
  try {
    await api('DELETE', '/api/rules/' + enc(rule.id));
    liveMessage($('rules-message'), () => ['ok', t('rules.deleted', { name: rule.name })]);
    if (rules.editing && rules.editing.id === rule.id) resetForm();
    await loadRules();
    refresh.rooms();
  } catch (e) {
    if (!(e instanceof SignedOut)) liveMessage($('rules-message'), () => ['error', errorText(e)]);
  }
}

export function initRules() {
  $('rule-form').addEventListener('submit', onRuleSubmit);
  $('rule-new').addEventListener('click', resetForm);
  $('rule-type').addEventListener('change', renderRules);
  $('rule-form').addEventListener('input', (e) => { if (e.target.classList) e.target.classList.remove('invalid'); });
}

export function resetRules() {
  rules.list = [];
  rules.available = null;
  rules.editing = null;
  $('rules-list').replaceChildren();
  setMessage($('rules-message'), '', '');
}
