/** `npm run fuzz [-- CASES [FIRST_SEED]]`: the long fuzz run, with a report of what it found. */
import { runFuzz } from './hostileInputs';

const cases = Number(process.argv[2] ?? 20_000);
const firstSeed = Number(process.argv[3] ?? 1);
const started = performance.now();
const report = await runFuzz(cases, firstSeed);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${report.cases} cases in ${seconds} s: ${report.accepted} accepted, ${report.refused} refused, ${report.crashes.length} crashes; slowest ${report.slowestMs.toFixed(0)} ms (${report.slowest?.kind} seed ${report.slowest?.seed})`,
);
for (const crash of report.crashes.slice(0, 20))
  console.log(`  ${crash.kind} seed ${crash.seed}: ${crash.message}`);
process.exitCode = report.crashes.length === 0 ? 0 : 1;
