#!/usr/bin/env bash
# Vendor the workspace's browser libraries and basemap from the npm registry into
# src/kharita/serve/static/vendor/ (package data), at exact versions, copying only the
# distributed files.  `kharita serve` loads nothing from the network: change a version
# here, run this script, check the map, commit the result with the NOTICE update.
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/kharita/serve/static/vendor
PACKAGES=(
  "leaflet@1.9.4"
  "leaflet-polylinedecorator@1.6.0"
  "topojson-client@3.1.0"
  "world-atlas@2.0.2"
)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for spec in "${PACKAGES[@]}"; do
  (cd "$WORK" && npm pack --silent "$spec" >/dev/null)
done
for tgz in "$WORK"/*.tgz; do
  name=$(basename "$tgz" .tgz)
  mkdir -p "$WORK/$name" && tar -xzf "$tgz" -C "$WORK/$name"
done
rm -rf "$DEST" && mkdir -p "$DEST/images"
cp "$WORK"/leaflet-1.9.4/package/dist/leaflet.js "$WORK"/leaflet-1.9.4/package/dist/leaflet.css "$DEST/"
cp "$WORK"/leaflet-1.9.4/package/dist/images/*.png "$DEST/images/"
cp "$WORK"/leaflet-polylinedecorator-1.6.0/package/dist/leaflet.polylineDecorator.js "$DEST/"
cp "$WORK"/topojson-client-3.1.0/package/dist/topojson-client.min.js "$DEST/"
cp "$WORK"/world-atlas-2.0.2/package/countries-50m.json "$DEST/"
{
  echo "# Vendored by scripts/update-vendor.sh from the npm registry; do not edit by hand."
  for spec in "${PACKAGES[@]}"; do
    name=${spec%@*}; version=${spec##*@}
    lic=$(node -e "console.log(require('$WORK/$name-$version/package/package.json').license)")
    echo "$name $version $lic"
  done
} > "$DEST/VERSIONS"
for spec in "${PACKAGES[@]}"; do
  name=${spec%@*}; version=${spec##*@}
  for f in LICENSE LICENSE.md LICENSE.txt; do
    [ -f "$WORK/$name-$version/package/$f" ] && cp "$WORK/$name-$version/package/$f" "$DEST/LICENSE.$name" && break
  done
done
ls -la "$DEST"
