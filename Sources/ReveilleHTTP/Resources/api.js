// The same-origin JSON API (docs/API.md): a person's session cookie (or a bearer token), timeouts,
// errors, pollers.
import { $, show, setText } from './util.js';
import { t, fieldName, errorMessage } from './i18n.js';

export const TOKEN_KEY = 'reveille.token';
const REQUEST_TIMEOUT_MS = 10000;

export class ApiError extends Error {
  constructor(status, body) {
    const detail = body && body.error ? body.error : {};
    super(detail.rule || ('HTTP ' + status));
    this.status = status;
    this.field = detail.field || null;
    this.rule = detail.rule || ('HTTP ' + status);
    this.code = detail.code || null;
    this.params = detail.params || {};
    this.lateRooms = Array.isArray(detail.lateRooms) ? detail.lateRooms : null;
  }
}

export class NetworkError extends Error {}

export class SignedOut extends Error {}

// Signed in with a token (kept in localStorage) or with a password (the service's HttpOnly session
// cookie, which the page never sees: `cookie` only says the page believes it holds one).
const session = { token: '', cookie: false, onSignedOut: null };
try { session.token = localStorage.getItem(TOKEN_KEY) || ''; } catch (e) { session.token = ''; }

export function token() { return session.token; }
export function setToken(value) { session.token = value || ''; }
/** Whether the page is signed in, by token or by session. */
export function signedIn() { return Boolean(session.token) || session.cookie; }
export function setCookieSession(on) { session.cookie = Boolean(on); }
/** Whether the page is signed in with a person's password (the session cookie). */
export function cookieSession() { return session.cookie && !session.token; }

/** Every request under the cookie says it comes from this page (the service refuses a change
 *  made with the cookie without it: another site's form cannot add it). */
const PAGE_HEADER = { 'X-Reveille': '1' };

/** POST /api/session: signs a person in; the service sets the session cookie. Returns the session
 *  ({user, name, role}); throws ApiError (401 badCredentials, 429 tooManyAttempts …) or NetworkError. */
export async function signInWithPassword(user, password) {
  const body = await plainRequest('POST', '/api/session', { user, password });
  session.token = '';
  session.cookie = true;
  return body;
}

/** GET /api/session with the cookie alone: the session if the browser still holds a live one, else null. */
export async function resumeSession() {
  try {
    const body = await plainRequest('GET', '/api/session');
    session.cookie = true;
    return body;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** DELETE /api/session: ends the session and the cookie (a token has nothing to end). */
export async function endSession() {
  if (!session.cookie) return;
  session.cookie = false;
  try { await plainRequest('DELETE', '/api/session'); } catch (e) { /* signed out here anyway */ }
}

/** A request outside the signed-in flow (no token, no sign-out on 401). */
async function plainRequest(method, path, body) {
  const headers = Object.assign({ Accept: 'application/json' }, PAGE_HEADER);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  let text;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'same-origin' });
    text = await response.text();
  } catch (e) {
    throw new NetworkError(e && e.message ? e.message : 'network error');
  }
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}
/** Called with a message when the service no longer accepts the token (401). */
export function onSignedOut(f) { session.onSignedOut = f; }

export function setOffline(offline) {
  show($('offline-notice'), offline);
  document.body.classList.toggle('is-offline', offline);
}

/** One request. Returns the Response and its text; throws NetworkError or SignedOut (401). */
async function request(method, path, body, accept, extraHeaders) {
  if (!signedIn()) throw new SignedOut();
  const credentials = session.token ? { Authorization: 'Bearer ' + session.token } : PAGE_HEADER;
  const headers = Object.assign({ Accept: accept }, credentials, extraHeaders || {});
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS) : null;
  const sentWith = session.token || (session.cookie ? 'cookie' : '');
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
  if (sentWith !== (session.token || (session.cookie ? 'cookie' : ''))) throw new SignedOut(); // signed out (or in as someone else) meanwhile
  if (response.status === 401) {
    let data = null;
    try { data = JSON.parse(text); } catch (e) { data = null; }
    const err = new ApiError(401, data);
    // A session that ended (idle, signed out elsewhere, account disabled) brings back the sign-in form.
    const message = session.token ? t('signin.rejected') + ' (' + ruleText(err) + ')' : t('signin.expired');
    session.cookie = false;
    if (session.onSignedOut) session.onSignedOut(message);
    throw new SignedOut();
  }
  return { response, text };
}

/** The last reply of each polled GET that came with an ETag: sent back as If-None-Match, so an
 *  unchanged poll is a 304 the service answers without building anything. */
const tagged = new Map();

/** One API call. Throws ApiError (4xx/5xx), NetworkError (no answer) or SignedOut (401). */
export async function api(method, path, body) {
  const known = method === 'GET' ? tagged.get(path) : undefined;
  const { response, text } = await request(method, path, body, 'application/json', known ? { 'If-None-Match': known.etag } : undefined);
  if (response.status === 304 && known) return known.data;
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = null; }
  }
  if (!response.ok) throw new ApiError(response.status, data);
  const etag = method === 'GET' ? response.headers.get('ETag') : null;
  if (etag) tagged.set(path, { etag, data }); else tagged.delete(path);
  return data;
}

/** A GET whose body is a file (CSV): { blob, type }. */
export async function download(path) {
  const { response, text } = await request('GET', path, undefined, 'text/csv, */*');
  if (!response.ok) {
    let data = null;
    try { data = JSON.parse(text); } catch (e) { data = null; }
    throw new ApiError(response.status, data);
  }
  const type = response.headers.get('Content-Type') || 'text/csv';
  return { blob: new Blob([text], { type }), type };
}

export const enc = encodeURIComponent;

/** An error reply's reason in the current language, translated from its code. */
export function ruleText(err) {
  return errorMessage({ code: err.code, params: err.params, rule: err.rule });
}

/** The text of a failed action, in the current language. */
export function errorText(err) {
  if (err instanceof NetworkError) return t('err.network');
  if (err instanceof SignedOut) return t('err.signin');
  if (err instanceof ApiError) {
    const rule = ruleText(err);
    switch (err.status) {
      case 400: return '✗ ' + (err.field ? fieldName(err.field) + ': ' : '') + rule;
      case 401: case 429: return '✗ ' + rule; // sign-in: wrong password, too many attempts
      case 403: return t('err.403', { rule });
      case 404: return t('err.404', { rule });
      case 413: return t('err.413', { rule });
      default: return t('err.other', { status: err.status, rule });
    }
  }
  return '✗ ' + (err && err.message ? err.message : String(err));
}

/** The service's own words of an error (shown as a tooltip beside a translation). */
export function originalText(err) {
  if (err instanceof ApiError) return (err.field ? err.field + ': ' : '') + err.rule;
  return '';
}

// ---------------------------------------------------------------- pollers

export function reportPollError(e) {
  if (e instanceof SignedOut || e instanceof NetworkError) return;
  console.error(e);
}

/** Calls fn, then again after interval() ms; never two at once; now() runs it at once. */
export function poller(fn, interval) {
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

/** A poll's own error (403, 500 …) shown in #poll-error until that poll succeeds again. */
export function setPollError(name, err) {
  if (err) pollErrors.set(name, err);
  else pollErrors.delete(name);
  renderPollErrors();
}

export function renderPollErrors() {
  const box = $('poll-error');
  setText(box, Array.from(pollErrors.values()).map((e) => '⚠ ' + errorText(e).replace(/^✗ /, '')).join(' · '));
  show(box, pollErrors.size > 0);
}

export function clearPollErrors() {
  pollErrors.clear();
  renderPollErrors();
}

export async function guarded(name, fn) {
  try {
    await fn();
    setPollError(name, null);
  } catch (e) {
    if (e instanceof ApiError) setPollError(name, e);
    throw e;
  }
}
