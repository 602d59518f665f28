// A task's stdout and stderr, read from its sandbox on the agent through the gateway: the tail first, earlier parts
// on demand, and new output while following.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, ErrorBanner, Tabs } from '../components.js';
import { get } from '../api.js';
import { href } from '../routes.js';

const CHUNK = 64 * 1024;          // bytes per read: what a Mesos agent answers at most
const KEEP = 1024 * 1024;         // about the most the page holds; older text is dropped while following
const FOLLOW_EVERY = 1000;        // ms between rounds of reads while following

const read = (taskId, file, offset, length) => get(`/v2/tasks/${encodeURIComponent(taskId)}/files/read?path=${
  encodeURIComponent(file)}&offset=${offset}&length=${length}`);

/**
 * A chunk's text and the bytes it stands for. The agent cuts at byte offsets, so a chunk may end inside a character
 * (decoded as U+FFFD): that tail is left for the next read. Elsewhere a U+FFFD stands for one byte that is not UTF-8.
 */
function decodeChunk(data) {
  const text = data.replace(/\uFFFD{1,3}$/, '');
  const replaced = (text.match(/\uFFFD/g) || []).length;
  return { text, bytes: encoder.encode(text).length - 2 * replaced };
}
const encoder = new TextEncoder();

export function LogsPage({ taskId, file }) {
  const [log, setLog] = useState({ text: '', start: 0, end: 0, loaded: false });
  const [follow, setFollow] = useState(true);
  const [error, setError] = useState(null);
  const pre = useRef(null);
  const latest = useRef(log);  // for the read loop, which outlives renders
  latest.current = log;
  const followRef = useRef(follow);
  followRef.current = follow;

  useEffect(() => {  // the tail, then, while following, what is appended: one read at a time, until left
    let cancelled = false;
    let timer = null;
    setLog({ text: '', start: 0, end: 0, loaded: false });
    setError(null);
    const tail = async () => {
      const size = (await read(taskId, file, -1, 0)).offset;
      const start = Math.max(0, size - CHUNK);
      const chunk = decodeChunk((await read(taskId, file, start, size - start)).data);
      if (!cancelled) setLog({ text: chunk.text, start, end: start + chunk.bytes, loaded: true });
    };
    const more = async () => {  // a full chunk is followed by another read at once, so a fast writer is kept up with
      let { end } = latest.current;
      for (;;) {
        const chunk = decodeChunk((await read(taskId, file, end, CHUNK)).data);
        if (cancelled || chunk.bytes === 0) return;
        const from = end;
        end += chunk.bytes;
        setLog((previous) => {
          let { text, start } = previous;
          text += chunk.text;
          if (text.length > KEEP) {
            start += decodeChunk(text.slice(0, text.length - KEEP)).bytes;
            text = text.slice(text.length - KEEP);
          }
          return { ...previous, text, start, end: from + chunk.bytes };
        });
        if (chunk.bytes < CHUNK - 3) return;  // not a full chunk: caught up
      }
    };
    const loop = async () => {
      try {
        if (!latest.current.loaded) await tail(); else if (followRef.current) await more();
        if (!cancelled) setError(null);
      } catch (e) {
        if (!cancelled) setError(e);
      }
      if (!cancelled) timer = setTimeout(loop, FOLLOW_EVERY);
    };
    latest.current = { text: '', start: 0, end: 0, loaded: false };
    loop();
    return () => { cancelled = true; clearTimeout(timer); };
  }, [taskId, file]);

  useEffect(() => {  // keep the newest line in view while following
    if (follow && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [log.text, follow]);

  const [busy, setBusy] = useState(false);
  const earlier = async () => {
    const { start } = latest.current;
    const from = Math.max(0, start - CHUNK);
    setBusy(true);
    try {
      const { data } = await read(taskId, file, from, start - from);
      setLog((previous) => (previous.start === start ? { ...previous, text: data + previous.text, start: from } : previous));
    } catch (e) { setError(e); }
    setBusy(false);
  };

  const files = [{ id: 'stdout', label: 'stdout' }, { id: 'stderr', label: 'stderr' }];
  return html`
    <h1>Logs</h1>
    <p class="subheader">Task <code>${taskId}</code>, read from its sandbox on the agent.</p>
    <${Tabs} label="Log files" tabs=${files} selected=${file}
      onSelect=${(next) => { location.hash = `${href('tasks', taskId)}?file=${next}`; }} />
    <div class="toolbar">
      <label><input type="checkbox" checked=${follow} onChange=${(e) => setFollow(e.target.checked)} /> Follow new output</label>
      <button type="button" disabled=${!log.loaded || log.start === 0 || busy} onClick=${earlier}>Load earlier output</button>
      <span class="progress">${log.loaded ? `bytes ${log.start}–${log.end}` : 'reading…'}</span>
    </div>
    <${ErrorBanner} error=${error} />
    <section role="tabpanel" id="panel-${file}" aria-labelledby="tab-${file}">
      <pre class="log" ref=${pre} tabindex="0" aria-label="${file} of ${taskId}">${log.text}${
        log.loaded && log.text === '' ? html`<span class="progress">(${file} is empty)</span>` : ''}</pre>
    </section>`;
}

