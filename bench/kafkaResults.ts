/**
 * Kafka's own Java assignor timings from the side-by-side harness in
 * `../shared/kafka-bench/`, so `npm run bench` can print them beside ours.
 *
 * Where they come from, first found wins: `$KAFKA_BENCH_RESULTS` (a JSON or Markdown file),
 * then the harness folder's `last-results.json` and `last-results.md` (a run made here), the
 * newest interleaved run committed in `bench/kafka/` (the one the README quotes, so a clean
 * clone prints it too), and the harness's own newest `runs/*.json` and `runs/*.md`. JSON is either `compare.sh`'s aggregate
 * (`{java: {results: [...]}}`) or one `Harness` run (`{results: [...]}`); Markdown is the
 * harness's tables ("## Names: original" then `| case | phase | java range | ...`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface KafkaResults {
  readonly source: string;
  /** Median ms per call keyed by {@link kafkaKey}. */
  readonly medians: ReadonlyMap<string, number>;
}

/** `names` is the harness's topic-name variant: `original` (t000…) or `hashed`. */
export function kafkaKey(names: string, c: string, phase: string, assignor: string): string {
  return `${names}/${c}/${phase}/${assignor}`;
}

export const DEFAULT_HARNESS_DIR = resolve(import.meta.dirname, '../../shared/kafka-bench');
/** compare.sh's aggregates of runs made for the README (figures only, no Kafka code). */
export const COMMITTED_RUNS_DIR = resolve(import.meta.dirname, 'kafka');

export function findKafkaResults(
  env: string | undefined,
  harnessDir: string = DEFAULT_HARNESS_DIR,
): string | undefined {
  if (env !== undefined && env !== '') return env;
  const newest = (ext: string, dir = join(harnessDir, 'runs')): string | undefined => {
    if (!existsSync(dir)) return undefined;
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(ext))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const last = files[files.length - 1];
    return last === undefined ? undefined : join(dir, last);
  };
  const candidates = [
    join(harnessDir, 'last-results.json'),
    join(harnessDir, 'last-results.md'),
    newest('.json', COMMITTED_RUNS_DIR),
    newest('.json'),
    newest('.md'),
  ];
  return candidates.find((file) => file !== undefined && existsSync(file));
}

interface JsonRow {
  readonly names?: string;
  readonly case: string;
  readonly phase: string;
  readonly assignor: string;
  readonly medianMs: number;
}

export function parseKafkaResults(source: string, text: string): KafkaResults {
  const medians = new Map<string, number>();
  if (source.endsWith('.md')) {
    let names = 'original';
    let columns: string[] | undefined;
    for (const line of text.split('\n')) {
      const heading = /^## Names: (\S+)/.exec(line);
      if (heading !== null) {
        names = heading[1] as string;
        columns = undefined;
        continue;
      }
      if (!line.startsWith('|')) {
        columns = undefined;
        continue;
      }
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      if (cells[0] === 'case') {
        // Only the medians table: the spread tables have the same header but hold ranges.
        columns = cells;
        continue;
      }
      if (columns === undefined || cells[0]?.startsWith('---')) continue;
      columns.forEach((column, i) => {
        const assignor = /^java (.+)$/.exec(column)?.[1];
        const value = Number(cells[i]);
        const key = kafkaKey(names, cells[0] ?? '', cells[1] ?? '', assignor ?? '');
        if (assignor !== undefined && Number.isFinite(value) && !medians.has(key)) {
          medians.set(key, value);
        }
      });
    }
    return { source, medians };
  }
  const doc = JSON.parse(text) as {
    label?: string;
    results?: JsonRow[];
    java?: { results?: JsonRow[] };
  };
  const rows = doc.java?.results ?? doc.results ?? [];
  for (const row of rows) {
    const names = row.names ?? doc.label ?? 'original';
    medians.set(kafkaKey(names, row.case, row.phase, row.assignor), row.medianMs);
  }
  return { source, medians };
}

/** The harness's figures, or `undefined` when no results file is there (or it is unreadable). */
export function loadKafkaResults(
  env: string | undefined,
): KafkaResults | { error: string } | undefined {
  const file = findKafkaResults(env);
  if (file === undefined) return undefined;
  try {
    return parseKafkaResults(file, readFileSync(file, 'utf8'));
  } catch (error) {
    return {
      error: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
