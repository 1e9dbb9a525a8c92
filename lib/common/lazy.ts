/**
 * aws-cdk-lib modules that only some gateways use, loaded when a gateway first uses them, so that
 * loading the library (and synthesizing a gateway without the feature) does not load them
 * (issue 14). A file keeps the module's types with `import type * as ec2 from 'aws-cdk-lib/aws-ec2'`
 * (erased when compiled) and reaches its values through the loader here, at the point of use:
 * `const { SecurityGroup } = awsEc2();`.
 *
 * Nothing may read such a module's values when a file is loaded (an enum member in a constant, a
 * class extending one of its classes): read them in the function that needs them. The same goes
 * for aws-apigateway and aws-apigatewayv2, which aws-cdk-lib loads file by file as their members
 * are first read: enums in input checks are given as `() => apigwv2.HttpMethod`, and a class
 * extending one of theirs is defined on first use, through lazyValue.
 */

/**
 * A function returning `create()`, computed on its first call: a module loader, or a class that
 * extends a class of a module that loading the library should spare.
 */
export function lazyValue<T>(create: () => T): () => T {
  let created: { readonly value: T } | undefined;
  return () => (created ??= { value: create() }).value;
}

/* eslint-disable @typescript-eslint/no-require-imports --
   a require() run on first use is what keeps these modules unloaded; an import would load them with the library */
export const awsApigatewayv2Authorizers = lazyValue(() =>
  require('aws-cdk-lib/aws-apigatewayv2-authorizers') as typeof import('aws-cdk-lib/aws-apigatewayv2-authorizers'));
export const awsApigatewayv2Integrations = lazyValue(() =>
  require('aws-cdk-lib/aws-apigatewayv2-integrations') as typeof import('aws-cdk-lib/aws-apigatewayv2-integrations'));
export const awsCertificateManager = lazyValue(() =>
  require('aws-cdk-lib/aws-certificatemanager') as typeof import('aws-cdk-lib/aws-certificatemanager'));
export const awsCloudWatch = lazyValue(() => require('aws-cdk-lib/aws-cloudwatch') as typeof import('aws-cdk-lib/aws-cloudwatch'));
export const awsCodeDeploy = lazyValue(() => require('aws-cdk-lib/aws-codedeploy') as typeof import('aws-cdk-lib/aws-codedeploy'));
export const awsEc2 = lazyValue(() => require('aws-cdk-lib/aws-ec2') as typeof import('aws-cdk-lib/aws-ec2'));
export const awsElasticLoadBalancingV2 = lazyValue(() =>
  require('aws-cdk-lib/aws-elasticloadbalancingv2') as typeof import('aws-cdk-lib/aws-elasticloadbalancingv2'));
export const awsKms = lazyValue(() => require('aws-cdk-lib/aws-kms') as typeof import('aws-cdk-lib/aws-kms'));
export const awsLogs = lazyValue(() => require('aws-cdk-lib/aws-logs') as typeof import('aws-cdk-lib/aws-logs'));
export const awsRoute53 = lazyValue(() => require('aws-cdk-lib/aws-route53') as typeof import('aws-cdk-lib/aws-route53'));
export const awsRoute53Targets = lazyValue(() => require('aws-cdk-lib/aws-route53-targets') as typeof import('aws-cdk-lib/aws-route53-targets'));
export const awsWafv2 = lazyValue(() => require('aws-cdk-lib/aws-wafv2') as typeof import('aws-cdk-lib/aws-wafv2'));
/** The library's own feature modules a gateway needs only when the feature is used (issue 14: a plain REST app loads fewer files). */
export const restDomains = lazyValue(() => require('../rest/domain') as typeof import('../rest/domain'));
export const restCanaryBake = lazyValue(() => require('../rest/canary-bake') as typeof import('../rest/canary-bake'));
export const restUsagePlans = lazyValue(() => require('../rest/usage-plans') as typeof import('../rest/usage-plans'));
export const restAlbIntegration = lazyValue(() => require('../rest/alb-integration') as typeof import('../rest/alb-integration'));
export const restServiceIntegrations = lazyValue(() => require('../rest/service-integrations') as typeof import('../rest/service-integrations'));
export const openApiImport = lazyValue(() => require('./openapi-import') as typeof import('./openapi-import'));
export const gatewayAlarms = lazyValue(() => require('./alarms') as typeof import('./alarms'));
export const restOpenApiImport = lazyValue(() => require('../rest/openapi') as typeof import('../rest/openapi'));
export const httpOpenApiImport = lazyValue(() => require('../http/openapi') as typeof import('../http/openapi'));
/** The YAML parser (a bundled dependency), loaded only when a gateway imports an OpenAPI document. */
export const yamlParser = lazyValue(() => require('yaml') as typeof import('yaml'));
/* eslint-enable @typescript-eslint/no-require-imports */
