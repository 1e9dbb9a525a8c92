/**
 * Long property-based runs over the whole public API (see test/property/):
 *
 *   npm run fuzz -- --runs 10000 [--seed 42] [--lint-every 1] [--compliance-every 0]
 *
 * Prints configurations per second as it goes and every failure found (shrunk, as TypeScript to
 * paste into a regression test); exits non-zero when the property failed.
 */
import { runProperty } from '../test/property/runner';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg('runs') ?? 1000);
const seed = arg('seed') !== undefined ? Number(arg('seed')) : Math.floor(Math.random() * 2 ** 31);
const lintEvery = Number(arg('lint-every') ?? 1);
const complianceEvery = Number(arg('compliance-every') ?? 0);
console.log(`fuzz: ${runs} configurations, seed ${seed} (replay with --seed ${seed}), cfn-lint on 1 synthesized app in ${lintEvery}, compliance on 1 in ${complianceEvery || 'none'}`);
const start = Date.now();
let last = start;
const stats = runProperty({
  runs, seed, lintEvery, complianceEvery, lintBatch: 200,
  progress: (done, s) => {
    const now = Date.now();
    if (now - last >= 10000 || done === runs) {
      last = now;
      const secs = (now - start) / 1000;
      console.log(`  ${done}/${runs} configurations in ${secs.toFixed(0)} s (${(done / secs).toFixed(1)}/s): ${s.rejected} rejected, ${s.synthesized} synthesized, ${s.linted} linted, ${s.failures.length} failures`);
    }
  },
});
console.log(`fuzz: ${stats.runs} configurations in ${stats.seconds.toFixed(0)} s (${(stats.runs / stats.seconds).toFixed(1)}/s), seed ${seed}: ${stats.rejected} rejected with a GatewayValidationError, ${stats.synthesized} synthesized (${stats.linted} linted with cfn-lint, ${stats.complianceChecked} compliance-checked)`);
console.log(`rules exercised: ${stats.rules.size}`);
for (const [rule, n] of [...stats.rules].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${String(n).padStart(5)}  ${rule}`);
if (stats.failures.length > 0) {
  console.error(`\n${stats.failures.length} failure(s):`);
  for (const f of stats.failures) console.error(`\n---\n${f}`);
  process.exit(1);
}
console.log('no failure');
