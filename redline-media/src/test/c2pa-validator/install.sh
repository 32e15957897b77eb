#!/usr/bin/env bash
# Installs the pinned C2PA validator (see package.json) into the directory given (default:
# redline-media/target/c2pa-validator), for C2paIndependentValidationTest. Needs Node.js and npm
# and the npm registry; the test calls this itself, CI needs nothing more.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="${1:-$here/../../../target/c2pa-validator}"
mkdir -p "$dest"
cp "$here/package.json" "$here/validate.mjs" "$dest/"
cd "$dest"
if [ ! -f node_modules/@contentauth/c2pa-wasm/pkg/c2pa_bg.wasm ]; then
  npm install --no-audit --no-fund --prefer-offline --loglevel=error
fi
node -e "import('@contentauth/c2pa-wasm').then(() => console.log('c2pa-wasm ready'))"
