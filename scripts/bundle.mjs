// Bundles the CLI into dist/bundle/ (ESM, code-split): one file to load instead of hundreds of
// modules halves imageforge's start-up (0.21 s → 0.12 s measured), which is most of a no-op run.
// The library (dist/index.js) stays plain tsc output.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Native add-ons are found at run time relative to their package: leave them to node_modules
  // (ssh2 via dockerode; better-sqlite3 for the history store; pg's optional pg-native).
  external: ['ssh2', 'cpu-features', 'better-sqlite3', 'pg-native'],
  // CommonJS dependencies inside an ESM bundle still use require, __filename and __dirname
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      "import { dirname as __pathDirname } from 'node:path';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      'const __dirname = __pathDirname(__filename);',
    ].join(' '),
  },
  logLevel: 'warning',
});
