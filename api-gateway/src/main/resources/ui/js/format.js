// Pure helpers: what the pages show, from what the API answers.

export function mib(size) {
  if (size === undefined || size === null) return '—';
  if (size >= 1024 * 1024) return `${round(size / (1024 * 1024))} TiB`;
  if (size >= 1024) return `${round(size / 1024)} GiB`;
  return `${round(size)} MiB`;
}

const round = (n) => (Math.round(n * 10) / 10).toString();

export function ago(timestamp) {
  if (!timestamp) return '—';
  const seconds = Math.round((Date.now() - Date.parse(timestamp)) / 1000);
  if (Number.isNaN(seconds)) return timestamp;
  if (seconds < 0) return `in ${duration(-seconds)}`;
  return `${duration(seconds)} ago`;
}

export function duration(seconds) {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d`;
}

/** A status word and its tone (ok, bad, warn, info, muted); the word alone must say it all. */
export function appStatus(app) {
  const running = app.tasksRunning || 0;
  if ((app.deployments || []).length > 0) return ['Deploying', 'info'];
  if (app.instances === 0 && running === 0) return ['Suspended', 'muted'];
  if ((app.tasksUnhealthy || 0) > 0) return ['Unhealthy', 'bad'];
  if (running >= app.instances) return ['Running', 'ok'];
  if ((app.tasksStaged || 0) > 0) return ['Staging', 'info'];
  return ['Waiting', 'warn'];
}

/** A pod's wanted instances (Marathon's default scaling is one), and how many of its instances are stable. */
export const podInstances = (spec) => (spec.scaling && spec.scaling.instances !== undefined ? spec.scaling.instances : 1);
export const podRunning = (pod) => (pod.instances || []).filter((i) => i.status === 'STABLE').length;

export function podStatus(pod) {
  const instances = podInstances(pod.spec);
  const running = podRunning(pod);
  if (instances === 0 && running === 0) return ['Suspended', 'muted'];
  if (pod.status === 'STABLE') return ['Running', 'ok'];
  if (pod.status === 'DEGRADED') return [running > 0 ? 'Degraded' : 'Waiting', 'warn'];
  return [title(pod.status || 'Unknown'), 'info'];
}

const VOLUME_TONES = { attached: 'ok', detached: 'bad', unreachable: 'warn', destroying: 'info', orphaned: 'muted' };

export function volumeStatus(status) {
  return [title(status), VOLUME_TONES[status] || 'muted'];
}

/** A Mesos task state (TASK_RUNNING) or a pod instance's (STABLE, DEGRADED, ...). */
export function taskState(state) {
  const word = title((state || 'unknown').replace(/^TASK_/, '').toLowerCase().replace(/_/g, ' '));
  const tone = /running|stable/i.test(state) ? 'ok'
    : /staging|starting|killing|pending/i.test(state) ? 'info'
      : /degraded|unreachable/i.test(state) ? 'warn'
        : /failed|error|lost|gone|dropped/i.test(state) ? 'bad' : 'muted';
  return [word, tone];
}

export function health(task) {
  const results = task.healthCheckResults || [];
  if (results.length === 0) return ['—', 'muted'];
  return results.every((r) => r.alive) ? ['Healthy', 'ok'] : ['Unhealthy', 'bad'];
}

export const title = (word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/** The persistent volumes an app or pod declares: [{name, size, type}]. */
export function declaredVolumes(spec) {
  if (spec.containers) {  // a pod
    return (spec.volumes || []).filter((v) => v.persistent)
      .map((v) => ({ name: v.name, size: v.persistent.size, type: v.persistent.type || 'root' }));
  }
  return ((spec.container && spec.container.volumes) || []).filter((v) => v.persistent)
    .map((v) => ({ name: v.containerPath, size: v.persistent.size, type: v.persistent.type || 'root' }));
}

export function volumeSummary(spec) {
  const volumes = declaredVolumes(spec);
  if (volumes.length === 0) return '—';
  const size = volumes.reduce((sum, v) => sum + (v.size || 0), 0);
  return `${volumes.length} × instance (${mib(size)})`;
}

/** Marathon's 422 details keyed by JSON path, e.g. "/container/volumes(0)/containerPath" → ["..."]. */
export function errorsByPath(details) {
  const byPath = {};
  (details || []).forEach((detail) => {
    const path = detail.path || '/';
    byPath[path] = (byPath[path] || []).concat(detail.errors || []);
  });
  return byPath;
}
