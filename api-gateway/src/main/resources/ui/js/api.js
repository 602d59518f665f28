// The gateway's REST API as the UI uses it, and live refreshes driven by Marathon's event stream (/v2/events).
import { useEffect, useRef, useState, useCallback } from 'preact/hooks';

/** A refused call, with Marathon's error body: message, and details [{path, errors}] for a 422. */
export class ApiError extends Error {
  constructor(status, body, text) {
    super((body && body.message) || text || `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.details = (body && Array.isArray(body.details)) ? body.details : [];
  }
}

export async function api(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) throw new ApiError(response.status, json, text);
  return json;
}

export const get = (path) => api('GET', path);

/** An app or pod id in a URL path: its segments kept, each encoded. */
export const idPath = (id) => id.split('/').map(encodeURIComponent).join('/');

// One EventSource for the whole page; listeners are told that something changed, never what.
const listeners = new Set();
let source = null;
let connected = false;
const connectionListeners = new Set();
const EVENT_TYPES = ['status_update_event', 'instance_changed_event', 'instance_health_changed_event',
  'health_status_changed_event', 'deployment_info', 'deployment_success', 'deployment_failed',
  'deployment_step_success', 'deployment_step_failure', 'api_post_event', 'app_terminated_event',
  'pod_created_event', 'pod_updated_event', 'pod_deleted_event', 'unknown_instance_terminated_event'];

function ensureSource() {
  if (source) return;
  const query = EVENT_TYPES.map((type) => `event_type=${type}`).join('&');
  source = new EventSource(`/v2/events?${query}`);
  const changed = () => listeners.forEach((listener) => listener());
  EVENT_TYPES.forEach((type) => source.addEventListener(type, changed));
  source.onopen = () => { setConnected(true); changed(); };  // after a reconnect, what was missed is read again
  source.onerror = () => setConnected(false);
}

function setConnected(value) {
  connected = value;
  connectionListeners.forEach((listener) => listener(value));
}

export function useConnected() {
  const [value, setValue] = useState(connected);
  useEffect(() => {
    ensureSource();
    connectionListeners.add(setValue);
    return () => connectionListeners.delete(setValue);
  }, []);
  return value;
}

/**
 * Loads with `loader` now and again after events, at most once per interval: twice the last load's duration and
 * never under a second, so a busy cluster's stream of status updates cannot turn into a storm of reads.
 * Returns {data, error, reload}.
 */
export function useLive(loader, keys) {
  const [state, setState] = useState({ data: null, error: null });
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  const timer = useRef(null);
  const running = useRef(false);
  const pending = useRef(false);
  const last = useRef({ at: 0, took: 0 });
  const mounted = useRef(true);

  const load = useCallback(async () => {
    if (running.current) { pending.current = true; return; }
    running.current = true;
    const started = performance.now();
    try {
      const data = await loaderRef.current();
      if (mounted.current) setState({ data, error: null });
    } catch (error) {
      if (mounted.current) setState((previous) => ({ data: previous.data, error }));
    } finally {
      last.current = { at: performance.now(), took: performance.now() - started };
      running.current = false;
      if (pending.current) { pending.current = false; schedule(); }
    }
  }, []);

  const schedule = useCallback(() => {
    if (timer.current) return;
    const gap = Math.max(1000, 2 * last.current.took);
    const wait = Math.max(0, last.current.at + gap - performance.now());
    timer.current = setTimeout(() => { timer.current = null; load(); }, wait);
  }, [load]);

  useEffect(() => {
    mounted.current = true;
    setState({ data: null, error: null });
    load();
    ensureSource();
    listeners.add(schedule);
    return () => {
      mounted.current = false;
      listeners.delete(schedule);
      clearTimeout(timer.current);
      timer.current = null;
    };
  }, keys);

  return { ...state, reload: load, refreshAt: useRefreshAt(schedule) };
}

/** Schedules one more refresh at a moment (e.g. when the garbage collector is due), beside the event-driven ones. */
function useRefreshAt(schedule) {
  const timers = useRef([]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  return useCallback((millis) => {
    const wait = millis - Date.now();
    if (wait > 0 && wait < 24 * 3600 * 1000) timers.current.push(setTimeout(schedule, wait + 1500));
  }, [schedule]);
}
