// Volumes: every persistent volume on every agent, the orphans the garbage collector will destroy, and when.
import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBanner, Loading } from '../components.js';
import { get, useLive } from '../api.js';
import { VolumesTable } from './detail.js';

const STATUSES = ['attached', 'detached', 'unreachable', 'destroying', 'orphaned'];

export function VolumesPage() {
  const { data, error, refreshAt } = useLive(() => get('/v2/volumes'), []);
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  useEffect(() => {  // the collector acts on its own schedule, without an event: look again when it is due
    (data ? data.volumes : []).filter((v) => v.collectAt).forEach((v) => refreshAt(Date.parse(v.collectAt)));
  }, [data]);
  const needle = text.trim().toLowerCase();
  const volumes = (data ? data.volumes : []).filter((v) => (!status || v.status === status)
    && (!needle || [v.persistenceId, v.runSpecId, v.host, v.agentId].some((s) => (s || '').toLowerCase().includes(needle))));
  const orphans = (data ? data.volumes : []).filter((v) => v.status === 'orphaned').length;
  return html`
    <h1>Volumes</h1>
    <p class="subheader">Persistent volumes across all services.${orphans > 0
      ? ` ${orphans} orphaned: no app or pod owns them, and the garbage collector destroys them when their grace period ends.` : ''}</p>
    <div class="toolbar">
      <label for="volume-filter">Filter</label>
      <input id="volume-filter" type="search" placeholder="id, service, host or agent" value=${text} onInput=${(e) => setText(e.target.value)} />
      <label for="volume-status">Status</label>
      <select id="volume-status" value=${status} onChange=${(e) => setStatus(e.target.value)}>
        <option value="">any</option>${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}
      </select>
      <span class="progress">${data ? `${volumes.length} of ${data.volumes.length}` : ''}</span>
    </div>
    <${ErrorBanner} error=${error} />
    ${data === null && !error ? html`<${Loading} what="volumes" />` : html`<${VolumesTable} volumes=${volumes} showApp />`}`;
}
