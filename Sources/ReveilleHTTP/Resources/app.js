// Reveille reception page. Plain JavaScript, no dependencies; talks only to the same-origin API
// (docs/API.md). All text from the API goes into the page with textContent / setAttribute, never as
// HTML: guest names are user data.
'use strict';

(function () {
  const TOKEN_KEY = 'reveille.token';
  const FLOOR_KEY = 'reveille.floor';
  const REQUEST_TIMEOUT_MS = 10000;
  const STATUS_EVERY_MS = 3000;
  const ROOMS_EVERY_MS = 5000;
  const GROUPS_BUSY_EVERY_MS = 1000;
  const GROUPS_IDLE_EVERY_MS = 5000;

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- DOM helpers

  /** Creates an element. props: class, text, hidden, type, id, data-* and other attributes. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key === 'hidden') node.hidden = true;
        else node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** "中文 English": the English part marked lang="en". */
  function bi(zh, en) {
    const frag = document.createDocumentFragment();
    frag.append(document.createTextNode(zh + ' '), el('span', { lang: 'en', text: en }));
    return frag;
  }

  function setText(node, text) {
    text = text === null || text === undefined ? '' : String(text);
    if (node.textContent !== text) node.textContent = text;
  }

  function setAttr(node, name, value) {
    value = String(value);
    if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  }

  function show(node, visible) {
    if (node.hidden === visible) node.hidden = !visible;
  }

  /** Keeps container's children in the order of items, reusing nodes by key (no rebuild, no jump). */
  function reconcile(container, items, keyOf, create, update) {
    const existing = new Map();
    for (const child of Array.from(container.children)) {
      if (child.dataset.key !== undefined) existing.set(child.dataset.key, child);
      else child.remove();
    }
    items.forEach((item, index) => {
      const key = String(keyOf(item));
      let node = existing.get(key);
      if (node) existing.delete(key);
      else {
        node = create(item);
        node.dataset.key = key;
      }
      update(node, item);
      if (container.children[index] !== node) container.insertBefore(node, container.children[index] || null);
    });
    for (const node of existing.values()) node.remove();
  }

  // ---------------------------------------------------------------- text helpers

  const pad2 = (n) => String(n).padStart(2, '0');

  /** "2026-11-25T07:30[:00]" → "07:30". */
  function hhmm(dateTime) {
    if (!dateTime) return '';
    const m = /T(\d{2}:\d{2})/.exec(String(dateTime));
    return m ? m[1] : String(dateTime);
  }

  /** "2026-11-25T07:30" → "2026-11-25 07:30". */
  function dateTimeText(dateTime) {
    if (!dateTime) return '';
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(String(dateTime));
    return m ? m[1] + ' ' + m[2] : String(dateTime);
  }

  /** A date-time, shown as just HH:mm when it is on the hotel's current day. */
  function shortDateTime(dateTime) {
    if (!dateTime) return '';
    const today = state.hotelNow ? state.hotelNow.slice(0, 10) : null;
    if (today && String(dateTime).slice(0, 10) === today) return hhmm(dateTime);
    return dateTimeText(dateTime);
  }

  /** Accepts what people type at 5 a.m.: "630", "0630", "6:30", "6.30", "06：30" → "06:30". */
  function normalizeTime(text) {
    const t = String(text || '').trim().replace('：', ':');
    let m = /^(\d{1,2})[:.hH](\d{2})$/.exec(t);
    if (m) return pad2(m[1]) + ':' + m[2];
    m = /^(\d{1,2})(\d{2})$/.exec(t);
    if (m) return pad2(m[1]) + ':' + m[2];
    return t;
  }

  /** "2026/11/25", "2026.11.25", "20261125" → "2026-11-25". */
  function normalizeDate(text) {
    const t = String(text || '').trim();
    let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
    if (m) return m[1] + '-' + pad2(m[2]) + '-' + pad2(m[3]);
    m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
    if (m) return m[1] + '-' + m[2] + '-' + m[3];
    return t;
  }

  const WEEKDAYS = ['', '一 Mon', '二 Tue', '三 Wed', '四 Thu', '五 Fri', '六 Sat', '日 Sun'];

  function recurrenceText(r) {
    if (!r || typeof r !== 'object') return '';
    switch (r.type) {
      case 'once':
        return '仅一次 once ' + (r.date || '');
      case 'daily':
        return '每天 daily ×' + r.days + (r.from ? ' 从 from ' + r.from : '');
      case 'weekdays': {
        const days = (r.weekdays || []).map((d) => WEEKDAYS[d] || String(d)).join(', ');
        return '每周 weekly ' + days + (r.from ? ' 从 from ' + r.from : '') +
          (r.until ? ' 至 until ' + r.until : ' 至退房 until check-out');
      }
      default:
        return '';
    }
  }

  const FIELD_NAMES = {
    room: '房间 room', time: '时间 time', date: '日期 date', days: '天数 days', weekdays: '每周 weekdays',
    until: '直到 until', attempts: '次数 attempts', frequency: '间隔 frequency', prompt: '提示音 prompt',
    name: '名称 name', rooms: '房间 rooms', floors: '楼层 floors', group: '团队代码 group code',
    members: '成员 members', from: '开始 from', body: '请求 request', id: 'id', token: '令牌 token',
  };

  function fieldName(field) {
    return FIELD_NAMES[field] || field;
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, body) {
      const detail = body && body.error ? body.error : {};
      super(detail.rule || ('HTTP ' + status));
      this.status = status;
      this.field = detail.field || null;
      this.rule = detail.rule || ('HTTP ' + status);
      this.lateRooms = Array.isArray(detail.lateRooms) ? detail.lateRooms : null;
    }
  }

  class NetworkError extends Error {}

  class SignedOut extends Error {}

  let token = '';
  try { token = localStorage.getItem(TOKEN_KEY) || ''; } catch (e) { token = ''; }

  /** One API call. Throws ApiError (4xx/5xx), NetworkError (no answer) or SignedOut (401). */
  async function api(method, path, body) {
    if (!token) throw new SignedOut();
    const headers = { Authorization: 'Bearer ' + token, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const controller = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS) : null;
    const sentWith = token;
    let response;
    let text;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'same-origin',
        signal: controller ? controller.signal : undefined,
      });
      text = await response.text();
    } catch (e) {
      setOffline(true);
      throw new NetworkError(e && e.message ? e.message : 'network error');
    } finally {
      if (timer) clearTimeout(timer);
    }
    setOffline(false);
    if (sentWith !== token) throw new SignedOut(); // signed out (or in as someone else) meanwhile
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = null; }
    }
    if (response.status === 401) {
      const err = new ApiError(401, data);
      if (sentWith === token) signOut('令牌无效或已失效，请重新登录。Token not accepted — please sign in again. (' + err.rule + ')');
      throw new SignedOut();
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  const enc = encodeURIComponent;

  /** The bilingual text of a failed action. */
  function errorText(err) {
    if (err instanceof NetworkError) return '✗ 网络中断，未完成，请重试 Network error — not done, try again';
    if (err instanceof SignedOut) return '✗ 请先登录 Please sign in';
    if (err instanceof ApiError) {
      switch (err.status) {
        case 400: return '✗ ' + (err.field ? fieldName(err.field) + ': ' : '') + err.rule;
        case 403: return '✗ 无权限 Not allowed: ' + err.rule;
        case 404: return '✗ 未找到 Not found: ' + err.rule;
        case 413: return '✗ 请求过大 Too large: ' + err.rule;
        default: return '✗ 错误 Error ' + err.status + ': ' + err.rule;
      }
    }
    return '✗ ' + (err && err.message ? err.message : String(err));
  }

  // ---------------------------------------------------------------- state

  const state = {
    rooms: new Map(),      // number → room
    selected: null,        // selected room number
    hotelNow: null,        // "yyyy-MM-ddTHH:mm" from /api/status
    groups: [],
    failedByGroup: new Map(),
    booked: new Map(),     // group id → {at, rooms}: groups booked from this page (their pushes may not be queued yet)
    failedFetchedAt: 0,
    lastFailedTotal: -1,
    floorFilter: '',
    search: '',
  };
  try { state.floorFilter = localStorage.getItem(FLOOR_KEY) || ''; } catch (e) { /* private mode */ }

  // ---------------------------------------------------------------- pollers

  /** Calls fn, then again after interval() ms; never two at once; now() runs it at once. */
  function poller(fn, interval) {
    let timer = null;
    let running = false;
    let again = false;
    let active = false;
    async function tick() {
      if (!active) return;
      if (running) { again = true; return; }
      clearTimeout(timer);
      running = true;
      try {
        await fn();
      } catch (e) {
        reportPollError(e);
      } finally {
        running = false;
        if (active) {
          timer = setTimeout(tick, again ? 0 : interval());
          again = false;
        }
      }
    }
    return {
      start() { if (!active) { active = true; tick(); } },
      stop() { active = false; clearTimeout(timer); },
      now() { tick(); },
    };
  }

  const pollErrors = new Map();

  function reportPollError(e) {
    if (e instanceof SignedOut || e instanceof NetworkError) return;
    console.error(e);
  }

  /** A poll's own error (403, 500 …) shown in #poll-error until that poll succeeds again. */
  function setPollError(name, err) {
    if (err) pollErrors.set(name, errorText(err));
    else pollErrors.delete(name);
    const box = $('poll-error');
    setText(box, Array.from(pollErrors.values()).map((t) => '⚠ ' + t.replace(/^✗ /, '')).join(' · '));
    show(box, pollErrors.size > 0);
  }

  async function guarded(name, fn) {
    try {
      await fn();
      setPollError(name, null);
    } catch (e) {
      if (e instanceof ApiError) setPollError(name, e);
      throw e;
    }
  }

  const statusPoller = poller(() => guarded('status', loadStatus), () => STATUS_EVERY_MS);
  const roomsPoller = poller(() => guarded('rooms', loadRooms), () => ROOMS_EVERY_MS);
  const groupsPoller = poller(() => guarded('groups', loadGroups),
    () => (state.groups.some((g) => (g.progress && g.progress.waiting > 0) || awaitingQueue(g)) ? GROUPS_BUSY_EVERY_MS : GROUPS_IDLE_EVERY_MS));

  /** A group just booked here whose pushes the scheduler has not all queued yet (progress total below
   *  the booked room count): still in progress, even if nothing is waiting at this instant. */
  function awaitingQueue(g) {
    const booked = state.booked.get(g.id);
    const total = (g.progress && g.progress.total) || 0;
    // Give up after the time its pushes should take (2 s a room, + 10 s), at most 2 minutes.
    return !!booked && total < booked.rooms && Date.now() - booked.at < Math.min(120000, booked.rooms * 2000 + 10000);
  }
  const pollers = [statusPoller, roomsPoller, groupsPoller];

  let clockFormat = null; // HH:mm:ss in the hotel's time zone (status.hotel.timeZone)

  function setHotelZone(zone) {
    if (!zone || (clockFormat && clockFormat.zone === zone)) return;
    try {
      const f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
      clockFormat = { zone, format: (d) => f.format(d) };
    } catch (e) {
      clockFormat = null; // unknown zone: the browser's clock
    }
  }

  function touchUpdated() {
    const d = new Date();
    setText($('last-updated'), clockFormat ? clockFormat.format(d)
      : pad2(d.getHours()) + ':' + pad2(d.getMinutes()) + ':' + pad2(d.getSeconds()));
  }

  function setOffline(offline) {
    show($('offline-notice'), offline);
    document.body.classList.toggle('is-offline', offline);
  }

  // ---------------------------------------------------------------- sign-in

  function showSignIn(message) {
    pollers.forEach((p) => p.stop());
    show($('app'), false);
    show($('signin'), true);
    setText($('signin-message'), message || '');
    const input = $('signin-token');
    input.value = '';
    setTimeout(() => input.focus(), 0);
  }

  function signOut(message) {
    token = '';
    try { localStorage.removeItem(TOKEN_KEY); } catch (e) { /* ignore */ }
    resetView();
    showSignIn(message);
  }

  function startApp() {
    show($('signin'), false);
    show($('app'), true);
    pollers.forEach((p) => p.start());
  }

  async function onSignIn(event) {
    event.preventDefault();
    const value = $('signin-token').value.trim();
    if (!value) {
      setText($('signin-message'), '请输入令牌 Please enter the token');
      return;
    }
    const button = $('signin-submit');
    button.disabled = true;
    setText($('signin-message'), '正在登录… Signing in…');
    token = value;
    try {
      const status = await api('GET', '/api/status');
      try { localStorage.setItem(TOKEN_KEY, token); } catch (e) { /* still works for this tab */ }
      setText($('signin-message'), '');
      renderStatus(status);
      startApp();
    } catch (e) {
      if (!(e instanceof SignedOut)) {
        token = '';
        setText($('signin-message'), errorText(e));
      }
    } finally {
      button.disabled = false;
    }
  }

  function resetView() {
    state.rooms.clear();
    state.groups = [];
    state.selected = null;
    state.failedByGroup.clear();
    state.booked.clear();
    state.lastFailedTotal = -1;
    pollErrors.clear();
    tiles.clear();
    floors.clear();
    const rooms = $('rooms');
    rooms.replaceChildren(el('p', { id: 'rooms-loading', class: 'muted' }, bi('加载中…', 'Loading…')));
    $('groups').replaceChildren();
    show($('groups-empty'), true);
    show($('poll-error'), false);
    show($('link-banner'), false);
    setOffline(false);
    for (const id of ['wakeup-result', 'group-result', 'dnd-result', 'detail-result', 'groups-message']) setMessage($(id), '', '');
    show($('group-accept-resubmit'), false);
    renderDetail();
  }

  // ---------------------------------------------------------------- status

  async function loadStatus() {
    const status = await api('GET', '/api/status');
    renderStatus(status);
  }

  function importSummary(report) {
    if (!report) return '无 none';
    const parts = [report.file || '?', outcomeText(report.outcome)];
    if (report.outcome !== 'rejected') {
      parts.push('入住 in ' + (report.checkIns || 0) + ', 退房 out ' + (report.checkOuts || 0) +
        ', 换房 moved ' + (report.moves || 0) + ', 更新 changed ' + (report.updates || 0));
    }
    const problems = Array.isArray(report.problems) ? report.problems.length : 0;
    if (problems) parts.push(problems + ' 行有问题 bad rows');
    if (report.reason) parts.push(report.reason);
    return parts.join(' · ');
  }

  /** "3 h ago" / "3 小时前" for a number of seconds. */
  function agoText(seconds, english) {
    const s = Math.max(0, Math.round(seconds));
    const [value, zh, en] = s < 120 ? [s, '秒', 's'] : s < 7200 ? [Math.round(s / 60), '分钟', 'min'] : [Math.round(s / 3600), '小时', 'h'];
    return english ? value + ' ' + en + ' ago' : value + ' ' + zh + '前';
  }

  function outcomeText(outcome) {
    switch (outcome) {
      case 'applied': return '已应用 applied';
      case 'held': return '已暂停 held';
      case 'rejected': return '已拒绝 rejected';
      default: return String(outcome || '');
    }
  }

  const LINK_STATES = {
    up: '已连接 up', down: '中断 down', connecting: '连接中 connecting', loggingIn: '登录中 logging in', stopped: '已停止 stopped',
  };

  function renderStatus(status) {
    if (!status || typeof status !== 'object') return;
    const link = status.link || {};
    const up = link.up === true;
    const banner = $('link-banner');
    setText($('link-detail'), link.detail || link.state || '');
    show(banner, !up);
    const chip = $('link-state');
    setText(chip, 'PBX ● ' + (LINK_STATES[link.state] || link.state || '?'));
    chip.classList.toggle('chip-ok', up);
    chip.classList.toggle('chip-bad', !up);
    setAttr(chip, 'title', 'PBX 连接 link: ' + (link.detail || link.state || ''));

    const outbox = status.outbox || {};
    setText($('outbox-pending'), outbox.pending ?? '–');
    setText($('outbox-failed'), outbox.failed ?? '–');
    $('outbox-failed-chip').classList.toggle('chip-bad', (outbox.failed || 0) > 0);

    const imp = status.import || {};
    const last = $('import-last');
    setText(last, importSummary(imp.last));
    last.classList.toggle('text-bad', !!(imp.last && imp.last.outcome === 'rejected'));
    const age = $('export-age');
    if (imp.exportStale !== undefined && imp.exportStale !== null) {
      setText(age, typeof imp.exportAgeSeconds === 'number'
        ? '· 导出于 ' + agoText(imp.exportAgeSeconds) + ' exported ' + agoText(imp.exportAgeSeconds, true)
        : '· ⚠ 没有导出文件 no export file');
      age.classList.toggle('text-bad', imp.exportStale === true);
      setAttr(age, 'title', imp.exportStale ? 'PMS 可能已停止导出 The PMS may have stopped exporting: check-ins do not reach the PBX' : '');
    }
    show(age, imp.exportStale !== undefined && imp.exportStale !== null);
    const held = $('import-held');
    if (imp.held) {
      setText(held, '⚠ PMS 导入已暂停，需管理员批准 Import held for approval (an admin must approve): ' + importSummary(imp.held));
    }
    show(held, !!imp.held);

    const hotel = status.hotel || {};
    if (hotel.now) {
      state.hotelNow = String(hotel.now);
      setText($('hotel-time'), dateTimeText(hotel.now));
      if (hotel.timeZone) setAttr($('hotel-time'), 'title', hotel.timeZone);
      setHotelZone(hotel.timeZone);
    }
    show($('simulator-badge'), status.simulator === true);
    touchUpdated();
  }

  // ---------------------------------------------------------------- rooms

  const tiles = new Map();   // number → {root, num, sync, guest, times, dnd}
  const floors = new Map();  // floor key → {section, grid, title}

  async function loadRooms() {
    const list = await api('GET', '/api/rooms');
    renderRooms(Array.isArray(list) ? list : []);
    touchUpdated();
    if (state.selected) await loadRoomWakeUps(state.selected);
  }

  const byNumber = (a, b) => String(a.number).localeCompare(String(b.number), undefined, { numeric: true });

  function floorKey(room) {
    return room.floor === null || room.floor === undefined ? '?' : String(room.floor);
  }

  function renderRooms(list) {
    const loading = $('rooms-loading');
    if (loading) loading.remove();
    state.rooms = new Map(list.map((r) => [String(r.number), r]));

    const byFloor = new Map();
    for (const room of list.slice().sort(byNumber)) {
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
      const rooms = byFloor.get(key);
      const occupied = rooms.filter((r) => r.guest).length;
      setText(f.title, key + ' 楼 Floor ' + key + ' · ' + occupied + '/' + rooms.length + ' 在住 occupied');
      if (container.children[index] !== f.section) container.insertBefore(f.section, container.children[index] || null);
      reconcileTiles(f.grid, rooms);
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
      let t = tiles.get(number);
      if (!t) {
        t = createTile(number);
        tiles.set(number, t);
      }
      updateTile(t, room);
      if (grid.children[index] !== t.root) grid.insertBefore(t.root, grid.children[index] || null);
    });
    const wanted = new Set(rooms.map((r) => String(r.number)));
    for (const child of Array.from(grid.children)) {
      if (!wanted.has(child.dataset.room)) child.remove();
    }
  }

  function createTile(number) {
    const num = el('span', { class: 'tile-num', text: number });
    const sync = el('span', { class: 'tile-sync' });
    const guest = el('span', { class: 'tile-guest' });
    const times = el('span', { class: 'tile-times' });
    const dnd = el('span', { class: 'badge badge-dnd tile-dnd', hidden: true, text: '免打扰 DND' });
    const root = el('button', { type: 'button', class: 'tile', 'data-room': number },
      el('span', { class: 'tile-top' }, num, sync),
      guest,
      el('span', { class: 'tile-bottom' }, times, dnd));
    root.addEventListener('click', () => {
      selectRoom(number, true);
      // One-column layout (tablet portrait, phone): bring the room's details into view.
      if (window.matchMedia && window.matchMedia('(max-width: 899px)').matches) {
        $('room-detail').scrollIntoView({ block: 'start', behavior: 'smooth' });
      }
    });
    return { root, num, sync, guest, times, dnd };
  }

  function wakeUpTimes(room) {
    const wakeUps = (room.desired && Array.isArray(room.desired.wakeUps)) ? room.desired.wakeUps.slice() : [];
    wakeUps.sort((a, b) => String(a.at).localeCompare(String(b.at)));
    const seen = new Set();
    const times = [];
    for (const w of wakeUps) {
      const t = w.time || hhmm(w.at);
      if (!seen.has(t)) { seen.add(t); times.push(t); }
    }
    return { wakeUps, times };
  }

  function updateTile(t, room) {
    const vacant = !room.guest;
    const dnd = !!(room.desired && room.desired.dnd && room.desired.dnd.use);
    const inSync = room.inSync === true;
    const { wakeUps, times } = wakeUpTimes(room);
    const root = t.root;
    root.classList.toggle('vacant', vacant);
    root.classList.toggle('ooo', !!room.outOfOrder);
    root.classList.toggle('has-dnd', dnd);
    root.classList.toggle('pending', !inSync);
    root.classList.toggle('selected', state.selected === String(room.number));
    setAttr(root, 'aria-pressed', state.selected === String(room.number) ? 'true' : 'false');

    setText(t.sync, inSync ? '✓' : '⟳');
    t.sync.classList.toggle('sync-ok', inSync);
    t.sync.classList.toggle('sync-pending', !inSync);
    setAttr(t.sync, 'title', inSync ? '已同步 In sync with the PBX' : '推送中 Pushing to the PBX');

    let guestText;
    if (room.guest) guestText = room.guest.name || '—';
    else if (room.outOfOrder) guestText = '停用 Out of order';
    else guestText = '空房 Vacant';
    setText(t.guest, guestText);
    setAttr(t.guest, 'title', guestText);

    setText(t.times, times.join(' '));
    setAttr(t.times, 'title', wakeUps.map((w) => dateTimeText(w.at) + (w.source === 'group' ? ' (团队 group)' : '')).join('\n'));

    show(t.dnd, dnd);
    if (dnd) setAttr(t.dnd, 'title', '免打扰 DND ' + dateTimeText(room.desired.dnd.start) + ' → ' + dateTimeText(room.desired.dnd.end));

    const label = [String(room.number), guestText];
    if (times.length) label.push('叫醒 wake-up ' + times.join(', '));
    if (dnd) label.push('免打扰 DND');
    label.push(inSync ? '已同步 in sync' : '推送中 pushing');
    setAttr(root, 'aria-label', label.join(', '));
  }

  function renderFloorFilter(floorKeys) {
    const select = $('floor-filter');
    const wanted = [''].concat(floorKeys);
    const current = Array.from(select.options).map((o) => o.value);
    if (current.join('|') !== wanted.join('|')) {
      const value = state.floorFilter;
      select.replaceChildren(el('option', { value: '', text: '全部楼层 All floors' }),
        ...floorKeys.map((k) => el('option', { value: k, text: k + ' 楼 Floor ' + k })));
      select.value = wanted.includes(value) ? value : '';
    } else if (select.value !== state.floorFilter && wanted.includes(state.floorFilter)) {
      select.value = state.floorFilter;
    }
  }

  function applyFilter() {
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

  let wakeUpsFor = null; // room whose wake-up list is shown

  function selectRoom(number, fromTile) {
    number = String(number);
    const changed = state.selected !== number;
    state.selected = number;
    for (const [n, t] of tiles) {
      const on = n === number;
      t.root.classList.toggle('selected', on);
      setAttr(t.root, 'aria-pressed', on ? 'true' : 'false');
    }
    if (fromTile) {
      $('wakeup-room').value = number;
      clearInvalid($('wakeup-room'));
    }
    if (changed) {
      setMessage($('dnd-result'), '', '');
      setMessage($('detail-result'), '', '');
      $('room-wakeups').replaceChildren();
      show($('room-wakeups-empty'), false);
      wakeUpsFor = null;
    }
    renderDetail();
    loadRoomWakeUps(number).catch(reportPollError);
  }

  function renderDetail() {
    const room = state.selected ? state.rooms.get(state.selected) : null;
    show($('detail-empty'), !room);
    show($('detail-body'), !!room);
    if (!room) return;

    setText($('detail-title'), '房间 Room ' + room.number);
    let guestText;
    if (room.guest) guestText = room.guest.name || '—';
    else guestText = room.outOfOrder ? '停用 Out of order' : '空房 Vacant';
    setText($('detail-guest'), guestText);

    const info = ['楼层 floor ' + room.floor, '分机 ext. ' + room.phone];
    if (room.wing) info.push('翼 wing ' + room.wing);
    if (room.tags && room.tags.length) info.push(room.tags.join(', '));
    if (room.guest) {
      info.push('入住 arrival ' + dateTimeText(room.guest.arrival) + ' · 退房 departure ' + dateTimeText(room.guest.departure));
      if (room.guest.group) info.push('团队 group ' + room.guest.group);
    }
    if (room.outOfOrder) info.push('停用 out of order');
    // The latest wake-up ring the PBX reported (ExtenStatus 10 → 6 answered, else not answered).
    if (room.lastWakeUp) {
      info.push('上次叫醒 last wake-up ' + dateTimeText(room.lastWakeUp.ringAt) + ' ' +
        (room.lastWakeUp.outcome === 'answered' ? '✓ 已接听 answered' : '✗ 未接听 not answered'));
    }
    setText($('detail-info'), info.join(' · '));

    const sync = $('detail-sync');
    const ack = room.acknowledged || {};
    setText(sync, room.inSync ? '✓ 已同步 In sync' : '⟳ 推送中 Pushing');
    sync.classList.toggle('sync-ok', !!room.inSync);
    sync.classList.toggle('sync-pending', !room.inSync);
    setAttr(sync, 'title', ack.confirmedAt ? 'PBX 确认于 confirmed at ' + dateTimeText(ack.confirmedAt) : 'PBX 尚未确认 not confirmed yet');

    // Group wake-ups that ring in this room (cancelled with the group).
    const groupRings = ((room.desired && room.desired.wakeUps) || []).filter((w) => w.source === 'group' || w.groupID != null);
    reconcile($('room-group-wakeups'), groupRings, (w) => String(w.groupID) + '@' + w.at,
      () => el('li', { class: 'small muted' }),
      (li, w) => {
        const g = state.groups.find((x) => x.id === w.groupID);
        setText(li, '团队叫醒 Group wake-up ' + (g ? '“' + g.name + '” ' : '#' + w.groupID + ' ') + dateTimeText(w.at));
      });

    // DND toggle.
    const dnd = (room.desired && room.desired.dnd) || { use: false };
    const stateText = $('dnd-state');
    if (dnd.use) setText(stateText, '免打扰中 DND on: ' + dateTimeText(dnd.start) + ' → ' + dateTimeText(dnd.end));
    else setText(stateText, '免打扰未开启 DND off');
    show($('dnd-on'), !!dnd.use);
    show($('dnd-off'), !dnd.use);
  }

  async function loadRoomWakeUps(number) {
    const list = await api('GET', '/api/rooms/' + enc(number) + '/wakeups');
    if (state.selected !== number) return;
    wakeUpsFor = number;
    renderRoomWakeUps(Array.isArray(list) ? list : []);
  }

  function renderRoomWakeUps(list) {
    list = list.slice().sort((a, b) => String(a.time).localeCompare(String(b.time)) || a.id - b.id);
    reconcile($('room-wakeups'), list, (w) => w.id,
      (w) => {
        const time = el('span', { class: 'wu-time' });
        const desc = el('span', { class: 'wu-desc small muted' });
        const cancel = el('button', { type: 'button', class: 'btn small danger-ghost wakeup-cancel', id: 'wakeup-cancel-' + w.id },
          bi('取消', 'Cancel'));
        cancel.addEventListener('click', () => cancelWakeUp(w.id, cancel));
        return el('li', { 'data-wakeup-id': w.id }, el('span', { class: 'wu-main' }, time, desc), cancel);
      },
      (li, w) => {
        const [time, desc] = li.firstChild.children;
        setText(time, w.time);
        const extra = [recurrenceText(w.recurrence)];
        if (w.attempts != null) extra.push('次数 attempts ' + w.attempts);
        if (w.frequency != null) extra.push('每 every ' + w.frequency + ' min');
        setText(desc, extra.filter(Boolean).join(' · '));
      });
    show($('room-wakeups-empty'), list.length === 0);
  }

  async function cancelWakeUp(id, button) {
    button.disabled = true;
    const room = state.selected;
    try {
      await api('DELETE', '/api/wakeups/' + enc(id));
      setMessage($('detail-result'), 'ok', '✓ 已取消叫醒 Wake-up cancelled (' + room + ')');
      const li = button.closest('li');
      if (li) li.remove();
      show($('room-wakeups-empty'), $('room-wakeups').children.length === 0);
      roomsPoller.now();
    } catch (e) {
      if (!(e instanceof SignedOut)) setMessage($('detail-result'), 'error', errorText(e));
      button.disabled = false;
    }
  }

  // ---------------------------------------------------------------- DND

  async function setDND() {
    const room = state.selected;
    if (!room) return;
    const input = $('dnd-until');
    const until = normalizeTime(input.value);
    input.value = until;
    clearInvalid(input);
    if (!until) {
      markInvalid(input);
      setMessage($('dnd-result'), 'error', '✗ 直到 until: 请输入结束时间 enter the end time HH:mm');
      input.focus();
      return;
    }
    const button = $('dnd-set');
    button.disabled = true;
    try {
      const win = await api('POST', '/api/rooms/' + enc(room) + '/dnd', { until });
      setMessage($('dnd-result'), 'ok', '✓ 免打扰 DND ' + room + (win && win.end ? ' 至 until ' + dateTimeText(win.end) : ''));
      input.value = '';
      roomsPoller.now();
    } catch (e) {
      if (e instanceof SignedOut) return;
      if (e instanceof ApiError && e.status === 400) markInvalid(input);
      setMessage($('dnd-result'), 'error', errorText(e));
    } finally {
      button.disabled = false;
    }
  }

  async function cancelDND() {
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
        setMessage($('dnd-result'), 'warn',
          '⚠ 此免打扰来自客房部规则，无时段可取消 This DND comes from a housekeeping rule: no window to cancel here');
        return;
      }
      for (const w of mine) await api('DELETE', '/api/dnd/' + enc(w.id));
      setMessage($('dnd-result'), 'ok', '✓ 已取消免打扰 DND cancelled (' + room + ')');
      roomsPoller.now();
    } catch (e) {
      if (!(e instanceof SignedOut)) setMessage($('dnd-result'), 'error', errorText(e));
    } finally {
      button.disabled = false;
    }
  }

  // ---------------------------------------------------------------- forms

  function setMessage(node, kind, text, extraNodes) {
    node.className = 'msg' + (kind ? ' msg-' + kind : '');
    node.replaceChildren();
    if (text) node.append(document.createTextNode(text));
    if (extraNodes) for (const n of extraNodes) node.append(n);
    // An outcome the user just caused must be seen (short screens scroll the column).
    if (kind && kind !== 'busy' && node.scrollIntoView && node.offsetParent !== null) node.scrollIntoView({ block: 'nearest' });
  }

  function markInvalid(input) {
    if (!input) return;
    input.classList.add('invalid');
    input.setAttribute('aria-invalid', 'true');
  }

  function clearInvalid(input) {
    input.classList.remove('invalid');
    input.removeAttribute('aria-invalid');
  }

  function clearForm(form) {
    for (const input of form.querySelectorAll('.invalid')) clearInvalid(input);
  }

  class FormError extends Error {
    constructor(field, rule) { super(rule); this.field = field; this.rule = rule; }
  }

  /** An optional whole number from an input, or undefined; FormError when it is not one. */
  function optionalInt(input, field) {
    const raw = input.value.trim();
    if (raw === '') {
      if (input.validity && input.validity.badInput) throw new FormError(field, '必须是整数 must be a whole number');
      return undefined;
    }
    if (!/^-?\d+$/.test(raw)) throw new FormError(field, '"' + raw + '" 不是整数 is not a whole number');
    return parseInt(raw, 10);
  }

  function showFormError(resultNode, err, fieldInputs) {
    if (err instanceof SignedOut) return;
    let field = null;
    if (err instanceof FormError) {
      field = err.field;
      setMessage(resultNode, 'error', '✗ ' + fieldName(err.field) + ': ' + err.rule);
    } else {
      if (err instanceof ApiError) field = err.field;
      setMessage(resultNode, 'error', errorText(err));
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

  // Room wake-up.

  const wakeupInputs = () => ({
    room: $('wakeup-room'), time: $('wakeup-time'), date: $('wakeup-date'), days: $('wakeup-days'),
    weekdays: $('wakeup-wd-1'), until: $('wakeup-until'), attempts: $('wakeup-attempts'),
    frequency: $('wakeup-frequency'),
  });

  async function onWakeUpSubmit(event) {
    event.preventDefault();
    const form = $('wakeup-form');
    const result = $('wakeup-result');
    const inputs = wakeupInputs();
    clearForm(form);
    let room;
    let body;
    try {
      room = inputs.room.value.trim();
      if (!room) throw new FormError('room', '请选择或输入房号 choose or type a room');
      const time = normalizeTime(inputs.time.value);
      inputs.time.value = time;
      if (!time) throw new FormError('time', '请输入时间 enter a time HH:mm');
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
    } catch (e) {
      showFormError(result, e, inputs);
      return;
    }

    const button = $('wakeup-submit');
    button.disabled = true;
    setMessage(result, 'busy', '… 正在预订 Booking…');
    try {
      const reply = await api('POST', '/api/rooms/' + enc(room) + '/wakeups', body);
      const first = reply && reply.firstWakeUp ? dateTimeText(reply.firstWakeUp) : '';
      const inside = reply && Array.isArray(reply.insideDND) ? reply.insideDND : [];
      const extra = [];
      extra.push(el('span', { class: 'result-main' },
        '✓ 已预订 Booked: ' + room + ' · 首次叫醒 first wake-up ', el('b', { text: first || '—' })));
      if (inside.length) {
        extra.push(el('span', { class: 'result-warn' },
          '⚠ 在免打扰时段内 Inside DND: ' + inside.map(dateTimeText).join(', ') +
          ' — 免打扰期间电话不会响 the phone will not ring during DND'));
      }
      setMessage(result, inside.length ? 'warn' : 'ok', '', extra);
      if (!state.selected || state.selected !== room) {
        if (state.rooms.has(room)) selectRoom(room, false);
      } else {
        loadRoomWakeUps(room).catch(reportPollError);
      }
      roomsPoller.now();
    } catch (e) {
      showFormError(result, e, inputs);
    } finally {
      button.disabled = false;
    }
  }

  // Group wake-up.

  const groupInputs = () => ({
    name: $('group-name'), rooms: $('group-rooms'), floors: $('group-floors'), group: $('group-code'),
    members: $('group-rooms'), time: $('group-time'), date: $('group-date'), attempts: $('group-attempts'),
  });

  /** "1201-1240, 1305 1306；1401 – 1405" → ["1201-1240","1305","1306","1401-1405"]. */
  function parseRooms(text) {
    return String(text || '')
      .replace(/\s*[-–—~～]\s*/g, '-')
      .split(/[\s,，、;；]+/)
      .map((s) => s.trim())
      .filter(Boolean);
  }

  function parseFloors(text) {
    return String(text || '').split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean).map((s) => {
      if (!/^-?\d+$/.test(s)) throw new FormError('floors', '"' + s + '" 不是楼层号 is not a floor number');
      return parseInt(s, 10);
    });
  }

  async function onGroupSubmit(event) {
    event.preventDefault();
    const form = $('group-form');
    const result = $('group-result');
    const inputs = groupInputs();
    const resubmit = $('group-accept-resubmit');
    clearForm(form);
    show(resubmit, false);
    $('group-accept-late-label').classList.remove('attention');
    let body;
    try {
      const rooms = parseRooms(inputs.rooms.value);
      const floorList = parseFloors(inputs.floors.value);
      const code = inputs.group.value.trim();
      if (code && (rooms.length || floorList.length)) {
        throw new FormError('group', '团队代码不能与房间/楼层同时使用 use either a booking group code or rooms/floors');
      }
      if (!code && !rooms.length && !floorList.length) {
        throw new FormError('rooms', '请输入房间、楼层或团队代码 enter rooms, floors or a booking group code');
      }
      const time = normalizeTime(inputs.time.value);
      inputs.time.value = time;
      if (!time) throw new FormError('time', '请输入时间 enter a time HH:mm');
      let name = inputs.name.value.trim();
      if (!name) {
        const who = code ? code : rooms.length ? rooms.join(' ') : '楼层 floors ' + floorList.join(',');
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
    } catch (e) {
      showFormError(result, e, inputs);
      return;
    }

    const button = $('group-submit');
    button.disabled = true;
    setMessage(result, 'busy', '… 正在预订 Booking…');
    try {
      const reply = await api('POST', '/api/groups', body);
      const a = (reply && reply.assessment) || {};
      const n = Array.isArray(a.rooms) ? a.rooms.length : 0;
      const parts = ['✓ 已预订 Booked “' + body.name + '”: ' + n + ' 间 rooms'];
      if (a.expectedFinish) parts.push('预计推送完成 expected finish ' + hhmm(a.expectedFinish) + (a.latestFinish ? ' (最晚 latest ' + hhmm(a.latestFinish) + ')' : ''));
      if (a.firstWakeUp) parts.push('首次叫醒 first wake-up ' + dateTimeText(a.firstWakeUp));
      const extra = [];
      if (Array.isArray(a.lateRooms) && a.lateRooms.length) {
        extra.push(el('span', { class: 'result-warn', text: '⚠ ' + a.lateRooms.length + ' 间房已接受迟到 late rooms accepted: ' + roomsPreview(a.lateRooms) }));
      }
      setMessage(result, extra.length ? 'warn' : 'ok', parts.join(' · '), extra);
      $('group-accept-late').checked = false;
      if (reply && reply.group && reply.group.id != null) state.booked.set(reply.group.id, { at: Date.now(), rooms: n });
      if (reply && reply.group && reply.group.id != null && !state.groups.some((g) => g.id === reply.group.id)) {
        const g = Object.assign({ progress: { total: n, pushed: 0, failed: 0, waiting: n }, expectedFinish: a.expectedFinish }, reply.group);
        renderGroups(state.groups.concat([g]));
      }
      if (reply && reply.group && reply.group.id != null) {
        const node = document.getElementById('group-' + reply.group.id);
        if (node && node.scrollIntoView) node.scrollIntoView({ block: 'nearest' });
      }
      groupsPoller.now();
      roomsPoller.now();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.lateRooms && e.lateRooms.length) {
        const late = e.lateRooms;
        markInvalid(inputs.time);
        setMessage(result, 'error',
          '⚠ ' + late.length + ' 间房会迟到 ' + late.length + ' rooms would be late: ' + roomsPreview(late), [
            el('span', { class: 'result-detail', text: e.rule }),
            el('span', { class: 'result-detail', text: '请改晚一些，或勾选“接受迟到的房间”后重新提交。Book a later time, or tick “Accept late rooms” and submit again.' }),
          ]);
        $('group-accept-late-label').classList.add('attention');
        show(resubmit, true);
      } else {
        showFormError(result, e, inputs);
      }
    } finally {
      button.disabled = false;
    }
  }

  function roomsPreview(rooms) {
    return rooms.length > 8 ? rooms.slice(0, 8).join(', ') + ' …' : rooms.join(', ');
  }

  function acceptLateAndResubmit() {
    $('group-accept-late').checked = true;
    show($('group-accept-resubmit'), false);
    const form = $('group-form');
    if (typeof form.requestSubmit === 'function') form.requestSubmit();
    else onGroupSubmit(new Event('submit', { cancelable: true }));
  }

  // ---------------------------------------------------------------- groups

  async function loadGroups() {
    const list = await api('GET', '/api/groups');
    const groups = Array.isArray(list) ? list : [];
    await loadFailedRooms(groups);
    renderGroups(groups);
    touchUpdated();
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

  function membersText(members) {
    if (!members) return '';
    if (Array.isArray(members.rooms)) {
      return '房间 rooms ' + (members.rooms.length > 12 ? members.rooms.slice(0, 12).join(', ') + ' … (' + members.rooms.length + ')' : members.rooms.join(', '));
    }
    if (members.group) return '团队代码 booking group ' + members.group;
    return '';
  }

  function renderGroups(groups) {
    state.groups = groups;
    for (const id of Array.from(state.booked.keys())) {
      if (!groups.some((g) => g.id === id) && Date.now() - state.booked.get(id).at > 10000) state.booked.delete(id);
    }
    const sorted = groups.slice().sort((a, b) => b.id - a.id);
    reconcile($('groups'), sorted, (g) => g.id, createGroup, updateGroup);
    show($('groups-empty'), sorted.length === 0);
    if (state.selected) renderDetail();
  }

  function createGroup(g) {
    const id = g.id;
    const name = el('strong', { class: 'g-name' });
    const when = el('span', { class: 'g-when' });
    const cancel = el('button', { type: 'button', class: 'btn small danger-ghost g-cancel', id: 'group-cancel-' + id }, bi('取消', 'Cancel'));
    cancel.addEventListener('click', () => cancelGroup(id, cancel));
    const members = el('div', { class: 'g-members small muted' });
    const progress = el('progress', { id: 'group-progress-' + id, max: 1, value: 0 });
    const text = el('div', { class: 'g-text', id: 'group-progress-text-' + id });
    const failed = el('div', { class: 'g-failed small', hidden: true });
    const note = el('div', { class: 'g-note small muted' },
      '推送间隔 1–2 秒（PBX 要求），400 间房约需 7–13 分钟。 ',
      el('span', { lang: 'en', text: 'Pushes go 1–2 s apart (the PBX requires it), so 400 rooms take 7–13 minutes.' }));
    const root = el('article', { class: 'group', id: 'group-' + id, 'data-group': id },
      el('div', { class: 'g-head' }, name, cancel),
      when, members, progress, text, failed, note);
    root._parts = { name, when, members, progress, text, failed, note };
    return root;
  }

  function updateGroup(root, g) {
    const p = root._parts;
    const progress = g.progress || { total: 0, pushed: 0, failed: 0, waiting: 0 };
    setText(p.name, g.name);
    setText(p.when, '叫醒 wake-up ' + g.time + (g.recurrence ? ' · ' + recurrenceText(g.recurrence) : ''));
    setText(p.members, membersText(g.members));
    const queued = awaitingQueue(g);
    const total = queued ? state.booked.get(g.id).rooms : Math.max(0, progress.total | 0);
    const nothingQueued = queued && !(progress.total > 0);
    const pushed = Math.max(0, progress.pushed | 0);
    setAttr(p.progress, 'max', Math.max(total, 1));
    setAttr(p.progress, 'value', total === 0 ? 0 : Math.min(pushed, total));
    setAttr(p.progress, 'aria-label', (g.name || '') + ' ' + pushed + '/' + total);
    const busy = progress.waiting > 0 || queued;
    let text = pushed + '/' + total + ' 已推送 pushed, 失败 failed ' + (progress.failed | 0);
    if (nothingQueued) text += ' — 排队中 queuing…';
    else if (busy && g.expectedFinish) text += ', 预计完成 expected finish ' + hhmm(g.expectedFinish);
    else if (busy) text += ', 等待 waiting ' + progress.waiting;
    else if (total === 0) text += ' — 无需推送 nothing to push';
    else text += ' — ✓ 完成 done';
    setText(p.text, text);
    root.classList.toggle('busy', busy);
    root.classList.toggle('done', !busy);
    root.classList.toggle('has-failed', (progress.failed | 0) > 0);
    show(p.note, busy);

    const rows = state.failedByGroup.get(g.id) || [];
    if ((progress.failed | 0) > 0 && rows.length) {
      setText(p.failed, '✗ 失败房间 Failed rooms: ' + rows.slice(0, 10).map((r) => r.room + (r.lastError ? ' (' + r.lastError + ')' : '')).join('; ') +
        (rows.length > 10 ? ' …' : ''));
      show(p.failed, true);
    } else {
      show(p.failed, false);
    }
  }

  async function cancelGroup(id, button) {
    button.disabled = true;
    try {
      await api('DELETE', '/api/groups/' + enc(id));
      const g = state.groups.find((x) => x.id === id);
      setMessage($('groups-message'), 'ok', '✓ 已取消团队叫醒 Group wake-up cancelled' + (g ? ': ' + g.name : ''));
      renderGroups(state.groups.filter((x) => x.id !== id));
      groupsPoller.now();
      roomsPoller.now();
    } catch (e) {
      if (!(e instanceof SignedOut)) setMessage($('groups-message'), 'error', errorText(e));
      button.disabled = false;
    }
  }

  // ---------------------------------------------------------------- wiring

  function init() {
    $('signin-form').addEventListener('submit', onSignIn);
    $('signout').addEventListener('click', () => signOut('已退出 Signed out.'));
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

    // Typing a known room number selects it.
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
      const visible = Array.from(document.querySelectorAll('#rooms .tile')).filter((t) => !t.hidden && !t.closest('[hidden]'));
      if (visible.length === 1 || (visible.length && visible[0].dataset.room === search.value.trim())) {
        selectRoom(visible[0].dataset.room, true);
        $('wakeup-time').focus();
      }
    });

    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && token) pollers.forEach((p) => p.now());
    });
    window.addEventListener('online', () => { if (token) pollers.forEach((p) => p.now()); });

    // Keep the other tabs in step when one signs in or out.
    window.addEventListener('storage', (e) => {
      if (e.key !== TOKEN_KEY) return;
      if (!e.newValue && token) signOut('已在其他窗口退出 Signed out in another window.');
      else if (e.newValue && e.newValue !== token) { token = e.newValue; resetView(); startApp(); }
    });

    if (token) startApp();
    else showSignIn('');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
