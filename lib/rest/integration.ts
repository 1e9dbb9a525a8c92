import { Duration, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { EndpointKind } from '../common/endpoint';
import { check, warn } from '../common/errors';
import { stageVariableReference } from '../common/lambda-alias';
import { StageVariableInvocation } from '../common/stage';
import { integrationTimeoutViolation } from '../common/rules';

/** REST integrations time out after at most 29 s unless a regional or private API's account raised it (rule 10). */
export const REST_MAX_TIMEOUT_MS = 29000;

/** What the gateway passes to an integration when a route is added. */
export interface RestIntegrationBindOptions {
  /** A scope for constructs the integration creates (unique per route). */
  readonly scope: Construct;
  /** The route key the integration serves, e.g. `GET /orders/{id}`. */
  readonly routeKey: string;
  /** The API's endpoint kind (timeouts above 29 s are possible only off the edge). */
  readonly endpointKind: EndpointKind;
  /**
   * Request parameters forming the cache key (the route's path parameters and any the route adds);
   * set them as the integration's `cacheKeyParameters`.
   * @default - none
   */
  readonly cacheKeyParameters?: string[];
}

/** What an integration gives the gateway. */
export interface RestIntegrationConfig {
  /** The aws-cdk-lib integration for the method. */
  readonly integration: apigateway.Integration;
  /**
   * Functions the gateway allows API Gateway to invoke, once per function per stage.
   * @default - none
   */
  readonly invokedFunctions?: lambda.IFunction[];
  /**
   * Functions invoked at the alias named by a stage variable: the gateway checks that every stage
   * defines the variable and grants each stage's alias once.
   * @default - none
   */
  readonly stageVariableInvocations?: StageVariableInvocation[];
  /**
   * Method responses the method declares (needed by non-proxy integrations).
   * @default - none
   */
  readonly methodResponses?: apigateway.MethodResponse[];
}

/** Options shared by every REST integration. */
export interface RestIntegrationOptions {
  /**
   * How long API Gateway waits for the backend: 50 ms to 29 s (more only on regional or private
   * APIs whose account quota was raised).
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;
}

/** Options of a Lambda alias integration. */
export interface RestLambdaAliasIntegrationOptions extends RestIntegrationOptions {
  /**
   * The stage variable that names the alias; each stage sets it through `lambdaAliases`.
   * @default 'lambdaAlias'
   */
  readonly stageVariable?: string;
}

/** Options of an HTTP proxy integration. */
export interface RestHttpIntegrationOptions extends RestIntegrationOptions {
  /**
   * The HTTP method used to call the backend.
   * @default - the route's method (ANY for ANY routes)
   */
  readonly httpMethod?: string;
}

/** Options of a mock integration. */
export interface RestMockIntegrationOptions {
  /**
   * The status code the mock answers with.
   * @default 200
   */
  readonly statusCode?: number;
  /**
   * The JSON body the mock answers with.
   * @default '{}'
   */
  readonly responseBody?: string;
}

/**
 * A backend for a RestGateway route. Use the static factories; implement `bind` for your own.
 */
export abstract class RestIntegration {
  /** A Lambda proxy integration. The gateway grants invoke once per function per stage. */
  public static lambdaFunction(handler: lambda.IFunction, options: RestIntegrationOptions = {}): RestIntegration {
    return new LambdaRestIntegration(handler, options);
  }

  /**
   * A Lambda proxy integration calling `handler` at the alias named by a stage variable
   * (`function:${stageVariables.lambdaAlias}`), so that each stage invokes its own alias.
   */
  public static lambdaAlias(handler: lambda.IFunction, options: RestLambdaAliasIntegrationOptions = {}): RestIntegration {
    return new LambdaAliasRestIntegration(handler, options);
  }

  /** An HTTP proxy integration to a URL (path parameters of the route may be used in it). */
  public static http(url: string, options: RestHttpIntegrationOptions = {}): RestIntegration {
    return new HttpRestIntegration(url, options);
  }

  /** A mock integration answering a fixed status and JSON body, without a backend. */
  public static mock(options: RestMockIntegrationOptions = {}): RestIntegration {
    return new MockRestIntegration(options);
  }

  /** Builds the integration for one route. */
  public abstract bind(options: RestIntegrationBindOptions): RestIntegrationConfig;
}

/** Validates a REST integration timeout (rule 10) and returns it. */
export function validateRestTimeout(options: RestIntegrationBindOptions, timeout: Duration | undefined): Duration | undefined {
  if (timeout === undefined || Token.isUnresolved(timeout.toMilliseconds({ integral: false }))) return timeout;
  const ms = timeout.toMilliseconds();
  const max = options.endpointKind === EndpointKind.EDGE ? REST_MAX_TIMEOUT_MS : Number.MAX_SAFE_INTEGER;
  check(options.scope, `route '${options.routeKey}' integration timeout`, `${ms} ms`,
    integrationTimeoutViolation(ms, max, 'edge-optimized REST APIs (no quota increase applies to them)'));
  if (ms > REST_MAX_TIMEOUT_MS) {
    warn(options.scope, 'timeoutAboveDefaultQuota',
      `route '${options.routeKey}' integration timeout ${ms} ms exceeds 29 s; it deploys only if the account's integration-timeout quota was raised for this region.`);
  }
  return timeout;
}

class LambdaRestIntegration extends RestIntegration {
  constructor(private readonly handler: lambda.IFunction, private readonly options: RestIntegrationOptions) {
    super();
  }

  public bind(options: RestIntegrationBindOptions): RestIntegrationConfig {
    const timeout = validateRestTimeout(options, this.options.timeout);
    return {
      // AwsIntegration rather than LambdaIntegration: the latter adds a permission per method.
      integration: new apigateway.AwsIntegration({
        proxy: true,
        service: 'lambda',
        path: `2015-03-31/functions/${this.handler.functionArn}/invocations`,
        options: { timeout, cacheKeyParameters: options.cacheKeyParameters },
      }),
      invokedFunctions: [this.handler],
    };
  }
}

class LambdaAliasRestIntegration extends RestIntegration {
  constructor(private readonly handler: lambda.IFunction, private readonly options: RestLambdaAliasIntegrationOptions) {
    super();
  }

  public bind(options: RestIntegrationBindOptions): RestIntegrationConfig {
    const timeout = validateRestTimeout(options, this.options.timeout);
    const stageVariable = this.options.stageVariable ?? 'lambdaAlias';
    return {
      integration: new apigateway.AwsIntegration({
        proxy: true,
        service: 'lambda',
        path: `2015-03-31/functions/${this.handler.functionArn}:${stageVariableReference(stageVariable)}/invocations`,
        options: { timeout, cacheKeyParameters: options.cacheKeyParameters },
      }),
      stageVariableInvocations: [{ handler: this.handler, stageVariable }],
    };
  }
}

class HttpRestIntegration extends RestIntegration {
  constructor(private readonly url: string, private readonly options: RestHttpIntegrationOptions) {
    super();
  }

  public bind(options: RestIntegrationBindOptions): RestIntegrationConfig {
    const timeout = validateRestTimeout(options, this.options.timeout);
    const routeMethod = options.routeKey.split(' ')[0];
    const params = /\{([A-Za-z0-9._-]+)\+?\}/g;
    const requestParameters: { [k: string]: string } = {};
    const routeParams = [...options.routeKey.matchAll(params)].map(m => m[1]);
    for (const m of this.url.matchAll(params)) {
      check(options.scope, `route '${options.routeKey}' http url`, this.url, routeParams.includes(m[1])
        ? undefined : `the URL parameter {${m[1]}} must be a path parameter of the route`);
      requestParameters[`integration.request.path.${m[1]}`] = `method.request.path.${m[1]}`;
    }
    return {
      integration: new apigateway.HttpIntegration(this.url, {
        proxy: true,
        httpMethod: this.options.httpMethod ?? routeMethod,
        options: {
          timeout,
          cacheKeyParameters: options.cacheKeyParameters,
          requestParameters: Object.keys(requestParameters).length > 0 ? requestParameters : undefined,
        },
      }),
    };
  }
}

class MockRestIntegration extends RestIntegration {
  constructor(private readonly options: RestMockIntegrationOptions) {
    super();
  }

  public bind(options: RestIntegrationBindOptions): RestIntegrationConfig {
    const statusCode = this.options.statusCode ?? 200;
    check(options.scope, `route '${options.routeKey}' mock statusCode`, statusCode,
      Number.isInteger(statusCode) && statusCode >= 100 && statusCode <= 599 ? undefined : 'a status code is a whole number from 100 to 599');
    const body = this.options.responseBody ?? '{}';
    return {
      integration: new apigateway.MockIntegration({
        requestTemplates: { 'application/json': JSON.stringify({ statusCode }) },
        integrationResponses: [{ statusCode: String(statusCode), responseTemplates: { 'application/json': body } }],
      }),
      methodResponses: [{ statusCode: String(statusCode) }],
    };
  }
}
