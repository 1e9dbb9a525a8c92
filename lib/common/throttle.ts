import { IConstruct } from 'constructs';
import { check, warn } from './errors';
import {
  ACCOUNT_DEFAULT_BURST_LIMIT, ACCOUNT_DEFAULT_RATE_LIMIT, throttleBurstViolation, throttleRateViolation,
} from './rules';

/**
 * Request throttling: a steady-state rate and a burst. Used for stages, routes and usage plans.
 */
export interface ThrottleSettings {
  /**
   * Steady-state requests per second.
   * @default - inherited from the enclosing level (stage default: the account default, 10,000)
   */
  readonly rateLimit?: number;
  /**
   * Maximum concurrent burst of requests (a whole number).
   * @default - inherited from the enclosing level (stage default: the account default, 5,000)
   */
  readonly burstLimit?: number;
}

/** The stage-level default throttle: the account defaults, so the stage never throttles below them. */
export const DEFAULT_STAGE_THROTTLE: ThrottleSettings = {
  rateLimit: ACCOUNT_DEFAULT_RATE_LIMIT,
  burstLimit: ACCOUNT_DEFAULT_BURST_LIMIT,
};

/**
 * Checks a throttle (rule 12): throws on impossible values, warns above the account defaults
 * (which AWS can raise per account, so they are not an error).
 */
export function validateThrottle(scope: IConstruct, prop: string, throttle: ThrottleSettings | undefined): void {
  if (!throttle) return;
  if (throttle.rateLimit !== undefined) {
    check(scope, `${prop}.rateLimit`, throttle.rateLimit, throttleRateViolation(throttle.rateLimit));
    if (throttle.rateLimit > ACCOUNT_DEFAULT_RATE_LIMIT) {
      warn(scope, 'throttleAboveAccountDefault',
        `${prop}.rateLimit ${throttle.rateLimit} exceeds the account default of ${ACCOUNT_DEFAULT_RATE_LIMIT} requests per second; it only takes effect if the account's quota was raised.`);
    }
  }
  if (throttle.burstLimit !== undefined) {
    check(scope, `${prop}.burstLimit`, throttle.burstLimit, throttleBurstViolation(throttle.burstLimit));
    if (throttle.burstLimit > ACCOUNT_DEFAULT_BURST_LIMIT) {
      warn(scope, 'throttleAboveAccountDefault',
        `${prop}.burstLimit ${throttle.burstLimit} exceeds the account default burst of ${ACCOUNT_DEFAULT_BURST_LIMIT}; it only takes effect if the account's quota was raised.`);
    }
  }
}
