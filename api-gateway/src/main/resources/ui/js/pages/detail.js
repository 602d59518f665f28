// An app's or pod's page: its instances, its volumes, its configuration and versions, its deployments, and the
// actions (scale, restart, edit, delete) with confirmations that say what happens to the data.
import { useState } from 'preact/hooks';
import { html, Status, ErrorBanner, Loading, Tabs, Confirm, Field } from '../components.js';
import { api, ApiError, get, idPath, kill, useLive, withoutVersion } from '../api.js';
import { ago, appStatus, podInstances, podRunning, podStatus, taskState, health, volumeStatus, mib } from '../format.js';
import { detailHref, href, navigate } from '../routes.js';

const TABS = [{ id: 'instances', label: 'Instances' }, { id: 'volumes', label: 'Volumes' },
  { id: 'configuration', label: 'Configuration' }, { id: 'deployments', label: 'Deployments' }];

async function loadApp(id) {
  const [app, tasks, volumes, deployments] = await Promise.all([
    get(`/v2/apps${idPath(id)}?embed=app.counts&embed=app.deployments&embed=app.lastTaskFailure`),
    get(`/v2/apps${idPath(id)}/tasks`), get(`/v2/volumes?runSpecId=${encodeURIComponent(id)}`), get('/v2/deployments')]);
  return {
    spec: app.app, status: appStatus(app.app), running: app.app.tasksRunning || 0, instances: app.app.instances,
    lastFailure: app.app.lastTaskFailure,
    rows: tasks.tasks.map((task) => ({
      instanceId: task.id.replace(/\._app\.\d+$/, ''), host: task.host, state: taskState(task.state),
      since: task.startedAt || task.stagedAt, health: health(task), tasks: [{ name: 'task', id: task.id }], killId: task.id,
    })),
    volumes: volumes.volumes, deployments: deployments.filter((d) => (d.affectedApps || []).includes(id)),
  };
}

async function loadPod(id) {
  const [status, volumes, deployments] = await Promise.all([
    get(`/v2/pods${idPath(id)}::status`), get(`/v2/volumes?runSpecId=${encodeURIComponent(id)}`), get('/v2/deployments')]);
  return {
    spec: status.spec, status: podStatus(status), instances: podInstances(status.spec), running: podRunning(status),
    rows: (status.instances || []).map((instance) => ({
      instanceId: instance.id, host: instance.agentHostname || '—', state: taskState(instance.status),
      since: instance.statusSince, health: ['—', 'muted'],
      tasks: (instance.containers || []).map((c) => ({ name: c.name, id: c.containerId })), killId: instance.id,
    })),
    volumes: volumes.volumes, deployments: deployments.filter((d) => (d.affectedPods || []).includes(id)),
  };
}

export function DetailPage({ kind, id, tab: asked }) {
  const tab = TABS.some((t) => t.id === asked) ? asked : 'instances';
  const { data, error, reload } = useLive(() => (kind === 'pod' ? loadPod(id) : loadApp(id)), [kind, id]);
  const [dialog, setDialog] = useState(null);
  const select = (next) => { location.hash = detailHref(id, kind, next); };
  if (data === null) {
    return html`<h1>${id}</h1>${error && error.status === 404
      ? html`<p class="empty">No ${kind} ${id}: it may have been deleted. <a href="#/services">Back to services</a></p>`
      : html`<${ErrorBanner} error=${error} />${!error && html`<${Loading} what=${id} />`}`}`;
  }
  const close = () => { setDialog(null); reload(); };
  return html`
    <h1>${id}</h1>
    <p class="subheader"><${Status} value=${data.status} /> <span>${data.running} of ${data.instances} instances running</span>
      <span>${kind}</span></p>
    <div class="toolbar">
      <button type="button" onClick=${() => setDialog('scale')}>Scale</button>
      ${kind === 'app' && html`<button type="button" onClick=${() => setDialog('restart')}>Restart</button>`}
      <a class="button" href=${href(kind === 'pod' ? 'pods' : 'apps', id, 'edit')}>Edit</a>
      <button type="button" class="danger" onClick=${() => setDialog('delete')}>Delete</button>
    </div>
    <${ErrorBanner} error=${error} />
    ${data.lastFailure && html`<div class="banner info">Last task failure: <strong>${data.lastFailure.state}</strong>
      ${data.lastFailure.message ? ` — ${data.lastFailure.message}` : ''} (${ago(data.lastFailure.timestamp)}, ${data.lastFailure.host})</div>`}
    <${Tabs} label="${kind} sections" tabs=${TABS} selected=${tab} onSelect=${select} />
    <section role="tabpanel" id="panel-${tab}" aria-labelledby="tab-${tab}">
      ${tab === 'instances' && html`<${Instances} kind=${kind} id=${id} data=${data} onChanged=${reload} />`}
      ${tab === 'volumes' && html`<${VolumesTable} volumes=${data.volumes} />`}
      ${tab === 'configuration' && html`<${Configuration} kind=${kind} id=${id} spec=${data.spec} onChanged=${reload} />`}
      ${tab === 'deployments' && html`<${Deployments} deployments=${data.deployments} onChanged=${reload} />`}
    </section>
    ${dialog === 'scale' && html`<${ScaleDialog} kind=${kind} id=${id} spec=${data.spec} instances=${data.instances} onClose=${close} />`}
    ${dialog === 'restart' && html`<${Confirm} title="Restart ${id}?" confirmLabel="Restart" onClose=${close}
      onConfirm=${() => api('POST', `/v2/apps${idPath(id)}/restart`)}>
      <p>Every task is replaced by a new one${data.volumes.length ? ' on the same reservation and volumes: the data stays' : ''}.</p><//>`}
    ${dialog === 'delete' && html`<${Confirm} title="Delete ${id}?" confirmLabel="Delete and destroy volumes" danger
      onClose=${() => setDialog(null)}
      onConfirm=${async () => { await api('DELETE', `/v2/${kind === 'pod' ? 'pods' : 'apps'}${idPath(id)}`); navigate('services'); }}>
      <p>The ${kind} stops, and <strong>every one of its persistent volumes is destroyed: their data is erased for good</strong>.
        The reserved resources go back to the cluster.</p>
      ${data.volumes.length === 0 ? html`<p>It holds no persistent volume.</p>`
        : html`<p>Volumes that will be destroyed (${data.volumes.length}):</p>
          <ul>${data.volumes.map((v) => html`<li><code>${v.persistenceId}</code> on ${v.host} (${mib(v.size)})</li>`)}</ul>`}
    <//>`}`;
}

function Instances({ kind, id, data, onChanged }) {
  const [asked, setAsked] = useState(null);  // {row, wipe}
  if (data.rows.length === 0) {
    return html`<p class="empty">No running instance.${data.volumes.length ? ' Its volumes wait, detached, in the Volumes tab.' : ''}</p>`;
  }
  const volumesOf = (instanceId) => data.volumes.filter((v) => v.instanceId === instanceId);
  const name = (row) => (kind === 'pod' ? row.instanceId : row.killId);
  return html`<table aria-label="Instances">
    <thead><tr><th>${kind === 'pod' ? 'Instance' : 'Task ID'}</th><th>Host</th><th>State</th><th>Started</th><th>Health</th>
      <th>Logs</th><th>Actions</th></tr></thead>
    <tbody>${data.rows.map((row) => html`<tr key=${row.instanceId}>
      <td><code>${name(row)}</code></td>
      <td>${row.host}</td>
      <td><${Status} value=${row.state} /></td>
      <td>${ago(row.since)}</td>
      <td><${Status} value=${row.health} /></td>
      <td>${row.tasks.map((t) => html`<a href=${href('tasks', t.id)} aria-label="Logs of ${t.id}">${kind === 'pod' ? t.name : 'stdout/stderr'}</a> `)}</td>
      <td><button type="button" aria-label="Kill ${name(row)}" onClick=${() => setAsked({ row, wipe: false })}>Kill</button>
        ${' '}<button type="button" class="danger" aria-label="Kill and wipe ${name(row)}"
          onClick=${() => setAsked({ row, wipe: true })}>Kill and wipe</button></td>
    </tr>`)}</tbody>
  </table>
  ${asked && html`<${Confirm} title=${`${asked.wipe ? 'Kill and wipe' : 'Kill'} ${name(asked.row)}?`} danger=${asked.wipe}
    confirmLabel=${asked.wipe ? 'Kill and erase the data' : 'Kill'} onClose=${() => { setAsked(null); onChanged(); }}
    onConfirm=${() => kill(kind, id, asked.row.killId, asked.wipe)}>
    ${asked.wipe
      ? html`<p><strong>The data will be erased.</strong> The instance's volumes are destroyed and its resources unreserved;
          a new instance starts with new, empty volumes, possibly on another agent.</p>
          <ul>${volumesOf(asked.row.instanceId).map((v) => html`<li><code>${v.persistenceId}</code> (${mib(v.size)})</li>`)}</ul>`
      : html`<p>The task is killed and relaunched${volumesOf(asked.row.instanceId).length
        ? ' on the same agent, with the same volumes and data' : ''}.</p>`}
  <//>`}`;
}

export function VolumesTable({ volumes, showApp }) {
  if (volumes.length === 0) return html`<p class="empty">No persistent volume.</p>`;
  return html`<table aria-label="Volumes">
    <thead><tr><th>ID</th>${showApp && html`<th>Service</th>`}<th>Host</th><th>Type</th><th>Path</th><th class="num">Size</th>
      <th>Mode</th><th>Status</th><th>Agent</th><th>Profile</th><th>Disk source</th></tr></thead>
    <tbody>${volumes.map((v) => html`<tr key=${v.persistenceId}>
      <td><a href=${href('volumes', v.persistenceId)} class="mono">${v.persistenceId}</a></td>
      ${showApp && html`<td>${v.runSpecId}</td>`}
      <td>${v.host}</td><td>${v.type}</td><td><code>${v.containerPath}</code></td><td class="num">${mib(v.size)}</td>
      <td>${v.mode}</td>
      <td><${Status} value=${volumeStatus(v.status)} />${v.collectAt ? html` <span class="progress">destroyed ${ago(v.collectAt)}</span>` : ''}</td>
      <td><code>${v.agentId}</code></td><td>${v.profile || '—'}</td><td>${v.source || '—'}</td>
    </tr>`)}</tbody>
  </table>`;
}

function Configuration({ kind, id, spec, onChanged }) {
  const base = `/v2/${kind === 'pod' ? 'pods' : 'apps'}${idPath(id)}`;
  const versions = useLive(() => get(kind === 'pod' ? `${base}::versions` : `${base}/versions`), [kind, id]);
  const [shown, setShown] = useState(null);  // {version, spec}
  const [error, setError] = useState(null);
  const list = versions.data ? (Array.isArray(versions.data) ? versions.data : versions.data.versions) : [];
  const show = async (version) => {
    try {
      setShown({ version, spec: await get(kind === 'pod' ? `${base}::versions/${version}` : `${base}/versions/${version}`) });
    } catch (e) { setError(e); }
  };
  // Back to a version: its spec, as it was, replaces the current one (a new deployment, and a new version).
  const apply = async (version) => {
    try {
      await api('PUT', `${base}?partialUpdate=false`, withoutVersion(await get(`${base}/versions/${version}`)));
      setShown(null);
      onChanged();
    } catch (e) { setError(e); }
  };
  return html`
    <h2>Current configuration${spec.version ? ` (version ${spec.version})` : ''}</h2>
    <pre class="config" tabindex="0" aria-label="Current configuration">${JSON.stringify(spec, null, 2)}</pre>
    <h2>Versions</h2>
    <${ErrorBanner} error=${error || versions.error} />
    <table aria-label="Versions"><thead><tr><th>Version</th><th>Actions</th></tr></thead>
      <tbody>${list.map((version) => html`<tr key=${version}><td>${version}</td><td>
        <button type="button" aria-label="View version ${version}" onClick=${() => show(version)}>View</button>
        ${kind === 'app' && version !== spec.version && html` <button type="button" aria-label="Apply version ${version}"
          onClick=${() => apply(version)}>Apply this version</button>`}
      </td></tr>`)}</tbody></table>
    ${shown && html`<h2>Version ${shown.version}</h2><pre class="config" tabindex="0">${JSON.stringify(shown.spec, null, 2)}</pre>`}`;
}

export function Deployments({ deployments, onChanged }) {
  const [error, setError] = useState(null);
  if (deployments.length === 0) return html`<p class="empty">No deployment in progress.</p>`;
  const stop = async (deployment, force) => {
    try { await api('DELETE', `/v2/deployments/${encodeURIComponent(deployment.id)}${force ? '?force=true' : ''}`); onChanged(); } catch (e) { setError(e); }
  };
  return html`<${ErrorBanner} error=${error} />
    <table aria-label="Deployments"><thead><tr><th>Deployment</th><th>Services</th><th>Started</th><th>Step</th>
      <th>Current actions</th><th>Actions</th></tr></thead>
    <tbody>${deployments.map((d) => html`<tr key=${d.id}>
      <td><code>${d.id}</code></td>
      <td>${(d.affectedApps || []).concat(d.affectedPods || []).join(', ')}</td>
      <td>${ago(d.version)}</td>
      <td>${d.currentStep} of ${d.totalSteps}</td>
      <td>${(d.currentActions || []).map((a) => html`<div>${a.action} ${a.app || a.pod}
        ${(a.readinessCheckResults || []).length ? ` (${a.readinessCheckResults.filter((r) => r.ready).length} ready)` : ''}</div>`)}</td>
      <td><button type="button" aria-label="Roll back ${d.id}" onClick=${() => stop(d, false)}>Roll back</button>
        ${' '}<button type="button" aria-label="Stop ${d.id}" onClick=${() => stop(d, true)}>Stop</button></td>
    </tr>`)}</tbody></table>`;
}

function ScaleDialog({ kind, id, spec, instances, onClose }) {
  const [value, setValue] = useState(String(instances));
  const scale = () => {
    if (!/^\d+$/.test(value.trim())) return Promise.reject(new ApiError(400, { message: 'Instances must be a whole number, 0 or more.' }));
    const count = Number(value);
    if (kind === 'pod') return api('PUT', `/v2/pods${idPath(id)}`, { ...spec, scaling: { ...(spec.scaling || { kind: 'fixed' }), instances: count } });
    return api('PUT', `/v2/apps${idPath(id)}`, { instances: count });
  };
  return html`<${Confirm} title="Scale ${id}" confirmLabel="Scale" onClose=${onClose} onConfirm=${scale}>
    <${Field} id="scale-instances" label="Instances"><input type="number" min="0" step="1" value=${value} onInput=${(e) => setValue(e.target.value)} /><//>
    <p class="hint">Scaling down keeps the stopped instances' reservations and volumes (they show as detached); scaling up
      again relaunches on them first, with their data.</p>
  <//>`;
}
