import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { check, GatewayValidationError, warn } from './errors';
import { integrationTimeoutViolation } from './rules';

/** An API kind's integration-timeout limits (rule 10), given by its adapter. */
export interface IntegrationTimeoutLimits {
  /** The most the API kind allows, in milliseconds. */
  readonly maxMs: number;
  /** Who the maximum is for, in the error text, e.g. `HTTP APIs`. */
  readonly appliesTo: string;
  /**
   * Above this the timeout deploys only where the account's quota was raised: a warning.
   * @default - no such quota
   */
  readonly defaultQuotaMs?: number;
  /**
   * The gateway the route belongs to: the literal timeout is recorded for the default thresholds
   * of the latency alarms (see latencyBasisMs).
   * @default - not recorded
   */
  readonly gateway?: IConstruct;
}

/** The literal integration timeouts of each gateway's routes, in milliseconds, by route key. */
const routeTimeouts = new WeakMap<IConstruct, Map<string, number>>();

/**
 * The timeout latency alarms are measured against, read when the template is written (routes may
 * come after `addAlarms`): a route's own timeout, or its API kind's default; for a whole stage, the
 * longest of the default and every route's (a stage whose routes may take 5 minutes must not alarm
 * at 23 seconds).
 */
export function latencyBasisMs(gateway: IConstruct, defaultMs: number, routeKey?: string): () => number {
  return () => {
    const timeouts = routeTimeouts.get(gateway) ?? new Map<string, number>();
    if (routeKey !== undefined) return timeouts.get(routeKey) ?? defaultMs;
    return Math.max(defaultMs, ...timeouts.values());
  };
}

/** Validates a route's integration timeout (rule 10) and returns it; a token is not decided. */
export function validateIntegrationTimeout(scope: IConstruct, routeKey: string, timeout: Duration | undefined,
  limits: IntegrationTimeoutLimits): Duration | undefined {
  if (timeout === undefined) return timeout;
  if (timeout.isUnresolved() && timeout.unitLabel() !== 'millis') {
    // CloudFormation takes milliseconds; aws-cdk-lib cannot convert a token amount of another unit.
    throw new GatewayValidationError(scope, `route '${routeKey}' integration timeout`, timeout.toString(),
      'a timeout whose amount is a token must be given with Duration.millis(), the unit CloudFormation takes');
  }
  if (Token.isUnresolved(timeout.toMilliseconds({ integral: false }))) return timeout;
  const ms = timeout.toMilliseconds({ integral: false });
  check(scope, `route '${routeKey}' integration timeout`, `${ms} ms`, integrationTimeoutViolation(ms, limits.maxMs, limits.appliesTo));
  if (limits.gateway !== undefined) {
    const timeouts = routeTimeouts.get(limits.gateway) ?? new Map<string, number>();
    timeouts.set(routeKey, ms);
    routeTimeouts.set(limits.gateway, timeouts);
  }
  if (limits.defaultQuotaMs !== undefined && ms > limits.defaultQuotaMs) {
    warn(scope, 'timeoutAboveDefaultQuota',
      `route '${routeKey}' integration timeout ${ms} ms exceeds ${limits.defaultQuotaMs / 1000} s; it deploys only if the account's integration-timeout quota was raised for this region.`);
  }
  return timeout;
}
