// Create and edit an app or pod: a form for what stateful services need most (resources, command, persistent and
// host volumes), a JSON mode for everything else, and the server's 422 details shown next to the offending field.
import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBanner, Field, Loading } from '../components.js';
import { api, get, idPath, ApiError, withoutVersion } from '../api.js';
import { errorsByPath } from '../format.js';
import { detailHref, navigate } from '../routes.js';

const NEW_APP = { id: '/', instances: 1, cpus: 0.5, mem: 256, cmd: '', container: { type: 'MESOS', volumes: [] } };
const NEW_POD = {
  id: '/', scaling: { kind: 'fixed', instances: 1 }, volumes: [],
  containers: [{ name: 'main', resources: { cpus: 0.5, mem: 256 }, exec: { command: { shell: '' } }, volumeMounts: [] }],
};

/** Marathon's JSON path of a field: ['container', 'volumes', 0, 'containerPath'] → /container/volumes(0)/containerPath. */
export const jsonPath = (keys) => keys.reduce((path, key) => (typeof key === 'number' ? `${path}(${key})` : `${path}/${key}`), '');

const read = (object, keys) => keys.reduce((value, key) => (value === undefined || value === null ? undefined : value[key]), object);

function write(object, keys, value) {
  const next = structuredClone(object);
  let target = next;
  keys.slice(0, -1).forEach((key, i) => {
    if (target[key] === undefined || target[key] === null) target[key] = typeof keys[i + 1] === 'number' ? [] : {};
    target = target[key];
  });
  const last = keys[keys.length - 1];
  if (value === undefined) delete target[last]; else target[last] = value;
  return next;
}

const asNumber = (text) => (text === '' ? undefined : Number(text));

/** The text as JSON, or undefined after telling `setError` why not. */
function parseJson(text, setError) {
  try {
    return JSON.parse(text);
  } catch (e) {
    setError(new ApiError(400, { message: `The JSON is not valid: ${e.message}` }));
    return undefined;
  }
}

/**
 * A form field for the JSON path `keys`: its id and the server's errors follow from the path. `F.errorsAt` and
 * `F.idOf` serve what is not one field (a volume as a whole).
 */
function fieldAt(idOf, errorsAt) {
  const F = (keys, label, input, hint) => html`<${Field} id=${idOf(keys)} label=${label} hint=${hint}
    errors=${errorsAt(keys)}>${input}<//>`;
  return Object.assign(F, { idOf, errorsAt });
}

export function SpecFormPage({ kind, id }) {
  const editing = id !== undefined;
  const [spec, setSpec] = useState(editing ? null : structuredClone(kind === 'pod' ? NEW_POD : NEW_APP));
  const [jsonText, setJsonText] = useState(null);  // non-null: JSON mode
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const base = kind === 'pod' ? '/v2/pods' : '/v2/apps';

  useEffect(() => {
    if (!editing) return;
    get(`${base}${idPath(id)}`).then((answer) => {
      setSpec(withoutVersion(kind === 'pod' ? answer : answer.app));
    }, setError);
  }, [id, kind]);

  if (spec === null) return html`<${ErrorBanner} error=${error} />${!error && html`<${Loading} what=${id} />`}`;

  const errors = errorsByPath(error && error.details);
  // Updates apply to the state as it is when they run, not as it was rendered: events can come faster than renders.
  const update = (keys, value) => setSpec((current) => write(current, keys, value));
  const bind = (keys, parse = (text) => text) => ({
    value: read(spec, keys) ?? '', onInput: (event) => update(keys, parse(event.target.value)) });
  const choose = (keys) => ({ value: read(spec, keys) ?? '', onChange: (event) => update(keys, event.target.value) });
  const errorsAt = (keys) => errors[jsonPath(keys)];
  const fieldId = (keys) => `f${jsonPath(keys).replace(/[^a-zA-Z0-9]+/g, '-')}`;
  const F = fieldAt(fieldId, errorsAt);
  const form = { spec, setSpec, update, bind, choose, F };

  const toJson = () => setJsonText(JSON.stringify(spec, null, 2));
  const toForm = () => {
    const parsed = parseJson(jsonText, setError);
    if (parsed === undefined) return;
    setSpec(parsed);
    setJsonText(null);
    setError(null);
  };

  const submit = async (event) => {
    event.preventDefault();
    const body = jsonText === null ? spec : parseJson(jsonText, setError);
    if (body === undefined) return;
    setBusy(true);
    setError(null);
    try {
      // An app's PUT replaces it (partialUpdate=false): a field the form cleared is cleared on the server too.
      if (editing) await api('PUT', `${base}${idPath(id)}${kind === 'app' ? '?partialUpdate=false' : ''}`, body);
      const created = editing ? null : await api('POST', base, body);
      location.hash = detailHref(editing ? id : created.id, kind);
    } catch (e) {
      setError(kind === 'pod' ? withMountErrorsOnVolumes(e, body) : e);
      setBusy(false);
    }
  };

  const title = `${editing ? 'Edit' : 'Create'} ${kind === 'pod' ? 'pod' : 'app'}${editing ? ` ${id}` : ''}`;
  return html`
    <h1>${title}</h1>
    <div class="toolbar">
      <button type="button" aria-pressed=${jsonText === null ? 'true' : 'false'} onClick=${() => jsonText !== null && toForm()}>Form</button>
      <button type="button" aria-pressed=${jsonText !== null ? 'true' : 'false'} onClick=${() => jsonText === null && toJson()}>JSON mode</button>
    </div>
    ${jsonText === null ? html`<${FormErrors} error=${error} fieldId=${fieldId} />` : html`<${ErrorBanner} error=${error} />`}
    <form class="spec" onSubmit=${submit} novalidate>
      ${jsonText !== null
        ? html`<${Field} id="json" label="The ${kind} as JSON (Marathon's format)"><textarea class="json" spellcheck="false"
            value=${jsonText} onInput=${(e) => setJsonText(e.target.value)}></textarea><//>`
        : kind === 'pod' ? html`<${PodFields} ...${form} editing=${editing} />` : html`<${AppFields} ...${form} editing=${editing} />`}
      <div class="toolbar">
        <button type="submit" class="primary" disabled=${busy}>${editing ? 'Save and deploy' : `Create ${kind}`}</button>
        <a class="button" href=${editing ? detailHref(id, kind) : '#/services'}>Cancel</a>
      </div>
    </form>`;
}

/** The error's message, and those of its details that no field of the form shows. */
function FormErrors({ error, fieldId }) {
  const [unplaced, setUnplaced] = useState([]);
  useEffect(() => {
    const details = (error && error.details) || [];
    setUnplaced(details.filter((d) => !document.getElementById(fieldId(pathKeys(d.path)))));
    const first = document.querySelector('form [aria-invalid="true"]');
    if (first) first.focus();  // where the user has to act first
  }, [error]);
  if (!error) return null;
  return html`<${ErrorBanner} error=${{ message: error.message, details: unplaced }} />`;
}

/**
 * The form shows a pod's mount in the first container with its volume, so an error about that mount
 * (/containers(0)/volumeMounts(j)/mountPath) is shown on the volume it mounts (/volumes(i)/mountPath).
 */
function withMountErrorsOnVolumes(error, pod) {
  if (!(error instanceof ApiError) || error.details.length === 0) return error;
  const mounts = read(pod, ['containers', 0, 'volumeMounts']) || [];
  const details = error.details.map((detail) => {
    const match = /^\/containers\(0\)\/volumeMounts\((\d+)\)\/(mountPath|name)$/.exec(detail.path || '');
    const mount = match && mounts[Number(match[1])];
    const index = mount ? (pod.volumes || []).findIndex((v) => v.name === mount.name) : -1;
    return index < 0 ? detail : { ...detail, path: jsonPath(['volumes', index, match[2]]) };
  });
  return new ApiError(error.status, { ...error.body, details });
}

/** /container/volumes(0)/containerPath → ['container', 'volumes', 0, 'containerPath'] (the inverse of jsonPath). */
const pathKeys = (path) => (path || '').split('/').filter(Boolean)
  .flatMap((part) => { const m = /^(.*)\((\d+)\)$/.exec(part); return m ? [m[1], Number(m[2])] : [part]; });

function AppFields({ spec, setSpec, update, bind, choose, F, editing }) {
  const image = read(spec, ['container', 'docker', 'image']) || '';
  const setImage = (value) => setSpec((current) => write(current, ['container', 'docker'],
    value ? { ...(read(current, ['container', 'docker']) || {}), image: value } : undefined));
  return html`
    <fieldset><legend>Service</legend><div class="grid">
      ${F(['id'], 'ID', html`<input type="text" required readonly=${editing} ...${bind(['id'])} />`, 'e.g. /databases/postgres')}
      ${F(['instances'], 'Instances', html`<input type="number" min="0" ...${bind(['instances'], asNumber)} />`)}
      ${F(['cpus'], 'CPUs', html`<input type="number" min="0" step="0.1" ...${bind(['cpus'], asNumber)} />`)}
      ${F(['mem'], 'Memory (MiB)', html`<input type="number" min="0" ...${bind(['mem'], asNumber)} />`)}
      ${F(['disk'], 'Disk (MiB)', html`<input type="number" min="0" ...${bind(['disk'], asNumber)} />`, 'Scratch space in the sandbox, lost with the task')}
    </div>
    ${F(['cmd'], 'Command', html`<textarea rows="3" ...${bind(['cmd'], (t) => (t === '' ? undefined : t))}></textarea>`)}
    </fieldset>
    <fieldset><legend>Container</legend><div class="grid">
      ${F(['container', 'type'], 'Container runtime', html`<select ...${choose(['container', 'type'])}>
        <option value="MESOS">Mesos (Universal Container Runtime)</option><option value="DOCKER">Docker</option></select>`)}
      ${F(['container', 'docker', 'image'], 'Container image', html`<input type="text" value=${image} onInput=${(e) => setImage(e.target.value)} />`, 'Optional, e.g. postgres:16')}
    </div>
    ${F(['env'], 'Environment variables', html`<${EnvText} env=${spec.env} onChange=${(env) => update(['env'], env)} />`, 'One NAME=value per line')}
    </fieldset>
    <${VolumesFieldset} volumes=${read(spec, ['container', 'volumes']) || []} F=${F} base=${['container', 'volumes']}
      onChange=${(change) => setSpec((current) =>
        write(current, ['container', 'volumes'], change(read(current, ['container', 'volumes']) || [])))} />`;
}

/** NAME=value lines; the text is the user's while typing (a line without "=" yet is kept), the env follows it. */
function EnvText({ env, onChange, ...attributes }) {
  const [text] = useState(() => Object.entries(env || {})
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n'));
  const changed = (value) => {
    const entries = value.split('\n').filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')).trim(), line.slice(line.indexOf('=') + 1)]);
    onChange(entries.length ? Object.fromEntries(entries) : undefined);
  };
  return html`<textarea rows="3" ...${attributes} defaultValue=${text} onInput=${(e) => changed(e.target.value)}></textarea>`;
}

function PodFields({ spec, setSpec, bind, F, editing }) {
  const container = ['containers', 0];
  const setVolumes = (change) => setSpec((current) => withPodVolumes(current, change(podVolumes(current))));
  return html`
    <fieldset><legend>Pod</legend><div class="grid">
      ${F(['id'], 'ID', html`<input type="text" required readonly=${editing} ...${bind(['id'])} />`, 'e.g. /databases/cassandra')}
      ${F(['scaling', 'instances'], 'Instances', html`<input type="number" min="0" ...${bind(['scaling', 'instances'], asNumber)} />`)}
    </div></fieldset>
    <fieldset><legend>Container ${read(spec, [...container, 'name']) || ''}</legend><div class="grid">
      ${F([...container, 'name'], 'Container name', html`<input type="text" ...${bind([...container, 'name'])} />`)}
      ${F([...container, 'resources', 'cpus'], 'CPUs', html`<input type="number" min="0" step="0.1" ...${bind([...container, 'resources', 'cpus'], asNumber)} />`)}
      ${F([...container, 'resources', 'mem'], 'Memory (MiB)', html`<input type="number" min="0" ...${bind([...container, 'resources', 'mem'], asNumber)} />`)}
      ${F([...container, 'image', 'id'], 'Container image', html`<input type="text" ...${bind([...container, 'image', 'id'], (t) => (t === '' ? undefined : t))} />`, 'Optional')}
    </div>
    ${F([...container, 'exec', 'command', 'shell'], 'Command', html`<textarea rows="3" ...${bind([...container, 'exec', 'command', 'shell'])}></textarea>`)}
    </fieldset>
    <${VolumesFieldset} pod volumes=${podVolumes(spec)} F=${F} base=${['volumes']} onChange=${setVolumes} />`;
}

// The form shows each pod volume with its mount path in the first container; JSON mode reaches the other containers.
function podVolumes(pod) {
  const mounts = read(pod, ['containers', 0, 'volumeMounts']) || [];
  return (pod.volumes || []).map((volume) => {
    const mount = mounts.find((m) => m.name === volume.name);
    return { ...volume, mountPath: mount ? mount.mountPath : '' };
  });
}

function withPodVolumes(pod, volumes) {
  const mounts = read(pod, ['containers', 0, 'volumeMounts']) || [];
  const formerNames = (pod.volumes || []).map((v) => v.name);
  const others = mounts.filter((m) => !formerNames.includes(m.name));  // mounts of volumes the form does not show
  const updated = write(pod, ['volumes'], volumes.map(({ mountPath, ...volume }) => volume));
  return write(updated, ['containers', 0, 'volumeMounts'],
    others.concat(volumes.filter((v) => v.name && v.mountPath).map((v) => ({ name: v.name, mountPath: v.mountPath }))));
}

/** persistent, host, or other (e.g. a pod's ephemeral or secret volume, which only JSON mode edits). */
function volumeKind(volume, pod) {
  if (volume.persistent) return 'persistent';
  if (pod ? volume.host !== undefined : volume.hostPath !== undefined) return 'host';
  return 'other';
}

/**
 * The Volumes section: local persistent volumes (recommended) and host volumes, as in the DC/OS form. `onChange`
 * takes a function of the current list, so that quick successive edits all apply.
 */
function VolumesFieldset({ volumes, onChange, F, base, pod }) {
  const change = (index, edit) => onChange((list) => list.map((v, i) => (i === index ? edit(v) : v)));
  const add = () => onChange((list) => list.concat([pod
    ? { name: '', mountPath: '', persistent: { type: 'root', size: 512 } }
    : { containerPath: '', mode: 'RW', persistent: { type: 'root', size: 512 } }]));
  const remove = (index) => onChange((list) => list.filter((_, i) => i !== index));
  return html`<fieldset><legend>Volumes</legend>
    <p class="hint">A local persistent volume is reserved on the agent with the task's resources and outlives the task: the
      task is always relaunched there, with the same data, until the instance is wiped or the ${pod ? 'pod' : 'app'} deleted.</p>
    ${volumes.map((volume, index) => html`<${VolumeRow} key=${index} index=${index} volume=${volume} pod=${pod}
      keys=${[...base, index]} F=${F} onChange=${(edit) => change(index, edit)} onRemove=${() => remove(index)} />`)}
    <button type="button" onClick=${add}>Add volume</button>
  </fieldset>`;
}

function VolumeRow({ volume, index, keys, pod, F, onChange, onRemove }) {
  const kind = volumeKind(volume, pod);
  const set = (path, value) => onChange((current) => write(current, path, value));
  const at = (path, label, input, hint) => F([...keys, ...path], label, input, hint);
  const text = (path, parse = (t) => t) => ({ value: read(volume, path) ?? '', onInput: (e) => set(path, parse(e.target.value)) });
  const choice = (path) => ({ value: read(volume, path) ?? '', onChange: (e) => set(path, e.target.value) });
  const setKind = (next) => onChange((current) => {
    const common = pod ? { name: current.name, mountPath: current.mountPath } : { containerPath: current.containerPath };
    return next === 'persistent'
      ? { ...common, ...(pod ? {} : { mode: 'RW' }), persistent: { type: 'root', size: 512 } }
      : { ...common, ...(pod ? { host: '' } : { hostPath: '', mode: 'RW' }) };
  });
  const diskType = read(volume, ['persistent', 'type']) || 'root';
  const constraint = (read(volume, ['persistent', 'constraints']) || []).find((c) => c[0] === 'path');
  const setConstraint = (regex) => set(['persistent', 'constraints'], regex ? [['path', 'LIKE', regex]] : undefined);
  const volumeErrors = F.errorsAt(keys);  // about the volume as a whole
  return html`<section class="volume" aria-label="Volume ${index + 1}">
    <header><strong>Volume ${index + 1}</strong><button type="button" class="link" onClick=${onRemove}>Remove volume ${index + 1}</button></header>
    ${volumeErrors && html`<p class="field" id=${F.idOf(keys)}><span class="error">${volumeErrors.join('; ')}</span></p>`}
    ${kind === 'other' ? html`<p class="hint">This volume (<code>${JSON.stringify(volume)}</code>) is edited in JSON mode.</p>` : html`
    <div class="grid">
      <div class="field"><label for="volume-${index}-kind">Volume type</label>
        <select id="volume-${index}-kind" value=${kind} onChange=${(e) => setKind(e.target.value)}>
          <option value="persistent">Local persistent volume (recommended)</option>
          <option value="host">Host volume</option>
        </select></div>
      ${pod ? at(['name'], 'Name', html`<input type="text" ...${text(['name'])} />`)
        : at(['containerPath'], 'Container path', html`<input type="text" ...${text(['containerPath'])} />`,
          kind === 'persistent' ? 'One relative level, e.g. pgdata' : 'Where the task sees it')}
      ${pod && at(['mountPath'], 'Mount path', html`<input type="text" ...${text(['mountPath'])} />`, 'In the container, e.g. data')}
      ${kind === 'persistent' ? html`
        ${at(['persistent', 'size'], 'Size (MiB)', html`<input type="number" min="1" ...${text(['persistent', 'size'], asNumber)} />`)}
        ${at(['persistent', 'type'], 'Disk type', html`<select ...${choice(['persistent', 'type'])}>
          <option value="root">root: the agent's work disk</option><option value="path">path: a directory disk, shared</option>
          <option value="mount">mount: a whole disk, exclusive</option></select>`)}
        ${diskType === 'mount' && at(['persistent', 'maxSize'], 'Max size (MiB)', html`<input type="number" min="1" ...${text(['persistent', 'maxSize'], asNumber)} />`, 'The largest mount disk to take')}
        ${at(['persistent', 'profileName'], 'Disk profile', html`<input type="text" ...${text(['persistent', 'profileName'], (t) => (t === '' ? undefined : t))} />`, 'Optional (CSI)')}
        ${diskType !== 'root' && at(['persistent', 'constraints'], 'Disk path must match', html`<input type="text"
          value=${constraint ? constraint[2] : ''} onInput=${(e) => setConstraint(e.target.value)} />`, 'A regular expression, e.g. /mnt/ssd-.+')}`
      : html`
        ${at(pod ? ['host'] : ['hostPath'], 'Host path', html`<input type="text" ...${text(pod ? ['host'] : ['hostPath'])} />`, 'A directory on the agent')}
        ${!pod && at(['mode'], 'Mode', html`<select ...${choice(['mode'])}><option value="RW">Read-write</option><option value="RO">Read-only</option></select>`)}`}
    </div>`}
  </section>`;
}
