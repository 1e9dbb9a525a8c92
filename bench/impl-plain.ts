/**
 * Plain aws-cdk-lib implementations: RestApi and HttpApi with aws-cdk-lib's Lambda integrations
 * (default and with the permission scoped to the whole API), and the equal-work REST peer.
 * None splits routes across stacks.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';

export interface PlainBuildOptions {
  readonly routeKeys: string[];
  readonly stageNames: string[];
}

function splitRouteKey(routeKey: string): { method: string; path: string } {
  const [method, routePath] = routeKey.split(' ');
  return { method, path: routePath };
}

/** RestApi with its default deployment and stage (the first stage name), more stages on the same deployment. */
export function buildRestApi(stack: Stack, fn: lambda.IFunction, options: PlainBuildOptions, scopePermissionToMethod: boolean): void {
  const [first, ...more] = options.stageNames;
  const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { stageName: first } });
  const integration = new apigateway.LambdaIntegration(fn, scopePermissionToMethod ? {} : { scopePermissionToMethod: false });
  for (const key of options.routeKeys) {
    const { method, path: routePath } = splitRouteKey(key);
    api.root.resourceForPath(routePath).addMethod(method, integration);
  }
  for (const stageName of more) {
    new apigateway.Stage(stack, `Stage${stageName}`, { deployment: api.latestDeployment as apigateway.Deployment, stageName });
  }
}

/** The JSON access-log fields of the library's REST default. */
const REST_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  status: '$context.status',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  extendedRequestId: '$context.extendedRequestId',
  caller: '$context.identity.caller',
  user: '$context.identity.user',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  path: '$context.path',
  protocol: '$context.protocol',
  wafError: '$context.waf.error',
});

/**
 * The equal-work peer: a plain RestApi configured by hand to what RestGateway's defaults produce
 * (same resource types and settings): a KMS key for the logs (rotation, key policy for CloudWatch
 * Logs, grants only for AWS services), one encrypted access-log group per stage kept a year, JSON
 * access logs, a request validator, X-Ray, stage throttling, ERROR execution logs without data
 * trace, detailed metrics, no CloudWatch role, a regional endpoint, IAM authorization, path
 * parameters declared and in the cache key, and one Lambda permission per stage.
 */
export function buildRestPeer(stack: Stack, fn: lambda.IFunction, options: PlainBuildOptions): void {
  const key = new kms.Key(stack, 'LogsKey', {
    description: 'Encrypts the access logs of the API',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchLogs',
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${stack.region}:${stack.account}:log-group:*` } },
  }));
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyGrantsExceptForAwsServices',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
  const stageOptions = (stageName: string): apigateway.StageOptions => ({
    stageName,
    accessLogDestination: new apigateway.LogGroupLogDestination(new logs.LogGroup(stack, `AccessLogs${stageName}`, {
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    })),
    accessLogFormat: apigateway.AccessLogFormat.custom(REST_ACCESS_LOG_FORMAT),
    tracingEnabled: true,
    throttlingRateLimit: 10000,
    throttlingBurstLimit: 5000,
    loggingLevel: apigateway.MethodLoggingLevel.ERROR,
    dataTraceEnabled: false,
    metricsEnabled: true,
  });
  const [first, ...more] = options.stageNames;
  const api = new apigateway.RestApi(stack, 'Api', {
    cloudWatchRole: false,
    endpointTypes: [apigateway.EndpointType.REGIONAL],
    deployOptions: stageOptions(first),
  });
  api.addRequestValidator('RequestValidator', { validateRequestBody: true, validateRequestParameters: true });
  const uri = `2015-03-31/functions/${fn.functionArn}/invocations`;
  const integrations = new Map<string, apigateway.Integration>();
  const integrationFor = (cacheKeyParameters: string[]): apigateway.Integration => {
    const id = cacheKeyParameters.join(',');
    let integration = integrations.get(id);
    if (!integration) {
      integration = new apigateway.AwsIntegration({
        proxy: true,
        service: 'lambda',
        path: uri,
        options: cacheKeyParameters.length > 0 ? { cacheKeyParameters } : {},
      });
      integrations.set(id, integration);
    }
    return integration;
  };
  for (const routeKey of options.routeKeys) {
    const { method, path: routePath } = splitRouteKey(routeKey);
    const pathParameters = [...routePath.matchAll(/\{([^}+]+)\+?\}/g)].map(m => `method.request.path.${m[1]}`);
    api.root.resourceForPath(routePath).addMethod(method, integrationFor(pathParameters), {
      authorizationType: apigateway.AuthorizationType.IAM,
      ...pathParameters.length > 0 ? { requestParameters: Object.fromEntries(pathParameters.map(p => [p, true])) } : {},
    });
  }
  for (const stageName of more) {
    new apigateway.Stage(stack, `Stage${stageName}`, { deployment: api.latestDeployment as apigateway.Deployment, ...stageOptions(stageName) });
  }
  for (const stageName of options.stageNames) {
    new lambda.CfnPermission(stack, `Invoke${stageName}`, {
      action: 'lambda:InvokeFunction',
      functionName: fn.functionArn,
      principal: 'apigateway.amazonaws.com',
      sourceAccount: stack.account,
      sourceArn: api.arnForExecuteApi('*', '/*', stageName),
    });
  }
}

/** HttpApi without its default stage; the stages added with addStage; one integration shared by every route. */
export function buildHttpApi(stack: Stack, fn: lambda.IFunction, options: PlainBuildOptions, scopePermissionToRoute: boolean): void {
  const api = new apigwv2.HttpApi(stack, 'Api', { createDefaultStage: false });
  for (const stageName of options.stageNames) api.addStage(`Stage${stageName}`, { stageName, autoDeploy: true });
  const integration = new HttpLambdaIntegration('Handler', fn, scopePermissionToRoute ? {} : { scopePermissionToRoute: false });
  for (const key of options.routeKeys) {
    const { method, path: routePath } = splitRouteKey(key);
    api.addRoutes({ path: routePath, methods: [method as apigwv2.HttpMethod], integration });
  }
}
