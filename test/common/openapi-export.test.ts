/**
 * OpenAPI export (issue 17): every gateway stage's OpenAPI 3.0.3 document, written into the cloud
 * assembly during synthesis, read from the routes' L1 properties, valid for a well-kept validator,
 * and good enough to generate a typed client that compiles (and rejects a path the API lacks).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { validate, compileErrors } from '@readme/openapi-parser';
import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import * as ts from 'typescript';
import { GatewayOpenApiDocument, HttpAuthorization, HttpGateway, HttpIntegration, RestAuthorization, RestGateway, RestIntegration } from '../../lib';
import { derivedOperationId, identityLocation, toOpenApiSchema } from '../../lib/common/openapi-export';
import { ENV, fn } from '../support/fixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document is free-form JSON
type Doc = { [key: string]: any };

/** Synthesizes the app and reads a stage's document from where `openApiFileName` says it is. */
function exported(app: App, gateway: RestGateway | HttpGateway, stageName: string): Doc {
  const assembly = app.synth();
  const file = path.join(assembly.directory, gateway.openApiFileName(stageName));
  expect(fs.existsSync(file)).toBe(true);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

async function expectValid(doc: Doc): Promise<void> {
  const result = await validate(JSON.parse(JSON.stringify(doc)));
  if (!result.valid) throw new Error(compileErrors(result));
  expect(result.valid).toBe(true);
}

const ORDER_SCHEMA: apigateway.JsonSchema = {
  schema: apigateway.JsonSchemaVersion.DRAFT4,
  type: apigateway.JsonSchemaType.OBJECT,
  required: ['sku', 'quantity'],
  properties: {
    sku: { type: apigateway.JsonSchemaType.STRING, minLength: 1 },
    quantity: { type: apigateway.JsonSchemaType.INTEGER, minimum: 1 },
    note: { type: [apigateway.JsonSchemaType.STRING, apigateway.JsonSchemaType.NULL] },
  },
};

/** A REST gateway with one route of each authorization, parameters and a request model. */
function restShop(stack: Stack, scope: Construct = stack): RestGateway {
  const handler = fn(stack, 'Handler');
  const pool = new cognito.UserPool(stack, 'Pool');
  const api = new RestGateway(scope, 'Orders', { stages: [{ stageName: 'dev' }, { stageName: 'prod' }], description: 'Order service' });
  const lambda = RestIntegration.lambdaFunction(handler);
  api.addRoute('GET /orders/{id}', lambda, {
    requestParameters: { 'method.request.querystring.expand': false, 'method.request.header.X-Tenant': true, 'method.request.multivaluequerystring.tag': false },
  });
  api.addRoute('POST /orders', lambda, {
    authorization: RestAuthorization.cognito([pool], { scopes: ['orders/write'] }),
    requestSchema: ORDER_SCHEMA,
    operationName: 'createOrder',
  });
  api.addRoute('DELETE /orders/{id}', lambda, { authorization: RestAuthorization.lambdaToken(handler) });
  api.addRoute('GET /reports', lambda, {
    authorization: RestAuthorization.lambdaRequest(handler, { identitySources: ['method.request.querystring.token'] }),
  });
  api.addRoute('GET /health', lambda, { authorization: RestAuthorization.none() });
  api.addRoute('GET /partners', lambda, { authorization: RestAuthorization.none(), apiKeyRequired: true });
  api.addRoute('ANY /files/{path+}', lambda);
  return api;
}

describe('RestGateway OpenAPI export', () => {
  test('paths, parameters, request bodies, security and servers; the document validates', async () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const api = restShop(stack);

    // WHEN
    const doc = exported(app, api, 'prod');

    // THEN
    expect(api.openApiFileName('prod')).toBe('Shop.Orders.prod.openapi.json');
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.info).toEqual({ title: 'Orders', version: '1.0.0', description: 'Order service' });
    expect(doc.servers).toEqual([{
      url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
      description: expect.any(String),
      variables: {
        apiId: { default: 'API_ID', description: expect.any(String) },
        region: { default: 'eu-west-1', description: expect.any(String) },
        stage: { default: 'prod', enum: ['prod'], description: expect.any(String) },
      },
    }]);
    expect(Object.keys(doc.paths)).toEqual(['/files/{path+}', '/health', '/orders', '/orders/{id}', '/partners', '/reports']);

    const getOrder = doc.paths['/orders/{id}'].get;
    expect(getOrder.operationId).toBe('getOrdersById');
    expect(getOrder.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'expand', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' } },
      { name: 'tag', in: 'query', required: false, schema: { type: 'array', items: { type: 'string' } } },
    ]);
    expect(getOrder.security).toEqual([{ sigv4: [] }]);

    const create = doc.paths['/orders'].post;
    expect(create.operationId).toBe('createOrder');
    expect(create.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['sku', 'quantity'],
            properties: {
              sku: { type: 'string', minLength: 1 },
              quantity: { type: 'integer', minimum: 1 },
              note: { type: 'string', nullable: true },
            },
          },
        },
      },
    });
    const [cognitoName] = Object.keys(create.security[0]);
    expect(create.security).toEqual([{ [cognitoName]: ['orders/write'] }]);
    expect(doc.components.securitySchemes[cognitoName]).toMatchObject({
      type: 'openIdConnect',
      openIdConnectUrl: 'https://cognito-idp.eu-west-1.amazonaws.com/{Pool}/.well-known/openid-configuration',
    });

    const [tokenName] = Object.keys(doc.paths['/orders/{id}'].delete.security[0]);
    expect(doc.components.securitySchemes[tokenName]).toMatchObject({
      'type': 'apiKey', 'in': 'header', 'name': 'Authorization', 'x-amazon-apigateway-authtype': 'custom',
    });
    const [requestName] = Object.keys(doc.paths['/reports'].get.security[0]);
    expect(doc.components.securitySchemes[requestName]).toMatchObject({ type: 'apiKey', in: 'query', name: 'token' });

    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/partners'].get.security).toEqual([{ api_key: [] }]);
    expect(doc.components.securitySchemes.api_key).toEqual({ type: 'apiKey', in: 'header', name: 'x-api-key' });
    expect(doc.components.securitySchemes.sigv4).toEqual({
      'type': 'apiKey', 'in': 'header', 'name': 'Authorization', 'x-amazon-apigateway-authtype': 'awsSigv4',
    });

    const any = doc.paths['/files/{path+}'];
    expect(Object.keys(any)).toEqual(['x-amazon-apigateway-any-method']);
    expect(any['x-amazon-apigateway-any-method'].parameters).toEqual([{ name: 'path+', in: 'path', required: true, schema: { type: 'string' } }]);

    await expectValid(doc);
    // The validator is not a rubber stamp: an operation without responses is rejected.
    const broken = JSON.parse(JSON.stringify(doc));
    delete broken.paths['/health'].get.responses;
    expect((await validate(broken)).valid).toBe(false);
  });

  test('one file per stage, each with its own stage in the server', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const api = restShop(stack, new Construct(stack, 'Team'));

    // WHEN
    const assembly = app.synth();

    // THEN
    expect(api.openApiFileName('dev')).toBe('Shop.Team-Orders.dev.openapi.json');
    const files = fs.readdirSync(assembly.directory).filter(f => f.endsWith('.openapi.json')).sort();
    expect(files).toEqual(['Shop.Team-Orders.dev.openapi.json', 'Shop.Team-Orders.prod.openapi.json']);
    const dev = JSON.parse(fs.readFileSync(path.join(assembly.directory, files[0]), 'utf8'));
    expect(dev.servers[0].variables.stage).toMatchObject({ default: 'dev', enum: ['dev'] });
    expect(() => api.openApiFileName('staging')).toThrow(/staging/);
  });

  test('an environment-agnostic stack gets a {region} placeholder; a custom domain is a server', async () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Agnostic');
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    const api = new RestGateway(stack, 'Api', { domain: { domainName: 'api.example.com', certificate, basePath: 'v1' } });
    api.addRoute('GET /', RestIntegration.lambdaFunction(fn(stack, 'Fn')));

    // WHEN
    const doc = exported(app, api, 'prod');

    // THEN
    expect(doc.servers[0]).toEqual({ url: 'https://api.example.com/v1', description: expect.any(String) });
    expect(doc.servers[1].variables.region.default).toBe('us-east-1');
    expect(doc.paths['/'].get.operationId).toBe('getRoot');
    await expectValid(doc);
  });

  test('routes spread over nested route stacks are exported the same way', async () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Big', { env: ENV });
    const pool = new cognito.UserPool(stack, 'Pool');
    const api = new RestGateway(stack, 'Api', { routeStacks: { count: 2 } });
    const lambda = RestIntegration.lambdaFunction(fn(stack, 'Fn'));
    api.addRoute('POST /orders', lambda, { requestSchema: ORDER_SCHEMA, authorization: RestAuthorization.cognito([pool]) });
    api.addRoute('GET /users/{id}', lambda, { requestParameters: { 'method.request.querystring.fields': true } });

    // WHEN
    const doc = exported(app, api, 'prod');

    // THEN
    expect(doc.paths['/orders'].post.requestBody.content['application/json'].schema.required).toEqual(['sku', 'quantity']);
    expect(Object.values(doc.components.securitySchemes)).toContainEqual(expect.objectContaining({ type: 'openIdConnect' }));
    expect(doc.paths['/users/{id}'].get.parameters).toContainEqual({ name: 'fields', in: 'query', required: true, schema: { type: 'string' } });
    await expectValid(doc);
  });
});

describe('HttpGateway OpenAPI export', () => {
  test('JWT, Cognito, Lambda, IAM and public routes, the $default route and stage; the document validates', async () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const handler = fn(stack, 'Handler');
    const pool = new cognito.UserPool(stack, 'Pool');
    const client = pool.addClient('Client');
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc');
    const api = new HttpGateway(stack, 'Http', { apiName: 'catalog', domain: { domainName: 'catalog.example.com', certificate } });
    const lambda = HttpIntegration.lambdaFunction(handler);
    api.addRoute('GET /items/{id}', lambda, { authorization: HttpAuthorization.jwt('https://auth.example.com/', ['catalog'], { scopes: ['items/read'] }) });
    api.addRoute('POST /items', lambda, { authorization: HttpAuthorization.cognito(pool, [client]) });
    api.addRoute('PUT /items/{id}', lambda, { authorization: HttpAuthorization.lambdaRequest(handler, { identitySources: ['$request.header.X-Key'] }) });
    api.addRoute('DELETE /items/{id}', lambda);
    api.addRoute('GET /health', lambda, { authorization: HttpAuthorization.none() });
    api.addRoute('$default', lambda);

    // WHEN
    const doc = exported(app, api, '$default');

    // THEN
    expect(api.openApiFileName('$default')).toBe('Shop.Http.$default.openapi.json');
    expect(doc.info.title).toBe('catalog');
    expect(doc.servers).toEqual([
      { url: 'https://catalog.example.com', description: expect.any(String) },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description: expect.any(String),
        variables: { apiId: expect.objectContaining({ default: 'API_ID' }), region: expect.objectContaining({ default: 'eu-west-1' }) },
      },
    ]);
    const jwt = doc.paths['/items/{id}'].get;
    expect(jwt.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    const [jwtName] = Object.keys(jwt.security[0]);
    expect(jwt.security).toEqual([{ [jwtName]: ['items/read'] }]);
    expect(doc.components.securitySchemes[jwtName]).toMatchObject({
      type: 'openIdConnect', openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration',
    });
    const [cognitoName] = Object.keys(doc.paths['/items'].post.security[0]);
    expect(doc.components.securitySchemes[cognitoName].openIdConnectUrl)
      .toBe('https://cognito-idp.eu-west-1.amazonaws.com/{Pool}/.well-known/openid-configuration');
    const [lambdaName] = Object.keys(doc.paths['/items/{id}'].put.security[0]);
    expect(doc.components.securitySchemes[lambdaName]).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Key' });
    expect(doc.paths['/items/{id}'].delete.security).toEqual([{ sigv4: [] }]);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/$default']['x-amazon-apigateway-any-method'].operationId).toBe('defaultRoute');
    await expectValid(doc);
  });

  test('a named stage is in the server URL', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const api = new HttpGateway(stack, 'Http', { stages: [{ stageName: 'v1' }] });
    api.addRoute('GET /items', HttpIntegration.lambdaFunction(fn(stack, 'Fn')));

    // WHEN
    const doc = exported(app, api, 'v1');

    // THEN
    expect(doc.servers[0].url).toBe('https://{apiId}.execute-api.{region}.amazonaws.com/{stage}');
    expect(doc.servers[0].variables.stage).toMatchObject({ default: 'v1' });
  });
});

describe('OpenAPI export helpers', () => {
  test.each([
    ['GET', '/orders/{id}', 'getOrdersById'],
    ['ANY', '/{proxy+}', 'anyByProxy'],
    ['GET', '/', 'getRoot'],
    ['POST', '/v1/order-items', 'postV1OrderItems'],
  ])('%s %s → %s', (method, routePath, id) => {
    expect(derivedOperationId(method, routePath)).toBe(id);
  });

  test('a draft-4 schema becomes a 3.0 Schema Object', () => {
    expect(toOpenApiSchema({
      $schema: 'http://json-schema.org/draft-04/schema#', id: 'x', type: 'object',
      properties: { a: { type: ['integer', 'null'], definitions: {} }, b: { items: { type: 'string' } } },
      patternProperties: { '^x': {} },
    })).toEqual({ type: 'object', properties: { a: { type: 'integer', nullable: true }, b: { items: { type: 'string' } } } });
  });

  test('identity sources', () => {
    expect(identityLocation(['context.sourceIp', 'method.request.querystring.key'])).toEqual({ in: 'query', name: 'key' });
    expect(identityLocation(['$request.header.X-Key'])).toEqual({ in: 'header', name: 'X-Key' });
    expect(identityLocation([])).toEqual({ in: 'header', name: 'Authorization' });
  });
});

describe('a typed client from the exported document', () => {
  const root = path.resolve(__dirname, '..', '..');

  /**
   * Runs openapi-typescript's programmatic API (`openapiTS(schema)` + `astToString`) on a document.
   * In a child Node process: its CommonJS build requires an ES-module-only dependency that
   * Jest's module loader cannot load.
   */
  function generateTypes(doc: Doc, dir: string): string {
    const docFile = path.join(dir, 'openapi.json');
    fs.writeFileSync(docFile, JSON.stringify(doc));
    const entry = pathToFileURL(path.join(root, 'node_modules', 'openapi-typescript', 'dist', 'index.mjs')).href;
    const script = [
      'const fs = await import("node:fs");',
      `const { default: openapiTS, astToString } = await import(${JSON.stringify(entry)});`,
      'const doc = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));',
      'process.stdout.write(astToString(await openapiTS(doc)));',
    ].join('\n');
    return execFileSync(process.execPath, ['--input-type=module', '-e', script, docFile], { encoding: 'utf8' });
  }

  /** Compiles the generated types and a client; returns the diagnostics. */
  function compile(dir: string, types: string, client: string): string[] {
    fs.writeFileSync(path.join(dir, 'api.d.ts'), types);
    fs.writeFileSync(path.join(dir, 'client.ts'), client);
    const program = ts.createProgram([path.join(dir, 'client.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
      paths: { 'openapi-fetch': [path.join(root, 'node_modules', 'openapi-fetch', 'dist', 'index.d.mts')] },
    });
    return ts.getPreEmitDiagnostics(program).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  test('openapi-typescript types and an openapi-fetch client compile; a call to a missing path does not', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const api = new RestGateway(stack, 'Orders');
    const lambda = RestIntegration.lambdaFunction(fn(stack, 'Fn'));
    api.addRoute('GET /orders/{id}', lambda, { requestParameters: { 'method.request.querystring.expand': false } });
    api.addRoute('POST /orders', lambda, { requestSchema: ORDER_SCHEMA });
    const doc = exported(app, api, 'prod');

    // WHEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-client-'));
    const types = generateTypes(doc, dir);
    const header = [
      'import createClient from \'openapi-fetch\';',
      'import type { paths } from \'./api\';',
      'const client = createClient<paths>({ baseUrl: \'https://example.com/prod\' });',
    ].join('\n');
    const good = compile(dir, types, `${header}
export async function run(): Promise<void> {
  await client.GET('/orders/{id}', { params: { path: { id: '42' }, query: { expand: 'lines' } } });
  await client.POST('/orders', { body: { sku: 'A-1', quantity: 2, note: null } });
}
`);
    const missingPath = compile(dir, types, `${header}
export async function run(): Promise<void> {
  await client.GET('/customers/{id}', { params: { path: { id: '42' } } });
}
`);
    const badBody = compile(dir, types, `${header}
export async function run(): Promise<void> {
  await client.POST('/orders', { body: { sku: 'A-1' } });
}
`);

    // THEN
    expect(types).toContain('"/orders/{id}"');
    expect(good).toEqual([]);
    expect(missingPath.length).toBeGreaterThan(0);
    expect(badBody.join('\n')).toMatch(/quantity/);
  });
});

describe('round trip: import(export(api))', () => {
  /** The security scheme kinds of each route: what must survive the round trip. */
  function securityKinds(doc: Doc): { [routeKey: string]: string[] } {
    const out: { [routeKey: string]: string[] } = {};
    for (const [routePath, item] of Object.entries<Doc>(doc.paths)) {
      for (const [method, op] of Object.entries<Doc>(item)) {
        out[`${method} ${routePath}`] = (op.security as Doc[]).flatMap(req => Object.keys(req)).map(name => {
          const scheme = doc.components.securitySchemes[name];
          return `${scheme.type}/${scheme['x-amazon-apigateway-authtype'] ?? '-'}`;
        });
      }
    }
    return out;
  }

  test('RestGateway: the same route keys, parameters, schemas and authorization kinds', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const handler = fn(stack, 'Handler');
    const pool = new cognito.UserPool(stack, 'Pool');
    const lambda = RestIntegration.lambdaFunction(handler);
    const original = new RestGateway(stack, 'Original');
    original.addRoute('GET /orders/{id}', lambda, { requestParameters: { 'method.request.querystring.expand': false, 'method.request.header.X-Tenant': true } });
    original.addRoute('POST /orders', lambda, { authorization: RestAuthorization.cognito([pool]), requestSchema: ORDER_SCHEMA, operationName: 'createOrder' });
    original.addRoute('DELETE /orders/{id}', lambda, { authorization: RestAuthorization.lambdaToken(handler) });
    original.addRoute('GET /health', lambda, { authorization: RestAuthorization.none() });
    const first = exported(app, original, 'prod');
    const schemes = Object.keys(first.components.securitySchemes);

    // WHEN
    const app2 = new App();
    const stack2 = new Stack(app2, 'Shop', { env: ENV });
    const handler2 = fn(stack2, 'Handler');
    const pool2 = new cognito.UserPool(stack2, 'Pool');
    const copy = new RestGateway(stack2, 'Original', {
      openApi: {
        document: GatewayOpenApiDocument.fromObject(first),
        defaultIntegration: RestIntegration.lambdaFunction(handler2),
        authorizations: {
          none: RestAuthorization.none(),
          sigv4: RestAuthorization.iam(),
          [schemes.find(s => s.startsWith('Cognito'))!]: RestAuthorization.cognito([pool2]),
          [schemes.find(s => s.startsWith('Token'))!]: RestAuthorization.lambdaToken(handler2),
        },
      },
    });
    const second = exported(app2, copy, 'prod');

    // THEN
    expect([...copy.routeKeys].sort()).toEqual([...original.routeKeys].sort());
    expect(second.paths).toEqual(first.paths);
    expect(second.components).toEqual(first.components);
    expect(securityKinds(second)).toEqual(securityKinds(first));
  });

  test('HttpGateway: the same route keys, path parameters and authorization kinds', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const handler = fn(stack, 'Handler');
    const lambda = HttpIntegration.lambdaFunction(handler);
    const jwt = HttpAuthorization.jwt('https://auth.example.com', ['catalog']);
    const original = new HttpGateway(stack, 'Original');
    original.addRoute('GET /items/{id}', lambda, { authorization: jwt, authorizationScopes: ['items/read'] });
    original.addRoute('PUT /items/{id}', lambda, { authorization: HttpAuthorization.lambdaRequest(handler) });
    original.addRoute('DELETE /items/{id}', lambda);
    original.addRoute('GET /health', lambda, { authorization: HttpAuthorization.none() });
    const first = exported(app, original, '$default');
    const schemes = Object.keys(first.components.securitySchemes);

    // WHEN
    const app2 = new App();
    const stack2 = new Stack(app2, 'Shop', { env: ENV });
    const handler2 = fn(stack2, 'Handler');
    const copy = new HttpGateway(stack2, 'Original', {
      openApi: {
        document: GatewayOpenApiDocument.fromObject(first),
        defaultIntegration: HttpIntegration.lambdaFunction(handler2),
        authorizations: {
          none: HttpAuthorization.none(),
          sigv4: HttpAuthorization.iam(),
          Jwt: HttpAuthorization.jwt('https://auth.example.com', ['catalog']),
          [schemes.find(s => s.startsWith('Lambda'))!]: HttpAuthorization.lambdaRequest(handler2),
        },
      },
    });
    const second = exported(app2, copy, '$default');

    // THEN
    expect([...copy.routeKeys].sort()).toEqual([...original.routeKeys].sort());
    expect(second.paths).toEqual(first.paths);
    expect(securityKinds(second)).toEqual(securityKinds(first));
  });
});
