/** The library's implementations: RestGateway and HttpGateway with their defaults. */
import { Annotations, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as library from '../lib';

/**
 * The library as users load it: the compiled package (`build/`, the package's `main`), not the
 * TypeScript sources through tsx (about 100 ms more to load). `npm run bench` builds it first;
 * BENCH_LIBRARY=../lib measures the sources instead.
 */
// Members are read where used, not destructured here: the package's entry point loads a module on
// first access, and a REST app must not pay for loading the HTTP gateway (nor the other way round).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled library, chosen at run time
const lib = require(process.env.BENCH_LIBRARY ?? '../build') as typeof library;
import { RouteStacksConfig } from './cells';

export interface LibraryBuildOptions {
  readonly routeKeys: string[];
  readonly stageNames: string[];
  /** The gateway's `routeStacks` prop, or undefined to leave it unset. */
  readonly routeStacks?: RouteStacksConfig;
}

export function buildRestGateway(stack: Stack, fn: lambda.IFunction, options: LibraryBuildOptions): void {
  const { RestGateway, RestIntegration } = lib;
  const api = new RestGateway(stack, 'Api', {
    stages: options.stageNames.map(stageName => ({ stageName })),
    routeStacks: options.routeStacks,
  });
  const integration = RestIntegration.lambdaFunction(fn);
  for (const key of options.routeKeys) api.addRoute(key, integration);
  acknowledgeAccountRole(api);
}

export function buildHttpGateway(stack: Stack, fn: lambda.IFunction, options: LibraryBuildOptions): void {
  const { HttpGateway, HttpIntegration } = lib;
  const api = new HttpGateway(stack, 'Api', {
    stages: options.stageNames.map(stageName => ({ stageName })),
    routeStacks: options.routeStacks,
  });
  const integration = HttpIntegration.lambdaFunction(fn);
  for (const key of options.routeKeys) api.addRoute(key, integration);
  acknowledgeAccountRole(api);
}

/**
 * The bench app, like the plain peers, has no account-level CloudWatch role for execution logs;
 * a real app has one (GatewayAccountLogging) or acknowledges the library's warning, as here, so
 * that the library is not timed printing a validation report the peers have no reason to print.
 */
function acknowledgeAccountRole(api: library.RestGateway | library.HttpGateway): void {
  Annotations.of(api).acknowledgeWarning('cdk-api-gateways:executionLoggingRole', 'bench app: the account role is managed elsewhere');
}
