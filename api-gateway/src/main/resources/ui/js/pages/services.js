// Services: every app and pod, with what a stateful service's operator looks at first.
import { useState } from 'preact/hooks';
import { html, Status, ErrorBanner, Loading } from '../components.js';
import { get, useLive } from '../api.js';
import { appStatus, podInstances, podRunning, podStatus, volumeSummary, mib } from '../format.js';
import { detailHref, href } from '../routes.js';

async function loadServices() {
  const [apps, pods, deployments] = await Promise.all([
    get('/v2/apps?embed=apps.counts&embed=apps.deployments'), get('/v2/pods/::status'), get('/v2/deployments')]);
  const deploying = new Set(deployments.flatMap((d) => (d.affectedApps || []).concat(d.affectedPods || [])));
  const rows = apps.apps.map((app) => ({
    id: app.id, kind: 'app', status: appStatus(app), running: app.tasksRunning || 0, instances: app.instances,
    cpus: app.cpus, mem: app.mem, disk: app.disk, volumes: volumeSummary(app),
    deploying: deploying.has(app.id),
    health: app.healthChecks && app.healthChecks.length
      ? `${app.tasksHealthy || 0} healthy, ${app.tasksUnhealthy || 0} unhealthy` : '—',
  }));
  pods.forEach((pod) => {
    const containers = pod.spec.containers || [];
    const sum = (field) => containers.reduce((total, c) => total + ((c.resources && c.resources[field]) || 0), 0);
    rows.push({
      id: pod.id, kind: 'pod', status: podStatus(pod), instances: podInstances(pod.spec), running: podRunning(pod),
      cpus: sum('cpus'), mem: sum('mem'), disk: sum('disk'), volumes: volumeSummary(pod.spec),
      deploying: deploying.has(pod.id), health: '—',
    });
  });
  return rows.sort((a, b) => a.id.localeCompare(b.id));
}

export function ServicesPage() {
  const { data, error } = useLive(loadServices, []);
  const [filter, setFilter] = useState('');
  const rows = (data || []).filter((row) => row.id.includes(filter.trim()));
  return html`
    <h1>Services</h1>
    <p class="subheader">Apps and pods. A service with persistent volumes always runs on the agent that holds them.</p>
    <div class="toolbar">
      <label for="service-filter">Filter by id</label>
      <input id="service-filter" type="search" value=${filter} onInput=${(e) => setFilter(e.target.value)} />
      <span class="grow"></span>
      <a class="button primary" href=${href('services', 'new')}>Create app</a>
      <a class="button" href=${href('services', 'new') + '?kind=pod'}>Create pod</a>
    </div>
    <${ErrorBanner} error=${error} />
    ${data === null && !error ? html`<${Loading} what="services" />`
      : rows.length === 0 ? html`<p class="empty">No services${filter ? ' match the filter' : ' yet: create one'}.</p>`
        : html`<table aria-label="Services">
      <thead><tr><th>Name</th><th>Kind</th><th>Status</th><th class="num">Instances</th><th class="num">CPU</th>
        <th class="num">Memory</th><th class="num">Disk</th><th>Persistent volumes</th><th>Health</th></tr></thead>
      <tbody>${rows.map((row) => html`<tr key=${row.id}>
        <td><a href=${detailHref(row.id, row.kind)}>${row.id}</a></td>
        <td>${row.kind}</td>
        <td><${Status} value=${row.status} />${row.deploying ? html` <span class="progress">(deployment in progress)</span>` : ''}</td>
        <td class="num">${row.running} / ${row.instances}</td>
        <td class="num">${row.cpus}</td>
        <td class="num">${mib(row.mem)}</td>
        <td class="num">${row.disk ? mib(row.disk) : '—'}</td>
        <td>${row.volumes}</td>
        <td>${row.health}</td>
      </tr>`)}</tbody>
    </table>`}`;
}
