/**
 * Large APIs (issue 14): routes spread over nested stacks, stable placement, routes from a team's
 * nested stack, and CloudFormation's limits as synth errors that name the prop to change.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  GatewayRouteStacks, GatewayValidationError, HttpGateway, HttpIntegration, RestGateway, RestIntegration, WebSocketGateway, WebSocketIntegration,
} from '../../lib';
import { routeStackIndex, stableHash } from '../../lib/common/route-stacks';
import { ENV, fn } from '../support/fixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- template properties are free-form JSON
type Template = { Resources: { [id: string]: { Type: string; Properties?: any; DependsOn?: string[] } }; Parameters?: object; Outputs?: object };

/** A synthesized app: every template (top-level and nested) by file name. */
interface Synth {
  readonly templates: Map<string, Template>;
  readonly bytes: Map<string, number>;
  readonly top: Template;
}

function synth(app: App, stackName = 'Stack'): Synth {
  const assembly = app.synth();
  const templates = new Map<string, Template>();
  const bytes = new Map<string, number>();
  for (const file of fs.readdirSync(assembly.directory).filter(f => f.endsWith('.template.json'))) {
    const text = fs.readFileSync(path.join(assembly.directory, file), 'utf8');
    templates.set(file, JSON.parse(text));
    bytes.set(file, Buffer.byteLength(text));
  }
  return { templates, bytes, top: templates.get(`${stackName}.template.json`)! };
}

function newApp(): { app: App; stack: Stack; handler: lambda.Function } {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: ENV });
  return { app, stack, handler: fn(stack, 'Fn') };
}

function resourcesOfType(t: Template, type: string): string[] {
  return Object.entries(t.Resources).filter(([, r]) => r.Type === type).map(([id]) => id);
}

/** For every nested template: the logical ids of its API Gateway resources (what must not move). */
function membership(s: Synth): Map<string, string> {
  const where = new Map<string, string>();
  for (const [file, t] of s.templates) {
    for (const [id, r] of Object.entries(t.Resources)) {
      // Paths, methods, models and routes: what must never move. (An HTTP or WebSocket integration is
      // made under the first route that uses it in its stack, as in an unsplit gateway: removing
      // that route replaces the integration and updates the other routes in place.)
      if (/^AWS::ApiGateway::(Resource|Method|Model)$|^AWS::ApiGatewayV2::Route$/.test(r.Type)) where.set(id, file);
    }
  }
  return where;
}

describe('routeStacks: 1,000 routes on one shared function', () => {
  test.each([
    ['RestGateway', 'flat'],
    ['RestGateway', 'nested'],
    ['HttpGateway', 'flat'],
  ])('%s, %s shape: every stack < 500 resources and < 1 MB, permissions = functions x stages', (kind, shape) => {
    const { app, stack, handler } = newApp();
    const stages = [{ stageName: 'prod' }, { stageName: 'dev' }];
    const routeStacks: GatewayRouteStacks = shape === 'flat' ? { count: 8 }
      : { count: 10, placement: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`/svc${i}`, i])) };
    const key = (i: number) => shape === 'flat' ? `GET /r${i}` : `GET /svc${i % 10}/items/{id}/r${i}`;
    let permissions: number;
    if (kind === 'RestGateway') {
      const api = new RestGateway(stack, 'Api', { stages, routeStacks });
      const integration = RestIntegration.lambdaFunction(handler);
      for (let i = 0; i < 1000; i++) api.addRoute(key(i), integration);
      permissions = api.lambdaPermissionCount;
    } else {
      const api = new HttpGateway(stack, 'Api', { stages, routeStacks });
      const integration = HttpIntegration.lambdaFunction(handler);
      for (let i = 0; i < 1000; i++) api.addRoute(key(i), integration);
      permissions = api.lambdaPermissionCount;
    }
    const s = synth(app);
    const nested = [...s.templates.keys()].filter(f => f.endsWith('.nested.template.json'));
    expect(nested.length).toBe(shape === 'flat' ? 8 : 10);
    for (const [file, t] of s.templates) {
      expect({ file, resources: Object.keys(t.Resources).length < 500 }).toEqual({ file, resources: true });
      expect({ file, bytes: s.bytes.get(file)! < 1_000_000 }).toEqual({ file, bytes: true });
    }
    const methodType = kind === 'RestGateway' ? 'AWS::ApiGateway::Method' : 'AWS::ApiGatewayV2::Route';
    const methods = [...s.templates.values()].reduce((n, t) => n + resourcesOfType(t, methodType).length, 0);
    expect(methods).toBe(1000);
    // One function, two stages: two permissions, in the gateway's stack.
    expect(permissions).toBe(2);
    const allPermissions = [...s.templates.values()].reduce((n, t) => n + resourcesOfType(t, 'AWS::Lambda::Permission').length, 0);
    expect(allPermissions).toBe(2);
    expect(resourcesOfType(s.top, 'AWS::Lambda::Permission')).toHaveLength(2);
  });
});

describe('REST routes in nested stacks', () => {
  function build(keys: string[], routeStacks: GatewayRouteStacks = { count: 4 }, more?: (api: RestGateway, i: RestIntegration) => void) {
    const { app, stack, handler } = newApp();
    const api = new RestGateway(stack, 'Api', { routeStacks });
    const integration = RestIntegration.lambdaFunction(handler);
    for (const k of keys) api.addRoute(k, integration);
    more?.(api, integration);
    return { app, stack, api, s: synth(app) };
  }

  test('the deployment depends on every route stack, and the stage on the deployment', () => {
    const { s } = build(['GET /orders', 'GET /users/{id}', 'POST /carts', 'GET /things/a/b']);
    const nestedStacks = resourcesOfType(s.top, 'AWS::CloudFormation::Stack');
    expect(nestedStacks.length).toBeGreaterThan(1);
    const [deployment] = resourcesOfType(s.top, 'AWS::ApiGateway::Deployment');
    expect(s.top.Resources[deployment].DependsOn).toEqual(expect.arrayContaining(nestedStacks));
    const [stage] = resourcesOfType(s.top, 'AWS::ApiGateway::Stage');
    expect(s.top.Resources[stage].Properties.DeploymentId).toEqual({ Ref: deployment });
    // No method or path resource is left in the gateway's stack.
    expect(resourcesOfType(s.top, 'AWS::ApiGateway::Method')).toEqual([]);
    expect(resourcesOfType(s.top, 'AWS::ApiGateway::Resource')).toEqual([]);
  });

  test('a change to a method in a route stack changes the deployment\'s logical id', () => {
    const keys = ['GET /orders', 'GET /users/{id}'];
    const before = build(keys);
    const after = build(keys, { count: 4 }, (api, integration) => api.addRoute('PUT /orders', integration));
    const same = build(keys);
    const deploymentOf = (x: Synth) => resourcesOfType(x.top, 'AWS::ApiGateway::Deployment')[0];
    expect(deploymentOf(after.s)).not.toBe(deploymentOf(before.s));
    expect(deploymentOf(same.s)).toBe(deploymentOf(before.s));
    const withParameter = (() => {
      const { app, stack, handler } = newApp();
      const api = new RestGateway(stack, 'Api', { routeStacks: { count: 4 } });
      const integration = RestIntegration.lambdaFunction(handler);
      api.addRoute('GET /orders', integration, { requestParameters: { 'method.request.querystring.page': false } });
      api.addRoute('GET /users/{id}', integration);
      return synth(app);
    })();
    expect(deploymentOf(withParameter)).not.toBe(deploymentOf(before.s));
  });

  test('a route stack refers to the gateway\'s stack only through a few parameters', () => {
    const { s } = build(Array.from({ length: 40 }, (_, i) => `GET /g${i % 8}/r${i}`));
    for (const [file, t] of s.templates) {
      if (!file.endsWith('.nested.template.json')) continue;
      // API id, root resource id, the function's ARN (integration URI); no outputs.
      expect(Object.keys(t.Parameters ?? {}).length).toBeLessThanOrEqual(4);
      expect(t.Outputs).toBeUndefined();
    }
  });

  test('a route\'s group is its first path segment; routes on / stay in the gateway\'s stack', () => {
    const { s } = build(['GET /', 'GET /orders', 'GET /orders/{id}', 'DELETE /orders/{id}']);
    expect(resourcesOfType(s.top, 'AWS::ApiGateway::Method')).toHaveLength(1);
    const nested = [...s.templates.entries()].filter(([f]) => f.endsWith('.nested.template.json'));
    expect(nested).toHaveLength(1);
    expect(resourcesOfType(nested[0][1], 'AWS::ApiGateway::Method')).toHaveLength(3);
    expect(resourcesOfType(nested[0][1], 'AWS::ApiGateway::Resource')).toHaveLength(2);
  });

  test('groupDepth 2 keeps the shared prefix in the gateway\'s stack and places each second segment', () => {
    const { s, api } = build(['GET /v1', 'GET /v1/orders', 'GET /v1/users', 'GET /v1/carts/{id}'], { count: 16, groupDepth: 2 });
    // /v1 and its method are in the gateway's stack.
    expect(resourcesOfType(s.top, 'AWS::ApiGateway::Resource')).toHaveLength(1);
    expect(resourcesOfType(s.top, 'AWS::ApiGateway::Method')).toHaveLength(1);
    const stackOf = (routeKey: string) => Stack.of(api.route(routeKey)).node.path;
    for (const group of ['/v1/orders', '/v1/users', '/v1/carts']) {
      const key = group === '/v1/carts' ? 'GET /v1/carts/{id}' : `GET ${group}`;
      expect(stackOf(key)).toBe(`Stack/Api/RouteStack${routeStackIndex(group, 16)}`);
    }
  });

  test('placement pins a group to a nested stack', () => {
    const { api } = build(['GET /orders', 'GET /users'], { count: 4, placement: { '/orders': 3, '/users': 3 } });
    expect(Stack.of(api.route('GET /orders')).node.path).toBe('Stack/Api/RouteStack3');
    expect(Stack.of(api.route('GET /users')).node.path).toBe('Stack/Api/RouteStack3');
  });

  test('request models of routes in a route stack are made there', () => {
    const { app, stack, handler } = newApp();
    const api = new RestGateway(stack, 'Api', { routeStacks: { count: 2 } });
    api.addRoute('POST /orders', RestIntegration.lambdaFunction(handler), { requestSchema: { type: apigateway.JsonSchemaType.OBJECT } });
    const s = synth(app);
    expect(resourcesOfType(s.top, 'AWS::ApiGateway::Model')).toEqual([]);
    const nested = [...s.templates.entries()].find(([f]) => f.endsWith('.nested.template.json'))![1];
    const [model] = resourcesOfType(nested, 'AWS::ApiGateway::Model');
    const [method] = resourcesOfType(nested, 'AWS::ApiGateway::Method');
    expect(nested.Resources[method].Properties.RequestModels).toEqual({ 'application/json': { Ref: model } });
  });

  test('CORS preflights are made with each path resource in its route stack', () => {
    const { app, stack, handler } = newApp();
    const api = new RestGateway(stack, 'Api', { routeStacks: { count: 2 }, cors: { allowOrigins: ['https://app.example.com'] } });
    api.addRoute('GET /orders/{id}', RestIntegration.lambdaFunction(handler));
    const s = synth(app);
    const nested = [...s.templates.entries()].find(([f]) => f.endsWith('.nested.template.json'))![1];
    const methods = resourcesOfType(nested, 'AWS::ApiGateway::Method').map(id => nested.Resources[id].Properties.HttpMethod).sort();
    expect(methods).toEqual(['GET', 'OPTIONS', 'OPTIONS']);
  });
});

describe('stable placement: adding, removing or reordering routes moves no other route', () => {
  const base = Array.from({ length: 60 }, (_, i) => `GET /svc${i % 12}/items/{id}/r${i}`);

  function place(kind: 'rest' | 'http', keys: string[]): Map<string, string> {
    const { app, stack, handler } = newApp();
    if (kind === 'rest') {
      const api = new RestGateway(stack, 'Api', { routeStacks: { count: 5 } });
      const integration = RestIntegration.lambdaFunction(handler);
      for (const k of keys) api.addRoute(k, integration);
    } else {
      const api = new HttpGateway(stack, 'Api', { routeStacks: { count: 5 } });
      const integration = HttpIntegration.lambdaFunction(handler);
      for (const k of keys) api.addRoute(k, integration);
    }
    return membership(synth(app));
  }

  test.each(['rest', 'http'] as const)('%s: a route added in the middle (a new group and an existing group)', (kind) => {
    const before = place(kind, base);
    const middle = [...base.slice(0, 30), 'GET /svc99/new', 'POST /svc3/items/{id}/extra', ...base.slice(30)];
    const after = place(kind, middle);
    const moved = [...before.entries()].filter(([id, file]) => id.indexOf('Deployment') < 0 && after.get(id) !== file);
    expect(moved).toEqual([]);
    expect(after.size).toBeGreaterThan(before.size);
  });

  test.each(['rest', 'http'] as const)('%s: routes removed and the rest reordered', (kind) => {
    const before = place(kind, base);
    const fewer = base.filter((_, i) => i % 7 !== 0).reverse();
    const after = place(kind, fewer);
    const moved = [...after.entries()].filter(([id, file]) => id.indexOf('Deployment') < 0 && before.get(id) !== file);
    expect(moved).toEqual([]);
  });

  test('the hash is FNV-1a (the same on every platform and Node version)', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
    expect(stableHash('/orders')).toBe(stableHash('/orders'));
    expect(routeStackIndex('/orders', 8)).toBe(stableHash('/orders') % 8);
  });
});

describe('HTTP and WebSocket routes in nested stacks', () => {
  test('HTTP: one integration per function per route stack; $default stays in the gateway\'s stack', () => {
    const { app, stack, handler } = newApp();
    const api = new HttpGateway(stack, 'Api', { routeStacks: { count: 3 } });
    const integration = HttpIntegration.lambdaFunction(handler);
    for (let i = 0; i < 30; i++) api.addRoute(`GET /g${i % 6}/r${i}`, integration);
    api.addRoute('$default', integration);
    const s = synth(app);
    expect(resourcesOfType(s.top, 'AWS::ApiGatewayV2::Route')).toHaveLength(1);
    expect(resourcesOfType(s.top, 'AWS::ApiGatewayV2::Integration')).toHaveLength(1);
    for (const [file, t] of s.templates) {
      if (!file.endsWith('.nested.template.json')) continue;
      const [integrationId] = resourcesOfType(t, 'AWS::ApiGatewayV2::Integration');
      expect(integrationId).toBeDefined();
      expect(resourcesOfType(t, 'AWS::ApiGatewayV2::Integration')).toHaveLength(1);
      for (const route of resourcesOfType(t, 'AWS::ApiGatewayV2::Route')) {
        expect(t.Resources[route].Properties.Target).toEqual({ 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] });
      }
    }
    expect(api.lambdaPermissionCount).toBe(1);
  });

  test('WebSocket: routes placed by route key', () => {
    const { app, stack, handler } = newApp();
    const api = new WebSocketGateway(stack, 'Api', { routeStacks: { count: 2, placement: { $connect: 0, sendMessage: 1 } } });
    const integration = WebSocketIntegration.lambdaFunction(handler);
    api.addRoute('$connect', integration);
    api.addRoute('sendMessage', integration);
    expect(Stack.of(api.route('$connect')).node.path).toBe('Stack/Api/RouteStack0');
    expect(Stack.of(api.route('sendMessage')).node.path).toBe('Stack/Api/RouteStack1');
    const s = synth(app);
    expect(resourcesOfType(s.top, 'AWS::ApiGatewayV2::Route')).toEqual([]);
    expect(api.route('sendMessage')).toBeInstanceOf(apigwv2.WebSocketRoute);
  });
});

describe('routes from a team\'s nested stack (the route\'s scope option)', () => {
  test('REST: the team\'s routes are made in its nested stack, and the deployment waits for it', () => {
    const { app, stack, handler } = newApp();
    const api = new RestGateway(stack, 'Api');
    api.addRoute('GET /health', RestIntegration.lambdaFunction(handler));
    const team = new NestedStack(stack, 'OrdersTeam');
    const teamFn = fn(team, 'OrdersFn');
    const method = api.addRoute('GET /orders/{id}', RestIntegration.lambdaFunction(teamFn), { scope: team });
    api.addRoute('POST /orders', RestIntegration.lambdaFunction(teamFn), { scope: team });
    expect(Stack.of(method)).toBe(team);
    const s = synth(app);
    const [deployment] = resourcesOfType(s.top, 'AWS::ApiGateway::Deployment');
    const teamResource = resourcesOfType(s.top, 'AWS::CloudFormation::Stack')[0];
    expect(s.top.Resources[deployment].DependsOn).toContain(teamResource);
    // One permission per function per stage, in the gateway's stack.
    expect(resourcesOfType(s.top, 'AWS::Lambda::Permission')).toHaveLength(2);
    expect(api.lambdaPermissionCount).toBe(2);
  });

  test('HTTP: a route made in a team\'s nested stack', () => {
    const { app, stack, handler } = newApp();
    const api = new HttpGateway(stack, 'Api');
    const team = new NestedStack(stack, 'Team');
    const route = api.addRoute('GET /team', HttpIntegration.lambdaFunction(handler), { scope: team });
    expect(Stack.of(route)).toBe(team);
    const s = synth(app);
    expect(resourcesOfType(s.top, 'AWS::ApiGatewayV2::Route')).toEqual([]);
  });

  test('a scope in another top-level stack is an error that explains the cycle', () => {
    const { stack, handler } = newApp();
    const other = new Stack(stack.node.root as App, 'Other', { env: ENV });
    const api = new RestGateway(stack, 'Api');
    expect(() => api.addRoute('GET /x', RestIntegration.lambdaFunction(handler), { scope: other }))
      .toThrow(/Stack\/Api: route 'GET \/x' scope = "Other" is invalid: a route's scope must be in the gateway's stack \(Stack\) or in a nested stack under it.*depend on each other/);
  });

  test('one group in two stacks is an error naming the first route', () => {
    const { stack, handler } = newApp();
    const api = new RestGateway(stack, 'Api');
    const a = new NestedStack(stack, 'A');
    const b = new NestedStack(stack, 'B');
    api.addRoute('GET /orders', RestIntegration.lambdaFunction(handler), { scope: a });
    expect(() => api.addRoute('POST /orders/{id}', RestIntegration.lambdaFunction(handler), { scope: b }))
      .toThrow(/every route of the group '\/orders' is made in one stack.*route 'GET \/orders' placed the group in Stack\/A/);
  });

  test.each([
    ['RestGateway', () => RestGateway.fromRestGatewayAttributes(newApp().stack, 'Imported', { apiId: 'abc123' })],
    ['HttpGateway', () => HttpGateway.fromHttpGatewayAttributes(newApp().stack, 'Imported', { apiId: 'abc123' })],
    ['WebSocketGateway', () => WebSocketGateway.fromWebSocketGatewayAttributes(newApp().stack, 'Imported', { apiId: 'abc123' })],
  ])('%s: a JavaScript caller adding a route to an imported gateway gets a GatewayValidationError, not a TypeError', (_kind, imported) => {
    const gateway = imported() as unknown as { addRoute(key: string, integration: object): void };
    let error: unknown;
    try {
      gateway.addRoute('GET /x', {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GatewayValidationError);
    expect(String(error)).toMatch(/Stack\/Imported: addRoute = "GET \/x" is invalid: an imported (REST|HTTP|WebSocket) API takes no routes.*NestedStack/);
  });
});

describe('CloudFormation limits', () => {
  test('without routeStacks, the route that passes 500 resources fails at once, naming the stack, count, limit and prop', () => {
    const { stack, handler } = newApp();
    const api = new RestGateway(stack, 'Api');
    const integration = RestIntegration.lambdaFunction(handler);
    let failedAt = -1;
    let message = '';
    for (let i = 0; i < 400 && failedAt < 0; i++) {
      try {
        api.addRoute(`GET /r${i}`, integration);
      } catch (e) {
        failedAt = i;
        message = String(e);
      }
    }
    expect(failedAt).toBe(250);
    expect(message).toMatch(/Stack\/Api: routeKey = "GET \/r250" is invalid: Stack: 502 resources exceeds CloudFormation's limit of 500 resources per stack; spread the gateway's routes over nested stacks with the routeStacks prop, e\.g\. routeStacks: \{ count: 4 \}/);
  });

  test('without routeStacks, a stack whose other resources push it past 500 fails at synth with the stack\'s full count', () => {
    const { app, stack, handler } = newApp();
    for (let i = 0; i < 30; i++) fn(stack, `Other${i}`);
    const api = new RestGateway(stack, 'Api');
    const integration = RestIntegration.lambdaFunction(handler);
    for (let i = 0; i < 230; i++) api.addRoute(`GET /r${i}`, integration);
    expect(() => app.synth()).toThrow(/\[Stack\/Api\] Stack: 5\d\d resources exceeds CloudFormation's limit of 500 resources per stack; spread the gateway's routes over nested stacks with the routeStacks prop/);
  });

  test('a crowded route stack names its groups and the three ways out', () => {
    const { stack, handler } = newApp();
    const api = new RestGateway(stack, 'Api', { routeStacks: { count: 2, placement: { '/a': 0, '/b': 0, '/c': 0 } } });
    const integration = RestIntegration.lambdaFunction(handler);
    expect(() => {
      for (let i = 0; i < 300; i++) api.addRoute(`GET /${'abc'[i % 3]}/r${i}`, integration);
    }).toThrow(/Stack\/Api\/RouteStack0: 501 resources exceeds CloudFormation's limit of 500 resources per stack; the groups in this stack are \/a, \/b, \/c: raise routeStacks.count, pin a group to another stack with routeStacks.placement, or deepen routeStacks.groupDepth/);
  });

  test('a route stack template over 1 MB fails at synth', () => {
    const { app, stack, handler } = newApp();
    const api = new RestGateway(stack, 'Api', { routeStacks: { count: 1 } });
    const integration = RestIntegration.lambdaFunction(handler);
    const description = 'x'.repeat(60_000);
    for (let i = 0; i < 20; i++) {
      api.addRoute(`POST /big/r${i}`, integration, { requestSchema: { type: apigateway.JsonSchemaType.OBJECT, description } });
    }
    expect(() => app.synth()).toThrow(/Stack\/Api: routeStacks = "Stack\/Api\/RouteStack0" is invalid: Stack\/Api\/RouteStack0: 1\d{6} template bytes exceeds CloudFormation's limit of 1000000 template bytes per stack/);
  });
});

describe('routeStacks inputs', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['count 0', { count: 0 }, /routeStacks.count = 0 is invalid: the count of route stacks is an integer from 1 to 100/],
    ['count 101', { count: 101 }, /routeStacks.count = 101 is invalid/],
    ['fractional count', { count: 2.5 }, /routeStacks.count = 2.5 is invalid/],
    ['count as a string (JavaScript)', { count: '4' }, /routeStacks.count .*is invalid: expected a number/],
    ['no count (JavaScript)', {}, /routeStacks.count .*is invalid/],
    ['groupDepth 0', { count: 2, groupDepth: 0 }, /routeStacks.groupDepth = 0 is invalid: the group depth is an integer from 1 to 10/],
    ['a pin past the count', { count: 2, placement: { '/a': 2 } }, /routeStacks.placement\['\/a'\] = 2 is invalid: a group is pinned to a nested stack by its index, 0 to count - 1 \(1\)/],
    ['a pin that is not a group', { count: 2, placement: { orders: 0 } }, /routeStacks.placement = "orders" is invalid: a group is the first 1 path segment of a route's path, e.g. '\/orders'/],
    ['a pin deeper than the group depth', { count: 2, placement: { '/v1/orders': 0 } }, /routeStacks.placement = "\/v1\/orders" is invalid/],
  ];
  test.each(cases)('RestGateway: %s', (_name, routeStacks, message) => {
    const { stack } = newApp();
    let error: unknown;
    try {
      new RestGateway(stack, 'Api', { routeStacks: routeStacks as GatewayRouteStacks });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GatewayValidationError);
    expect(String(error)).toMatch(message);
  });

  test.each(['HttpGateway', 'WebSocketGateway'])('%s checks routeStacks too', (kind) => {
    const { stack } = newApp();
    const make = () => kind === 'HttpGateway'
      ? new HttpGateway(stack, 'Api', { routeStacks: { count: 0 } })
      : new WebSocketGateway(stack, 'Api', { routeStacks: { count: 0 } });
    expect(make).toThrow(/Stack\/Api: routeStacks.count = 0 is invalid/);
  });

  test('a route scope that is not a construct (JavaScript)', () => {
    const { stack, handler } = newApp();
    const api = new RestGateway(stack, 'Api');
    expect(() => api.addRoute('GET /x', RestIntegration.lambdaFunction(handler), { scope: 'here' as unknown as Stack }))
      .toThrow(/scope = "here" is invalid: expected a construct/);
  });
});
