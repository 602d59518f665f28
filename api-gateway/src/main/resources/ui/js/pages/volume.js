// One persistent volume: where it is, what uses it, the instance's history, and destroy (wipe).
import { useEffect, useState } from 'preact/hooks';
import { html, Status, ErrorBanner, Loading, Confirm } from '../components.js';
import { get, kill, useLive } from '../api.js';
import { ago, mib, taskState, volumeStatus } from '../format.js';
import { detailHref, href } from '../routes.js';

export function VolumePage({ persistenceId }) {
  const { data: volume, error, reload, refreshAt } = useLive(() => get(`/v2/volumes/${encodeURIComponent(persistenceId)}`), [persistenceId]);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {  // destroying ends with no event of its own: look again until it is done
    if (volume && volume.status === 'destroying' && !error) refreshAt(Date.now() + 1000);
  }, [volume, error]);
  if (!volume) {
    return html`<h1>Volume</h1><p class="mono">${persistenceId}</p>${error && error.status === 404
      ? html`<p class="empty">No agent holds this volume: it was destroyed.</p>`
      : html`<${ErrorBanner} error=${error} />${!error && html`<${Loading} what="the volume" />`}`}`;
  }
  const destroyed = error && error.status === 404;
  const kind = volume.kind || 'app';
  const instance = volume.instance || {};
  return html`
    <h1>Volume <span class="mono">${volume.containerPath}</span></h1>
    <p class="subheader">${destroyed ? html`<span class="status bad">Destroyed</span>` : html`<${Status} value=${volumeStatus(volume.status)} />`}
      <span class="mono">${volume.persistenceId}</span></p>
    ${destroyed && html`<div class="banner info" role="status">This volume was destroyed and its resources unreserved.
      <a href=${detailHref(volume.runSpecId, kind, 'volumes')}>See ${volume.runSpecId}'s volumes</a>.</div>`}
    <${ErrorBanner} error=${!destroyed && error} />
    <dl class="facts">
      <dt>Container path</dt><dd><code>${volume.containerPath}</code></dd>
      <dt>Mode</dt><dd>${volume.mode}</dd>
      <dt>Size</dt><dd>${volume.size} MiB${volume.size >= 1024 ? ` (${mib(volume.size)})` : ''}</dd>
      <dt>${kind === 'pod' ? 'Pod' : 'Application'}</dt><dd><a href=${detailHref(volume.runSpecId, kind)}>${volume.runSpecId}</a></dd>
      <dt>Task ID</dt><dd>${volume.taskId ? html`<code>${volume.taskId}</code> · <a href=${href('tasks', volume.taskId)}>logs</a>` : '— (no task uses it now)'}</dd>
      <dt>Host</dt><dd>${volume.host}</dd>
      <dt>Agent</dt><dd><code>${volume.agentId}</code></dd>
      <dt>Disk type</dt><dd>${volume.type}${volume.source ? html` · source <code>${volume.source}</code>` : ''}</dd>
      <dt>Profile</dt><dd>${volume.profile || '—'}</dd>
      <dt>Instance</dt><dd><code>${volume.instanceId}</code></dd>
      ${volume.collectAt && html`<dt>Garbage collection</dt><dd>destroyed ${ago(volume.collectAt)} (${volume.collectAt})</dd>`}
    </dl>
    <h2>Instance history</h2>
    ${instance.state ? html`<dl class="facts" aria-label="Instance history">
      <dt>State</dt><dd>${instance.state} (goal ${instance.goal}) since ${ago(instance.since)}</dd>
      <dt>Launches on this volume</dt><dd>${instance.launches}</dd>
      <dt>Consecutive failures</dt><dd>${instance.failures}</dd>
      ${(instance.tasks || []).map((t) => html`<dt>Task <code>${t.taskId}</code></dt>
        <dd><${Status} value=${taskState(t.state)} />${t.startedAt ? ` started ${ago(t.startedAt)}` : ''}${t.message ? ` — ${t.message}` : ''}</dd>`)}
      ${instance.lastFailure && html`<dt>Last failure</dt><dd>${instance.lastFailure.state} ${ago(instance.lastFailure.timestamp)}:
        <code>${instance.lastFailure.taskId}</code>${instance.lastFailure.message ? ` — ${instance.lastFailure.message}` : ''}</dd>`}
    </dl>` : html`<p class="empty">No instance owns this volume${volume.status === 'orphaned' ? ': it is an orphan' : ''}.</p>`}
    ${!destroyed && volume.status !== 'orphaned' && volume.status !== 'destroying' && html`<div class="toolbar">
      <button type="button" class="danger" onClick=${() => setConfirming(true)}>Destroy (wipe)</button></div>`}
    ${confirming && html`<${Confirm} title="Destroy this volume?" confirmLabel="Destroy and erase the data" danger
      onClose=${() => { setConfirming(false); reload(); }}
      onConfirm=${() => kill(kind, volume.runSpecId, kind === 'pod' ? volume.instanceId : volume.taskId || volume.instanceId, true)}>
      <p><strong>The data on <code>${volume.persistenceId}</code> (${mib(volume.size)} on ${volume.host}) will be erased.</strong></p>
      <p>Its instance is wiped: the task is killed, every volume of the instance is destroyed and its resources
        unreserved. If ${volume.runSpecId} still wants the instance, a new one starts with a new, empty volume.</p>
    <//>`}`;
}
