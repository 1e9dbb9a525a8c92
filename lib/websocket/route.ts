/**
 * The routes of a WebSocketGateway: the route checks, the integration bound once per gateway
 * (shared by the routes given the same WebSocketIntegration object), the `$connect` authorizer
 * and, for two-way routes of non-proxy integrations, the integration response.
 */
import { CfnResource } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { acknowledgeRule } from '../common/compliance';
import { check } from '../common/errors';
import { GatewayCore } from '../common/gateway-core';
import { IntegrationCache } from '../common/integration-cache';
import { addSourceAccount } from '../common/lambda-permissions';
import { addRouteDependencies, checkRouteRequirements } from '../common/route-requirements';
import { RouteSettings } from '../common/route-settings';
import { RouteStackPlacement } from '../common/route-stacks';
import { validateThrottle } from '../common/throttle';
import { WebSocketAuthorization, WebSocketAuthorizationKind } from './authorization';
import { WEBSOCKET_INPUT } from './input';
import { WebSocketIntegration, WebSocketIntegrationConfig } from './integration';
import { WebSocketRouteOptions } from './props';
import { CONNECT_ROUTE_KEY, webSocketRouteKeyViolation } from './route-key';

/**
 * An integration as bound to one gateway: its config, once a route made it its integration id,
 * and whether a two-way route gave it its `$default` integration response.
 */
export interface BoundWebSocketIntegration {
  readonly config: WebSocketIntegrationConfig;
  integrationId?: string;
  hasIntegrationResponse?: boolean;
}

/** What a gateway lends the route wiring. */
export interface WebSocketRouteContext {
  readonly gateway: Construct;
  readonly webSocketApi: apigwv2.WebSocketApi;
  readonly core: GatewayCore<apigwv2.WebSocketStage, apigwv2.WebSocketRoute>;
  readonly integrations: IntegrationCache<WebSocketIntegration, BoundWebSocketIntegration>;
  readonly routeSettings: RouteSettings<undefined>;
  /** Where routes go (the gateway's stack, or nested route stacks by route key). */
  readonly placement: RouteStackPlacement;
}

/** Checks a route, makes it under the gateway's `Routes` construct and records it. */
export function addWebSocketRoute(ctx: WebSocketRouteContext, routeKey: string, integration: WebSocketIntegration,
  options: WebSocketRouteOptions): apigwv2.WebSocketRoute {
  const { gateway, core } = ctx;
  WEBSOCKET_INPUT.route(gateway, routeKey, integration, options);
  check(gateway, 'routeKey', routeKey, webSocketRouteKeyViolation(routeKey));
  core.routes.claim(routeKey);
  const isConnect = routeKey === CONNECT_ROUTE_KEY;
  const prop = `route '${routeKey}'`;
  check(gateway, `${prop} authorization`, options.authorization?.kind,
    !isConnect && options.authorization !== undefined && options.authorization.kind !== WebSocketAuthorizationKind.NONE
      ? 'API Gateway authorizes a WebSocket connection only when it is made: put the authorization on the \'$connect\' route'
      : undefined);
  check(gateway, `${prop} apiKeyRequired`, options.apiKeyRequired,
    !isConnect && options.apiKeyRequired ? 'API Gateway checks the API keys of a WebSocket API when the connection is made: require them on \'$connect\'' : undefined);
  validateThrottle(gateway, `${prop} throttle`, options.throttle);

  const where = ctx.placement.place(routeKey, ctx.placement.enabled ? routeKey : undefined, options.scope);
  const routeScope = where.scope;
  const authorization = isConnect ? options.authorization ?? WebSocketAuthorization.iam() : WebSocketAuthorization.none();
  const authorizer = authorization._bind(gateway, `${prop} authorization`);

  const bound = ctx.integrations.bind(integration, () => {
    const integrationScope = new Construct(routeScope, `Integration-${routeKey}`);
    const config = integration.bind({ gateway, scope: integrationScope, routeKey });
    WEBSOCKET_INPUT.bindResult(gateway, routeKey, config);
    core.bindInvocations(routeKey, config);
    return { config };
  }, where.stack);
  checkRouteRequirements(gateway, routeKey, bound.config.integration);

  const route = new apigwv2.WebSocketRoute(routeScope, routeKey, {
    webSocketApi: ctx.webSocketApi,
    routeKey,
    integration: bound.config.integration,
    authorizer,
    returnResponse: options.returnResponse,
    apiKeyRequired: options.apiKeyRequired,
  });
  addRouteDependencies(route, bound.config.integration);
  bound.integrationId ??= route.node.findAll().find((c): c is apigwv2.WebSocketIntegration => c instanceof apigwv2.WebSocketIntegration)?.integrationId;
  if (options.returnResponse && !bound.config.proxy) {
    addIntegrationResponse(ctx, bound, routeKey, routeScope);
  }
  ctx.placement.countRouteResources(routeKey, where.stack, route.node.findAll().filter(c => c instanceof CfnResource).length);
  if (authorizer) {
    addSourceAccountToAuthorizerPermissions(ctx);
  }
  if (authorization.kind === WebSocketAuthorizationKind.NONE && !isConnect) {
    const reason = `route '${routeKey}' is not '$connect': API Gateway authorizes a WebSocket connection once, on '$connect', `
      + 'and rejects an authorization type on any other route; messages on this route come only from connections that passed it.';
    acknowledgeRule(route, 'AwsSolutions-APIG4', reason);
    acknowledgeRule(route, 'cdk-validator-cfnguard::api_gw_v2_authorization_type_configured_check', reason);
  }
  core.routes.add(routeKey, route);
  if (options.throttle) {
    ctx.routeSettings.add({ routeKey, throttle: options.throttle, details: undefined }, route);
  }
  return route;
}

function addIntegrationResponse(ctx: WebSocketRouteContext, bound: BoundWebSocketIntegration, routeKey: string, scope: Construct): void {
  const integrationId = bound.integrationId;
  // An integration has one response per key: two-way routes sharing the integration share it.
  if (integrationId === undefined || bound.hasIntegrationResponse) return;
  bound.hasIntegrationResponse = true;
  const id = `IntegrationResponse-${routeKey}`;
  // A two-way route of a non-proxy integration passes the backend's answer on only through an
  // integration response; aws-cdk-lib has no L2 for it. A response template (a mock's message,
  // a synchronous execution's output) is selected the way request templates are: the static
  // `$default` ("Template selection expressions", WebSocket API developer guide).
  const template = bound.config.responseTemplate;
  new apigwv2.CfnIntegrationResponse(scope, id, {
    apiId: ctx.webSocketApi.apiId,
    integrationId,
    integrationResponseKey: '$default',
    responseTemplates: template === undefined ? undefined : { $default: template },
    templateSelectionExpression: template === undefined ? undefined : '\\$default',
  });
}

/**
 * aws-cdk-lib's WebSocketLambdaAuthorizer grants invoke without SourceAccount; add it
 * (Control Tower CT.LAMBDA.PR.2). The permission is created as a child of the L2 API.
 */
function addSourceAccountToAuthorizerPermissions(ctx: WebSocketRouteContext): void {
  for (const child of ctx.webSocketApi.node.children) {
    if (child instanceof lambda.CfnPermission) {
      addSourceAccount(child, ctx.gateway);
    }
  }
}
