/**
 * Contract-first gateways: a RestGateway and an HttpGateway made from one small OpenAPI 3.0
 * document (a YAML string). Deploy-time assertions: the imported public route answers 200 on both
 * gateways, the REST route refuses a call without its required query parameter with 400 (the
 * request validator), and the operation without security takes the gateway's default (IAM):
 * an unsigned call is refused with 403.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import {
  GatewayOpenApiDocument, HttpAuthorization, HttpGateway, HttpIntegration, RestAuthorization, RestGateway, RestIntegration,
} from '../lib';

const DOCUMENT = `
openapi: 3.0.3
info:
  title: Imported
  version: '1.0'
paths:
  /health:
    get:
      operationId: health
      security: []
      responses:
        '200':
          description: healthy
  /search:
    get:
      operationId: search
      security: []
      parameters:
        - name: q
          in: query
          required: true
          schema:
            type: string
      responses:
        '200':
          description: results
  /private:
    get:
      operationId: private
      responses:
        '200':
          description: signed callers only
`;

const app = new App();
const stack = new Stack(app, 'IntegOpenApiImport');

const rest = new RestGateway(stack, 'Rest', {
  openApi: {
    document: GatewayOpenApiDocument.fromString(DOCUMENT),
    defaultIntegration: RestIntegration.mock({ responseBody: '{"status":"ok"}' }),
    authorizations: { none: RestAuthorization.none() },
  },
});

const handler = new lambda.Function(stack, 'Handler', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(
    'exports.handler = async () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "ok" }) });'),
});
const http = new HttpGateway(stack, 'Http', {
  openApi: {
    document: GatewayOpenApiDocument.fromString(DOCUMENT),
    defaultIntegration: HttpIntegration.lambdaFunction(handler),
    authorizations: { none: HttpAuthorization.none() },
  },
});

const integ = new IntegTest(app, 'OpenApiImportTest', { testCases: [stack] });

integ.assertions.httpApiCall(`${rest.url}health`).expect(ExpectedResult.objectLike({ status: 200, body: { status: 'ok' } }));
integ.assertions.httpApiCall(`${rest.url}search?q=x`).expect(ExpectedResult.objectLike({ status: 200 }));
integ.assertions.httpApiCall(`${rest.url}search`).expect(ExpectedResult.objectLike({ status: 400 }));
integ.assertions.httpApiCall(`${rest.url}private`).expect(ExpectedResult.objectLike({ status: 403 }));
integ.assertions.httpApiCall(`${http.url}health`).expect(ExpectedResult.objectLike({ status: 200, body: { status: 'ok' } }));
integ.assertions.httpApiCall(`${http.url}private`).expect(ExpectedResult.objectLike({ status: 403 }));
