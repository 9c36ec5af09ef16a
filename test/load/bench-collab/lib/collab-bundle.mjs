// Minga's provider (libs/collab, TypeScript) as one plain ES module the generator can import, rebuilt every run.
// Every package stays an import of node_modules, so yjs, socket.io-client and the rest are the generator's own
// copies (a second copy of yjs inside the bundle would not recognise the generator's Y.Doc); only the
// `@minga/contracts` path alias is bundled in.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { ROOT } from './servers.mjs';

/** Builds the bundle in a temporary folder whose node_modules is the repository's; returns its path and a remover. */
export async function bundleCollabProvider() {
  const dir = mkdtempSync(join(tmpdir(), 'minga-bench-collab-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  await build({
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { '@minga/contracts': join(ROOT, 'libs/contracts/src/index.ts') } },
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: false,
      lib: { entry: join(ROOT, 'libs/collab/src/index.ts'), formats: ['es'], fileName: () => 'collab.mjs' },
      rollupOptions: {
        external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('@minga/'),
        // Only what the provider uses of the contracts: the rest imports packages (rrule...) it never needs.
        treeshake: { moduleSideEffects: false },
      },
    },
  });
  return { path: join(dir, 'collab.mjs'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
