import { Duration } from 'aws-cdk-lib';

/** The eight cache cluster sizes API Gateway offers, in GB (rule 8). */
export enum CacheClusterSize {
  /** 0.5 GB */
  GB_0_5 = '0.5',
  /** 1.6 GB */
  GB_1_6 = '1.6',
  /** 6.1 GB */
  GB_6_1 = '6.1',
  /** 13.5 GB */
  GB_13_5 = '13.5',
  /** 28.4 GB */
  GB_28_4 = '28.4',
  /** 58.2 GB */
  GB_58_2 = '58.2',
  /** 118 GB */
  GB_118 = '118',
  /** 237 GB */
  GB_237 = '237',
}

/**
 * A stage's cache. When present, a cache cluster is provisioned (billed per hour), GET routes are
 * cached, and cached data is encrypted. Cache invalidation with `Cache-Control: max-age=0` is
 * honoured only for callers allowed `execute-api:InvalidateCache` (see the README).
 */
export interface RestCacheOptions {
  /**
   * Cache cluster size. Changing it deletes the cache's content.
   * @default CacheClusterSize.GB_0_5
   */
  readonly clusterSize?: CacheClusterSize;
  /**
   * Default time-to-live of a cached response: 0 to 3600 s; 0 disables caching.
   * @default Duration.seconds(300)
   */
  readonly ttl?: Duration;
}

/**
 * A route's cache settings, overriding the stage's on stages that have a cache.
 *
 * Authorized routes never share a cached response between callers by default. API Gateway's
 * cache key holds only the cache key parameters (by default none; this library adds the path
 * parameters), not the caller, so without more two callers of `GET /me` would share one entry.
 * - Cognito and Lambda TOKEN routes: the authorizer's identity source (by default
 *   `method.request.header.Authorization`) is declared as a request parameter and added to the
 *   cache key, so each token has its own entries.
 * - Lambda REQUEST routes: the identity sources are added the same way when all of them are
 *   `method.request.header|querystring|path` parameters; with a `context.*` or `stageVariables.*`
 *   source the route is treated like IAM.
 * - IAM routes (SigV4: no single request parameter identifies the caller): not cached
 *   (`cachingEnabled: false` in the route's method setting) unless `enabled: true`, which then
 *   warns (`cdk-api-gateways:cacheWithoutCallerIdentity`) because every caller of a path gets
 *   the same cached response.
 */
export interface RestRouteCacheOptions {
  /**
   * Whether this route's responses are cached.
   * @default - GET routes are cached (API Gateway's own default), except IAM-authorized ones and
   * others whose caller identity cannot be a cache key; other methods are not
   */
  readonly enabled?: boolean;
  /**
   * Time-to-live for this route: 0 to 3600 s.
   * @default - the stage's TTL
   */
  readonly ttl?: Duration;
  /**
   * Request parameters that are part of the cache key, e.g. `method.request.querystring.page`.
   * Path parameters of the route are always part of it.
   * @default - the route's path parameters
   */
  readonly keyParameters?: string[];
}
