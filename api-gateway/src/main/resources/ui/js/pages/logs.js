// A task's stdout and stderr, read from its sandbox on the agent through the gateway: the tail first, earlier parts
// on demand, and new output while following.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, ErrorBanner, Tabs } from '../components.js';
import { get } from '../api.js';
import { href } from '../routes.js';

const CHUNK = 64 * 1024;          // bytes per read
const KEEP = 1024 * 1024;         // the most the page holds; older text is dropped while following
const FOLLOW_EVERY = 1000;        // ms between reads while following

const read = (taskId, file, offset, length) => get(`/v2/tasks/${encodeURIComponent(taskId)}/files/read?path=${
  encodeURIComponent(file)}&offset=${offset}&length=${length}`);

export function LogsPage({ taskId, file }) {
  const [log, setLog] = useState({ text: '', start: 0, end: 0, loaded: false });
  const [follow, setFollow] = useState(true);
  const [error, setError] = useState(null);
  const pre = useRef(null);
  const state = useRef(log);
  state.current = log;

  useEffect(() => {  // the tail
    let cancelled = false;
    setLog({ text: '', start: 0, end: 0, loaded: false });
    setError(null);
    (async () => {
      try {
        const size = (await read(taskId, file, -1, 0)).offset;
        const start = Math.max(0, size - CHUNK);
        const chunk = await read(taskId, file, start, size - start);
        if (!cancelled) setLog({ text: chunk.data, start, end: start + byteLength(chunk.data), loaded: true });
      } catch (e) { if (!cancelled) setError(e); }
    })();
    return () => { cancelled = true; };
  }, [taskId, file]);

  useEffect(() => {  // following: what was appended since the last read
    if (!follow || !log.loaded) return undefined;
    const timer = setInterval(async () => {
      try {
        const current = state.current;
        const chunk = await read(taskId, file, current.end, CHUNK);
        if (chunk.data.length === 0) return;
        let text = current.text + chunk.data;
        let start = current.start;
        if (text.length > KEEP) { start += byteLength(text.slice(0, text.length - KEEP)); text = text.slice(text.length - KEEP); }
        setLog({ text, start, end: current.end + byteLength(chunk.data), loaded: true });
        setError(null);
      } catch (e) { setError(e); }
    }, FOLLOW_EVERY);
    return () => clearInterval(timer);
  }, [follow, log.loaded, taskId, file]);

  useEffect(() => {  // keep the newest line in view while following
    if (follow && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [log.text, follow]);

  const earlier = async () => {
    try {
      const start = Math.max(0, log.start - CHUNK);
      const chunk = await read(taskId, file, start, log.start - start);
      setLog({ ...state.current, text: chunk.data + state.current.text, start });
    } catch (e) { setError(e); }
  };

  const files = [{ id: 'stdout', label: 'stdout' }, { id: 'stderr', label: 'stderr' }];
  return html`
    <h1>Logs</h1>
    <p class="subheader">Task <code>${taskId}</code>, read from its sandbox on the agent.</p>
    <${Tabs} label="Log files" tabs=${files} selected=${file}
      onSelect=${(next) => { location.hash = `${href('tasks', taskId)}?file=${next}`; }} />
    <div class="toolbar">
      <label><input type="checkbox" checked=${follow} onChange=${(e) => setFollow(e.target.checked)} /> Follow new output</label>
      <button type="button" disabled=${!log.loaded || log.start === 0} onClick=${earlier}>Load earlier output</button>
      <span class="progress">${log.loaded ? `bytes ${log.start}–${log.end}` : 'reading…'}</span>
    </div>
    <${ErrorBanner} error=${error} />
    <section role="tabpanel" id="panel-${file}" aria-labelledby="tab-${file}">
      <pre class="log" ref=${pre} tabindex="0" aria-label="${file} of ${taskId}">${log.text}${
        log.loaded && log.text === '' ? html`<span class="progress">(${file} is empty)</span>` : ''}</pre>
    </section>`;
}

const encoder = new TextEncoder();
const byteLength = (text) => encoder.encode(text).length;
