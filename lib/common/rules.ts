/**
 * API Gateway's rules as pure functions. Each returns the text of the violated rule, or
 * `undefined` when the value is valid (or is a token that cannot be decided at synth time).
 * The numbers refer to the rows of docs/rules.md.
 */
import { Token } from 'aws-cdk-lib';

function unresolved(value: unknown): boolean {
  return Token.isUnresolved(value);
}

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/** Rule 5: stage names. HTTP APIs also accept `$default`. */
export function stageNameViolation(name: string, allowDollarDefault: boolean): string | undefined {
  if (unresolved(name)) return undefined;
  if (allowDollarDefault && name === '$default') return undefined;
  if (!STAGE_NAME.test(name)) {
    return 'a stage name is 1 to 128 characters of letters, digits, \'-\' and \'_\''
      + (allowDollarDefault ? ' (or exactly \'$default\')' : '');
  }
  return undefined;
}

const VARIABLE_NAME = /^[A-Za-z0-9_]{1,64}$/;
const VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/;
/** Rule 6: at most 100 stage variables per stage. */
export const MAX_STAGE_VARIABLES = 100;

/** Rule 6: a stage variable's name. */
export function stageVariableNameViolation(name: string): string | undefined {
  if (unresolved(name)) return undefined;
  return VARIABLE_NAME.test(name) ? undefined
    : 'a stage variable name is 1 to 64 characters of letters, digits and \'_\'';
}

/** Rule 6: a stage variable's value. */
export function stageVariableValueViolation(value: string): string | undefined {
  if (unresolved(value)) return undefined;
  return VARIABLE_VALUE.test(value) ? undefined
    : 'a stage variable value is 1 to 512 characters of letters, digits and - . _ ~ : / ? # & = ,';
}

/** Rule 10: integration timeout in milliseconds, for the given API kind. */
export function integrationTimeoutViolation(ms: number, maxMs: number, kind: string): string | undefined {
  if (unresolved(ms)) return undefined;
  if (!Number.isInteger(ms) || ms < 50) {
    return 'an integration timeout is at least 50 milliseconds';
  }
  if (ms > maxMs) {
    return `an integration timeout is at most ${maxMs / 1000} seconds for ${kind}`;
  }
  return undefined;
}

/** Rule 12: a throttle's steady-state rate (requests per second). */
export function throttleRateViolation(rate: number): string | undefined {
  if (unresolved(rate)) return undefined;
  return Number.isFinite(rate) && rate >= 0 ? undefined
    : 'a throttle rate limit is a non-negative number of requests per second';
}

/** Rule 12: a throttle's burst (a whole number of requests). */
export function throttleBurstViolation(burst: number): string | undefined {
  if (unresolved(burst)) return undefined;
  return Number.isInteger(burst) && burst >= 0 ? undefined
    : 'a throttle burst limit is a non-negative whole number of requests';
}

/** Rule 12: the account-level default quotas (they can be raised, so exceeding them only warns). */
export const ACCOUNT_DEFAULT_RATE_LIMIT = 10000;
/** Rule 12: the account-level default burst. */
export const ACCOUNT_DEFAULT_BURST_LIMIT = 5000;

/** Rule 18: an access-log format must carry a request id. */
export function accessLogFormatViolation(format: string, maxBytes?: number): string | undefined {
  if (unresolved(format)) return undefined;
  if (!format.includes('$context.requestId') && !format.includes('$context.extendedRequestId')) {
    return 'an access-log format must contain $context.requestId or $context.extendedRequestId';
  }
  if (maxBytes !== undefined && Buffer.byteLength(format, 'utf8') > maxBytes) {
    return `an access-log format is at most ${maxBytes} bytes for this API kind`;
  }
  return undefined;
}

/** Rule 20: Lambda authorizer result cache TTL. */
export function authorizerTtlViolation(seconds: number): string | undefined {
  if (unresolved(seconds)) return undefined;
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= 3600 ? undefined
    : 'an authorizer result TTL is a whole number of seconds from 0 to 3600';
}

/** Rule 20: CORS forbids credentials with a wildcard origin. */
export function corsCredentialsViolation(allowOrigins: string[], allowCredentials: boolean): string | undefined {
  if (allowCredentials && allowOrigins.includes('*')) {
    return 'CORS does not allow allowCredentials: true together with the origin \'*\'; list the origins';
  }
  return undefined;
}

/** A count limit of the service (rules 14 and 16). */
export function countViolation(count: number, max: number, what: string): string | undefined {
  return count > max ? `API Gateway allows at most ${max} ${what}` : undefined;
}

/**
 * HTTP and WebSocket API (v2) names: of the API and of an authorizer. Source: Amazon API
 * Gateway V2 API reference, `Api.name` and `Authorizer.name`, of type
 * `StringWithLengthBetween1And128`.
 */
export const MAX_V2_NAME_LENGTH = 128;

/** A v2 name (`apiName`, `authorizerName`): 1 to 128 characters. */
export function v2NameViolation(name: string, what: string): string | undefined {
  if (unresolved(name)) return undefined;
  return name.length >= 1 && name.length <= MAX_V2_NAME_LENGTH ? undefined
    : `${what} is 1 to ${MAX_V2_NAME_LENGTH} characters`;
}

/**
 * HTTP and WebSocket API (v2) descriptions: of the API and of a stage. Source: Amazon API
 * Gateway V2 API reference, `Api.description` and `Stage.description`, of type
 * `StringWithLengthBetween0And1024`.
 */
export const MAX_V2_DESCRIPTION_LENGTH = 1024;

/** A v2 description: at most 1,024 characters. */
export function v2DescriptionViolation(description: string, what: string): string | undefined {
  if (unresolved(description)) return undefined;
  return description.length <= MAX_V2_DESCRIPTION_LENGTH ? undefined
    : `${what} is at most ${MAX_V2_DESCRIPTION_LENGTH} characters`;
}

/**
 * An OAuth scope of an HTTP API route. Source: Amazon API Gateway V2 API reference,
 * `Route.authorizationScopes` of type `AuthorizationScopes` (a list of
 * `StringWithLengthBetween1And64`).
 */
export function v2AuthorizationScopeViolation(scope: string): string | undefined {
  if (unresolved(scope)) return undefined;
  return scope.length >= 1 && scope.length <= 64 ? undefined : 'an authorization scope is 1 to 64 characters';
}

/**
 * v2 URIs: an integration's URI and a JWT authorizer's issuer. Source: Amazon API Gateway V2
 * API reference, `Integration.integrationUri` and `JWTConfiguration.issuer`, of type
 * `UriWithLengthBetween1And2048`.
 */
export function v2UriLengthViolation(uri: string, what: string): string | undefined {
  if (unresolved(uri)) return undefined;
  return uri.length >= 1 && uri.length <= 2048 ? undefined : `${what} is 1 to 2048 characters`;
}

/**
 * The server name an HTTP API private integration verifies in the backend's certificate.
 * Source: Amazon API Gateway V2 API reference, `TlsConfigInput.serverNameToVerify`, of type
 * `StringWithLengthBetween1And512`.
 */
export function v2ServerNameViolation(name: string): string | undefined {
  if (unresolved(name)) return undefined;
  return name.length >= 1 && name.length <= 512 ? undefined : 'a secure server name is 1 to 512 characters';
}
