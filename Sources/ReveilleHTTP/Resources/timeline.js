// The selected room's "what happened" panel (GET /api/rooms/{room}/timeline): the answer in one
// sentence, then every event of the night in time order. A closed <details> under the room's
// details; it loads when opened, when another room is selected while open, and on "refresh".
//
//   #detail-timeline          <details>, added to #detail-body by initTimeline()
//   #timeline-date            the hotel date shown (yyyy-MM-dd, default today)
//   #timeline-summary         the sentence
//   #timeline-events          <ol>, one li per event: data-kind, .tl-time, .tl-kind, .tl-text, .tl-actor
import { $, el, setText, show, hhmm } from './util.js';
import { api, enc, errorText, SignedOut } from './api.js';
import { getLang, onLangChange } from './i18n.js';
import { state, hotelToday } from './state.js';

// The panel's own words (the event sentences come from the service, in English).
const TEXTS = {
  zh: {
    title: '发生了什么', refresh: '刷新', none: '这一天没有记录。', loading: '正在读取…',
    kinds: {
      booking: '预订', change: '修改', cancellation: '取消', checkIn: '入住', checkOut: '退房', move: '换房', occupancy: '住客',
      push: '下发', pushFailed: '下发失败', link: '交换机连接', due: '叫醒时间', ring: '振铃', cdr: '话单', outcome: '结果',
      alert: '提醒', acknowledgement: '已处理',
    },
  },
  en: {
    title: 'What happened', refresh: 'Refresh', none: 'Nothing recorded that day.', loading: 'Loading…',
    kinds: {
      booking: 'booked', change: 'changed', cancellation: 'cancelled', checkIn: 'check-in', checkOut: 'check-out', move: 'moved',
      occupancy: 'stay', push: 'pushed', pushFailed: 'push failed', link: 'PBX link', due: 'due', ring: 'ring', cdr: 'CDR',
      outcome: 'outcome', alert: 'alert', acknowledgement: 'acknowledged',
    },
  },
};
const words = () => TEXTS[getLang() === 'en' ? 'en' : 'zh'];

let shownRoom = null;
let sequence = 0;

/** Adds the panel to the room's details (once). */
export function initTimeline() {
  if ($('detail-timeline')) return;
  const body = $('detail-body');
  if (!body) return;
  const panel = el('details', { id: 'detail-timeline', class: 'timeline' },
    el('summary', { id: 'timeline-title' }),
    el('div', { class: 'row small' },
      el('input', { id: 'timeline-date', type: 'date' }),
      el('button', { id: 'timeline-refresh', type: 'button', class: 'btn' })),
    el('p', { id: 'timeline-summary', class: 'timeline-summary', role: 'status' }),
    el('ol', { id: 'timeline-events', class: 'list timeline-events' }));
  const anchor = $('detail-result');
  if (anchor && anchor.parentNode === body) body.insertBefore(panel, anchor.nextSibling); else body.appendChild(panel);
  panel.addEventListener('toggle', () => { if (panel.open) loadTimeline(); });
  $('timeline-date').addEventListener('change', () => loadTimeline());
  $('timeline-refresh').addEventListener('click', () => loadTimeline());
  applyWords();
  onLangChange(() => { applyWords(); if (panel.open) loadTimeline(); });
}

function applyWords() {
  setText($('timeline-title'), words().title);
  setText($('timeline-refresh'), words().refresh);
}

/** Called when the selected room changes: a new room starts at today, and reloads if the panel is open. */
export function timelineRoomChanged(number) {
  const panel = $('detail-timeline');
  if (!panel || shownRoom === number) return;
  $('timeline-date').value = hotelToday();
  setText($('timeline-summary'), '');
  $('timeline-events').replaceChildren();
  shownRoom = null;
  if (panel.open) loadTimeline();
}

/** Loads and shows the selected room's timeline for the chosen date. */
export async function loadTimeline() {
  const room = state.selected;
  if (!room) return;
  const input = $('timeline-date');
  if (!input.value) input.value = hotelToday();
  const mine = ++sequence;
  setText($('timeline-summary'), words().loading);
  let timeline;
  try {
    timeline = await api('GET', '/api/rooms/' + enc(room) + '/timeline?date=' + enc(input.value));
  } catch (e) {
    if (e instanceof SignedOut || mine !== sequence) return;
    setText($('timeline-summary'), errorText(e));
    $('timeline-events').replaceChildren();
    return;
  }
  if (mine !== sequence || state.selected !== room) return;
  shownRoom = room;
  setText($('timeline-summary'), timeline.summary);
  const kinds = words().kinds;
  const items = (timeline.events || []).map((event) => {
    const li = el('li', { class: 'tl-' + event.kind },
      el('span', { class: 'tl-time' }, (event.time || '').slice(0, 10) === timeline.date ? hhmm(event.time) : (event.time || '').replace('T', ' ')),
      el('span', { class: 'tl-kind' }, kinds[event.kind] || event.kind),
      el('span', { class: 'tl-text' }, event.text),
      event.actor ? el('span', { class: 'tl-actor muted' }, event.actor) : null);
    li.dataset.kind = event.kind;
    return li;
  });
  $('timeline-events').replaceChildren(...items);
  show($('timeline-events'), items.length > 0);
  if (!items.length) setText($('timeline-summary'), timeline.summary + ' ' + words().none);
}
