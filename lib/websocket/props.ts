import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { GatewayCorsOptions } from '../common/cors';
import { GatewayDomainOptions } from '../common/domain';
import { GatewayIpAddressType } from '../common/ip-address-type';
import { GatewayEndpoint } from '../common/endpoint';
import { GatewayRaisedQuotas } from '../common/quotas';
import { GatewayRouteStacks } from '../common/route-stacks';
import { GatewayStageOptions } from '../common/stage';
import { ThrottleSettings } from '../common/throttle';
import { WebSocketAuthorization } from './authorization';

/** One stage of a WebSocketGateway. */
export interface WebSocketStageOptions extends GatewayStageOptions {
  /**
   * Execution logging level. Execution logs need the account-level CloudWatch role: see
   * GatewayAccountLogging.
   * @default apigateway.MethodLoggingLevel.ERROR
   */
  readonly executionLogLevel?: apigateway.MethodLoggingLevel;
  /**
   * Log full messages in execution logs. They may contain secrets and personal data, so this
   * warns when turned on.
   * @default false
   */
  readonly dataTrace?: boolean;
  /**
   * Deploy every change of the API to this stage automatically.
   * @default true
   */
  readonly autoDeploy?: boolean;
}

/** Options of one route. */
export interface WebSocketRouteOptions {
  /**
   * How connections are authorized: only on the `$connect` route (API Gateway authorizes a
   * WebSocket connection once, when it is made). Any other route with an authorization other than
   * `none()` is an error.
   * @default - on `$connect`: WebSocketAuthorization.iam(); elsewhere none
   */
  readonly authorization?: WebSocketAuthorization;
  /**
   * Whether the route answers the client (a two-way route): the integration's response is sent
   * back on the connection.
   * @default false
   */
  readonly returnResponse?: boolean;
  /**
   * Whether the connection request must carry an API key (see `apiKeySelectionExpression`).
   * API Gateway checks keys of a WebSocket API when the connection is made: `$connect` only.
   * @default false
   */
  readonly apiKeyRequired?: boolean;
  /**
   * A throttle for this route on every stage.
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

/** Properties of a WebSocketGateway. */
export interface WebSocketGatewayProps {
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
   * Where the value that selects a message's route is read: a property of the JSON message body.
   * @default '$request.body.action'
   */
  readonly routeSelectionExpression?: string;
  /**
   * Where API keys are read, for `$connect` routes with `apiKeyRequired` (and usage plans).
   * @default - the service default, the `x-api-key` header
   */
  readonly apiKeySelectionExpression?: apigwv2.WebSocketApiKeySelectionExpression;
  /**
   * The stages, each served from the same routes. At most 10.
   * @default - one stage named 'prod' with the secure defaults
   */
  readonly stages?: WebSocketStageOptions[];
  /**
   * Only `GatewayEndpoint.regional()`: WebSocket APIs are regional (rule 4). Edge and private
   * endpoints are rejected.
   * @default GatewayEndpoint.regional()
   */
  readonly endpoint?: GatewayEndpoint;
  /**
   * Not applicable: browsers apply no CORS to WebSocket connections, so any value is rejected.
   * Check the `Origin` header in a `$connect` Lambda authorizer instead.
   * @default - none
   */
  readonly cors?: GatewayCorsOptions;
  /**
   * Which IP addresses can invoke the API: IPv4 only, or IPv4 and IPv6. The gateway's own
   * `domain` follows this choice unless it sets its own.
   * @default - API Gateway's default, IPv4 (not rendered)
   */
  readonly ipAddressType?: GatewayIpAddressType;
  /**
   * A regional custom domain serving one stage (`domain.stageName`, required when there are several stages): certificate region
   * checked or created, alias records (A, and AAAA when dual-stack) when a hosted zone is given. WebSocket custom
   * domains are regional only.
   * @default - no custom domain
   */
  readonly domain?: GatewayDomainOptions;
  /**
   * Disable the default `execute-api` endpoint (once a custom domain serves the API).
   * @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;
  /**
   * Spreads the routes over nested stacks, for APIs too large for one CloudFormation stack (500
   * resources, 1 MB of template). Routes are placed by their group (its route key), never by their count or
   * order, so adding routes does not move others. Set it before the first deploy: routes that
   * change stacks fail to deploy. Without it, a stack over CloudFormation's limits is a synth
   * error that suggests a count.
   * @default - every route in the gateway's stack
   */
  readonly routeStacks?: GatewayRouteStacks;
  /**
   * The raised values of this API's adjustable quotas, once the account has them (a use over
   * the default quota then does not warn). A WebSocket API has stagesPerApi, routesPerApi and usagePlansPerApiKey.
   * @default - the default quotas: a use over one warns
   */
  readonly raisedQuotas?: GatewayRaisedQuotas;
}
