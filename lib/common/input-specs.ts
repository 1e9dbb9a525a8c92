/**
 * The shapes of the structs every gateway shares (stages, throttles, access logs, CORS, custom
 * domains, endpoints, API keys and usage plans), for the run-time checks of lib/common/input.ts.
 * Each member of each exported struct has an entry here; the adapters add their own members.
 */
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { IConstruct } from 'constructs';
import { GatewayDomain } from './domain';
import { EndpointKind } from './endpoint';
import { GatewayIpAddressType } from './ip-address-type';
import { GatewayRoutingMode } from './routing-rules';
import {
  InputCheck, InputSpec, aBoolean, aDuration, aNumber, aResource, aString, aStruct, anInstanceOf, checkArgs, checkConstructProps, listOf,
  mapOf, oneOf, required,
} from './input';
import { awsLogs } from './lazy';

/** A lambda.IFunction. */
export const A_FUNCTION = aResource('a lambda.IFunction', 'functionArn');
/** A lambda.IAlias. */
export const AN_ALIAS = aResource('a lambda.IAlias', 'aliasName');
/** An iam.IGrantable (a role, user, function, ...). */
export const A_GRANTEE = aResource('an iam.IGrantable', 'grantPrincipal');
/** A construct (a scope). */
export const A_CONSTRUCT = aResource('a construct', 'node');

/** ThrottleSettings. */
export const THROTTLE = aStruct({ rateLimit: aNumber(), burstLimit: aNumber() }, 'a ThrottleSettings object');

/** AccessLogOptions. */
export const ACCESS_LOGS = aStruct({
  enabled: aBoolean,
  logGroup: aResource('a logs.ILogGroup', 'logGroupArn'),
  retention: oneOf(() => awsLogs().RetentionDays, 'logs.RetentionDays'),
  encryptionKey: aResource('a kms.IKey', 'keyArn'),
  format: aString(),
}, 'an AccessLogOptions object');

/** AliasTrafficShiftingOptions. */
export const TRAFFIC_SHIFTING = aStruct({
  deploymentConfig: aResource('a codedeploy.ILambdaDeploymentConfig', 'deploymentConfigName'),
  alarms: listOf(aResource('a cloudwatch.IAlarm', 'alarmArn')),
  application: aResource('a codedeploy.ILambdaApplication', 'applicationName'),
  stageAlarms: aBoolean,
}, 'an AliasTrafficShiftingOptions object');

/** GatewayStageOptions, the members every stage has. */
export const STAGE_SPEC: InputSpec = {
  stageName: required(aString()),
  variables: mapOf(aString()),
  throttle: THROTTLE,
  accessLogs: ACCESS_LOGS,
  detailedMetrics: aBoolean,
  description: aString(),
  lambdaAliases: mapOf(AN_ALIAS),
  aliasTrafficShifting: TRAFFIC_SHIFTING,
};

/** The `stages` prop: an array of stage structs. */
export function stagesOf(spec: InputSpec, what: string): InputCheck {
  return listOf(aStruct(spec, what));
}

/** GatewayCorsOptions; `maxAge` may carry the API kind's range rule. */
export function corsOptions(maxAgeRule?: Parameters<typeof aDuration>[0]): InputCheck {
  return aStruct({
    allowOrigins: required(listOf(aString())),
    allowMethods: listOf(aString()),
    allowHeaders: listOf(aString()),
    exposeHeaders: listOf(aString()),
    allowCredentials: aBoolean,
    maxAge: aDuration(maxAgeRule, 'seconds'),
  }, 'a GatewayCorsOptions object');
}

/** GatewayDomainMappingOptions (and the mapping members of GatewayDomainOptions). */
export const DOMAIN_MAPPING_SPEC: InputSpec = {
  basePath: aString(),
  stageName: aString(),
};

/** GatewayDomainBaseOptions (GatewayDomainProps). */
export const DOMAIN_BASE_SPEC: InputSpec = {
  domainName: required(aString()),
  hostedZone: aResource('a route53.IHostedZone', 'hostedZoneId'),
  certificate: aResource('an acm.ICertificate', 'certificateArn'),
  securityPolicy: oneOf(() => apigateway.SecurityPolicy, 'apigateway.SecurityPolicy'),
  endpointAccessMode: oneOf(() => apigateway.EndpointAccessMode, 'apigateway.EndpointAccessMode'),
  ipAddressType: oneOf(() => GatewayIpAddressType, 'GatewayIpAddressType'),
  mtls: aStruct({
    bucket: required(aResource('an s3.IBucket', 'bucketName')),
    key: required(aString()),
    version: aString(),
  }, 'a GatewayMtlsOptions object'),
};

/** GatewayDomainProps. */
export const GATEWAY_DOMAIN_SPEC: InputSpec = {
  ...DOMAIN_BASE_SPEC,
  routingMode: oneOf(() => GatewayRoutingMode, 'GatewayRoutingMode'),
};

/** The arguments of `GatewayDomain.addRoutingRule(id, options)`. */
export const ADD_ROUTING_RULE_ARGS: InputSpec = {
  id: required(aString()),
  options: required(aStruct({
    priority: required(aNumber()),
    gateway: required(aResource('a gateway (a RestGateway)', 'apiId')),
    stageName: aString(),
    headers: listOf(aStruct({ header: required(aString()), valueGlob: required(aString()) }, 'a GatewayRoutingHeader object')),
    basePath: aString(),
    stripBasePath: aBoolean,
  }, 'a GatewayRoutingRuleOptions object')),
};

/** The `ipAddressType` prop of the three gateways. */
export const IP_ADDRESS_TYPE = oneOf(() => GatewayIpAddressType, 'GatewayIpAddressType');

/** GatewayDomainOptions: a gateway's `domain` prop. */
export const DOMAIN = aStruct({ ...DOMAIN_BASE_SPEC, ...DOMAIN_MAPPING_SPEC }, 'a GatewayDomainOptions object');

/** PrivateEndpointOptions. */
export const PRIVATE_ENDPOINT_SPEC: InputSpec = {
  vpc: aResource('an ec2.IVpc', 'vpcId'),
  subnets: aStruct({}, 'an ec2.SubnetSelection'),
  allowedPeers: listOf(aResource('an ec2.IPeer', 'uniqueId')),
  vpcEndpoints: listOf(aResource('an ec2.IInterfaceVpcEndpoint', 'vpcEndpointId')),
};

/**
 * A GatewayEndpoint, checked by shape (its members are public, so TypeScript accepts an object
 * literal too): a kind among EndpointKind's and, for a private endpoint, its options.
 */
export const ENDPOINT = aStruct({
  kind: required(oneOf(() => EndpointKind, 'EndpointKind')),
  privateOptions: aStruct(PRIVATE_ENDPOINT_SPEC, 'a PrivateEndpointOptions object'),
}, 'a GatewayEndpoint (GatewayEndpoint.regional(), .edge() or .privateEndpoint({ vpc }))');

/** The arguments of `addApiKey(name, options)`. */
export const ADD_API_KEY_ARGS: InputSpec = {
  name: required(aString()),
  options: aStruct({
    valueSecret: aResource('a secretsmanager.ISecret', 'secretArn'),
    valueSecretField: aString(),
    description: aString(),
    enabled: aBoolean,
  }, 'a GatewayApiKeyOptions object'),
};

/** UsagePlanQuota. */
export const QUOTA = aStruct({
  limit: required(aNumber()),
  period: required(oneOf(() => apigateway.Period, 'apigateway.Period')),
  offset: aNumber(),
}, 'a UsagePlanQuota object');

/** The arguments of `addUsagePlan(name, options)`. */
export const ADD_USAGE_PLAN_ARGS: InputSpec = {
  name: required(aString()),
  options: aStruct({
    description: aString(),
    throttle: THROTTLE,
    quota: QUOTA,
    stages: listOf(aStruct({ stageName: required(aString()), routeThrottles: mapOf(THROTTLE) }, 'a UsagePlanStageOptions object')),
    apiKeys: listOf(aString()),
  }, 'a GatewayUsagePlanOptions object'),
};

/** The arguments of `mapDomain(domain, options)`. */
export const MAP_DOMAIN_ARGS: InputSpec = {
  domain: required(anInstanceOf(() => GatewayDomain, 'a GatewayDomain')),
  options: aStruct(DOMAIN_MAPPING_SPEC, 'a GatewayDomainMappingOptions object'),
};

/** The `props` of a metric method (cloudwatch.MetricOptions, passed on to aws-cdk-lib). */
export const METRIC_OPTIONS = aStruct({}, 'a cloudwatch.MetricOptions object');

/** The arguments of `metric(metricName, stageName, props)`. */
export const METRIC_ARGS: InputSpec = {
  metricName: required(aString()),
  stageName: required(aString()),
  props: METRIC_OPTIONS,
};

/** The arguments of `arnForExecuteApi(...)`: optional strings. */
export function optionalStrings(...names: string[]): InputSpec {
  return Object.fromEntries(names.map(n => [n, aString()]));
}

/**
 * Checks the arguments of a gateway's `addRoute(routeKey, integration, options)`: the route key
 * and the integration are required, the options match the gateway's route-options struct.
 */
export function checkRouteArgs(gateway: IConstruct, routeKey: unknown, integration: unknown, options: unknown,
  integrationCheck: InputCheck, optionsCheck: InputCheck): void {
  checkArgs(gateway, { routeKey, integration }, { routeKey: required(aString()), integration: required(integrationCheck) }, 'addRoute');
  optionsCheck.check(gateway, `route '${routeKey}' options`, options);
}

/**
 * Checks what an integration's `bind` returned (a custom integration written in JavaScript may
 * return anything): the gateway kind's aws-cdk-lib integration object, the invoked functions and
 * stage-variable invocations every kind shares, and the kind's own members (`extra`).
 */
export function checkBindResult(gateway: IConstruct, routeKey: string, config: unknown, integrationCheck: InputCheck,
  extra: InputSpec, what: string): void {
  required(aStruct({
    integration: required(integrationCheck),
    invokedFunctions: listOf(A_FUNCTION),
    stageVariableInvocations: listOf(aStruct({ handler: required(A_FUNCTION), stageVariable: required(aString()) }, 'a StageVariableInvocation object')),
    ...extra,
  }, what)).check(gateway, `route '${routeKey}' integration.bind() result`, config);
}

/** What one gateway kind's input checks are made of. */
export interface GatewayInputSpec {
  /** The gateway's props struct and its name in errors (`a RestGatewayProps object`). */
  readonly props: InputSpec;
  readonly propsWhat: string;
  /** The kind's integration class and route-options struct (`addRoute`'s arguments). */
  readonly integration: InputCheck;
  readonly routeOptions: InputCheck;
  /** The aws-cdk-lib integration a `bind()` returns, the kind's extra config members, its name. */
  readonly boundIntegration: InputCheck;
  readonly bindExtra: InputSpec;
  readonly bindWhat: string;
}

/** The run-time checks of one gateway kind's constructor props, `addRoute` arguments and `bind()` results. */
export class GatewayInputChecks {
  constructor(private readonly spec: GatewayInputSpec) {}

  /** Checks the constructor's `props`. */
  public props(gateway: IConstruct, props: unknown): void {
    checkConstructProps(gateway, props, this.spec.props, this.spec.propsWhat);
  }

  /** Checks the arguments of `addRoute(routeKey, integration, options)`. */
  public route(gateway: IConstruct, routeKey: unknown, integration: unknown, options: unknown): void {
    checkRouteArgs(gateway, routeKey, integration, options, this.spec.integration, this.spec.routeOptions);
  }

  /** Checks what an integration's `bind` returned (a custom integration written in JavaScript may return anything). */
  public bindResult(gateway: IConstruct, routeKey: string, config: unknown): void {
    checkBindResult(gateway, routeKey, config, this.spec.boundIntegration, this.spec.bindExtra, this.spec.bindWhat);
  }
}

/** The arguments of the methods every gateway has under the same names (IGateway, mapDomain). */
export const GATEWAY_METHOD_ARGS = {
  grantInvoke: {
    grantee: required(A_GRANTEE),
    options: aStruct({ routeKey: aString(), stageName: aString() }, 'a GatewayGrantInvokeOptions object'),
  },
  mapDomain: MAP_DOMAIN_ARGS,
  metric: METRIC_ARGS,
} satisfies { [method: string]: InputSpec };
