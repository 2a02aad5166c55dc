// The room wake-up form, and what both booking forms share: reading times (H:mm) and whole numbers,
// showing a field's error, and asking before a time that has just passed is booked for tomorrow.
import { $, el, show, setText, dateTimeText, normalizeTime, normalizeDate, addDays, setMessage, liveMessage, markInvalid, clearForm, emptyInputs, FormError } from './util.js';
import { t, fieldName } from './i18n.js';
import { api, enc, errorText, originalText, reportPollError, ApiError, SignedOut } from './api.js';
import { state, refresh, hotelToday } from './state.js';
import { selectRoom, loadRoomWakeUps } from './rooms.js';

/** The warning for wake-ups inside a DND window: `items` as shown, `endsAtWakeUp`
 *  from the reply (hotel.dndEndsAtWakeUp) says whether DND ends at the wake-up or may silence it. */
export function dndConflict(items, endsAtWakeUp) {
  return el('span', { class: 'result-warn', text: t(endsAtWakeUp === false ? 'dnd.conflict.kept' : 'dnd.conflict.ends', { list: items.join(', ') }) });
}

/** "1208 2026-11-25 06:30" of each `{room, at}` in a reply's insideDND. */
export function roomConflicts(reply) {
  return (reply && Array.isArray(reply.insideDND) ? reply.insideDND : []).map((c) => c.room + ' ' + dateTimeText(c.at));
}

/** An optional whole number from an input, or undefined; FormError when it is not one. */
export function optionalInt(input, field) {
  const raw = input.value.trim();
  if (raw === '') {
    if (input.validity && input.validity.badInput) throw new FormError(field, t('form.mustInt'));
    return undefined;
  }
  if (!/^-?\d+$/.test(raw)) throw new FormError(field, t('form.notInt', { v: raw }));
  return parseInt(raw, 10);
}

export function showFormError(resultNode, err, fieldInputs) {
  if (err instanceof SignedOut) return;
  let field = null;
  if (err instanceof FormError) {
    field = err.field;
    liveMessage(resultNode, () => ['error', '✗ ' + fieldName(err.field) + ': ' + err.rule]);
  } else {
    if (err instanceof ApiError) field = err.field;
    liveMessage(resultNode, () => ['error', errorText(err), null, originalText(err)]);
  }
  if (field) {
    const key = String(field).split(/[.[]/)[0];
    const input = fieldInputs[key];
    if (input) {
      markInvalid(input);
      input.focus();
    }
  }
}

/** When a time without a date has passed within the last hour (also: this very minute), the
 *  service books it for tomorrow: the date it would ring, so the page can ask first; else null. */
export function passedJustNow(time, date) {
  if (date || !state.hotelNow || !/^\d{2}:\d{2}$/.test(time)) return null;
  const now = state.hotelNow.slice(11, 16);
  const minutes = (s) => parseInt(s.slice(0, 2), 10) * 60 + parseInt(s.slice(3, 5), 10);
  const behind = minutes(now) - minutes(time);
  if (behind < 0 || behind >= 60) return null;
  return addDays(hotelToday(), 1);
}

/** Shows the question in box; resolves true (book for tomorrow), false (change the time, or
 *  Escape) or null (the question was withdrawn: another room, another submit). */
export function ask(prefix, text) {
  const box = $(prefix + '-confirm');
  setText($(prefix + '-confirm-text'), text);
  show(box, true);
  const yes = $(prefix + '-confirm-yes');
  const no = $(prefix + '-confirm-no');
  yes.focus();
  return new Promise((resolve) => {
    const done = (answer) => {
      box._cancel = null;
      box.removeEventListener('keydown', onKey);
      yes.removeEventListener('click', onYes);
      no.removeEventListener('click', onNo);
      show(box, false);
      resolve(answer);
    };
    const onYes = () => done(true);
    const onNo = () => done(false);
    const onKey = (e) => { if (e.key === 'Escape') { e.preventDefault(); done(false); } };
    yes.addEventListener('click', onYes);
    no.addEventListener('click', onNo);
    box.addEventListener('keydown', onKey);
    box._cancel = () => done(null); // superseded: the caller does nothing
  });
}

export function cancelAsk(prefix) {
  const box = $(prefix + '-confirm');
  if (box._cancel) box._cancel();
  show(box, false);
}

// ---------------------------------------------------------------- room wake-up

const wakeupInputs = () => ({
  room: $('wakeup-room'), time: $('wakeup-time'), date: $('wakeup-date'), days: $('wakeup-days'),
  weekdays: $('wakeup-wd-1'), until: $('wakeup-until'), attempts: $('wakeup-attempts'),
  frequency: $('wakeup-frequency'),
});

/** Empties the wake-up form (values, errors, result, question) for room `number`. */
export function resetWakeUpForm(number) {
  const form = $('wakeup-form');
  cancelAsk('wakeup');
  emptyInputs(form, ['wakeup-room']);
  clearForm(form);
  if (number !== undefined) $('wakeup-room').value = number;
  setMessage($('wakeup-result'), '', '');
}

export async function onWakeUpSubmit(event) {
  event.preventDefault();
  const form = $('wakeup-form');
  const result = $('wakeup-result');
  const inputs = wakeupInputs();
  clearForm(form);
  cancelAsk('wakeup');
  let room;
  let body;
  try {
    room = inputs.room.value.trim();
    if (!room) throw new FormError('room', t('form.chooseRoom'));
    const time = normalizeTime(inputs.time.value);
    inputs.time.value = time;
    if (!time) throw new FormError('time', t('form.enterTime'));
    body = { time };
    const date = normalizeDate(inputs.date.value);
    inputs.date.value = date;
    if (date) body.date = date;
    const weekdays = Array.from(form.querySelectorAll('input[name="weekday"]:checked')).map((c) => parseInt(c.value, 10));
    const days = optionalInt(inputs.days, 'days');
    if (weekdays.length) {
      body.weekdays = weekdays;
      const until = normalizeDate(inputs.until.value);
      inputs.until.value = until;
      if (until) body.until = until;
    } else if (days !== undefined) {
      body.days = days;
    }
    const attempts = optionalInt(inputs.attempts, 'attempts');
    if (attempts !== undefined) body.attempts = attempts;
    const frequency = optionalInt(inputs.frequency, 'frequency');
    if (frequency !== undefined) body.frequency = frequency;
    // Reception phones the room at its time; reception only: not sent to the PBX.
    if ($('wakeup-personal').checked) body.personal = true;
    if ($('wakeup-reception-only').checked) body.receptionOnly = true;
  } catch (e) {
    showFormError(result, e, inputs);
    return;
  }

  const tomorrow = weekdaysChosen(body) ? null : passedJustNow(body.time, body.date);
  if (tomorrow) {
    setMessage(result, '', '');
    const yes = await ask('wakeup', t('confirm.passed', { time: body.time, now: state.hotelNow.slice(11, 16), tomorrow }));
    if (yes === null) return;
    if (!yes) { markInvalid(inputs.time); inputs.time.focus(); return; }
    body.date = tomorrow;
    inputs.date.value = tomorrow;
  }

  const button = $('wakeup-submit');
  button.disabled = true;
  liveMessage(result, () => ['busy', t('form.booking')]);
  try {
    const reply = await api('POST', '/api/rooms/' + enc(room) + '/wakeups', body);
    if (state.selected !== room && state.rooms.has(room)) selectRoom(room, false, true);
    else loadRoomWakeUps(room).catch(reportPollError);
    liveMessage(result, () => {
      const first = reply && reply.firstWakeUp ? dateTimeText(reply.firstWakeUp) : '';
      const inside = (reply && Array.isArray(reply.insideDND) ? reply.insideDND : []).map(dateTimeText);
      const extra = [el('span', { class: 'result-main' }, t('wakeup.booked', { room }), el('b', { text: first || '—' }))];
      if (inside.length) extra.push(dndConflict(inside, reply.dndEndsAtWakeUp));
      return [inside.length ? 'warn' : 'ok', '', extra];
    });
    emptyInputs(form, ['wakeup-room']);
    refresh.rooms();
    refresh.night();
  } catch (e) {
    showFormError(result, e, inputs);
  } finally {
    button.disabled = false;
  }
}

function weekdaysChosen(body) { return Array.isArray(body.weekdays) && body.weekdays.length > 0; }
