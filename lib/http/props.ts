import { Construct } from 'constructs';
import { GatewayCorsOptions } from '../common/cors';
import { GatewayDomainOptions } from '../common/domain';
import { GatewayIpAddressType } from '../common/ip-address-type';
import { GatewayEndpoint } from '../common/endpoint';
import { GatewayRaisedQuotas } from '../common/quotas';
import { GatewayRouteStacks } from '../common/route-stacks';
import { GatewayStageOptions } from '../common/stage';
import { ThrottleSettings } from '../common/throttle';
import { HttpAuthorization } from './authorization';
import { HttpOpenApiOptions } from './openapi';

/** The name of an HTTP API's default stage, served at the root of the API's URL. */
export const HTTP_DEFAULT_STAGE_NAME = '$default';
/** The route key of the catch-all route. */
export const HTTP_DEFAULT_ROUTE_KEY = '$default';

/**
 * One stage of an HttpGateway. `$default` is served at the root of the API URL; other names
 * are the first path segment. HTTP stages have no cache, canary, WAF, X-Ray or execution logs:
 * those are REST API features (see RestGateway).
 */
export interface HttpStageOptions extends GatewayStageOptions {
  /**
   * Whether every change to the API is deployed to this stage automatically.
   * @default true
   */
  readonly autoDeploy?: boolean;
}

/** Options of one route. */
export interface HttpRouteOptions {
  /**
   * How the route is authorized.
   * @default - the gateway's defaultAuthorization (IAM unless set)
   */
  readonly authorization?: HttpAuthorization;
  /**
   * OAuth scopes the caller's token must carry (JWT authorization only); at most 10.
   * @default - the scopes of the route's JWT authorization, if any
   */
  readonly authorizationScopes?: string[];
  /**
   * A throttle for this route on every stage (a per-route setting of the stage).
   * @default - the stage's default throttle
   */
  readonly throttle?: ThrottleSettings;
  /**
   * Where the route's constructs are made: the gateway's stack or a nested stack under it, such
   * as a team's NestedStack (routes of a large API added by several teams). Every route of one
   * group (see GatewayRouteStacks) is made in the same stack. A stack that is not the gateway's
   * or nested under it is an error: the gateway's deployment and Lambda permissions come after
   * the route, so the two stacks would depend on each other.
   * @default - the gateway's stack, or its route stack when `routeStacks` is set
   */
  readonly scope?: Construct;
}

/** Properties of an HttpGateway. */
export interface HttpGatewayProps {
  /**
   * The API's name.
   * @default - the construct id
   */
  readonly apiName?: string;
  /**
   * A description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Where the API is reachable. HTTP APIs are regional only: `GatewayEndpoint.edge()` and
   * `GatewayEndpoint.privateEndpoint()` are rejected (they are RestGateway features).
   * @default GatewayEndpoint.regional()
   */
  readonly endpoint?: GatewayEndpoint;
  /**
   * The stages. At most 10. `$default` is allowed and served at the root of the URL.
   * @default - one stage named `$default`, deployed automatically
   */
  readonly stages?: HttpStageOptions[];
  /**
   * Authorization of routes that do not set their own.
   * @default HttpAuthorization.iam()
   */
  readonly defaultAuthorization?: HttpAuthorization;
  /**
   * CORS: API Gateway answers preflight requests itself and adds the CORS headers to every
   * response (errors included).
   * @default - no CORS
   */
  readonly cors?: GatewayCorsOptions;
  /**
   * Disable the default `execute-api` endpoint (once a custom domain serves the API).
   * @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;
  /**
   * Which IP addresses can invoke the API: IPv4 only, or IPv4 and IPv6. The gateway's own
   * `domain` follows this choice unless it sets its own.
   * @default - API Gateway's default, IPv4 (not rendered)
   */
  readonly ipAddressType?: GatewayIpAddressType;
  /**
   * A regional custom domain serving one stage (`domain.stageName`, required when there are several stages): certificate region
   * checked or created, alias records (A, and AAAA when dual-stack) when a hosted zone is given.
   * @default - no custom domain
   */
  readonly domain?: GatewayDomainOptions;
  /**
   * Spreads the routes over nested stacks, for APIs too large for one CloudFormation stack (500
   * resources, 1 MB of template). Routes are placed by their group (first path segments), never by their count or
   * order, so adding routes does not move others. Set it before the first deploy: routes that
   * change stacks fail to deploy. Without it, a stack over CloudFormation's limits is a synth
   * error that suggests a count.
   * @default - every route in the gateway's stack
   */
  readonly routeStacks?: GatewayRouteStacks;
  /**
   * The raised values of this API's adjustable quotas, once the account has them (a use over
   * the default quota then does not warn). An HTTP API has stagesPerApi, authorizersPerApi and routesPerApi.
   * @default - the default quotas: a use over one warns
   */
  readonly raisedQuotas?: GatewayRaisedQuotas;
  /**
   * Makes the API from an OpenAPI 3.0 or 3.1 document (contract first): one route per operation,
   * with its operationId and security. HTTP APIs do not validate requests. Routes can still be
   * added with addRoute.
   * @default - no document: routes are added with addRoute
   */
  readonly openApi?: HttpOpenApiOptions;
}

/** Attributes to import an HTTP API. */
export interface HttpGatewayAttributes {
  /** The HTTP API id. */
  readonly apiId: string;
}
