/**
 * The files the media effects load at run time: MediaPipe's selfie segmentation (script, wasm,
 * model, graph) and RNNoise's wasm. They ship inside their npm packages and are served from there
 * by app/media-effects/[file] (nothing is copied into the repository, nothing comes from a CDN).
 * Shared by that route (which file on disk) and the browser code (which URL).
 */
export const EFFECT_ASSET_BASE = '/media-effects';

export interface EffectAsset {
  /** The npm package that ships the file, and its path inside it. */
  packageName: string;
  file: string;
  contentType: string;
}

const SEGMENTATION = '@mediapipe/selfie_segmentation';
const JS = 'text/javascript; charset=utf-8';
const BINARY = 'application/octet-stream';

function segmentation(file: string, contentType: string): EffectAsset {
  return { packageName: SEGMENTATION, file, contentType };
}

/** URL name → file. Only these names are served. */
export const EFFECT_ASSETS: Readonly<Record<string, EffectAsset>> = Object.freeze({
  'selfie_segmentation.js': segmentation('selfie_segmentation.js', JS),
  'selfie_segmentation.binarypb': segmentation('selfie_segmentation.binarypb', BINARY),
  'selfie_segmentation.tflite': segmentation('selfie_segmentation.tflite', BINARY),
  'selfie_segmentation_landscape.tflite': segmentation('selfie_segmentation_landscape.tflite', BINARY),
  'selfie_segmentation_solution_simd_wasm_bin.js': segmentation(
    'selfie_segmentation_solution_simd_wasm_bin.js',
    JS,
  ),
  'selfie_segmentation_solution_simd_wasm_bin.wasm': segmentation(
    'selfie_segmentation_solution_simd_wasm_bin.wasm',
    'application/wasm',
  ),
  'selfie_segmentation_solution_simd_wasm_bin.data': segmentation(
    'selfie_segmentation_solution_simd_wasm_bin.data',
    BINARY,
  ),
  'selfie_segmentation_solution_wasm_bin.js': segmentation('selfie_segmentation_solution_wasm_bin.js', JS),
  'selfie_segmentation_solution_wasm_bin.wasm': segmentation(
    'selfie_segmentation_solution_wasm_bin.wasm',
    'application/wasm',
  ),
  'rnnoise.wasm': {
    packageName: '@jitsi/rnnoise-wasm',
    file: 'dist/rnnoise.wasm',
    contentType: 'application/wasm',
  },
});

export function effectAssetUrl(name: keyof typeof EFFECT_ASSETS & string): string {
  return `${EFFECT_ASSET_BASE}/${name}`;
}
