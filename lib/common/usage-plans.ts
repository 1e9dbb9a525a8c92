import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { IConstruct } from 'constructs';
import { check, warn } from './errors';
import { ThrottleSettings } from './throttle';

/** An API key may belong to at most 10 usage plans (rule 14). */
export const MAX_PLANS_PER_API_KEY = 10;

/** Options of an API key. */
export interface GatewayApiKeyOptions {
  /**
   * The key's value, read from Secrets Manager at deploy time (a dynamic reference: the value
   * never appears in the template or an output). 20 to 128 characters.
   * @default - API Gateway generates the value
   */
  readonly valueSecret?: secretsmanager.ISecret;
  /**
   * The JSON field of the secret holding the value.
   * @default - the whole secret string
   */
  readonly valueSecretField?: string;
  /**
   * A description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Whether the key can be used.
   * @default true
   */
  readonly enabled?: boolean;
}

/** A usage plan's quota. */
export interface UsagePlanQuota {
  /** Requests allowed per period (a whole number greater than 0). */
  readonly limit: number;
  /** The period. */
  readonly period: apigateway.Period;
  /**
   * Requests already used at the start of the first period.
   * @default 0
   */
  readonly offset?: number;
}

/** A usage plan's settings for one stage. */
export interface UsagePlanStageOptions {
  /** The stage. */
  readonly stageName: string;
  /**
   * Per-route throttles on this stage, by route key (routes must already be added). REST only:
   * WebSocket usage plans throttle per stage.
   * @default - the plan's throttle
   */
  readonly routeThrottles?: { [routeKey: string]: ThrottleSettings };
}

/** Options of a usage plan. */
export interface GatewayUsagePlanOptions {
  /**
   * A description.
   * @default - none
   */
  readonly description?: string;
  /**
   * The plan's throttle for each key.
   * @default - no plan throttle (the stage's applies)
   */
  readonly throttle?: ThrottleSettings;
  /**
   * The plan's quota for each key.
   * @default - no quota
   */
  readonly quota?: UsagePlanQuota;
  /**
   * The stages the plan covers, with per-route throttles.
   * @default - every stage of the gateway, without route throttles
   */
  readonly stages?: UsagePlanStageOptions[];
  /**
   * Names of API keys (added with `addApiKey`) that belong to the plan.
   * @default - none; add them later with `addApiKeyToPlan`
   */
  readonly apiKeys?: string[];
}

/** Validates a quota (rule 29): a positive whole limit and a non-negative whole offset below it. */
export function validateQuota(scope: IConstruct, prop: string, quota: UsagePlanQuota | undefined): void {
  if (!quota) return;
  check(scope, `${prop}.limit`, quota.limit,
    Number.isInteger(quota.limit) && quota.limit > 0 ? undefined : 'a quota limit is a whole number of requests greater than 0');
  const offset = quota.offset ?? 0;
  check(scope, `${prop}.offset`, offset,
    Number.isInteger(offset) && offset >= 0 ? undefined : 'a quota offset is a whole number, 0 or more');
  // The API reference describes the offset both as requests subtracted in the first period and
  // as the day the period starts; a DAY period has no start day to move, so only warn.
  if (quota.period === apigateway.Period.DAY && offset !== 0) {
    warn(scope, 'dayQuotaOffset', `${prop}.offset ${offset} on a DAY quota: API Gateway may reject or ignore an offset for daily quotas; use 0.`);
  }
}
