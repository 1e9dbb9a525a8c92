/**
 * WebSocket route keys, route selection expressions and authorizer identity sources, as pure
 * functions. Each returns the text of the violated rule, or `undefined` when the value is valid
 * (or is a token that cannot be decided at synth time). Rule numbers refer to the rows of docs/rules.md.
 */
import { Token } from 'aws-cdk-lib';

/** The route keys API Gateway reserves for WebSocket APIs (rule 22). */
export const RESERVED_WEBSOCKET_ROUTE_KEYS = ['$connect', '$disconnect', '$default'];

/** The only route key that may carry authorization or require an API key (rules 20 and 47). */
export const CONNECT_ROUTE_KEY = '$connect';

/** The default route selection expression (rule 22). */
export const DEFAULT_ROUTE_SELECTION_EXPRESSION = '$request.body.action';

const MAX_ROUTE_KEY_LENGTH = 128;
// A custom route key is the value the route selection expression evaluates to, matched exactly
// ("The service uses the route whose routeKey matches the evaluated value exactly"), and that value
// can hold any characters of the JSON message: the developer guide's own example
// `${request.body.service}/${request.body.action}` evaluates to `chat/join` (Create routes for
// WebSocket APIs, Route selection expressions). Only control characters are refused here.
// eslint-disable-next-line no-control-regex
const CUSTOM_ROUTE_KEY = /^[^\u0000-\u001f\u007f]+$/;

/** Rule 22: a route key is a reserved key or a custom key that does not start with '$'. */
export function webSocketRouteKeyViolation(routeKey: string): string | undefined {
  // A route key names the route's constructs and is matched against the selected value: it is
  // fixed at synth time (a token would fail later, as a construct id aws-cdk-lib cannot resolve).
  if (Token.isUnresolved(routeKey)) {
    return 'a route key is fixed at synth time (it names the route\'s constructs): give a literal string, not a deploy-time token';
  }
  if (RESERVED_WEBSOCKET_ROUTE_KEYS.includes(routeKey)) return undefined;
  if (routeKey.startsWith('$')) {
    return `route keys starting with '$' are reserved: only ${RESERVED_WEBSOCKET_ROUTE_KEYS.join(', ')} exist`;
  }
  if (routeKey.length === 0 || routeKey.length > MAX_ROUTE_KEY_LENGTH || !CUSTOM_ROUTE_KEY.test(routeKey)) {
    return `a custom route key is 1 to ${MAX_ROUTE_KEY_LENGTH} characters without control characters, `
      + 'matching the value the route selection expression selects, e.g. \'sendMessage\' or \'chat/join\'';
  }
  return undefined;
}

// "the expression should be of the form $request.body.{path_to_body_element}", where the path is
// "any JSON path expression" (developer guide, Route selection expressions): dotted names and
// bracket steps such as `$request.body.items[0].type` or `$request.body['action']`.
const SELECTION_PATH = /^\$request\.body(\.[A-Za-z0-9_-]+|\[[^\]]+\])+$/;
const SELECTION_TEMPLATE = /\$\{request\.body(\.[A-Za-z0-9_-]+|\[[^\]]+\])+\}/;

/** Rule 22: a route selection expression selects a value of the JSON message body. */
export function routeSelectionExpressionViolation(expression: string): string | undefined {
  if (Token.isUnresolved(expression)) return undefined;
  if (SELECTION_PATH.test(expression) || SELECTION_TEMPLATE.test(expression)) return undefined;
  return 'a WebSocket route selection expression selects a property of the JSON message body, '
    + 'e.g. \'$request.body.action\' or \'${request.body.service}/${request.body.action}\'';
}

const IDENTITY_SOURCE = /^(route\.request\.(header|querystring)\.[A-Za-z0-9_.~!#$%&'*+^`|-]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$/;

/** Rule 46: an identity source of a WebSocket REQUEST authorizer. */
export function webSocketIdentitySourceViolation(source: string): string | undefined {
  if (Token.isUnresolved(source)) return undefined;
  return IDENTITY_SOURCE.test(source) ? undefined
    : 'a WebSocket identity source is route.request.header.NAME, route.request.querystring.NAME, stageVariables.NAME or context.NAME';
}
