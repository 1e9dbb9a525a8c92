/**
 * Route keys: `METHOD /path`, shared by the REST and HTTP gateways.
 */
import { IConstruct } from 'constructs';
import { GatewayValidationError } from './errors';

/** HTTP methods a route key may name. `ANY` matches every method. */
export const ROUTE_METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** A parsed route key. */
export interface ParsedRouteKey {
  /** Upper-case method, one of ROUTE_METHODS. */
  readonly method: string;
  /** The path, starting with '/', without a trailing '/' (except the root). */
  readonly path: string;
  /** Path parameter names in order (greedy ones without the '+'). */
  readonly pathParameters: string[];
}

// A REST path part is letters, digits and `: . _ $ -`, or a `{param}` / greedy `{param+}` of the
// same characters: the set API Gateway accepts and aws-cdk-lib's Resource checks
// (aws-cdk #22477 / PR #22531 added ':', #27083 / PR #27619 added '$', e.g. `/v1/$appliances:all`).
// '~' is kept for HTTP API paths; REST rejects it (lib/rest/path-rules.ts).
const LITERAL = /^[A-Za-z0-9:._$~-]+$/;
const PARAM = /^\{([A-Za-z0-9:._$-]+)(\+?)\}$/;

/**
 * Parses `GET /orders/{id}`. Returns the parsed key, or throws an Error whose message states
 * the rule; callers wrap it with the construct path.
 */
export function parseRouteKey(routeKey: string): ParsedRouteKey {
  const m = /^([A-Za-z]+) (\/\S*)$/.exec(routeKey);
  if (!m) {
    throw new Error('a route key is \'METHOD /path\' with one space, for example \'GET /orders/{id}\'');
  }
  const method = m[1];
  if (!ROUTE_METHODS.includes(method)) {
    throw new Error(`the method must be one of ${ROUTE_METHODS.join(', ')} (upper case)`);
  }
  const path = m[2];
  if (path === '/') {
    return { method, path, pathParameters: [] };
  }
  if (path.endsWith('/')) {
    throw new Error('a path does not end with \'/\'');
  }
  const segments = path.slice(1).split('/');
  const params: string[] = [];
  segments.forEach((segment, i) => {
    if (segment === '') {
      throw new Error('a path has no empty segments (\'//\')');
    }
    const p = PARAM.exec(segment);
    if (p) {
      if (p[2] === '+' && i !== segments.length - 1) {
        throw new Error(`the greedy parameter {${p[1]}+} must be the last path segment`);
      }
      if (params.includes(p[1])) {
        throw new Error(`the path parameter {${p[1]}} appears twice`);
      }
      params.push(p[1]);
      return;
    }
    if (!LITERAL.test(segment)) {
      throw new Error(`the path segment '${segment}' may contain only letters, digits, ':', '.', '_', '$', '~', '-', or be a {parameter}`);
    }
  });
  return { method, path, pathParameters: params };
}

/** Parses a route key a gateway was given: a broken rule becomes the library's error naming `prop`. */
export function parseRouteKeyFor(scope: IConstruct, prop: string, routeKey: string): ParsedRouteKey {
  try {
    return parseRouteKey(routeKey);
  } catch (e) {
    throw new GatewayValidationError(scope, prop, routeKey, (e as Error).message);
  }
}
