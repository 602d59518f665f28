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

/**
 * An app or pod as the API answers it, ready to be sent back: less its version, which the server sets. (The other
 * fields GET adds, such as tasksRunning, the gateway drops from a PUT itself.)
 */
export const withoutVersion = ({ version, versionInfo, ...spec }) => spec;

/**
 * Kills an app's task or instance (`taskOrInstanceId`) or a pod's instance; with `wipe`, its volumes are destroyed
 * and its resources unreserved, else it is relaunched in place.
 */
export function kill(kind, runSpecId, taskOrInstanceId, wipe) {
  const path = kind === 'pod'
    ? `/v2/pods${idPath(runSpecId)}::instances/${encodeURIComponent(taskOrInstanceId)}`
    : `/v2/apps${idPath(runSpecId)}/tasks/${encodeURIComponent(taskOrInstanceId)}`;
  return api('DELETE', wipe ? `${path}?wipe=true` : path);
}

// One EventSource for the whole page; listeners are told that something changed, never what.
const listeners = new Set();
let source = null;
let connected = false;
const connectionListeners = new Set();
// The events Mooring sends that change what a page shows (volumes change with instances and deployments).
const EVENT_TYPES = ['status_update_event', 'instance_changed_event', 'health_status_changed_event',
  'deployment_info', 'deployment_success', 'deployment_failed', 'deployment_step_success', 'deployment_step_failure',
  'api_post_event', 'group_change_success', 'app_terminated_event', 'pod_created_event', 'pod_updated_event',
  'pod_deleted_event', 'unknown_instance_terminated_event'];
const changed = () => listeners.forEach((listener) => listener());

function ensureSource() {
  if (source) return;
  source = new EventSource(`/v2/events?${EVENT_TYPES.map((type) => `event_type=${type}`).join('&')}`);
  EVENT_TYPES.forEach((type) => source.addEventListener(type, changed));
  source.onopen = () => { setConnected(true); changed(); };  // after a reconnect, what was missed is read again
  source.onerror = () => {
    setConnected(false);
    // The browser retries by itself, except after an answer other than a stream (a 503 while the gateway
    // restarts): then the source is closed for good, and a new one is opened a little later.
    if (source.readyState === EventSource.CLOSED) {
      source = null;
      setTimeout(ensureSource, 3000);
    }
  };
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
 * never under a second, so a busy cluster's stream of status updates cannot turn into a storm of reads. `keys` name
 * what is loaded: when they change, what was loaded for the old ones is dropped, even if it arrives later.
 * Returns {data, error, reload, refreshAt}.
 */
export function useLive(loader, keys) {
  const key = JSON.stringify(keys);
  const [state, setState] = useState({ data: null, error: null, key });
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  // Per keys: whether a load runs or waits, when the last one ran and took, the timers; closed once the keys change.
  const live = useRef({ key, closed: false, running: false, pending: false, timer: null, at: 0, took: 0, due: new Map() });

  const load = useCallback(async () => {
    const current = live.current;
    if (current.running) { current.pending = true; return; }
    current.running = true;
    const started = performance.now();
    let result;
    try {
      result = { data: await loaderRef.current(), error: null };
    } catch (error) {
      result = { error };
    }
    if (current.closed) return;  // the keys changed meanwhile: this belongs to the old ones
    setState((previous) => ({ data: 'data' in result ? result.data : previous.data, error: result.error, key: current.key }));
    Object.assign(current, { running: false, at: performance.now(), took: performance.now() - started });
    if (current.pending) { current.pending = false; schedule(); }
  }, []);

  const schedule = useCallback(() => {
    const current = live.current;
    if (current.timer || current.closed) return;
    const wait = Math.max(0, current.at + Math.max(1000, 2 * current.took) - performance.now());
    current.timer = setTimeout(() => { current.timer = null; load(); }, wait);
  }, [load]);

  useEffect(() => {
    const current = { key, closed: false, running: false, pending: false, timer: null, at: 0, took: 0, due: new Map() };
    live.current = current;
    setState({ data: null, error: null, key });
    load();
    ensureSource();
    listeners.add(schedule);
    return () => {
      listeners.delete(schedule);
      clearTimeout(current.timer);
      current.due.forEach(clearTimeout);
      current.closed = true;  // nothing of these keys runs or lands any more
    };
  }, keys);

  /** One more read at a moment (e.g. when the garbage collector is due): one timer per moment, whatever the calls. */
  const refreshAt = useCallback((millis) => {
    const { due } = live.current;
    const wait = millis - Date.now();
    if (due.has(millis) || wait <= 0 || wait > 24 * 3600 * 1000) return;
    due.set(millis, setTimeout(() => { due.delete(millis); schedule(); }, wait + 1500));
  }, [schedule]);

  // Data of earlier keys is never shown as that of the current ones, not even for the render before the effect.
  const fresh = state.key === key;
  return { data: fresh ? state.data : null, error: fresh ? state.error : null, reload: load, refreshAt };
}
