// Reads one file with the official C2PA SDK (c2pa-rs as WebAssembly, @contentauth/c2pa-wasm) and
// prints one JSON line: the validation state, the active manifest's status codes, and what it
// says of its ingredients. Usage: node validate.mjs FILE MEDIA_TYPE [TRUST_ANCHORS.pem]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';

const [file, mediaType, anchors] = process.argv.slice(2);
const require = createRequire(import.meta.url);
initSync({ module: readFileSync(require.resolve('@contentauth/c2pa-wasm/c2pa.wasm')) });
const context = anchors
  ? JSON.stringify({ verify: { verify_trust: true }, trust: { trust_anchors: readFileSync(anchors, 'utf8') } })
  : null;
const codes = (list) => (list ?? []).map((s) => s.code);
try {
  const reader = await WasmReader.fromBytes(mediaType, new Uint8Array(readFileSync(file)), context);
  const store = JSON.parse(reader.json());
  const active = store.manifests[store.active_manifest];
  const results = store.validation_results ?? {};
  console.log(JSON.stringify({
    state: store.validation_state,
    activeManifest: store.active_manifest,
    claimGenerator: active?.claim_generator ?? active?.claim_generator_info?.[0]?.name ?? null,
    assertions: (active?.assertions ?? []).map((a) => a.label),
    ingredients: (active?.ingredients ?? []).map((i) => ({ relationship: i.relationship, activeManifest: i.active_manifest ?? null })),
    failure: codes(results.activeManifest?.failure),
    failureDetails: (results.activeManifest?.failure ?? []).map((s) => `${s.code} ${s.url ?? ''}: ${s.explanation ?? ''}`),
    success: codes(results.activeManifest?.success),
    ingredientFailure: (results.ingredientDeltas ?? []).flatMap((d) => codes(d.validationDeltas?.failure)),
    ingredientSuccess: (results.ingredientDeltas ?? []).flatMap((d) => codes(d.validationDeltas?.success)),
  }));
} catch (e) {
  console.log(JSON.stringify({ state: 'Error', error: String(e) }));
}
