/**
 * Lambda response streaming on REST routes (response transfer mode STREAM, November 2025): the
 * service's rules, checked when a route is added.
 *
 * Sources: "Stream the integration response for your proxy integrations in API Gateway"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html):
 * - "Response streaming works for all REST API endpoint types" (edge-optimized, regional, private);
 * - "You can only use response payload streaming for HTTP_PROXY or AWS_PROXY integration types";
 * - "You can stream your response for up to 15 minutes"; streams "are subject to idle timeouts.
 *   For Regional or private endpoints, the timeout is 5 minutes. For edge-optimized endpoints,
 *   the timeout is 30 seconds";
 * - with STREAM, API Gateway "doesn't support features that require buffering the entire
 *   integration response": endpoint caching, content encoding, response transformation with VTL;
 * - the first 10 MB of a streamed response are not bandwidth-limited, the rest is limited to
 *   2 MB/s (a run-time limit: nothing in the template to check).
 * "Set up an HTTP proxy integration with payload response streaming in API Gateway"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-http.html):
 * "When you use response streaming, you can configure the integration timeout up to 15 minutes"
 * (no quota increase: "Exceed API Gateway's 29 second timeout limit without requesting an
 * integration timeout limit increase", first page).
 * "Set up a Lambda proxy integration with payload response streaming in API Gateway"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html):
 * the integration URI is Lambda's InvokeWithResponseStream path (lambdaStreamingInvocationPath).
 */
import { Duration, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { IConstruct } from 'constructs';
import { EndpointKind } from '../common/endpoint';
import { check, warn } from '../common/errors';
import { InputSpec, oneOf } from '../common/input';
import { validateIntegrationTimeout } from '../common/integration-timeout';
import type { RestRouteCacheOptions } from './cache';
import type { RestIntegrationBindOptions } from './integration';
import { renderedIntegration } from './non-proxy';

/** The longest integration timeout of a streaming REST integration: 15 minutes, on every endpoint type. */
export const REST_STREAM_MAX_TIMEOUT_MS = 15 * 60 * 1000;

/** An edge-optimized API closes a stream idle for 30 s (regional and private APIs: 5 minutes). */
export const EDGE_STREAM_IDLE_TIMEOUT_MS = 30 * 1000;

/** The input check of `responseTransferMode` on the Lambda factories' options. */
export const TRANSFER_SPEC: InputSpec = {
  responseTransferMode: oneOf(() => apigateway.ResponseTransferMode, 'apigateway.ResponseTransferMode'),
};

/** Why a response transfer mode cannot be used with a (non-)proxy integration, or undefined. */
export function responseTransferViolation(mode: apigateway.ResponseTransferMode | undefined, proxy: boolean): string | undefined {
  return mode === apigateway.ResponseTransferMode.STREAM && !proxy
    ? 'API Gateway streams only proxy integrations (AWS_PROXY, HTTP_PROXY): a non-proxy integration maps the whole response with its '
      + 'integration responses. Remove proxy: false to stream, or responseTransferMode to map the response'
    : undefined;
}

/**
 * Checks a route integration's response transfer mode and returns whether it streams.
 * @param label the factory, in error props (`route 'GET /x' lambdaFunction responseTransferMode`)
 */
export function checkResponseTransfer(bind: RestIntegrationBindOptions, label: string,
  mode: apigateway.ResponseTransferMode | undefined, proxy: boolean): boolean {
  check(bind.scope, `route '${bind.routeKey}' ${label} responseTransferMode`, mode, responseTransferViolation(mode, proxy));
  return mode === apigateway.ResponseTransferMode.STREAM;
}

/**
 * Validates the integration timeout of a streaming route (at most 15 minutes on every endpoint
 * type, no quota increase needed) and returns it. Above 30 s on an edge-optimized API it warns
 * (`cdk-api-gateways:streamIdleTimeoutEdge`): the stream is cut after 30 s without data.
 */
export function validateStreamingTimeout(bind: RestIntegrationBindOptions, timeout: Duration | undefined): Duration | undefined {
  validateIntegrationTimeout(bind.scope, bind.routeKey, timeout, {
    maxMs: REST_STREAM_MAX_TIMEOUT_MS,
    appliesTo: 'streamed REST responses (responseTransferMode STREAM)',
    gateway: bind.gateway,
  });
  const ms = timeout?.isUnresolved() ? undefined : timeout?.toMilliseconds({ integral: false });
  if (bind.endpointKind === EndpointKind.EDGE && ms !== undefined && !Token.isUnresolved(ms) && ms > EDGE_STREAM_IDLE_TIMEOUT_MS) {
    warn(bind.scope, 'streamIdleTimeoutEdge', `route '${bind.routeKey}' streams for up to ${ms / 1000} s on an edge-optimized API, `
      + `which closes a stream that sends nothing for ${EDGE_STREAM_IDLE_TIMEOUT_MS / 1000} s (regional and private APIs wait 5 minutes). `
      + 'Send data at least every 30 seconds, or use a regional endpoint.');
  }
  return timeout;
}

/**
 * Why a streaming route's cache options cannot apply, or undefined: API Gateway does not cache
 * streamed responses, so such a route is never cached and takes no cache options (but
 * `enabled: false`).
 */
export function streamingCacheViolation(cache: RestRouteCacheOptions | undefined): string | undefined {
  if (cache === undefined) return undefined;
  const asks = cache.enabled === true || cache.ttl !== undefined || (cache.keyParameters?.length ?? 0) > 0;
  return asks
    ? 'API Gateway does not cache streamed responses (responseTransferMode STREAM), so a streaming route is never cached; remove its cache options'
    : undefined;
}

/** Whether a method's integration (any integration, a custom one's too) streams its responses. */
export function methodStreams(method: apigateway.Method): boolean {
  return renderedIntegration(method)?.responseTransferMode === apigateway.ResponseTransferMode.STREAM;
}

/**
 * For a route just added: when its method streams, checks that the route asks for no caching
 * and returns true: the route's method setting then turns caching off on every stage with a
 * cache (a stage cache applies to every GET method by default, and API Gateway cannot cache a
 * stream). Returns false for a buffered method.
 */
export function streamingRouteUncached(gateway: IConstruct, routeKey: string, method: apigateway.Method,
  cache: RestRouteCacheOptions | undefined): boolean {
  if (!methodStreams(method)) return false;
  check(gateway, `route '${routeKey}' cache`, cache, streamingCacheViolation(cache));
  return true;
}
