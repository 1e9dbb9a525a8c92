/**
 * Features an API kind does not have (rule 21): a gateway asked for one rejects it by name and
 * points to the gateway that has it, rather than silently dropping it. Which features these are,
 * and where they are found, is each adapter's data.
 */
import { IConstruct } from 'constructs';
import { GatewayValidationError } from './errors';

/** Where a feature is found: the API kind that has it and the gateway to use. */
export interface FeatureHome {
  /** e.g. `REST API`. */
  readonly apiKind: string;
  /** e.g. `RestGateway`. */
  readonly gateway: string;
}

/** Features by the option that asks for one: the feature's name in the error. */
export interface FeatureTable {
  readonly [option: string]: string;
}

/** The rule text for a feature that `apiKinds` (e.g. `HTTP APIs`) do not have. */
export function missingFeatureViolation(feature: string, apiKinds: string, home: FeatureHome): string {
  return `${feature} is a ${home.apiKind} feature that ${apiKinds} do not have; use ${home.gateway} for it`;
}

/**
 * Rejects the options of `table` that are set (not undefined) on `options`, except `allowed`
 * ones: options that reached the gateway at run time (from JavaScript, or from a TypeScript object
 * typed for another gateway).
 */
export function rejectMissingFeatures(scope: IConstruct, prefix: string, options: object | undefined, table: FeatureTable,
  violation: (feature: string) => string, allowed: string[] = []): void {
  if (!options) return;
  const record = options as { [option: string]: unknown };
  for (const key of Object.keys(table)) {
    if (record[key] !== undefined && !allowed.includes(key)) {
      throw new GatewayValidationError(scope, `${prefix}${key}`, record[key], violation(table[key]));
    }
  }
}
