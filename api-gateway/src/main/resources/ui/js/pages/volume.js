// One persistent volume: where it is, what uses it, the instance's history, and destroy (wipe).
import { useEffect, useState } from 'preact/hooks';
import { html, Status, ErrorBanner, Loading, Confirm } from '../components.js';
import { api, get, idPath, useLive } from '../api.js';
import { ago, mib, taskState, volumeStatus } from '../format.js';
import { detailHref, href } from '../routes.js';

export function VolumePage({ persistenceId }) {
  const { data: volume, error, reload, refreshAt } = useLive(() => get(`/v2/volumes/${encodeURIComponent(persistenceId)}`), [persistenceId]);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {  // destroying ends with no event of its own: look again until it is done
    if (volume && volume.status === 'destroying' && !error) refreshAt(Date.now() + 1000);
  }, [volume, error]);
  const shown = volume;  // kept after a 404, to say what was destroyed
  if (!shown) {
    return html`<h1>Volume</h1><p class="mono">${persistenceId}</p>${error && error.status === 404
      ? html`<p class="empty">No agent holds this volume: it was destroyed.</p>`
      : html`<${ErrorBanner} error=${error} />${!error && html`<${Loading} what="the volume" />`}`}`;
  }
  const destroyed = error && error.status === 404;
  const kind = shown.kind || 'app';
  const instance = shown.instance || {};
  const wipePath = kind === 'pod'
    ? `/v2/pods${idPath(shown.runSpecId)}::instances/${encodeURIComponent(shown.instanceId)}?wipe=true`
    : `/v2/apps${idPath(shown.runSpecId)}/tasks/${encodeURIComponent(shown.taskId || shown.instanceId)}?wipe=true`;
  return html`
    <h1>Volume <span class="mono">${shown.containerPath}</span></h1>
    <p class="subheader">${destroyed ? html`<span class="status bad">Destroyed</span>` : html`<${Status} value=${volumeStatus(shown.status)} />`}
      <span class="mono">${shown.persistenceId}</span></p>
    ${destroyed && html`<div class="banner info" role="status">This volume was destroyed and its resources unreserved.
      <a href=${detailHref(shown.runSpecId, kind, 'volumes')}>See ${shown.runSpecId}'s volumes</a>.</div>`}
    <${ErrorBanner} error=${!destroyed && error} />
    <dl class="facts">
      <dt>Container path</dt><dd><code>${shown.containerPath}</code></dd>
      <dt>Mode</dt><dd>${shown.mode}</dd>
      <dt>Size</dt><dd>${shown.size} MiB${shown.size >= 1024 ? ` (${mib(shown.size)})` : ''}</dd>
      <dt>Application</dt><dd><a href=${detailHref(shown.runSpecId, kind)}>${shown.runSpecId}</a></dd>
      <dt>Task ID</dt><dd>${shown.taskId ? html`<code>${shown.taskId}</code> · <a href=${href('tasks', shown.taskId)}>logs</a>` : '— (no task uses it now)'}</dd>
      <dt>Host</dt><dd>${shown.host}</dd>
      <dt>Agent</dt><dd><code>${shown.agentId}</code></dd>
      <dt>Disk type</dt><dd>${shown.type}${shown.source ? html` · source <code>${shown.source}</code>` : ''}</dd>
      <dt>Profile</dt><dd>${shown.profile || '—'}</dd>
      <dt>Instance</dt><dd><code>${shown.instanceId}</code></dd>
      ${shown.collectAt && html`<dt>Garbage collection</dt><dd>destroyed ${ago(shown.collectAt)} (${shown.collectAt})</dd>`}
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
    </dl>` : html`<p class="empty">No instance owns this volume${shown.status === 'orphaned' ? ': it is an orphan' : ''}.</p>`}
    ${!destroyed && shown.status !== 'orphaned' && shown.status !== 'destroying' && html`<div class="toolbar">
      <button type="button" class="danger" onClick=${() => setConfirming(true)}>Destroy (wipe)</button></div>`}
    ${confirming && html`<${Confirm} title="Destroy this volume?" confirmLabel="Destroy and erase the data" danger
      onClose=${() => { setConfirming(false); reload(); }}
      onConfirm=${() => api('DELETE', wipePath)}>
      <p><strong>The data on <code>${shown.persistenceId}</code> (${mib(shown.size)} on ${shown.host}) will be erased.</strong></p>
      <p>Its instance is wiped: the task is killed, every volume of the instance is destroyed and its resources
        unreserved. If ${shown.runSpecId} still wants the instance, a new one starts with a new, empty volume.</p>
    <//>`}`;
}
