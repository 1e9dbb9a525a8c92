import * as fs from 'fs';
import * as path from 'path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { App, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  GatewayOpenApiDocument, HttpAuthorization, HttpGateway, HttpIntegration, RestAuthorization, RestGateway, RestIntegration, WebSocketGateway,
} from '../../lib';
import { ContractFirstStack } from '../../examples/contract-first-stack';
import { freshApp } from '../support/compliance';
import { ENV, fn, newStack } from '../support/fixtures';
import { expectGatewayError, js } from '../support/js-callers';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'openapi');
const YAML_FILE = path.join(FIXTURES, 'orders.yaml');
const JSON_FILE = path.join(FIXTURES, 'orders-3.1.json');
const ORDERS_KEYS = ['GET /orders', 'POST /orders', 'GET /orders/{id}', 'GET /health'];

/** A minimal valid 3.0 document with the given paths (and components). */
function doc(paths: object, extra: object = {}): GatewayOpenApiDocument {
  return GatewayOpenApiDocument.fromObject({ openapi: '3.0.3', info: { title: 'T', version: '1' }, paths, ...extra });
}

/** One GET operation answering 200. */
function get(op: object = {}): object {
  return { get: { responses: { 200: { description: 'ok' } }, ...op } };
}

function restOrders(stack: Stack, document: GatewayOpenApiDocument, more: object = {}): RestGateway {
  return new RestGateway(stack, 'Api', {
    openApi: {
      document,
      defaultIntegration: RestIntegration.mock(),
      authorizations: {
        iam: RestAuthorization.iam(),
        jwt: RestAuthorization.cognito([new cognito.UserPool(stack, 'Pool')]),
        none: RestAuthorization.none(),
      },
      ...more,
    },
  });
}

function methodOf(template: Template, httpMethod: string, operationName: string): { [key: string]: unknown } {
  const methods = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: httpMethod, OperationName: operationName } });
  expect(Object.keys(methods)).toHaveLength(1);
  return Object.values(methods)[0].Properties;
}

describe('RestGateway openApi', () => {
  test.each([
    ['a YAML file (3.0)', () => GatewayOpenApiDocument.fromFile(YAML_FILE)],
    ['a JSON file (3.1)', () => GatewayOpenApiDocument.fromFile(JSON_FILE)],
    ['a YAML string', () => GatewayOpenApiDocument.fromString(fs.readFileSync(YAML_FILE, 'utf-8'))],
    ['a JSON string', () => GatewayOpenApiDocument.fromString(fs.readFileSync(JSON_FILE, 'utf-8'))],
    ['an object', () => GatewayOpenApiDocument.fromObject(JSON.parse(fs.readFileSync(JSON_FILE, 'utf-8')))],
  ])('makes a route per operation from %s', (_what, document) => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const api = restOrders(stack, document());

    // THEN
    expect(api.routeKeys.sort()).toEqual([...ORDERS_KEYS].sort());
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Method', 4);
  });

  test('maps query and header parameters with required, operationId and the document security', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    restOrders(stack, GatewayOpenApiDocument.fromFile(YAML_FILE));

    // THEN
    const method = methodOf(Template.fromStack(stack), 'GET', 'listOrders');
    expect(method.RequestParameters).toEqual({
      'method.request.querystring.status': true,
      'method.request.querystring.limit': false,
      'method.request.header.X-Tenant': true,
    });
    expect(method.AuthorizationType).toBe('AWS_IAM');
    expect(method.RequestValidatorId).toBeDefined();
  });

  test.each([
    ['3.0 (nullable, example)', YAML_FILE, { type: 'integer', minimum: 1 }],
    ['3.1 (type arrays, numeric exclusiveMinimum)', JSON_FILE, { type: 'integer', minimum: 0, exclusiveMinimum: true }],
  ])('maps the JSON request body schema of %s to a draft-4 model and the validator', (_what, file, quantity) => {
    // GIVEN
    const stack = newStack();

    // WHEN
    restOrders(stack, GatewayOpenApiDocument.fromFile(file));

    // THEN
    const template = Template.fromStack(stack);
    const method = methodOf(template, 'POST', 'createOrder');
    expect(method.RequestValidatorId).toBeDefined();
    const modelRef = (method.RequestModels as { [type: string]: { Ref: string } })['application/json'].Ref;
    const model = template.toJSON().Resources[modelRef];
    expect(model.Properties.Schema).toEqual({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      additionalProperties: false,
      required: ['item', 'quantity'],
      properties: { item: { type: 'string', minLength: 1 }, quantity, note: { type: ['string', 'null'] } },
    });
  });

  test('maps each security scheme to its authorization; `security: []` to the `none` mapping', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    restOrders(stack, GatewayOpenApiDocument.fromFile(YAML_FILE));

    // THEN
    const template = Template.fromStack(stack);
    expect(methodOf(template, 'GET', 'getOrder').AuthorizationType).toBe('COGNITO_USER_POOLS');
    expect(methodOf(template, 'GET', 'health').AuthorizationType).toBe('NONE');
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('scopes orders/read .* RestAuthorization.cognito'));
  });

  test('`security: []` without a `none` mapping takes the gateway default, with a warning', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new RestGateway(stack, 'Api', {
      openApi: { document: doc({ '/health': get({ security: [] }) }), defaultIntegration: RestIntegration.mock() },
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'AWS_IAM' });
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('paths./health.get: the operation declares no authentication'));
  });

  test('alternative security requirements: the first one applies, with a warning', () => {
    // GIVEN
    const stack = newStack();
    const schemes = { components: { securitySchemes: { a: { type: 'http', scheme: 'bearer' }, b: { type: 'http', scheme: 'basic' } } } };

    // WHEN
    new RestGateway(stack, 'Api', {
      openApi: {
        document: doc({ '/a': get({ security: [{ b: [] }, { a: [] }] }) }, schemes),
        defaultIntegration: RestIntegration.mock(),
        authorizations: { a: RestAuthorization.none(), b: RestAuthorization.iam() },
      },
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'AWS_IAM' });
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('paths./a.get: the operation accepts 2 alternative security requirements'));
  });

  test('an operation without security takes the gateway defaultAuthorization', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new RestGateway(stack, 'Api', {
      defaultAuthorization: RestAuthorization.none(),
      openApi: { document: doc({ '/ping': get() }), defaultIntegration: RestIntegration.mock() },
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'NONE' });
  });

  test('binds integrations by operationId, others to the default integration; addRoute still works', () => {
    // GIVEN
    const stack = newStack();
    const handler = fn(stack, 'Fn');

    // WHEN
    const api = restOrders(stack, GatewayOpenApiDocument.fromFile(YAML_FILE), {
      integrations: { getOrder: RestIntegration.lambdaFunction(handler) },
    });
    api.addRoute('DELETE /orders/{id}', RestIntegration.mock());

    // THEN
    const template = Template.fromStack(stack);
    expect((methodOf(template, 'GET', 'getOrder').Integration as { Type: string }).Type).toBe('AWS_PROXY');
    expect((methodOf(template, 'GET', 'listOrders').Integration as { Type: string }).Type).toBe('MOCK');
    expect(api.routeKeys).toContain('DELETE /orders/{id}');
    template.resourceCountIs('AWS::ApiGateway::Method', 5);
  });

  test('x-amazon-apigateway-any-method is an ANY route', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const api = new RestGateway(stack, 'Api', {
      openApi: {
        document: doc({ '/{proxy+}': { 'parameters': [{ name: 'proxy', in: 'path', required: true, schema: { type: 'string' } }], 'x-amazon-apigateway-any-method': { responses: { 200: { description: 'ok' } } } } }),
        defaultIntegration: RestIntegration.mock(),
      },
    });

    // THEN
    expect(api.routeKeys).toEqual(['ANY /{proxy+}']);
  });

  test.each([
    ['cookie parameters', { '/a': get({ parameters: [{ name: 'session', in: 'cookie', schema: { type: 'string' } }] }) }, {}, 'cookie parameter \'session\' is not validated'],
    ['callbacks', { '/a': get({ callbacks: { done: { '{$request.body#/url}': { post: { responses: { 200: { description: 'ok' } } } } } } }) }, {}, 'callbacks are ignored \\(paths./a.get\\)'],
    ['servers variables', { '/a': get() }, { servers: [{ url: 'https://{env}.example.com/v1', variables: { env: { default: 'dev' } } }] }, 'servers \\(and their variables\\) are ignored.*/v1'],
    ['non-JSON bodies', { '/a': { post: { requestBody: { content: { 'text/plain': { schema: { type: 'string' } } } }, responses: { 200: { description: 'ok' } } } } }, {}, 'text/plain are not validated'],
  ])('warns about %s, which API Gateway ignores', (_what, paths, extra, message) => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new RestGateway(stack, 'Api', { openApi: { document: doc(paths, extra), defaultIntegration: RestIntegration.mock() } });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp(message));
  });
});

describe('HttpGateway openApi', () => {
  function httpOrders(stack: Stack, document: GatewayOpenApiDocument): HttpGateway {
    return new HttpGateway(stack, 'Api', {
      openApi: {
        document,
        defaultIntegration: HttpIntegration.http('https://example.com'),
        authorizations: {
          iam: HttpAuthorization.iam(),
          jwt: HttpAuthorization.jwt('https://auth.example.com', ['orders']),
          none: HttpAuthorization.none(),
        },
      },
    });
  }

  test.each([
    ['a YAML file', () => GatewayOpenApiDocument.fromFile(YAML_FILE)],
    ['a JSON file', () => GatewayOpenApiDocument.fromFile(JSON_FILE)],
    ['a string', () => GatewayOpenApiDocument.fromString(fs.readFileSync(YAML_FILE, 'utf-8'))],
    ['an object', () => GatewayOpenApiDocument.fromObject(JSON.parse(fs.readFileSync(JSON_FILE, 'utf-8')))],
  ])('makes a route per operation from %s, with operation names, authorizations and scopes', (_what, document) => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const api = httpOrders(stack, document());
    api.addRoute('DELETE /orders/{id}', HttpIntegration.http('https://example.com'));

    // THEN
    expect(api.routeKeys.sort()).toEqual([...ORDERS_KEYS, 'DELETE /orders/{id}'].sort());
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /orders', OperationName: 'listOrders', AuthorizationType: 'AWS_IAM' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /orders/{id}', OperationName: 'getOrder', AuthorizationType: 'JWT', AuthorizationScopes: ['orders/read'],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /health', OperationName: 'health', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'DELETE /orders/{id}', OperationName: Match.absent() });
  });

  test('warns that HTTP APIs do not validate required parameters and body schemas', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    httpOrders(stack, GatewayOpenApiDocument.fromFile(YAML_FILE));

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('HTTP APIs do not validate requests: .*paths./orders.get, paths./orders.post'));
  });

  test('binds integrations by operationId', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new HttpGateway(stack, 'Api', {
      openApi: {
        document: doc({ '/a': get({ operationId: 'a' }), '/b': get({ operationId: 'b' }) }),
        integrations: { a: HttpIntegration.lambdaFunction(fn(stack, 'Fn')) },
        defaultIntegration: HttpIntegration.http('https://example.com'),
      },
    });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://example.com' });
  });
});

describe('openApi errors', () => {
  const rest = (document: GatewayOpenApiDocument, more: object = {}) => () =>
    new RestGateway(newStack(), 'Api', { openApi: { document, defaultIntegration: RestIntegration.mock(), ...more } });
  const http = (document: GatewayOpenApiDocument, more: object = {}) => () =>
    new HttpGateway(newStack(), 'Api', { openApi: { document, defaultIntegration: HttpIntegration.http('https://example.com'), ...more } });

  test.each([
    ['a document missing responses', doc({ '/a': { get: {} } }), /Stack\/Api: openApi.document = .* not a valid OpenAPI 3.0 document: paths.\/a.get must have required property 'responses'/],
    ['a 3.1 document missing info.version', GatewayOpenApiDocument.fromObject({ openapi: '3.1.0', info: { title: 'T' }, paths: {} }), /not a valid OpenAPI 3.1 document: info must have required property 'version'/],
    ['a Swagger 2.0 document', GatewayOpenApiDocument.fromObject({ swagger: '2.0', info: {}, paths: {} }), /openApi.document openapi = "2.0" .*only OpenAPI 3.0 and 3.1 .*Swagger 2.0/],
    ['a missing file', GatewayOpenApiDocument.fromFile(path.join(FIXTURES, 'missing.yaml')), /missing.yaml" is invalid: the OpenAPI file cannot be read \(ENOENT\)/],
    ['text that is not YAML', GatewayOpenApiDocument.fromString('openapi: [3.0\n  : bad'), /neither JSON nor YAML/],
    ['a YAML scalar', GatewayOpenApiDocument.fromString('just text\n'), /not a JSON or YAML object/],
    ['an external $ref', doc({ '/a': get({ parameters: [{ $ref: 'common.yaml#/Id' }] }) }), /paths.\/a.get.parameters\[0\] = "common.yaml#\/Id" .*only local \$refs/],
    ['a $ref to nothing', doc({ '/a': get({ parameters: [{ $ref: '#/components/parameters/Nope' }] }) }), /points to nothing/],
    ['an undeclared path parameter', doc({ '/a/{id}': get() }), /paths.\/a\/{id}.get = "id" .*path parameter {id} is not declared/],
    ['the TRACE method', doc({ '/a': { trace: { responses: { 200: { description: 'ok' } } } } }), /paths.\/a.trace = "trace" .*cannot route the TRACE method/],
    ['a duplicate operationId', doc({ '/a': get({ operationId: 'x' }), '/b': get({ operationId: 'x' }) }), /paths.\/b.get = "x" .*also the operationId of paths.\/a.get/],
    ['an unknown security scheme', doc({ '/a': get({ security: [{ oauth: [] }] }) }), /paths.\/a.get.security = "oauth" .*unknown security scheme/],
  ])('%s is an error (REST and HTTP)', (_what, document, message) => {
    expectGatewayError(rest(document), message);
    expectGatewayError(http(document), message);
  });

  const SCHEMES = { components: { securitySchemes: { sigv4: { type: 'apiKey', name: 'Authorization', in: 'header' }, other: { type: 'http', scheme: 'bearer' } } } };

  test.each([
    ['an operation with no integration', doc({ '/a': get({ operationId: 'getA' }) }), { defaultIntegration: undefined },
      /openApi paths.\/a.get = "getA" .*no integration: give openApi.integrations\['getA'\] or openApi.defaultIntegration/],
    ['an integration for no operation', doc({ '/a': get({ operationId: 'getA' }) }), { integrations: { getB: 'INTEGRATION' } }, /openApi.integrations.getB = "getB" .*no operation .*operationIds: getA/],
    ['a security scheme with no authorization', doc({ '/a': get({ security: [{ sigv4: [] }] }) }, SCHEMES), {},
      /paths.\/a.get.security = "sigv4" .*no authorization: give openApi.authorizations\['sigv4'\]/],
    ['an authorization for no scheme', doc({ '/a': get() }, SCHEMES), { authorizations: { sigv5: 'AUTH' } }, /openApi.authorizations.sigv5 .*no security scheme of this name \(components.securitySchemes: sigv4, other/],
    ['a requirement of two schemes', doc({ '/a': get({ security: [{ sigv4: [], other: [] }] }) }, SCHEMES), { authorizations: { sigv4: 'AUTH', other: 'AUTH' } },
      /"sigv4 \+ other" .*one authorization per route/],
    ['a path with an empty segment', doc({ '/a//b': get() }), {}, /openApi paths.\/a\/\/b.get = "GET \/a\/\/b" .*cannot route this path: .*empty segments/],
    ['a greedy parameter before the end', doc({ '/{p+}/b': get({ parameters: [{ name: 'p', in: 'path', required: true, schema: { type: 'string' } }] }) }), {},
      /cannot route this path: the greedy parameter {p\+} must be the last/],
  ])('%s is an error (REST and HTTP)', (_what, document, more, message) => {
    const authorizations = (more as { authorizations?: { [k: string]: string } }).authorizations;
    const integrations = (more as { integrations?: { [k: string]: string } }).integrations;
    expectGatewayError(rest(document, {
      ...more,
      ...(authorizations && { authorizations: Object.fromEntries(Object.keys(authorizations).map(k => [k, RestAuthorization.iam()])) }),
      ...(integrations && { integrations: Object.fromEntries(Object.keys(integrations).map(k => [k, RestIntegration.mock()])) }),
    }), message);
    expectGatewayError(http(document, {
      ...more,
      ...(authorizations && { authorizations: Object.fromEntries(Object.keys(authorizations).map(k => [k, HttpAuthorization.iam()])) }),
      ...(integrations && { integrations: Object.fromEntries(Object.keys(integrations).map(k => [k, HttpIntegration.http('https://example.com')])) }),
    }), message);
  });

  test.each([
    ['a discriminator', { oneOf: [{ type: 'object' }], discriminator: { propertyName: 'kind' } }, /requestBody = .* a discriminator cannot be validated by an API Gateway model/],
    ['a keyword newer than draft 4', { type: 'object', properties: { kind: { const: 'a' } } }, /'const' is not a JSON Schema draft 4 keyword/],
    ['a recursive schema', { $ref: '#/components/schemas/Node' }, /the schema is recursive \(#\/components\/schemas\/Node -> #\/components\/schemas\/Node\)/],
  ])('a REST request body with %s is an error', (_what, schema, message) => {
    const document = GatewayOpenApiDocument.fromObject({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: { '/a': { post: { operationId: 'postA', requestBody: { content: { 'application/json': { schema } } }, responses: { 200: { description: 'ok' } } } } },
      components: { schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } } } });
    expectGatewayError(rest(document), message);
  });

  test('a REST-only path character is an error on REST, not on HTTP', () => {
    const document = doc({ '/a~b': get() });
    expectGatewayError(rest(document), /openApi paths.\/a~b.get = "GET \/a~b" .*the REST path part 'a~b'/);
    expect(http(document)).not.toThrow();
  });

  test('errors of the route name the operation', () => {
    const document = doc({ '/a/{x}': get({ parameters: [{ name: 'x', in: 'path', required: true, schema: { type: 'string' } }] }),
      '/a/{y}': get({ parameters: [{ name: 'y', in: 'path', required: true, schema: { type: 'string' } }] }) });
    expectGatewayError(rest(document), /openApi paths.\/a\/{y}.get \(routeKey\) = "GET \/a\/{y}" .*one variable path part per resource/);
  });
});

describe('openApi from JavaScript callers', () => {
  test.each([
    ['a document that is a string', { document: 'orders.yaml' }, /openApi.document = "orders.yaml" is invalid: expected a GatewayOpenApiDocument/],
    ['no document', { defaultIntegration: RestIntegration.mock() }, /openApi.document = undefined is invalid: a GatewayOpenApiDocument .* is required/],
    ['an integration that is a string', { document: doc({ '/a': get() }), integrations: { a: 'fn' } }, /openApi.integrations.a = "fn" is invalid: expected a RestIntegration/],
    ['an HTTP integration', { document: doc({ '/a': get() }), defaultIntegration: HttpIntegration.http('https://example.com') }, /openApi.defaultIntegration .*got a HttpIntegration/],
    ['an authorization that is a string', { document: doc({ '/a': get() }), authorizations: { a: 'iam' } }, /openApi.authorizations.a = "iam" is invalid: expected a RestAuthorization/],
    ['openApi that is a string', 'orders.yaml', /openApi = "orders.yaml" is invalid: expected a RestOpenApiOptions object/],
  ])('RestGateway: %s is an error', (_what, openApi, message) => {
    expectGatewayError(() => new RestGateway(newStack(), 'Api', { openApi: js(openApi) }), message);
  });

  test('HttpGateway: a REST integration is an error', () => {
    expectGatewayError(() => new HttpGateway(newStack(), 'Api', { openApi: { document: doc({ '/a': get() }), defaultIntegration: js(RestIntegration.mock()) } }),
      /openApi.defaultIntegration .*got a RestIntegration/);
  });

  test.each([
    ['fromObject(a string)', () => GatewayOpenApiDocument.fromObject(js('openapi: 3.0.3')), /fromObject expects an object/],
    ['fromString(an object)', () => GatewayOpenApiDocument.fromString(js({ openapi: '3.0.3' })), /fromString expects JSON or YAML text/],
    ['fromFile(a number)', () => GatewayOpenApiDocument.fromFile(js(42)), /fromFile expects a file path/],
  ])('%s is an error at the gateway', (_what, document, message) => {
    expectGatewayError(() => new RestGateway(newStack(), 'Api', { openApi: { document: document(), defaultIntegration: RestIntegration.mock() } }), message);
  });

  test('WebSocketGateway has no OpenAPI form', () => {
    expectGatewayError(() => new WebSocketGateway(newStack(), 'Api', js({ openApi: { document: doc({ '/a': get() }) } })),
      /openApi = .* is invalid: a WebSocket API has no OpenAPI form/);
  });
});

describe('contract-first example', () => {
  test('synthesizes its routes from examples/openapi/orders.yaml', () => {
    // GIVEN
    const app = new App();

    // WHEN
    const stack = new ContractFirstStack(app, 'ContractFirst', { env: ENV });

    // THEN
    expect(stack.api.routeKeys.length).toBeGreaterThanOrEqual(3);
  });

  test('passes cdk-nag AwsSolutions with no unacknowledged finding', () => {
    // GIVEN
    const app = freshApp();
    new ContractFirstStack(app, 'ContractFirst', { env: ENV });
    app.synth();

    // WHEN
    const report = new AwsSolutionsChecks().validateScope(app);

    // THEN
    expect(report.violations.map(v => `${v.ruleName}: ${v.violatingResources.map(r => r.constructPath ?? r.resourceLogicalId).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });
});
