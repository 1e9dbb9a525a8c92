/**
 * CORS on a RestGateway: aws-cdk-lib's preflight options for every resource, and the CORS headers
 * on 4XX and 5XX gateway responses (so that a browser can read an error).
 */
import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { DEFAULT_CORS_HEADERS, DEFAULT_CORS_METHODS, GatewayCorsOptions } from '../common/cors';
import { warn } from '../common/errors';

/** aws-cdk-lib's preflight options for the gateway's cors option. */
export function restCorsPreflight(cors: GatewayCorsOptions | undefined): apigateway.CorsOptions | undefined {
  return cors ? {
    allowOrigins: cors.allowOrigins,
    allowMethods: cors.allowMethods ?? DEFAULT_CORS_METHODS,
    allowHeaders: cors.allowHeaders ?? DEFAULT_CORS_HEADERS,
    exposeHeaders: cors.exposeHeaders,
    allowCredentials: cors.allowCredentials,
    maxAge: cors.maxAge ?? Duration.minutes(10),
  } : undefined;
}

/** Adds the CORS headers to the API's 4XX and 5XX gateway responses. */
export function addCorsGatewayResponses(scope: Construct, restApi: apigateway.RestApi, cors: GatewayCorsOptions): void {
  const origin = cors.allowOrigins[0];
  if (cors.allowOrigins.length > 1) {
    warn(scope, 'corsGatewayResponseOrigin',
      `cors.allowOrigins lists ${cors.allowOrigins.length} origins; 4XX/5XX gateway responses cannot choose per request and carry only the first, '${origin}'.`);
  }
  const headers: { [name: string]: string } = {
    'Access-Control-Allow-Origin': `'${origin}'`,
    'Access-Control-Allow-Headers': `'${(cors.allowHeaders ?? DEFAULT_CORS_HEADERS).join(',')}'`,
    'Access-Control-Allow-Methods': `'${[...cors.allowMethods ?? DEFAULT_CORS_METHODS, 'OPTIONS'].join(',')}'`,
  };
  if (cors.allowCredentials) {
    headers['Access-Control-Allow-Credentials'] = '\'true\'';
  }
  for (const type of [apigateway.ResponseType.DEFAULT_4XX, apigateway.ResponseType.DEFAULT_5XX]) {
    restApi.addGatewayResponse(`Cors${type.responseType}`, { type, responseHeaders: headers });
  }
}
