// Deployments in progress across all services, with roll back and stop.
import { html, ErrorBanner, Loading } from '../components.js';
import { get, useLive } from '../api.js';
import { Deployments } from './detail.js';

export function DeploymentsPage() {
  const { data, error, reload } = useLive(() => get('/v2/deployments'), []);
  return html`<h1>Deployments</h1>
    <p class="subheader">Roll back undoes a deployment with a new one; stop leaves things where they are.</p>
    <${ErrorBanner} error=${error} />
    ${data === null && !error ? html`<${Loading} what="deployments" />` : html`<${Deployments} deployments=${data} onChanged=${reload} />`}`;
}
