/**
 * What a built-in integration asks of every route that uses it (HTTP and WebSocket): the
 * resources the route must be created after (an AWS-service integration's role, whose policy must
 * exist before the route can call the service), and a rule the route must meet (a path parameter
 * the integration's mapping reads). An integration is bound once per gateway and stack, and then
 * shared by later routes, so the gateway's route wiring applies these to each route itself.
 * Internal: kept apart from the public integration config.
 */
import { IConstruct, IDependable } from 'constructs';
import { check } from './errors';

/** A rule a route breaks: the integration option, its value and the rule. */
export interface RouteViolation {
  readonly prop: string;
  readonly value: unknown;
  readonly rule: string;
}

/** What every route using an integration must meet. */
export interface RouteRequirements {
  /** What each route must be created after (the service role, with its policy). */
  readonly dependencies: IDependable[];
  /** The rule the route with this key breaks, if any. */
  readonly violation?: (routeKey: string) => RouteViolation | undefined;
}

const REQUIREMENTS = new WeakMap<object, RouteRequirements>();

/** Records what every route using `routeIntegration` (aws-cdk-lib's route integration) must meet. */
export function requireOfEveryRoute(routeIntegration: object, requirements: RouteRequirements): void {
  REQUIREMENTS.set(routeIntegration, requirements);
}

/** Throws the library's error, naming the gateway, when the route breaks its integration's rule. */
export function checkRouteRequirements(gateway: IConstruct, routeKey: string, routeIntegration: object): void {
  const violation = REQUIREMENTS.get(routeIntegration)?.violation?.(routeKey);
  if (violation) {
    check(gateway, `route '${routeKey}' integration ${violation.prop}`, violation.value, violation.rule);
  }
}

/** Makes the route depend on what its integration needs first. */
export function addRouteDependencies(route: IConstruct, routeIntegration: object): void {
  for (const dependency of REQUIREMENTS.get(routeIntegration)?.dependencies ?? []) {
    route.node.addDependency(dependency);
  }
}
