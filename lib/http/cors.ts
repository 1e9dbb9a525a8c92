import { Duration } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { IConstruct } from 'constructs';
import { DEFAULT_CORS_HEADERS, DEFAULT_CORS_METHODS, GatewayCorsOptions } from '../common/cors';
import { check } from '../common/errors';

/** The CORS methods by name (a function: reading the enum loads aws-cdk-lib's HTTP API module). */
function corsMethodsByName(): { [name: string]: apigwv2.CorsHttpMethod } {
  return {
    '*': apigwv2.CorsHttpMethod.ANY,
    'ANY': apigwv2.CorsHttpMethod.ANY,
    'GET': apigwv2.CorsHttpMethod.GET,
    'POST': apigwv2.CorsHttpMethod.POST,
    'PUT': apigwv2.CorsHttpMethod.PUT,
    'PATCH': apigwv2.CorsHttpMethod.PATCH,
    'DELETE': apigwv2.CorsHttpMethod.DELETE,
    'HEAD': apigwv2.CorsHttpMethod.HEAD,
    'OPTIONS': apigwv2.CorsHttpMethod.OPTIONS,
  };
}

/** The HTTP API's CORS preflight settings: API Gateway answers preflight requests itself. */
export function httpCorsPreflight(scope: IConstruct, cors: GatewayCorsOptions | undefined): apigwv2.CorsPreflightOptions | undefined {
  if (!cors) return undefined;
  return {
    allowOrigins: cors.allowOrigins,
    allowMethods: corsHttpMethods(scope, cors.allowMethods ?? DEFAULT_CORS_METHODS),
    allowHeaders: cors.allowHeaders ?? DEFAULT_CORS_HEADERS,
    exposeHeaders: cors.exposeHeaders,
    allowCredentials: cors.allowCredentials,
    maxAge: cors.maxAge ?? Duration.minutes(10),
  };
}

function corsHttpMethods(scope: IConstruct, methods: string[]): apigwv2.CorsHttpMethod[] {
  const byName = corsMethodsByName();
  return methods.map((m, i) => {
    const method = byName[m.toUpperCase()];
    check(scope, `cors.allowMethods[${i}]`, m, method ? undefined : `a CORS method is one of ${Object.keys(byName).join(', ')}`);
    return method;
  });
}
