// The web UI's shell: hash routes (#/services, #/apps/<id>, #/volumes/<persistenceId>, ...), navigation and pages.
import { Fragment, render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './components.js';
import { useConnected } from './api.js';
import { currentRoute, href } from './routes.js';
import { ServicesPage } from './pages/services.js';
import { SpecFormPage } from './pages/spec-form.js';
import { DetailPage } from './pages/detail.js';
import { VolumesPage } from './pages/volumes.js';
import { VolumePage } from './pages/volume.js';
import { LogsPage } from './pages/logs.js';
import { DeploymentsPage } from './pages/deployments.js';

function page({ segments, params }) {
  const [section, id, action] = segments;
  switch (section) {
    case undefined:
    case 'services':
      if (id === 'new') return html`<${SpecFormPage} kind=${params.get('kind') || 'app'} />`;
      return html`<${ServicesPage} />`;
    case 'apps':
    case 'pods': {
      const kind = section === 'apps' ? 'app' : 'pod';
      if (action === 'edit') return html`<${SpecFormPage} kind=${kind} id=${id} />`;
      return html`<${DetailPage} kind=${kind} id=${id} tab=${params.get('tab') || 'instances'} />`;
    }
    case 'volumes':
      return id ? html`<${VolumePage} persistenceId=${id} />` : html`<${VolumesPage} />`;
    case 'tasks':
      return html`<${LogsPage} taskId=${id} file=${params.get('file') || 'stdout'} />`;
    case 'deployments':
      return html`<${DeploymentsPage} />`;
    default:
      return html`<h1>Not found</h1><p>No page at <code>${location.hash}</code>. <a href="#/services">Services</a></p>`;
  }
}

const SECTIONS = [['services', 'Services'], ['volumes', 'Volumes'], ['deployments', 'Deployments']];

function App() {
  const [route, setRoute] = useState(currentRoute());
  const connected = useConnected();
  useEffect(() => {
    const changed = () => { setRoute(currentRoute()); window.scrollTo(0, 0); };
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  const section = route.segments[0] === 'apps' || route.segments[0] === 'pods' || !route.segments[0]
    ? 'services' : route.segments[0];
  // A page is its path (and, for the form, its kind): a new one starts afresh, a tab or log file keeps the page.
  const pageKey = route.segments.join('/') + (route.segments[1] === 'new' ? route.params.get('kind') || '' : '');
  const shownKey = useRef(pageKey);
  useEffect(() => {
    const heading = document.querySelector('main h1');
    document.title = heading ? `${heading.textContent} · Mooring` : 'Mooring';
    if (shownKey.current !== pageKey) {  // as after a page load, a screen reader starts on the new page
      shownKey.current = pageKey;
      document.getElementById('main').focus();
    }
  });
  return html`<div class="layout">
    <a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>Skip to content</a>
    <nav class="side" aria-label="Sections">
      <div class="brand">⚓ Mooring</div>
      ${SECTIONS.map(([id, label]) => html`<a href=${href(id)} aria-current=${section === id ? 'page' : undefined}>${label}</a>`)}
      <div class="live" role="status">${connected ? 'Live: connected to events' : 'Live: reconnecting…'}</div>
    </nav>
    <main id="main" tabindex="-1"><${Fragment} key=${pageKey}>${page(route)}<//></main>
  </div>`;
}

const root = document.getElementById('app');
root.textContent = '';  // the loading note
render(html`<${App} />`, root);
