// Hash routes: #/services, #/apps/<id>, #/volumes/<persistenceId>, #/tasks/<taskId>?file=stderr, ...

/** A link to a route: each segment encoded, so that an app id's slashes stay inside its segment. */
export const href = (...segments) => `#/${segments.map((s) => encodeURIComponent(s)).join('/')}`;

export function navigate(...segments) {
  location.hash = href(...segments);
}

export function currentRoute() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  return { segments: path ? path.split('/').map(decodeURIComponent) : [], params: new URLSearchParams(query || '') };
}

export const detailHref = (runSpecId, kind, tab) =>
  href(kind === 'pod' ? 'pods' : 'apps', runSpecId) + (tab ? `?tab=${tab}` : '');
