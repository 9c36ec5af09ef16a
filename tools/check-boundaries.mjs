// Proves the layer rules bite: lints deliberately wrong imports (and allowed ones, as controls) with each app's
// real ESLint config, and fails unless exactly the wrong ones are refused. Run by `npm test`.
import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RULE = 'import/no-restricted-paths';

/** [app, file the import is written in, import, whether the rule must refuse it] */
const PROBES = [
  ['apps/api', 'src/platform/common/probe.ts', '../../core/drafts/drafts.service', true],
  ['apps/api', 'src/platform/collab/probe.ts', '../../core/meetings/meetings.service', true],
  ['apps/api', 'src/core/drafts/probe.ts', '../../platform/common/problem', false],
  ['apps/web', 'src/components/probe.ts', '../features/drafts/draft-editor', true],
  ['apps/web', 'src/features/comments/probe.ts', '../drafts/draft-editor', true],
  ['apps/web', 'src/features/drafts/probe.ts', '../../pages/draft-page', true],
  ['apps/web', 'src/lib/probe.ts', '../features/drafts/draft-editor', true],
  ['apps/web', 'src/features/comments/probe.ts', '../../components/list-table', false],
];

let failures = 0;
for (const [app, file, target, refused] of PROBES) {
  const eslint = new ESLint({
    cwd: join(ROOT, app),
    // The probe file does not exist, so no type information: only the layer rule is asked.
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === RULE,
  });
  const code = `import * as probe from '${target}';\nexport default probe;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, app, file) });
  const got = result.messages.some((m) => m.ruleId === RULE);
  const other = result.messages.filter((m) => m.ruleId !== RULE);
  if (got !== refused || other.length) {
    failures += 1;
    console.error(
      `${app}/${file} importing ${target}: expected ${refused ? 'refused' : 'allowed'}, got ${got ? 'refused' : 'allowed'} ${other.map((m) => m.message).join('; ')}`,
    );
  }
}
if (failures) process.exit(1);
console.log(`Layer rules: ${PROBES.length} probes, every wrong import refused, every allowed one allowed.`);
