// The page's shared state and the views' refresh hooks (set by app.js, so modules need not import
// each other in circles).

export const state = {
  rooms: new Map(),      // number → room (GET /api/rooms)
  selected: null,        // selected room number
  hotelNow: null,        // "yyyy-MM-ddTHH:mm" from /api/status
  hotelZone: null,       // IANA zone from /api/status
  ringCapacity: null,    // pbx.ringCapacity (wake-ups the PBX starts per minute) from /api/status, null: unlimited
  groups: [],
  failedByGroup: new Map(),
  booked: new Map(),     // group id → {at, rooms}: groups booked from this page (their pushes may not be queued yet)
  failedFetchedAt: 0,
  lastFailedTotal: -1,
  floorFilter: '',
  search: '',
  occurrences: null,     // occurrences of the shown night (night.js), or null
};

/** Refresh hooks: refresh.rooms(), refresh.groups(), refresh.night(), refresh.alerts(). */
export const refresh = {
  rooms() {}, groups() {}, night() {}, alerts() {}, status() {}, tiles() {}, select() {}, groupCards() {},
};

/** The hotel's date "yyyy-MM-dd" now (from the status), or the browser's. */
export function hotelToday() {
  if (state.hotelNow) return state.hotelNow.slice(0, 10);
  const d = new Date();
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

/** "yyyy-MM-ddTHH:mm" of an API instant in the hotel's wall clock: text without an offset is the
 *  hotel's wall clock already (the API's convention); with Z or an offset it is converted. */
export function wallClock(text) {
  const s = String(text || '');
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(s)) return s.slice(0, 16);
  const date = new Date(s);
  if (isNaN(date.getTime())) return s.slice(0, 16);
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: state.hotelZone || undefined, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(date);
    const get = (type) => (parts.find((p) => p.type === type) || {}).value;
    return get('year') + '-' + get('month') + '-' + get('day') + 'T' + get('hour') + ':' + get('minute');
  } catch (e) {
    return s.slice(0, 16);
  }
}
