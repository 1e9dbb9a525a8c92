/**
 * The OpenAPI document of an HttpGateway stage (see lib/common/openapi-export.ts), read from the
 * synthesized L1 properties of its routes and authorizers.
 */
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { IConstruct } from 'constructs';
import {
  ExportedRoute, ExportedSecurity, Json, SIGV4_SCHEME, gatewayOpenApiDocument, identityLocation,
  placeholderString, referencedConstruct, resolved, schemeName,
} from '../common/openapi-export';
import { parseRouteKey } from '../common/route-key';
import { HTTP_DEFAULT_ROUTE_KEY, HTTP_DEFAULT_STAGE_NAME } from './props';

/** What the export reads of an HttpGateway. */
export interface HttpOpenApiSource extends IConstruct {
  readonly httpApi: apigwv2.HttpApi;
  readonly routeKeys: string[];
  route(routeKey: string): apigwv2.HttpRoute;
  stage(stageName: string): apigwv2.HttpStage;
}

/** The OpenAPI document of one stage of an HttpGateway. */
export function httpOpenApiDocument(source: HttpOpenApiSource, stageName: string): Json {
  return gatewayOpenApiDocument({
    gateway: source,
    cfnApi: source.httpApi.node.defaultChild as apigwv2.CfnApi,
    apiId: source.httpApi.apiId,
    cfnStage: source.stage(stageName).node.defaultChild!,
    stageName,
    stagePath: stageName === HTTP_DEFAULT_STAGE_NAME ? undefined : stageName,
    routes: source.routeKeys.map(key => httpRoute(key, source.route(key))),
  });
}

function httpRoute(routeKey: string, route: apigwv2.HttpRoute): ExportedRoute {
  const cfn = route.node.defaultChild as apigwv2.CfnRoute;
  // `$default` is written as API Gateway exports it: an any-method operation on '/$default'.
  const parsed = routeKey === HTTP_DEFAULT_ROUTE_KEY ? { method: 'ANY', path: '/$default', pathParameters: [] } : parseRouteKey(routeKey);
  const operationName = resolved<unknown>(cfn, cfn.operationName);
  return {
    routeKey,
    method: parsed.method,
    path: parsed.path,
    pathParameters: parsed.pathParameters,
    parameters: [],
    responses: [],
    operationId: typeof operationName === 'string' && operationName !== '' ? operationName : undefined,
    security: httpSecurity(cfn),
  };
}

function httpSecurity(cfn: apigwv2.CfnRoute): ExportedSecurity[] {
  const type = resolved<unknown>(cfn, cfn.authorizationType);
  if (type === 'AWS_IAM') return [SIGV4_SCHEME];
  if (type !== 'JWT' && type !== 'CUSTOM') return [];
  const authorizer = referencedConstruct(cfn.authorizerId);
  if (!(authorizer instanceof apigwv2.CfnAuthorizer)) return [];
  const name = schemeName(authorizer.node.scope?.node.id ?? authorizer.node.id);
  const sources = resolved<string[] | undefined>(authorizer, authorizer.identitySource) ?? [];
  if (type === 'JWT') {
    const jwt = authorizer.jwtConfiguration as apigwv2.CfnAuthorizer.JWTConfigurationProperty | undefined;
    const issuer = placeholderString(authorizer, jwt?.issuer ?? 'https://{issuer}').replace(/\/+$/, '');
    const audience = (jwt?.audience ?? []).map(a => placeholderString(authorizer, a));
    return [{
      name,
      scheme: {
        'type': 'openIdConnect',
        'openIdConnectUrl': `${issuer}/.well-known/openid-configuration`,
        'x-amazon-apigateway-authorizer': { type: 'jwt', identitySource: sources.join(', '), jwtConfiguration: { issuer, audience } },
      },
      scopes: resolved<string[] | undefined>(cfn, cfn.authorizationScopes) ?? [],
    }];
  }
  const location = identityLocation(sources);
  return [{
    name,
    scheme: {
      'type': 'apiKey',
      'name': location.name,
      'in': location.in,
      'x-amazon-apigateway-authtype': 'custom',
      'x-amazon-apigateway-authorizer': { type: 'request', identitySource: sources.join(', ') },
    },
    scopes: [],
  }];
}
