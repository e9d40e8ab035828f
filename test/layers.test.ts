import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules in eslint.config.js, exercised on in-memory files: a wrong-way import in a
// layer must be a lint error, a right-way one must not.

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}eslint.config.js` });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('layer rules', () => {
  const wrongWay: [string, string, RegExp][] = [
    ['src/core/x.ts', "import { useStore } from '../store/store';", /src\/core/],
    ['src/store/x.ts', "import { App } from '../ui/App';", /src\/store may import only/],
    ['src/render/x.ts', "import { GroupView } from '../ui/GroupView';", /src\/render may import/],
    ['src/custom/x.ts', "import { useStore } from '../store/store';", /src\/custom may import/],
    ['src/scenario/x.ts', "import { diff } from '../results/diff';", /src\/scenario may import/],
    ['src/results/x.ts', "import { run } from '../worker/client';", /src\/results may import/],
    ['src/protocol/x.ts', "import { replay } from '../scenario/replay';", /src\/protocol may/],
    ['src/worker/sub/x.ts', "import { c } from '../../custom/sandbox';", /src\/worker may/],
    ['src/ui/x.ts', "import { main } from '../app/main';", /src\/ui may import/],
    ['src/ui/x.ts', "import { openApp } from '../../e2e/pages';", /outside src/],
    ['src/messaging/x.ts', "import { Scenario } from '../scenario/types';", /src\/messaging/],
  ];
  it.each(wrongWay)('%s: %s is a layer error', async (file, code, message) => {
    const errors = await layerErrors(
      file,
      `${code}\nexport const used = [${code.split(' ')[2]}];\n`,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  const rightWay: [string, string][] = [
    ['src/ui/x.ts', "import { useStore } from '../store/store';"],
    ['src/store/x.ts', "import { SCENARIO } from '../scenario/types';"],
    ['src/render/sub/x.ts', "import { compareCodeUnits } from '../../core/compare';"],
    ['src/app/x.ts', "import { App } from '../ui/App';"],
    ['src/scenario/x.ts', "import { simulateGeneration } from '../protocol';"],
    ['src/custom/x.ts', "import { sandbox } from './sandbox';"],
    ['src/worker/x.ts', "import { connectWorker } from '../messaging/workerClient';"],
    ['src/custom/x.ts', "import { replyGuard } from '../messaging/workerClient';"],
  ];
  it.each(rightWay)('%s: %s is allowed', async (file, code) => {
    expect(
      await layerErrors(file, `${code}\nexport const used = [${code.split(' ')[2]}];\n`),
    ).toEqual([]);
  });
});

describe('store writes', () => {
  const code =
    "import { useAppStore } from '../store/store';\nuseAppStore.setState({ shareUrl: '' });\n";
  async function writeErrors(filePath: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
    return (result?.messages ?? [])
      .filter((m) => m.ruleId === 'no-restricted-syntax')
      .map((m) => m.message);
  }

  it('outside the store, useAppStore.setState is a lint error', async () => {
    for (const file of ['src/ui/x.ts', 'src/app/x.ts', 'src/render/x.ts'])
      expect(await writeErrors(file)).toEqual([
        'Write through a store action (src/store), not useAppStore.setState.',
      ]);
  });

  it('the store itself and tests may set state directly', async () => {
    expect(await writeErrors('src/store/x.ts')).toEqual([]);
    expect(await writeErrors('src/ui/x.test.ts')).toEqual([]);
  });
});
