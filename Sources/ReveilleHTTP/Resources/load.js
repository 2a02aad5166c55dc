// The night view's load chart: how many wake-ups the PBX starts per 5 minutes, with the capacity
// line of pbx.ringCapacity (wake-ups it can start per minute, so 5 × that per bar). A bar with a
// minute over the capacity is drawn red: some of its rooms ring late (the booking said by how much).
//
// Drawn as SVG with classes only (the page's CSP allows no inline style). Pure part: loadBuckets.
import { $, show, setText, pad2 } from './util.js';
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const NOT_ON_PBX = new Set(['cancelled', 'checkedOut', 'byReception']);
const STEP = 5;

/** Minutes since midnight of a "yyyy-MM-ddTHH:mm" wall clock, counted from `dayStart` (so the
 *  night's small hours follow its evening). */
function minuteOf(at, dayStart) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(String(at || ''));
  if (!m) return NaN;
  const day = m[1] + '-' + m[2] + '-' + m[3] === dayStart ? 0 : 1;
  return day * 1440 + Number(m[4]) * 60 + Number(m[5]);
}

/**
 * The wake-ups the PBX starts, per 5 minutes, from the first one's 5 minutes to the last one's.
 * `list`: the night's occurrences ({at, state, receptionOnly}); `dayStart`: the night's first date;
 * `capacity`: per minute, or null. Returns [{minute, count, over}] (`minute` from `dayStart`'s
 * midnight; `over`: some minute in it starts more than the capacity).
 */
export function loadBuckets(list, dayStart, capacity) {
  const perMinute = new Map();
  for (const o of list) {
    if (o.receptionOnly || NOT_ON_PBX.has(o.state)) continue;
    const minute = minuteOf(o.at, dayStart);
    if (Number.isNaN(minute)) continue;
    perMinute.set(minute, (perMinute.get(minute) || 0) + 1);
  }
  if (perMinute.size === 0) return [];
  const minutes = [...perMinute.keys()];
  const first = Math.floor(Math.min(...minutes) / STEP) * STEP;
  const last = Math.floor(Math.max(...minutes) / STEP) * STEP;
  const buckets = [];
  for (let minute = first; minute <= last; minute += STEP) {
    let count = 0;
    let over = false;
    for (let m = minute; m < minute + STEP; m++) {
      const n = perMinute.get(m) || 0;
      count += n;
      if (capacity && n > capacity) over = true;
    }
    buckets.push({ minute, count, over });
  }
  return buckets;
}

/** "06:30" for a minute counted from the night's first midnight. */
export function clockOf(minute) {
  const m = ((minute % 1440) + 1440) % 1440;
  return pad2(Math.floor(m / 60)) + ':' + pad2(m % 60);
}

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Draws the chart into #night-load (hidden when the night has no wake-up on the PBX). */
export function renderLoad(list, dayStart, capacity) {
  const section = $('night-load');
  const chart = $('night-load-chart');
  if (!section || !chart) return;
  const buckets = loadBuckets(list, dayStart, capacity);
  show(section, buckets.length > 0);
  chart.replaceChildren();
  if (buckets.length === 0) return;
  const barWidth = 12;
  const gap = 3;
  const height = 80;
  const labels = 16;
  const capLine = capacity ? capacity * STEP : 0;
  const top = Math.max(capLine, ...buckets.map((b) => b.count), 1);
  // At least an hour wide: a lone bar still has room for its time under it.
  const width = Math.max(buckets.length, 12) * (barWidth + gap) + gap;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height + labels}`, width, height: height + labels, role: 'img', 'aria-labelledby': 'night-load-title', class: 'load-svg' });
  const scale = (n) => (n / top) * (height - 4);
  buckets.forEach((b, i) => {
    const x = gap + i * (barWidth + gap);
    const h = b.count > 0 ? Math.max(2, scale(b.count)) : 0;
    const bar = svg('rect', { x, y: height - h, width: barWidth, height: h, class: 'load-bar' + (b.over ? ' over' : ''), 'data-minute': clockOf(b.minute), 'data-count': b.count });
    bar.append(svg('title', {}, t('night.load.bar', { from: clockOf(b.minute), to: clockOf(b.minute + STEP), n: b.count })));
    root.append(bar);
    if (b.minute % 60 === 0 || i === 0) root.append(svg('text', { x, y: height + labels - 3, class: 'load-label' }, clockOf(b.minute)));
  });
  root.append(svg('line', { x1: 0, y1: height + 0.5, x2: width, y2: height + 0.5, class: 'load-axis' }));
  if (capLine) {
    const y = height - scale(capLine);
    root.append(svg('line', { x1: 0, y1: y, x2: width, y2: y, class: 'load-cap' }));
  }
  chart.append(root);
  const busiest = buckets.reduce((a, b) => (b.count > a.count ? b : a));
  setText($('night-load-note'), (capacity ? t('night.load.capacity', { n: capacity }) + ' ' : '')
    + t('night.load.busiest', { from: clockOf(busiest.minute), to: clockOf(busiest.minute + STEP), n: busiest.count })
    + (buckets.some((b) => b.over) ? ' ' + t('night.load.over') : ''));
}
