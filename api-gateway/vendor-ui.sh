#!/usr/bin/env bash
# Refreshes the web UI's libraries in src/main/resources/ui/vendor from the npm registry, at the versions pinned
# below. The build never runs npm: the files are committed, so a Maven build needs no Node. Run by hand to upgrade.
set -euo pipefail
PREACT=10.27.2
HTM=3.1.1
cd "$(dirname "$0")"
out=src/main/resources/ui/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "preact@$PREACT" "htm@$HTM" >/dev/null && for f in *.tgz; do tar xzf "$f" --one-top-level="${f%.tgz}"; done)
strip() { grep -v '^//# sourceMappingURL=' "$1"; }  # the maps are not shipped
strip "$work/preact-$PREACT/package/dist/preact.module.js" >"$out/preact.module.js"
strip "$work/preact-$PREACT/package/hooks/dist/hooks.module.js" >"$out/hooks.module.js"
strip "$work/htm-$HTM/package/dist/htm.module.js" >"$out/htm.module.js"
{ echo "preact $PREACT (MIT):"; cat "$work/preact-$PREACT/package/LICENSE"; echo; echo "htm $HTM (Apache-2.0):"
  cat "$work/htm-$HTM/package/LICENSE"; } >"$out/LICENSES.txt"
echo "vendored preact $PREACT and htm $HTM into $out"
