import { layoutOfGeneration, renderGroupSvg, scenarioTopics } from '../render/staticSvg';
import { parseCommandArgs, UsageError } from './io';
import {
  assignorOptions,
  parseWholeNumber,
  readScenario,
  replayWith,
  writeTextFile,
  loadNodeRunner,
  type NodeRunnerLoader,
} from './replay';

export const renderUsage =
  'render SCENARIO --assignor NAME|FILE --generation N [--out file.svg] [--width PX]   draw one generation as SVG';

/** `render SCENARIO --assignor NAME --generation N [--out FILE] [--width PX]`. */
export function createRenderCommand(loadRunner: NodeRunnerLoader = loadNodeRunner) {
  return async (args: readonly string[], out: (text: string) => void): Promise<number> => {
    const { positionals, values } = parseCommandArgs(args, {
      assignor: { type: 'string' },
      generation: { type: 'string' },
      out: { type: 'string' },
      width: { type: 'string' },
      deadline: { type: 'string' },
    });
    const [path, ...extra] = positionals;
    if (path === undefined || extra.length > 0) throw new UsageError(`usage: ${renderUsage}`);
    const { assignor, deadlineMs } = assignorOptions(values, renderUsage);
    const generationText = values.generation;
    if (generationText === undefined)
      throw new UsageError(`--generation is required\nusage: ${renderUsage}`);
    const generation = parseWholeNumber('generation', generationText, 0);
    const widthText = values.width;
    const width = widthText === undefined ? undefined : parseWholeNumber('width', widthText, 100);

    const { scenario } = readScenario(path);
    const count = scenario.steps.length;
    if (count === 0) throw new UsageError(`${path}: the scenario has no steps, so no generations`);
    if (generation < 1 || generation > count) {
      throw new UsageError(
        `--generation ${generation} is out of range: ${path} has ${count} generation${count === 1 ? '' : 's'}, 1 to ${count}`,
      );
    }

    const { name, generations } = await replayWith(scenario, assignor, deadlineMs, loadRunner);
    const result = generations[generation - 1];
    if (result === undefined) throw new Error(`replay returned no generation ${generation}`);
    const layout = layoutOfGeneration(generations, generation, {
      topics: scenarioTopics(scenario),
      ...(width === undefined ? {} : { width }),
    });
    const m = result.metrics;
    const subtitle = [
      `${name} · generation ${generation} of ${count}: ${result.summary}`,
      result.error === undefined
        ? `moved ${m.moved} · kept ${m.kept} · spread ${m.spread}`
        : `failed: ${result.error}`,
    ].join(' · ');
    const svg = renderGroupSvg(layout, { title: scenario.name, subtitle });

    const target = values.out;
    if (target === undefined) {
      out(svg.trimEnd());
      return 0;
    }
    writeTextFile(target, svg);
    out(
      `wrote ${target}: generation ${generation} of ${JSON.stringify(scenario.name)} with ${name} (${layout.lanes.length - 1} members, ${layout.tokens.length} tokens)`,
    );
    return 0;
  };
}

export const renderCommand = createRenderCommand();
