/**
 * One measured synthesis, in its own process (spawned by bench/routes.ts):
 *
 *   node --import tsx bench/synth-one.ts <impl> <n> <shape> <stages> [<routeStacks JSON>]
 *   BENCH_OUTDIR=/tmp/out node --import tsx bench/synth-one.ts RestGateway 300 flat 1 '{"count":8}'   (keeps cdk.out)
 *
 * Builds App + Stack + one Lambda function + the API with N routes, runs app.synth() into a
 * temporary outdir, then prints one line `SYNTH_REPORT {json}` (see SynthReport): CPU, wall time
 * and peak RSS of the whole process up to the end of synth (module loading included), and what
 * the synthesized templates (nested stacks included) contain. Only the modules the implementation
 * needs are loaded: a plain aws-cdk-lib implementation does not load this library.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { IMPLS, REPORT_PREFIX, RouteStacksConfig, Shape, SHAPES, SynthReport, routeKeys, stageNames } from './cells';

type Builder = (stack: Stack, fn: lambda.IFunction, options: { routeKeys: string[]; stageNames: string[]; routeStacks?: RouteStacksConfig }) => void;

/** Loads only the modules the implementation needs (a plain aws-cdk-lib one does not load this library). */
async function loadBuilder(id: string): Promise<Builder> {
  switch (id) {
    case 'RestGateway': return (await import('./impl-library')).buildRestGateway;
    case 'HttpGateway': return (await import('./impl-library')).buildHttpGateway;
    case 'RestApiPeer': return (await import('./impl-plain')).buildRestPeer;
    case 'RestApiUnscoped': { const { buildRestApi } = await import('./impl-plain'); return (s, f, o) => buildRestApi(s, f, o, false); }
    case 'RestApi': { const { buildRestApi } = await import('./impl-plain'); return (s, f, o) => buildRestApi(s, f, o, true); }
    case 'HttpApiUnscoped': { const { buildHttpApi } = await import('./impl-plain'); return (s, f, o) => buildHttpApi(s, f, o, false); }
    case 'HttpApi': { const { buildHttpApi } = await import('./impl-plain'); return (s, f, o) => buildHttpApi(s, f, o, true); }
    default: throw new Error(`no builder for ${id}`);
  }
}

async function main(): Promise<void> {
  const [implId, nText, shapeText, stagesText, routeStacksText] = process.argv.slice(2);
  const impl = IMPLS.find(i => i.id === implId);
  const n = Number(nText);
  const shape = shapeText as Shape;
  const stages = Number(stagesText);
  if (!impl || !Number.isInteger(n) || n < 1 || !SHAPES.includes(shape) || ![1, 2, 3].includes(stages)) {
    throw new Error(`usage: synth-one.ts <${IMPLS.map(i => i.id).join('|')}> <n> <${SHAPES.join('|')}> <1|3> [routeStacks JSON]`);
  }
  const routeStacks = routeStacksText ? JSON.parse(routeStacksText) as RouteStacksConfig : undefined;

  const { App, Stack } = await import('aws-cdk-lib');
  const lambda = await import('aws-cdk-lib/aws-lambda');
  const { CURRENTLY_RECOMMENDED_FLAGS } = await import('aws-cdk-lib/cx-api');
  const { ENV, STACK_NAME, measureAssembly } = await import('./measure');
  const build = await loadBuilder(impl.id);
  const cpuMs = (): number => {
    const cpu = process.cpuUsage();
    return (cpu.user + cpu.system) / 1000;
  };
  const loadedCpuMs = cpuMs();

  // BENCH_OUTDIR=<dir> keeps the cloud assembly there (for a look at the templates); by default a temporary one.
  const keep = process.env.BENCH_OUTDIR;
  const outdir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'routes-bench-'));
  try {
    const app = new App({
      outdir,
      context: {
        // The flags `cdk init` writes into a new project's cdk.json: every implementation runs with the same ones.
        ...CURRENTLY_RECOMMENDED_FLAGS,
        // aws-cdk-lib refuses to synthesize a stack of more than 500 resources (the CloudFormation
        // limit, reported in the tables); lift that check so an unsplit stack can still be measured.
        '@aws-cdk/core:stackResourceLimit': 0,
      },
    });
    const stack = new Stack(app, STACK_NAME, { env: ENV });
    const fn = new lambda.Function(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
    });
    build(stack, fn, { routeKeys: routeKeys(n, shape), stageNames: stageNames(stages), routeStacks });
    const builtCpuMs = cpuMs();
    app.synth();

    // Measured up to here: the whole process so far (startup, module loading, construction, synth).
    const totalCpuMs = cpuMs();
    const wallMs = performance.now();
    const maxRssMb = process.resourceUsage().maxRSS / 1024;

    const report: SynthReport = {
      impl: impl.id,
      n,
      shape,
      stages,
      routeStacks,
      cpuMs: totalCpuMs,
      wallMs,
      phasesCpuMs: { load: loadedCpuMs, build: builtCpuMs - loadedCpuMs, synth: totalCpuMs - builtCpuMs },
      maxRssMb,
      ...measureAssembly(outdir),
    };
    console.log(REPORT_PREFIX + JSON.stringify(report));
  } finally {
    if (!keep) fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(1);
});
