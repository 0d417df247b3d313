#!/usr/bin/env bash
# Copies the front-end assets Husly serves from npm packages into wwwroot/lib.
# Run after changing versions in package.json; the copied files are committed so that
# building and running Husly needs no npm step.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
lib=src/Husly.Web/wwwroot/lib
rm -rf "$lib"; mkdir -p "$lib/punkt/css" "$lib/punkt/fonts" "$lib/punkt/icons" "$lib/punkt/logos" "$lib/htmx"
cp node_modules/@oslokommune/punkt-css/dist/css/pkt.min.css "$lib/punkt/css/"
cp node_modules/@oslokommune/punkt-assets/dist/fonts/*.woff2 "$lib/punkt/fonts/"
# Punkt's CSS points a few icons at its CDN; this network (and a strict CSP) forbids that, so serve them locally.
grep -oE 'https://punkt-cdn\.oslo\.kommune\.no/[0-9.]+/icons/[a-z0-9-]+\.svg' "$lib/punkt/css/pkt.min.css" | sort -u |
  while read -r url; do cp "node_modules/@oslokommune/punkt-assets/dist/icons/$(basename "$url")" "$lib/punkt/icons/"; done
sed -i -E 's#https://punkt-cdn\.oslo\.kommune\.no/[0-9.]+/icons/#../icons/#g' "$lib/punkt/css/pkt.min.css"
if grep -q 'https://' "$lib/punkt/css/pkt.min.css"; then echo "pkt.min.css still links outside the app" >&2; exit 1; fi
for icon in chevron-thin-right chevron-thin-left user exit alert-error alert-success alert-information alert-warning; do
  cp "node_modules/@oslokommune/punkt-assets/dist/icons/$icon.svg" "$lib/punkt/icons/"
done
cp node_modules/@oslokommune/punkt-assets/dist/logos/oslologo.svg "$lib/punkt/logos/"
# Oslo kommune's favicons: /favicon.ico for browsers that ask without a link, the SVG and touch icon for the rest.
cp node_modules/@oslokommune/punkt-assets/dist/logos/favicon.ico src/Husly.Web/wwwroot/favicon.ico
cp node_modules/@oslokommune/punkt-assets/dist/logos/{32x32-favicon.svg,apple-touch-icon.png} "$lib/punkt/logos/"
cp node_modules/htmx.org/dist/htmx.min.js "$lib/htmx/"
cp node_modules/@oslokommune/punkt-css/LICENSE "$lib/punkt/LICENSE" 2>/dev/null || true
cp node_modules/htmx.org/LICENSE "$lib/htmx/LICENSE" 2>/dev/null || true
echo "assets copied to $lib"
