import { Duration } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { IConstruct } from 'constructs';
import { validateIntegrationTimeout } from '../common/integration-timeout';
import { DEFAULT_ALIAS_STAGE_VARIABLE, LambdaInvocationTargets, invokedFunctionArn, lambdaInvocationTargets } from '../common/lambda-invocation';
import { GatewayValidationError } from '../common/errors';
import { awsApigatewayv2Integrations, awsElasticLoadBalancingV2, lazyValue } from '../common/lazy';
import { checkHttpFactoryInput } from './input';
import { GatewayIntegrationConfig } from '../common/integration-config';

/** HTTP API integrations time out after at most 30 s (rule 10). */
export const HTTP_MAX_TIMEOUT_MS = 30000;

/** What the gateway passes to an integration when a route is added. */
export interface HttpIntegrationBindOptions {
  /** The gateway (errors name its path). */
  readonly gateway: IConstruct;
  /** The route key the integration serves, e.g. `GET /orders/{id}` or `$default`. */
  readonly routeKey: string;
}

/** What an integration gives the gateway. */
export interface HttpIntegrationConfig extends GatewayIntegrationConfig {
  /** The aws-cdk-lib route integration. */
  readonly integration: apigwv2.HttpRouteIntegration;
  /**
   * The integration timeout, set on the integration by the gateway.
   * @default - the service default, 30 s
   */
  readonly timeout?: Duration;
}

/** Options shared by every HTTP API integration. */
export interface HttpIntegrationOptions {
  /**
   * How long API Gateway waits for the backend: 50 ms to 30 s.
   * @default - 30 s (the service default and maximum)
   */
  readonly timeout?: Duration;
}

/** Options of a Lambda proxy integration. */
export interface HttpLambdaIntegrationOptions extends HttpIntegrationOptions {
  /**
   * The event format the function receives.
   * @default apigwv2.PayloadFormatVersion.VERSION_2_0
   */
  readonly payloadFormatVersion?: apigwv2.PayloadFormatVersion;
}

/** Options of a Lambda alias proxy integration. */
export interface HttpLambdaAliasIntegrationOptions extends HttpLambdaIntegrationOptions {
  /**
   * The stage variable that names the alias; each stage sets it through `lambdaAliases`.
   * @default 'lambdaAlias'
   */
  readonly stageVariable?: string;
}

/** Options of an HTTP proxy integration to a public URL. */
export interface HttpUrlIntegrationOptions extends HttpIntegrationOptions {
  /**
   * The HTTP method used to call the backend.
   * @default apigwv2.HttpMethod.ANY (the client's method)
   */
  readonly httpMethod?: apigwv2.HttpMethod;
  /**
   * Request and response parameter mappings.
   * @default - none
   */
  readonly parameterMapping?: apigwv2.ParameterMapping;
}

/** Options of a private integration through a VPC link. */
export interface HttpPrivateIntegrationOptions extends HttpUrlIntegrationOptions {
  /**
   * The VPC link to use.
   * @default - for a load balancer: one VPC link per VPC per API, created on first use
   */
  readonly vpcLink?: apigwv2.IVpcLink;
  /**
   * The server name API Gateway verifies in the backend's TLS certificate; set it to call an
   * HTTPS listener (API Gateway then speaks TLS to the backend).
   * @default - no TLS to the backend
   */
  readonly secureServerName?: string;
}

/** Options of a private integration to a Cloud Map service. */
export interface HttpServiceDiscoveryIntegrationOptions extends HttpUrlIntegrationOptions {
  /** The VPC link to the VPC in which the service's instances run. */
  readonly vpcLink: apigwv2.IVpcLink;
  /**
   * The server name API Gateway verifies in the backend's TLS certificate.
   * @default - no TLS to the backend
   */
  readonly secureServerName?: string;
}

/**
 * A backend for an HttpGateway route. Use the static factories; implement `bind` for your own.
 * An integration object used on several routes of one gateway is bound once and rendered as one
 * integration resource that those routes share (the same rule as WebSocketIntegration).
 */
export abstract class HttpIntegration {
  /**
   * A Lambda proxy integration (payload format 2.0 by default). The gateway grants invoke once
   * per function per stage (aws-cdk-lib's HttpLambdaIntegration grants once per route).
   */
  public static lambdaFunction(handler: lambda.IFunction, options: HttpLambdaIntegrationOptions = {}): HttpIntegration {
    checkHttpFactoryInput('HttpIntegration.lambdaFunction', { handler, options });
    return new LambdaHttpIntegration(handler, options);
  }

  /**
   * A Lambda proxy integration calling `handler` at the alias named by a stage variable
   * (`function:${stageVariables.lambdaAlias}`), so that each stage invokes its own alias.
   */
  public static lambdaAlias(handler: lambda.IFunction, options: HttpLambdaAliasIntegrationOptions = {}): HttpIntegration {
    checkHttpFactoryInput('HttpIntegration.lambdaAlias', { handler, options });
    return new LambdaHttpIntegration(handler, options, options.stageVariable ?? DEFAULT_ALIAS_STAGE_VARIABLE);
  }

  /** An HTTP proxy integration to a URL (route path variables such as `{proxy}` may be used in it). */
  public static http(url: string, options: HttpUrlIntegrationOptions = {}): HttpIntegration {
    checkHttpFactoryInput('HttpIntegration.http', { url, options });
    return new CdkHttpIntegration(options, () => new (awsApigatewayv2Integrations().HttpUrlIntegration)('Integration', url, {
      method: options.httpMethod, parameterMapping: options.parameterMapping,
    }));
  }

  /** A private integration to an Application Load Balancer listener, through a VPC link. */
  public static alb(listener: elbv2.IApplicationListener, options: HttpPrivateIntegrationOptions = {}): HttpIntegration {
    checkHttpFactoryInput('HttpIntegration.alb', { listener, options });
    requireVpcLinkForImportedListener('HttpIntegration.alb', options, listener instanceof awsElasticLoadBalancingV2().ApplicationListener);
    return new CdkHttpIntegration(options, () => new (awsApigatewayv2Integrations().HttpAlbIntegration)('Integration', listener, privateProps(options)));
  }

  /**
   * A private integration to a Network Load Balancer listener, through a VPC link. It takes a
   * listener, where RestIntegration.nlb takes the load balancer: an HTTP API private integration
   * targets a listener ARN, while a REST API VPC link attaches to the load balancer itself.
   */
  public static nlb(listener: elbv2.INetworkListener, options: HttpPrivateIntegrationOptions = {}): HttpIntegration {
    checkHttpFactoryInput('HttpIntegration.nlb', { listener, options });
    requireVpcLinkForImportedListener('HttpIntegration.nlb', options, listener instanceof awsElasticLoadBalancingV2().NetworkListener);
    return new CdkHttpIntegration(options, () => new (awsApigatewayv2Integrations().HttpNlbIntegration)('Integration', listener, privateProps(options)));
  }

  /** A private integration to an AWS Cloud Map service, through a VPC link. */
  public static serviceDiscovery(service: servicediscovery.IService, options: HttpServiceDiscoveryIntegrationOptions): HttpIntegration {
    checkHttpFactoryInput('HttpIntegration.serviceDiscovery', { service, options });
    return new CdkHttpIntegration(options,
      () => new (awsApigatewayv2Integrations().HttpServiceDiscoveryIntegration)('Integration', service, privateProps(options)));
  }

  /**
   * Builds the integration. A gateway calls it once per integration object, when the first route
   * using the object is added (`options.routeKey` is that route's key), and shares the result with
   * the later routes using the same object.
   */
  public abstract bind(options: HttpIntegrationBindOptions): HttpIntegrationConfig;
}

/** Validates an HTTP API integration timeout (rule 10) and returns it. */
export function validateHttpTimeout(options: HttpIntegrationBindOptions, timeout: Duration | undefined): Duration | undefined {
  return validateIntegrationTimeout(options.gateway, options.routeKey, timeout, { maxMs: HTTP_MAX_TIMEOUT_MS, appliesTo: 'HTTP APIs' });
}

/**
 * An imported listener (`fromNetworkListenerArn`, `fromApplicationListenerAttributes`) has no load
 * balancer whose VPC a new VPC link could use: it needs `vpcLink` (aws-cdk-lib would otherwise
 * throw its own error at bind time, without the construct path).
 */
function requireVpcLinkForImportedListener(factory: string, options: HttpPrivateIntegrationOptions, madeInApp: boolean): void {
  if (!madeInApp && options.vpcLink === undefined) {
    throw GatewayValidationError.forFactory(factory, 'options.vpcLink', undefined,
      'an imported listener has no load balancer VPC to create a VPC link in: pass the vpcLink to reach it through');
  }
}

function privateProps(options: HttpPrivateIntegrationOptions | HttpServiceDiscoveryIntegrationOptions): integrations.HttpPrivateIntegrationOptions {
  // The timeout is set by the gateway on the L1 (aws-cdk-lib caps it at 29 s; the service allows 30 s).
  return {
    vpcLink: options.vpcLink,
    method: options.httpMethod,
    secureServerName: options.secureServerName,
    parameterMapping: options.parameterMapping,
  };
}

/**
 * A built-in integration: a new aws-cdk-lib route integration per bind. The gateway binds an
 * integration object once (lib/common/integration-cache.ts), so routes sharing it share one integration.
 */
abstract class BuiltInIntegration extends HttpIntegration {
  constructor(private readonly options: HttpIntegrationOptions) {
    super();
  }

  public bind(options: HttpIntegrationBindOptions): HttpIntegrationConfig {
    const timeout = validateHttpTimeout(options, this.options.timeout);
    return { integration: this.create(), timeout, ...this.targets() };
  }

  protected abstract create(): apigwv2.HttpRouteIntegration;

  /** The functions the gateway grants API Gateway to invoke. */
  protected targets(): LambdaInvocationTargets {
    return {};
  }
}

class CdkHttpIntegration extends BuiltInIntegration {
  constructor(options: HttpIntegrationOptions, private readonly factory: () => apigwv2.HttpRouteIntegration) {
    super(options);
  }

  protected create(): apigwv2.HttpRouteIntegration {
    return this.factory();
  }
}

class LambdaHttpIntegration extends BuiltInIntegration {
  constructor(private readonly handler: lambda.IFunction, private readonly lambdaOptions: HttpLambdaIntegrationOptions,
    private readonly stageVariable?: string) {
    super(lambdaOptions);
  }

  protected create(): apigwv2.HttpRouteIntegration {
    const LambdaProxyRouteIntegration = lambdaProxyRouteIntegrationClass();
    return new LambdaProxyRouteIntegration(invokedFunctionArn(this.handler, this.stageVariable),
      this.lambdaOptions.payloadFormatVersion ?? apigwv2.PayloadFormatVersion.VERSION_2_0);
  }

  protected targets(): LambdaInvocationTargets {
    return lambdaInvocationTargets(this.handler, this.stageVariable);
  }
}

/**
 * A Lambda proxy integration without a permission: aws-cdk-lib's HttpLambdaIntegration adds one
 * permission per route, and functions shared by many routes hit Lambda's 20 KB policy limit.
 * Defined on first use: extending HttpRouteIntegration when this file loads would load
 * aws-cdk-lib's HTTP API classes with the library (lib/common/lazy.ts).
 */
const lambdaProxyRouteIntegrationClass = lazyValue(() => class LambdaProxyRouteIntegration extends apigwv2.HttpRouteIntegration {
  constructor(private readonly uri: string, private readonly payloadFormatVersion: apigwv2.PayloadFormatVersion) {
    super('Integration');
  }

  public bind(_options: apigwv2.HttpRouteIntegrationBindOptions): apigwv2.HttpRouteIntegrationConfig {
    return {
      type: apigwv2.HttpIntegrationType.AWS_PROXY,
      uri: this.uri,
      payloadFormatVersion: this.payloadFormatVersion,
    };
  }
});
