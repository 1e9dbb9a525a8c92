/**
 * REST API rules as pure functions (see lib/common/rules.ts for those of every API kind): each
 * returns the text of the violated rule, or `undefined` when the value is valid or is a token that
 * cannot be decided at synth time. The numbers refer to the rows of docs/rules.md.
 */
import { Token } from 'aws-cdk-lib';

/** Rule 7: canary stage-variable override names are alphanumeric only. */
export function canaryVariableNameViolation(name: string): string | undefined {
  if (Token.isUnresolved(name)) return undefined;
  return /^[A-Za-z0-9]{1,64}$/.test(name) ? undefined
    : 'a canary stage-variable override name is letters and digits only (no \'_\')';
}

/** Rule 7: canary traffic percentage. */
export function canaryPercentViolation(percent: number): string | undefined {
  if (Token.isUnresolved(percent)) return undefined;
  return Number.isFinite(percent) && percent >= 0 && percent <= 100 ? undefined
    : 'percentTraffic is a number from 0.0 to 100.0';
}

/** Rule 8: cache time-to-live in seconds. */
export function cacheTtlViolation(seconds: number): string | undefined {
  if (Token.isUnresolved(seconds)) return undefined;
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= 3600 ? undefined
    : 'a cache TTL is a whole number of seconds from 0 to 3600 (0 disables caching)';
}

/**
 * A REST API's name. Source: API reference, CreateRestApi (`name` is required); no length
 * limit is documented, so only an empty name is rejected.
 */
export function restApiNameViolation(name: string): string | undefined {
  if (Token.isUnresolved(name)) return undefined;
  return name.length > 0 ? undefined : 'a REST API name is required: at least one character';
}

/**
 * REST API response compression threshold, in bytes. Source: developer guide,
 * "x-amazon-apigateway-minimum-compression-size" ("To enable compression, specify an integer
 * between 0 and 10485760"); API reference, CreateRestApi `minimumCompressionSize` ("non-negative
 * between 0 and 10485760 (10M) bytes, inclusive").
 */
export const MAX_MINIMUM_COMPRESSION_SIZE_BYTES = 10485760;

/** REST `minimumCompressionSize`: a whole number of bytes from 0 to 10,485,760. */
export function minimumCompressionSizeViolation(bytes: number): string | undefined {
  if (Token.isUnresolved(bytes)) return undefined;
  return Number.isInteger(bytes) && bytes >= 0 && bytes <= MAX_MINIMUM_COMPRESSION_SIZE_BYTES ? undefined
    : `a minimum compression size is a whole number of bytes from 0 to ${MAX_MINIMUM_COMPRESSION_SIZE_BYTES} (10 MiB)`;
}
