import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { check } from '../common/errors';
import { validateIntegrationTimeout } from '../common/integration-timeout';
import { lazyValue } from '../common/lazy';
import { DEFAULT_ALIAS_STAGE_VARIABLE, invokedFunctionArn, lambdaInvocationTargets, lambdaInvocationUri } from '../common/lambda-invocation';
import { checkWebSocketFactoryInput } from './input';
import { GatewayIntegrationConfig } from '../common/integration-config';

/** WebSocket integrations time out after at most 29 s, a limit no quota increase lifts (rule 10). */
export const WEBSOCKET_MAX_TIMEOUT_MS = 29000;

/** What the gateway passes to an integration when it is first used by a route. */
export interface WebSocketIntegrationBindOptions {
  /** A scope for constructs the integration creates (unique per gateway and integration). */
  readonly scope: Construct;
  /** The key of the first route the integration serves, e.g. `sendMessage`. */
  readonly routeKey: string;
}

/** What an integration gives the gateway. */
export interface WebSocketIntegrationConfig extends GatewayIntegrationConfig {
  /**
   * The aws-cdk-lib route integration. The gateway binds it once per API, so routes sharing a
   * WebSocketIntegration object share one `AWS::ApiGatewayV2::Integration`.
   */
  readonly integration: apigwv2.WebSocketRouteIntegration;
  /**
   * Whether the integration is a proxy (Lambda or HTTP proxy). Two-way routes of a non-proxy
   * integration also get a `$default` integration response, which passes the backend's answer on.
   * @default false
   */
  readonly proxy?: boolean;
}

/** Options shared by every WebSocket integration. */
export interface WebSocketIntegrationOptions {
  /**
   * How long API Gateway waits for the backend: 50 ms to 29 s.
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;
}

/** Options of a Lambda alias integration. */
export interface WebSocketLambdaAliasIntegrationOptions extends WebSocketIntegrationOptions {
  /**
   * The stage variable that names the alias; each stage sets it through `lambdaAliases`.
   * @default 'lambdaAlias'
   */
  readonly stageVariable?: string;
}

/** Options of an HTTP proxy integration. */
export interface WebSocketHttpIntegrationOptions extends WebSocketIntegrationOptions {
  /**
   * The HTTP method used to call the backend.
   * @default apigwv2.HttpMethod.POST
   */
  readonly httpMethod?: apigwv2.HttpMethod;
}

/** Options of an SQS integration. */
export interface WebSocketSqsIntegrationOptions extends WebSocketIntegrationOptions {
  /**
   * A Velocity template of the message body sent to the queue (it is URL-encoded for you).
   * @default '$input.body' - the WebSocket message as received
   */
  readonly messageBody?: string;
  /**
   * The message group id, required by FIFO queues; a Velocity expression such as
   * `$context.connectionId` (one ordered group per connection).
   * @default - none, or `$context.connectionId` for FIFO queues
   */
  readonly messageGroupId?: string;
}

/**
 * A backend for a WebSocketGateway route. Use the static factories; implement `bind` for your own.
 */
export abstract class WebSocketIntegration {
  /**
   * A Lambda proxy integration. The gateway grants invoke once per function per stage (aws-cdk-lib's
   * `WebSocketLambdaIntegration` grants once per route).
   */
  public static lambdaFunction(handler: lambda.IFunction, options: WebSocketIntegrationOptions = {}): WebSocketIntegration {
    checkWebSocketFactoryInput('WebSocketIntegration.lambdaFunction', { handler, options });
    return new LambdaWebSocketIntegration(handler, options);
  }

  /**
   * A Lambda proxy integration calling `handler` at the alias named by a stage variable
   * (`function:${stageVariables.lambdaAlias}`), so that each stage invokes its own alias.
   */
  public static lambdaAlias(handler: lambda.IFunction, options: WebSocketLambdaAliasIntegrationOptions = {}): WebSocketIntegration {
    checkWebSocketFactoryInput('WebSocketIntegration.lambdaAlias', { handler, options });
    return new LambdaWebSocketIntegration(handler, options, options.stageVariable ?? DEFAULT_ALIAS_STAGE_VARIABLE);
  }

  /** An HTTP proxy integration: each message is sent to the URL. */
  public static http(url: string, options: WebSocketHttpIntegrationOptions = {}): WebSocketIntegration {
    checkWebSocketFactoryInput('WebSocketIntegration.http', { url, options });
    return new HttpWebSocketIntegration(url, options);
  }

  /**
   * Sends each message to an SQS queue (an AWS integration), with a role that may only
   * `sqs:SendMessage` to that queue (and use its KMS key, if it has one).
   */
  public static sqs(queue: sqs.IQueue, options: WebSocketSqsIntegrationOptions = {}): WebSocketIntegration {
    checkWebSocketFactoryInput('WebSocketIntegration.sqs', { queue, options });
    return new SqsWebSocketIntegration(queue, options);
  }

  /** Builds the integration for one gateway. */
  public abstract bind(options: WebSocketIntegrationBindOptions): WebSocketIntegrationConfig;
}

/** Validates a WebSocket integration timeout (rule 10) and returns it. */
export function validateWebSocketTimeout(options: WebSocketIntegrationBindOptions, timeout: Duration | undefined): Duration | undefined {
  return validateIntegrationTimeout(options.scope, options.routeKey, timeout, { maxMs: WEBSOCKET_MAX_TIMEOUT_MS, appliesTo: 'WebSocket APIs' });
}

/** What aws-cdk-lib's integration of a route is made of, given the route it is bound to. */
type RouteIntegrationConfigurer = (options: apigwv2.WebSocketRouteIntegrationBindOptions) => apigwv2.WebSocketRouteIntegrationConfig;

/**
 * The aws-cdk-lib route integration of the built-in integrations, configured by a function.
 * Defined on first use: extending WebSocketRouteIntegration when this file loads would load
 * aws-cdk-lib's WebSocket API classes with the library (lib/common/lazy.ts).
 */
const configuredRouteIntegrationClass = lazyValue(() => class ConfiguredRouteIntegration extends apigwv2.WebSocketRouteIntegration {
  constructor(private readonly configure: RouteIntegrationConfigurer) {
    super('Integration');
  }

  public bind(options: apigwv2.WebSocketRouteIntegrationBindOptions): apigwv2.WebSocketRouteIntegrationConfig {
    return this.configure(options);
  }
});

function routeIntegration(configure: RouteIntegrationConfigurer): apigwv2.WebSocketRouteIntegration {
  const ConfiguredRouteIntegration = configuredRouteIntegrationClass();
  return new ConfiguredRouteIntegration(configure);
}

class LambdaWebSocketIntegration extends WebSocketIntegration {
  constructor(private readonly handler: lambda.IFunction, private readonly options: WebSocketIntegrationOptions,
    private readonly stageVariable?: string) {
    super();
  }

  public bind(options: WebSocketIntegrationBindOptions): WebSocketIntegrationConfig {
    const timeout = validateWebSocketTimeout(options, this.options.timeout);
    // A Lambda proxy, without aws-cdk-lib's per-route permission.
    const integration = routeIntegration(route => ({
      type: apigwv2.WebSocketIntegrationType.AWS_PROXY,
      uri: lambdaInvocationUri(route.route, invokedFunctionArn(this.handler, this.stageVariable)),
      timeout,
    }));
    return {
      integration,
      ...lambdaInvocationTargets(this.handler, this.stageVariable),
      proxy: true,
    };
  }
}

/**
 * aws-cdk-lib's WebSocketIntegrationType lists no HTTP types although API Gateway and
 * CloudFormation support HTTP_PROXY for WebSocket APIs; the L2 passes the value through.
 */
const HTTP_PROXY = 'HTTP_PROXY' as unknown as apigwv2.WebSocketIntegrationType;

class HttpWebSocketIntegration extends WebSocketIntegration {
  constructor(private readonly url: string, private readonly options: WebSocketHttpIntegrationOptions) {
    super();
  }

  public bind(options: WebSocketIntegrationBindOptions): WebSocketIntegrationConfig {
    const timeout = validateWebSocketTimeout(options, this.options.timeout);
    check(options.scope, `route '${options.routeKey}' integration url`, this.url,
      Token.isUnresolved(this.url) || /^https?:\/\/[^\s/]+/.test(this.url) ? undefined : 'an HTTP integration URL starts with http:// or https:// and a host');
    const method = this.options.httpMethod ?? apigwv2.HttpMethod.POST;
    return { integration: routeIntegration(() => ({ type: HTTP_PROXY, uri: this.url, method, timeout })), proxy: true };
  }
}

class SqsWebSocketIntegration extends WebSocketIntegration {
  constructor(private readonly queue: sqs.IQueue, private readonly options: WebSocketSqsIntegrationOptions) {
    super();
  }

  public bind(options: WebSocketIntegrationBindOptions): WebSocketIntegrationConfig {
    const timeout = validateWebSocketTimeout(options, this.options.timeout);
    const stack = Stack.of(options.scope);
    // Least privilege: only SendMessage, only to this queue (not grantSendMessages' extra read actions).
    const role = new iam.Role(options.scope, 'SqsRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: `Lets API Gateway send the messages of route '${options.routeKey}' to one SQS queue`,
    });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }));
    this.queue.encryptionMasterKey?.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');

    const fifo = this.queue.fifo;
    const groupId = this.options.messageGroupId ?? (fifo ? '$context.connectionId' : undefined);
    let template = `Action=SendMessage&MessageBody=$util.urlEncode(${this.options.messageBody ?? '$input.body'})`;
    if (groupId !== undefined) {
      template += `&MessageGroupId=$util.urlEncode(${groupId})`;
    }
    if (fifo) {
      template += '&MessageDeduplicationId=$context.requestId';
    }
    const config: apigwv2.WebSocketRouteIntegrationConfig = {
      type: apigwv2.WebSocketIntegrationType.AWS,
      uri: `arn:${stack.partition}:apigateway:${stack.region}:sqs:path/${this.queue.env.account}/${this.queue.queueName}`,
      method: 'POST',
      credentialsRole: role,
      requestParameters: { 'integration.request.header.Content-Type': '\'application/x-www-form-urlencoded\'' },
      requestTemplates: { $default: template },
      templateSelectionExpression: '\\$default',
      passthroughBehavior: apigwv2.PassthroughBehavior.NEVER,
      timeout,
    };
    return { integration: routeIntegration(() => config) };
  }
}
