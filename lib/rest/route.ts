/**
 * REST routes: one `apigateway.Method` per route key, with its resources, request validation,
 * cache keys (per caller on authorized routes), authorizer, integration and method settings.
 */
import { Names } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { acknowledgeRule } from '../common/compliance';
import { EndpointKind } from '../common/endpoint';
import { check, warn } from '../common/errors';
import { GatewayCore } from '../common/gateway-core';
import { parseRouteKeyFor } from '../common/route-key';
import { RoutePlacement, RouteStackPlacement } from '../common/route-stacks';
import { RouteSettings } from '../common/route-settings';
import { validateThrottle } from '../common/throttle';
import { RestAuthorization } from './authorization';
import { callerIdentityCacheKeys } from './cache-identity';
import { RestIntegration } from './integration';
import { REST_INPUT } from './input';
import { checkIntegrationResponses, restMethodResponses } from './non-proxy';
import { PathVariableUse, pathVariableClash, recordPathVariables, restPathPartViolation } from './path-rules';
import { RestRouteOptions } from './props';
import { cacheTtlViolation } from './rules';
import { RestRouteSettingDetails } from './stage';
import { streamingRouteUncached } from './streaming';

/** What the routes of a gateway share: the gateway's API and the defaults of its props. */
export interface RestRouteDefaults {
  readonly restApi: apigateway.RestApi;
  readonly requestValidator: apigateway.RequestValidator;
  readonly endpointKind: EndpointKind;
  readonly defaultAuthorization: RestAuthorization;
  readonly apiKeyRequired: boolean;
  /** Whether the gateway answers CORS preflights (then no route may be OPTIONS). */
  readonly cors: boolean;
  /** Whether some stage has a cache. */
  readonly anyStageCached: boolean;
  /** Where routes go (the gateway's stack, or nested route stacks). */
  readonly placement: RouteStackPlacement;
}

/** The routes of one RestGateway, and what they leave for the stages and synth-time checks. */
export class RestRoutes {
  /** The authorizers the routes use (one per distinct setting). */
  public readonly authorizers = new Set<apigateway.IAuthorizer>();
  /** Whether some route requires an API key. */
  public anyRouteRequiresKey = false;
  /** How many path resources the routes made outside the gateway's construct tree (routes given a `scope`). */
  public resourcesOutsideGateway = 0;
  private readonly pathVariables = new Map<string, PathVariableUse>();

  /**
   * @param gateway the gateway (errors name its path; authorizers are made under it)
   * @param core the gateway's core (route registry, Lambda permissions)
   * @param settings per-route throttles and cache settings, rendered into each stage's method settings
   */
  constructor(private readonly gateway: Construct, private readonly core: GatewayCore<apigateway.Stage, apigateway.Method>,
    private readonly settings: RouteSettings<RestRouteSettingDetails>, private readonly defaults: RestRouteDefaults) {}

  /**
   * Adds a route: `METHOD /path` (METHOD one of ANY, GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS).
   * Resources along the path are created as needed.
   */
  public add(routeKey: string, integration: RestIntegration, options: RestRouteOptions = {}): apigateway.Method {
    const gateway = this.gateway;
    REST_INPUT.route(gateway, routeKey, integration, options);
    const parsed = parseRouteKeyFor(gateway, 'routeKey', routeKey);
    this.core.routes.claim(routeKey);
    check(gateway, 'routeKey', routeKey, parsed.method === 'OPTIONS' && this.defaults.cors
      ? 'the gateway\'s cors option already answers OPTIONS on every path' : undefined);
    check(gateway, 'routeKey', routeKey, restPathPartViolation(parsed.path));
    const clash = pathVariableClash(this.pathVariables, parsed.path);
    check(gateway, 'routeKey', routeKey, clash
      ? `API Gateway allows one variable path part per resource, greedy or not: ${clash.pathPart} under '${clash.parent}' clashes with `
        + `${clash.existing.pathPart} of route '${clash.existing.routeKey}' (CloudFormation would fail with "A sibling (${clash.existing.pathPart}) `
        + 'of this resource already has a variable path part -- only one is allowed"); use the same variable name in both routes'
      : undefined);
    validateThrottle(gateway, `route '${routeKey}' throttle`, options.throttle);
    if (options.cache?.ttl) {
      check(gateway, `route '${routeKey}' cache.ttl`, `${options.cache.ttl.toSeconds({ integral: false })} s`, cacheTtlViolation(options.cache.ttl.toSeconds({ integral: false })));
    }

    const placement = this.defaults.placement.place(routeKey, this.defaults.placement.groupOfPath(parsed.path), options.scope);
    const scope = new Construct(placement.scope, routeKey.replace(/\//g, '|'));
    const requestParameters: { [name: string]: boolean } = {};
    for (const p of parsed.pathParameters) {
      requestParameters[`method.request.path.${p}`] = true;
    }
    Object.assign(requestParameters, options.requestParameters ?? {});
    const cacheKeyParameters = [
      ...parsed.pathParameters.map(p => `method.request.path.${p}`),
      ...options.cache?.keyParameters ?? [],
    ];
    // A cached response of an authorized route must never reach another caller: key the cache on
    // the caller's identity, or do not cache the route by default (see RestRouteCacheOptions).
    const authorization = options.authorization ?? this.defaults.defaultAuthorization;
    const cachedOnSomeStage = this.defaults.anyStageCached
      && (options.cache?.enabled ?? parsed.method === 'GET');
    let uncachedByDefault = false;
    const identitySources = cachedOnSomeStage ? authorization._identitySources() : undefined;
    if (identitySources !== undefined) {
      const identityKeys = callerIdentityCacheKeys(identitySources);
      if (identityKeys) {
        for (const key of identityKeys) {
          requestParameters[key] ??= false;
          if (!cacheKeyParameters.includes(key)) cacheKeyParameters.push(key);
        }
      } else if (options.cache?.enabled === true) {
        warn(gateway, 'cacheWithoutCallerIdentity', `route '${routeKey}' sets cache.enabled, but its ${authorization.kind} authorization has no caller identity `
          + `that can be a cache key (${identitySources.length > 0 ? identitySources.join(', ') : 'IAM signs each request'}): every caller of the same `
          + 'path receives the response cached for the first one. Cache only responses that are the same for every caller, or acknowledge this warning.');
      } else {
        uncachedByDefault = true;
      }
    }
    for (const key of cacheKeyParameters) {
      check(gateway, `route '${routeKey}' cache.keyParameters`, key,
        key in requestParameters ? undefined : 'a cache key parameter must be declared in requestParameters');
    }

    const config = integration.bind({
      scope,
      routeKey,
      gateway,
      endpointKind: this.defaults.endpointKind,
      // Without the path parameters in the cache key, /orders/1 and /orders/2 share a cache entry.
      cacheKeyParameters: cacheKeyParameters.length > 0 ? cacheKeyParameters : undefined,
    });
    REST_INPUT.bindResult(gateway, routeKey, config);
    // Parameters the integration's mapping reads are declared (not required) unless the route says.
    for (const [name, isRequired] of Object.entries(config.requestParameters ?? {})) {
      requestParameters[name] ??= isRequired;
    }
    this.core.bindInvocations(routeKey, config);

    const auth = authorization._bind(gateway, gateway);
    const apiKeyRequired = options.apiKeyRequired ?? this.defaults.apiKeyRequired;
    this.anyRouteRequiresKey ||= apiKeyRequired;
    if (auth.authorizer) {
      this.authorizers.add(auth.authorizer);
    }
    let requestModels: { [contentType: string]: apigateway.IModel } | undefined;
    if (options.requestSchema) {
      const modelProps = { contentType: 'application/json', schema: options.requestSchema };
      requestModels = {
        // A route in a nested stack makes its model there (a model in the gateway's stack would be
        // one more stack parameter per route).
        'application/json': placement.stack === this.defaults.placement.stack
          ? this.defaults.restApi.addModel(`Model${Names.uniqueId(scope).slice(-24)}`, modelProps)
          : new apigateway.Model(scope, 'Model', { restApi: this.defaults.restApi, ...modelProps }),
      };
    }
    const validates = requestModels !== undefined || Object.values(options.requestParameters ?? {}).some(v => v);

    const methodResponses = restMethodResponses(gateway, scope, routeKey, this.defaults.restApi, options.methodResponses, config.methodResponses);
    const resource = this.resourceFor(routeKey, parsed.path, placement);
    const method = resource.addMethod(parsed.method, config.integration, {
      authorizationType: auth.authorizationType,
      authorizer: auth.authorizer,
      authorizationScopes: auth.scopes,
      apiKeyRequired,
      requestParameters: Object.keys(requestParameters).length > 0 ? requestParameters : undefined,
      requestModels,
      requestValidator: validates ? this.defaults.requestValidator : undefined,
      methodResponses,
      operationName: options.operationName,
    });
    checkIntegrationResponses(gateway, routeKey, method, methodResponses);
    // API Gateway cannot cache a streamed response: the route is then uncached on every cached stage.
    const streams = streamingRouteUncached(gateway, routeKey, method, options.cache);
    uncachedByDefault ||= streams && this.defaults.anyStageCached;
    this.core.routes.add(routeKey, method);
    recordPathVariables(this.pathVariables, parsed.path, routeKey);
    if (auth.authorizationType !== apigateway.AuthorizationType.COGNITO && auth.authorizationType !== apigateway.AuthorizationType.NONE) {
      acknowledgeRule(method, 'AwsSolutions-COG4',
        `route '${routeKey}' is authorized with ${auth.authorizationType} by the gateway's configuration; AwsSolutions-COG4 accepts only Cognito user pools.`);
    }
    if (options.cache || options.throttle || uncachedByDefault) {
      this.settings.add({
        routeKey,
        throttle: options.throttle,
        details: { method: parsed.method, path: parsed.path, cache: options.cache, uncachedByDefault },
      });
    }
    return method;
  }

  /**
   * The resource of a route's path. In the gateway's stack it is made under the API's root, as
   * aws-cdk-lib does; in another stack the group's first resource is made there (its parent, the
   * resource above the group, stays in the gateway's stack) and the rest of the path under it.
   * Counts the resources the route adds to its stack.
   */
  private resourceFor(routeKey: string, routePath: string, placement: RoutePlacement): apigateway.IResource {
    const root = this.defaults.restApi.root;
    const segments = routePath.split('/').filter(s => s !== '');
    let made = 1; // the method
    let known: apigateway.IResource | undefined = root;
    for (const segment of segments) {
      known = known?.getResource(segment);
      if (!known) made++;
    }
    const stacks = this.defaults.placement;
    stacks.countRouteResources(routeKey, placement.stack, made);
    if (placement.group === undefined || (placement.stack === stacks.stack && placement.scope === this.core.routes.scope)) {
      return root.resourceForPath(routePath);
    }
    if (placement.scope !== this.core.routes.scope && !placement.scope.node.scopes.includes(this.gateway)) {
      this.resourcesOutsideGateway += made - 1;
    }
    const depth = placement.group.split('/').length - 1;
    const trunk = root.resourceForPath(segments.slice(0, depth - 1).join('/'));
    const groupPart = segments[depth - 1];
    const groupRoot = trunk.getResource(groupPart)
      ?? new apigateway.Resource(placement.scope, placement.group.replace(/\//g, '|'), { parent: trunk, pathPart: groupPart });
    return groupRoot.resourceForPath(segments.slice(depth).join('/'));
  }
}
