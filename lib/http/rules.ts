/**
 * HTTP API rules as pure functions (see lib/common/rules.ts for those of every API kind): each
 * returns the text of the violated rule, or `undefined` when the value is valid or is a token.
 */
import { Token } from 'aws-cdk-lib';

/**
 * HTTP API CORS preflight cache time, in seconds. Source: Amazon API Gateway V2 API reference,
 * `Cors.maxAge` of type `IntegerWithLengthBetweenMinus1And86400` (-1 turns caching off).
 */
export const MAX_HTTP_CORS_MAX_AGE_SECONDS = 86400;

/** HTTP API `cors.maxAge`: a whole number of seconds from -1 to 86,400 (one day). */
export function httpCorsMaxAgeViolation(seconds: number): string | undefined {
  if (Token.isUnresolved(seconds)) return undefined;
  return Number.isInteger(seconds) && seconds >= -1 && seconds <= MAX_HTTP_CORS_MAX_AGE_SECONDS ? undefined
    : `an HTTP API CORS max age is a whole number of seconds from -1 to ${MAX_HTTP_CORS_MAX_AGE_SECONDS} (one day)`;
}
