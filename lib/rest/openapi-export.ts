/**
 * The OpenAPI document of a RestGateway stage (see lib/common/openapi-export.ts), read from the
 * synthesized L1 properties of its methods, authorizers and models.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { IConstruct } from 'constructs';
import {
  API_KEY_SCHEME, ExportedParameter, ExportedResponse, ExportedRoute, ExportedSecurity, Json, SIGV4_SCHEME, gatewayOpenApiDocument,
  identityLocation, placeholderString, referencedConstruct, resolved, schemeName, toOpenApiSchema,
} from '../common/openapi-export';
import { parseRouteKey } from '../common/route-key';

/** What the export reads of a RestGateway. */
export interface RestOpenApiSource extends IConstruct {
  readonly restApi: apigateway.RestApi;
  readonly routeKeys: string[];
  route(routeKey: string): apigateway.Method;
  stage(stageName: string): apigateway.Stage;
}

/** The OpenAPI document of one stage of a RestGateway. */
export function restOpenApiDocument(source: RestOpenApiSource, stageName: string): Json {
  return gatewayOpenApiDocument({
    gateway: source,
    cfnApi: source.restApi.node.defaultChild as apigateway.CfnRestApi,
    apiId: source.restApi.restApiId,
    cfnStage: source.stage(stageName).node.defaultChild!,
    stageName,
    stagePath: stageName,
    routes: source.routeKeys.map(key => restRoute(key, source.route(key))),
  });
}

function restRoute(routeKey: string, method: apigateway.Method): ExportedRoute {
  const parsed = parseRouteKey(routeKey);
  const cfn = method.node.defaultChild as apigateway.CfnMethod;
  const requestParameters = resolved<{ [name: string]: unknown } | undefined>(cfn, cfn.requestParameters) ?? {};
  const parameters: ExportedParameter[] = [];
  for (const [name, required] of Object.entries(requestParameters)) {
    const m = /^method\.request\.(querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/.exec(name);
    if (!m) continue;
    const isHeader = m[1].endsWith('header');
    // OpenAPI ignores header parameters named Accept, Content-Type or Authorization.
    if (isHeader && ['accept', 'content-type', 'authorization'].includes(m[2].toLowerCase())) continue;
    parameters.push({ name: m[2], in: isHeader ? 'header' : 'query', required: required === true, multiValued: m[1].startsWith('multivalue') });
  }
  const operationName = resolved<unknown>(cfn, cfn.operationName);
  return {
    routeKey,
    method: parsed.method,
    path: parsed.path,
    pathParameters: parsed.pathParameters,
    parameters,
    requestSchema: requestSchema(cfn),
    responses: responses(cfn),
    operationId: typeof operationName === 'string' && operationName !== '' ? operationName : undefined,
    security: restSecurity(cfn),
  };
}

/** The schema of the route's `application/json` request model (the route's `requestSchema`). */
function requestSchema(cfn: apigateway.CfnMethod): Json | undefined {
  const models = cfn.requestModels as { [contentType: string]: string } | undefined;
  const model = referencedConstruct(models?.['application/json']);
  return model instanceof apigateway.CfnModel ? toOpenApiSchema(resolved(model, model.schema)) : undefined;
}

/** The method responses of a non-proxy route, with the schemas of their JSON models when they are the API's models. */
function responses(cfn: apigateway.CfnMethod): ExportedResponse[] {
  const rendered = resolved<Array<{ statusCode?: unknown; responseModels?: { [type: string]: unknown } }> | undefined>(cfn, cfn.methodResponses) ?? [];
  const stack = Stack.of(cfn);
  let models: Map<string, apigateway.CfnModel> | undefined;
  return rendered.filter(r => typeof r.statusCode === 'string').map(r => {
    const ref = (r.responseModels?.['application/json'] as Json | undefined)?.Ref;
    let schema: Json | undefined;
    if (typeof ref === 'string') {
      models ??= new Map(stack.node.findAll().filter((c): c is apigateway.CfnModel => c instanceof apigateway.CfnModel && Stack.of(c) === stack)
        .map(c => [stack.getLogicalId(c), c]));
      const model = models.get(ref);
      schema = model ? toOpenApiSchema(resolved(model, model.schema)) : undefined;
    }
    return { statusCode: r.statusCode as string, schema };
  });
}

function restSecurity(cfn: apigateway.CfnMethod): ExportedSecurity[] {
  const security: ExportedSecurity[] = [];
  const type = resolved<unknown>(cfn, cfn.authorizationType);
  const scopes = resolved<string[] | undefined>(cfn, cfn.authorizationScopes) ?? [];
  if (type === 'AWS_IAM') {
    security.push(SIGV4_SCHEME);
  } else if (type === 'COGNITO_USER_POOLS' || type === 'CUSTOM') {
    const authorizer = referencedConstruct(cfn.authorizerId);
    if (authorizer instanceof apigateway.CfnAuthorizer) {
      security.push(restAuthorizerSecurity(authorizer, scopes));
    }
  }
  if (resolved<unknown>(cfn, cfn.apiKeyRequired) === true) {
    security.push(API_KEY_SCHEME);
  }
  return security;
}

function restAuthorizerSecurity(authorizer: apigateway.CfnAuthorizer, scopes: string[]): ExportedSecurity {
  const name = schemeName(authorizer.node.scope?.node.id ?? authorizer.node.id);
  const identitySource = resolved<unknown>(authorizer, authorizer.identitySource);
  const sources = typeof identitySource === 'string' ? identitySource.split(',').map(s => s.trim()).filter(s => s !== '') : [];
  if (authorizer.type === 'COGNITO_USER_POOLS') {
    const issuers = (authorizer.providerArns ?? []).map(arn => cognitoIssuer(authorizer, arn));
    return {
      name,
      scheme: {
        'type': 'openIdConnect',
        'openIdConnectUrl': `${issuers[0] ?? 'https://cognito-idp.{region}.amazonaws.com/{userPoolId}'}/.well-known/openid-configuration`,
        'x-amazon-apigateway-authtype': 'cognito_user_pools',
        'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', identitySource: sources.join(', '), issuers },
      },
      scopes,
    };
  }
  const location = identityLocation(sources);
  return {
    name,
    scheme: {
      'type': 'apiKey',
      'name': location.name,
      'in': location.in,
      'x-amazon-apigateway-authtype': 'custom',
      'x-amazon-apigateway-authorizer': { type: authorizer.type === 'TOKEN' ? 'token' : 'request', identitySource: sources.join(', ') },
    },
    scopes: [],
  };
}

/** The issuer of a Cognito user pool given by its ARN: `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
function cognitoIssuer(scope: IConstruct, arn: string): string {
  const pool = referencedConstruct(arn);
  if (pool && 'attrArn' in pool && 'ref' in pool) {
    const region = Stack.of(pool).region;
    return placeholderString(scope, `https://cognito-idp.${region}.amazonaws.com/${(pool as { ref: string }).ref}`);
  }
  const m = /^arn:[^:]+:cognito-idp:([^:]+):[^:]*:userpool\/(.+)$/.exec(arn);
  if (m) return `https://cognito-idp.${m[1]}.amazonaws.com/${m[2]}`;
  return placeholderString(scope, arn);
}
