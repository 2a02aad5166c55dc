// The header: PBX link (chip and banner in words), outbox counts, PMS import, hotel clock.
import { $, setText, setAttr, show, pad2, dateTimeText } from './util.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { state } from './state.js';

let clockFormat = null; // HH:mm:ss in the hotel's time zone (status.hotel.timeZone)
let lastStatus = null;

function setHotelZone(zone) {
  if (!zone || (clockFormat && clockFormat.zone === zone)) return;
  try {
    const f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    clockFormat = { zone, format: (d) => f.format(d) };
  } catch (e) {
    clockFormat = null; // unknown zone: the browser's clock
  }
}

export function touchUpdated() {
  const d = new Date();
  setText($('last-updated'), clockFormat ? clockFormat.format(d)
    : pad2(d.getHours()) + ':' + pad2(d.getMinutes()) + ':' + pad2(d.getSeconds()));
}

export async function loadStatus() {
  renderStatus(await api('GET', '/api/status'));
}

function agoText(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return t('ago.s', { n: s });
  if (s < 7200) return t('ago.min', { n: Math.round(s / 60) });
  return t('ago.h', { n: Math.round(s / 3600) });
}

function importSummary(report) {
  if (!report) return t('import.none');
  const outcome = ['applied', 'held', 'rejected', 'waiting'].includes(report.outcome) ? t('import.' + report.outcome) : String(report.outcome || '');
  const parts = [report.file || '?', outcome];
  if (report.outcome !== 'rejected') {
    parts.push(t('import.counts', { in: report.checkIns || 0, out: report.checkOuts || 0, moved: report.moves || 0, changed: report.updates || 0 }));
  }
  // The report lists the first 100 and counts them all.
  const problems = typeof report.problemCount === 'number' ? report.problemCount : Array.isArray(report.problems) ? report.problems.length : 0;
  if (problems) parts.push(t('import.bad', { n: problems }));
  // Rows used with a remark, e.g. a guest language without a prompt.
  const warnings = typeof report.warningCount === 'number' ? report.warningCount : Array.isArray(report.warnings) ? report.warnings.length : 0;
  if (warnings) parts.push(t('import.warnings', { n: warnings }));
  if (report.reason) parts.push(report.reason);
  return parts.join(' · ');
}

/** The link's state in a sentence a receptionist understands; the service's detail stays in the
 *  tooltip ("down (refused: SingleConnectionFailure(…))" → "Cannot reach the PBX …"). */
export function linkSentence(link) {
  if (link.state === 'connecting') return t('link.why.connecting');
  if (link.state === 'loggingIn') return t('link.why.loggingIn');
  if (link.state === 'stopped') return t('link.why.stopped');
  // The reason's code (API.Link.reason), never the English detail.
  switch (link.reason) {
    case 'refused': return t('link.why.refused');
    case 'connectionLost': return t('link.why.lost');
    case 'heartbeatLost': return t('link.why.heartbeat');
    case 'heartbeatRejected': return t('link.why.heartbeatRejected');
    case 'loginRejected': return t('link.why.login', { message: link.message || '' });
    case 'loginTimedOut': return t('link.why.loginTimeout');
    case 'protocolError': return t('link.why.protocol');
    default: return t('link.why.other');
  }
}

export function renderStatus(status) {
  if (status) lastStatus = status;
  status = lastStatus;
  if (!status || typeof status !== 'object') return;
  const link = status.link || {};
  const up = link.up === true;
  const detail = $('link-detail');
  setText(detail, linkSentence(link));
  setAttr(detail, 'title', t('link.detailTitle', { detail: link.detail || link.state || '' }));
  show($('link-banner'), !up);
  const chip = $('link-state');
  const stateKey = 'link.state.' + link.state;
  setText(chip, 'PBX ● ' + (['up', 'down', 'connecting', 'loggingIn', 'stopped'].includes(link.state) ? t(stateKey) : (link.state || '?')));
  chip.classList.toggle('chip-ok', up);
  chip.classList.toggle('chip-bad', !up);
  setAttr(chip, 'title', t('link.chip.title', { detail: link.detail || link.state || '' }));
  const limits = Array.isArray(link.unsupported) ? link.unsupported.map(String) : [];
  const list = $('link-limits-list');
  if (list && list.dataset.shown !== limits.join('\n')) {
    list.dataset.shown = limits.join('\n');
    list.replaceChildren(...limits.map((text) => {
      const item = document.createElement('li');
      item.textContent = text;
      return item;
    }));
  }
  if ($('link-limits')) show($('link-limits'), limits.length > 0);

  const outbox = status.outbox || {};
  setText($('outbox-pending'), outbox.pending ?? '–');
  setText($('outbox-failed'), outbox.failed ?? '–');
  $('outbox-failed-chip').classList.toggle('chip-bad', (outbox.failed || 0) > 0);

  const imp = status.import || {};
  const last = $('import-last');
  setText(last, importSummary(imp.last));
  last.classList.toggle('text-bad', !!(imp.last && imp.last.outcome === 'rejected'));
  const remarks = imp.last && Array.isArray(imp.last.warnings) ? imp.last.warnings : [];
  setAttr(last, 'title', remarks.slice(0, 20).map((w) => t('import.line', { line: w.line }) + ' ' + w.reason).join('\n'));
  const age = $('export-age');
  if (imp.exportStale !== undefined && imp.exportStale !== null) {
    setText(age, typeof imp.exportAgeSeconds === 'number' ? t('import.exported', { ago: agoText(imp.exportAgeSeconds) }) : t('import.noExport'));
    age.classList.toggle('text-bad', imp.exportStale === true);
    setAttr(age, 'title', imp.exportStale ? t('import.stale') : '');
  }
  show(age, imp.exportStale !== undefined && imp.exportStale !== null);
  const held = $('import-held');
  if (imp.held) setText(held, t('import.heldBanner', { summary: importSummary(imp.held) }));
  show(held, !!imp.held);

  const hotel = status.hotel || {};
  if (hotel.now) {
    state.hotelNow = String(hotel.now);
    state.hotelZone = hotel.timeZone || null;
    state.ringCapacity = Number.isInteger(hotel.ringCapacity) && hotel.ringCapacity > 0 ? hotel.ringCapacity : null;
    setText($('hotel-time'), dateTimeText(hotel.now));
    if (hotel.timeZone) setAttr($('hotel-time'), 'title', hotel.timeZone);
    setHotelZone(hotel.timeZone);
  }
  show($('simulator-badge'), status.simulator === true);
  touchUpdated();
}

export function resetStatus() {
  lastStatus = null;
  show($('link-banner'), false);
}
