/**
 * Which request parameters identify the caller of an authorized REST route in a cache key.
 */

const CACHE_KEY_PARAMETER = /^method\.request\.(header|querystring|path)\.[^.]+$/;

/**
 * The cache key parameters that identify the caller of a route authorized with these identity
 * sources, or undefined when the caller cannot be identified by cache key parameters: IAM (no
 * identity source) or a Lambda REQUEST authorizer reading `context.*` or `stageVariables.*`.
 * Cache key parameters must be method request parameters (API Reference, Integration
 * cacheKeyParameters: "these parameters must also be specified for Method requestParameters").
 */
export function callerIdentityCacheKeys(identitySources: string[]): string[] | undefined {
  if (identitySources.length === 0 || !identitySources.every(s => CACHE_KEY_PARAMETER.test(s))) {
    return undefined;
  }
  return identitySources;
}
