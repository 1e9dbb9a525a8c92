import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { check } from '../common/errors';
import { GatewayCore } from '../common/gateway-core';
import { IntegrationCache } from '../common/integration-cache';
import { parseRouteKeyFor } from '../common/route-key';
import { addRouteDependencies, checkRouteRequirements } from '../common/route-requirements';
import { RouteSettings } from '../common/route-settings';
import { RouteStackPlacement } from '../common/route-stacks';
import { countViolation } from '../common/rules';
import { validateThrottle } from '../common/throttle';
import { HttpAuthorization, HttpAuthorizationConfig, HttpAuthorizationKind, MAX_HTTP_ROUTE_SCOPES } from './authorization';
import { HTTP_INPUT } from './input';
import { HttpIntegration, HttpIntegrationConfig } from './integration';
import { HTTP_DEFAULT_ROUTE_KEY, HttpRouteOptions } from './props';
import { rejectRestOnlyRouteOptions } from './rest-only';

/** What an HttpGateway gives its route wiring. */
export interface HttpRouteContext {
  readonly gateway: Construct;
  readonly httpApi: apigwv2.HttpApi;
  readonly core: GatewayCore<apigwv2.HttpStage, apigwv2.HttpRoute>;
  readonly routeSettings: RouteSettings<undefined>;
  readonly defaultAuthorization: HttpAuthorization;
  /** Whether the gateway answers CORS preflight requests itself. */
  readonly cors: boolean;
  /** Where routes go (the gateway's stack, or nested route stacks). */
  readonly placement: RouteStackPlacement;
}

/**
 * The routes of one HttpGateway: each route's key, integration (bound once per integration
 * object, lib/common/integration-cache.ts), authorization and throttle.
 */
export class HttpRoutes {
  private readonly integrations = new IntegrationCache<HttpIntegration, HttpIntegrationConfig>();
  private readonly authorizers = new Set<apigwv2.HttpAuthorizer>();
  private authorizerScope?: Construct;

  constructor(private readonly ctx: HttpRouteContext) {}

  /** How many authorizers the routes' authorizations created. */
  public get authorizerCount(): number {
    return this.authorizers.size;
  }

  /** Adds a route (see HttpGateway.addRoute). */
  public add(routeKey: string, integration: HttpIntegration, options: HttpRouteOptions): apigwv2.HttpRoute {
    const { gateway, core } = this.ctx;
    HTTP_INPUT.route(gateway, routeKey, integration, options);
    const key = this.routeKey(routeKey);
    core.routes.claim(routeKey);
    const placement = this.ctx.placement;
    const where = placement.place(routeKey, key.path === undefined ? undefined : placement.groupOfPath(key.path), options.scope);
    rejectRestOnlyRouteOptions(gateway, `route '${routeKey}' options`, options);
    validateThrottle(gateway, `route '${routeKey}' throttle`, options.throttle);

    const config = this.integrations.bind(integration, () => {
      const bound = integration.bind({ gateway, routeKey });
      HTTP_INPUT.bindResult(gateway, routeKey, bound);
      return bound;
    }, where.stack);
    checkRouteRequirements(gateway, routeKey, config.integration);
    core.bindInvocations(routeKey, config);

    const auth = this.authorization(options);
    const scopes = this.scopes(routeKey, options, auth);
    const route = new apigwv2.HttpRoute(where.scope, routeKey.replace(/\//g, '|'), {
      httpApi: this.ctx.httpApi,
      routeKey: key,
      integration: config.integration,
      authorizer: auth.authorizer,
      authorizationScopes: scopes && scopes.length > 0 ? scopes : undefined,
    });
    addRouteDependencies(route, config.integration);
    if (config.timeout) {
      // aws-cdk-lib's HttpIntegration caps the timeout at 29 s while HTTP APIs allow 30 s (rule 10),
      // so the validated value is set on the L1 integration the route created (the first route
      // to use a shared integration creates it).
      const cfnIntegration = route.node.findAll().find(c => c instanceof apigwv2.CfnIntegration) as apigwv2.CfnIntegration | undefined;
      if (cfnIntegration) {
        cfnIntegration.timeoutInMillis = config.timeout.toMilliseconds({ integral: false });
      }
    }
    // The route, and its integration in the stack when this route made it.
    placement.countRouteResources(routeKey, where.stack, 1 + route.node.findAll().filter(c => c instanceof apigwv2.CfnIntegration).length);
    core.routes.add(routeKey, route);
    if (options.throttle) {
      this.ctx.routeSettings.add({ routeKey, throttle: options.throttle, details: undefined }, route);
    }
    return route;
  }

  private routeKey(routeKey: string): apigwv2.HttpRouteKey {
    if (routeKey === HTTP_DEFAULT_ROUTE_KEY) {
      return apigwv2.HttpRouteKey.DEFAULT;
    }
    const parsed = parseRouteKeyFor(this.ctx.gateway, 'routeKey', routeKey);
    check(this.ctx.gateway, 'routeKey', routeKey, parsed.method === 'OPTIONS' && this.ctx.cors
      ? 'the gateway\'s cors option already answers OPTIONS preflight requests on every path' : undefined);
    return apigwv2.HttpRouteKey.with(parsed.path, parsed.method as apigwv2.HttpMethod);
  }

  private authorization(options: HttpRouteOptions): HttpAuthorizationConfig {
    const { gateway, httpApi } = this.ctx;
    const auth = (options.authorization ?? this.ctx.defaultAuthorization)._bind(gateway, httpApi, () => {
      this.authorizerScope ??= new Construct(gateway, 'Authorizers');
      return this.authorizerScope;
    });
    if (auth.authorizerResource) {
      this.authorizers.add(auth.authorizerResource);
    }
    return auth;
  }

  private scopes(routeKey: string, options: HttpRouteOptions, auth: HttpAuthorizationConfig): string[] | undefined {
    const gateway = this.ctx.gateway;
    const scopes = options.authorizationScopes ?? auth.scopes;
    if (options.authorizationScopes !== undefined) {
      check(gateway, `route '${routeKey}' authorizationScopes`, options.authorizationScopes,
        auth.kind !== HttpAuthorizationKind.JWT ? 'authorization scopes need a JWT (or Cognito) authorization' : undefined);
    }
    if (scopes) {
      check(gateway, `route '${routeKey}' authorizationScopes`, `${scopes.length} scopes`,
        countViolation(scopes.length, MAX_HTTP_ROUTE_SCOPES, 'authorization scopes per route'));
    }
    return scopes;
  }
}
