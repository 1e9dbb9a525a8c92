/**
 * Every configuration either fails clearly or deploys (issue 13): configurations of every gateway,
 * generated from the jsii assembly (test/property/jsii-arbitraries.ts), either throw a
 * GatewayValidationError naming path, prop and value, or synthesize templates that pass the
 * ordering check and cfn-lint (one batched call). Fixed seed here; `npm run fuzz` for long runs.
 */
import { appArbitrary, gatewayClasses, loadAssembly } from './jsii-arbitraries';
import { runProperty } from './runner';

const SEED = 13;
const RUNS = 300;

test('the generators cover every type the gateways reach', () => {
  const assembly = loadAssembly();
  const { arbitraries } = appArbitrary(assembly, { invalid: true });
  expect(gatewayClasses(assembly)).toEqual(['cdk-api-gateways.HttpGateway', 'cdk-api-gateways.RestGateway', 'cdk-api-gateways.WebSocketGateway']);
  // A type with no generator (a new aws-cdk-lib resource type in a prop) needs a RESOURCES entry.
  expect([...arbitraries.uncovered]).toEqual([]);
});

test(`${RUNS} generated configurations (seed ${SEED}) either fail with a GatewayValidationError or synthesize valid templates`, () => {
  const stats = runProperty({ runs: RUNS, seed: SEED, lintBatch: 1000 });
  expect(stats.failures).toEqual([]);
  expect(stats.runs).toBe(RUNS);
  expect(stats.synthesized).toBeGreaterThan(0);
  expect(stats.linted).toBe(stats.synthesized);
}, 240_000);
