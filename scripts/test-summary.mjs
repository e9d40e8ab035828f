// Prints one closing line for the whole test run, `N passed, M failed`, from the JSON reports
// Vitest and Playwright write into reports/ (CI reads that line; each runner's own summary
// is in its output above).
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
let passed = 0;
let failed = 0;
let skipped = 0;

const unit = read('reports/vitest.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
  console.log(`unit tests: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`);
}
const e2e = read('reports/playwright.json');
if (e2e) {
  const { expected = 0, unexpected = 0, flaky = 0, skipped: e2eSkipped = 0 } = e2e.stats ?? {};
  passed += expected + flaky;
  failed += unexpected;
  skipped += e2eSkipped;
  console.log(`browser tests: ${expected + flaky} passed, ${unexpected} failed`);
}
if (!unit && !e2e) {
  console.log('no test reports found in reports/');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
