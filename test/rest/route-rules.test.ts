import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RestGateway, RestIntegration } from '../../lib';
import { parseRouteKey } from '../../lib/common/route-key';
import { PathVariableUse, pathVariableClash, recordPathVariables, restPathPartViolation } from '../../lib/rest/path-rules';

const env = { account: '123456789012', region: 'eu-west-1' };

function gateway(): { stack: Stack; api: RestGateway } {
  const stack = new Stack(new App(), 'Stack', { env });
  return { stack, api: new RestGateway(stack, 'Orders') };
}

describe('path characters the service accepts', () => {
  test.each([
    ['GET /v1/$appliances:all', ['v1', '$appliances:all']],
    ['POST /events:batch', ['events:batch']],
    ['GET /$test', ['$test']],
    ['GET /items/{id}/$count', ['items', '{id}', '$count']],
  ])('%s synthesizes with those path parts', (routeKey, pathParts) => {
    // GIVEN
    const { stack, api } = gateway();

    // WHEN
    api.addRoute(routeKey, RestIntegration.mock());

    // THEN
    const template = Template.fromStack(stack);
    for (const pathPart of pathParts) {
      template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: pathPart });
    }
  });

  test('the parser accepts : and $ in literal segments and parameter names', () => {
    expect(parseRouteKey('GET /v1/$appliances:all/{item:id}')).toEqual({
      method: 'GET', path: '/v1/$appliances:all/{item:id}', pathParameters: ['item:id'],
    });
  });

  test.each(['GET /a b', 'GET /orders?page=1', 'GET /a#b', 'GET /a%20b'])('%s is still rejected', routeKey => {
    const { api } = gateway();
    expect(() => api.addRoute(routeKey, RestIntegration.mock())).toThrow(/Stack\/Orders: routeKey = .* is invalid/);
  });
});

describe('one variable path part per resource', () => {
  test('two variable names at the same level is a clear error naming both routes', () => {
    // GIVEN
    const { api } = gateway();
    api.addRoute('GET /orders/{id}', RestIntegration.mock());

    // THEN
    expect(() => api.addRoute('DELETE /orders/{orderId}', RestIntegration.mock())).toThrow(
      /Stack\/Orders: routeKey = "DELETE \/orders\/\{orderId\}" is invalid: API Gateway allows one variable path part per resource, greedy or not: \{orderId\} under '\/orders' clashes with \{id\} of route 'GET \/orders\/\{id\}'.*A sibling \(\{id\}\) of this resource already has a variable path part -- only one is allowed/);
  });

  test('a deeper clash is found under its own parent', () => {
    // GIVEN
    const { api } = gateway();
    api.addRoute('GET /users/{userId}/orders/{orderId}', RestIntegration.mock());

    // THEN
    expect(() => api.addRoute('GET /users/{userId}/orders/{id}/lines', RestIntegration.mock()))
      .toThrow(/\{id\} under '\/users\/\{userId\}\/orders' clashes with \{orderId\} of route 'GET \/users\/\{userId\}\/orders\/\{orderId\}'/);
  });

  test('a greedy {proxy+} beside a named variable is an error, both ways round', () => {
    // GIVEN
    const first = gateway();
    first.api.addRoute('ANY /files/{proxy+}', RestIntegration.mock());
    const second = gateway();
    second.api.addRoute('GET /files/{name}', RestIntegration.mock());

    // THEN
    expect(() => first.api.addRoute('GET /files/{name}', RestIntegration.mock()))
      .toThrow(/\{name\} under '\/files' clashes with \{proxy\+\} of route 'ANY \/files\/\{proxy\+\}'/);
    expect(() => second.api.addRoute('ANY /files/{proxy+}', RestIntegration.mock()))
      .toThrow(/\{proxy\+\} under '\/files' clashes with \{name\} of route 'GET \/files\/\{name\}'/);
  });

  test('the same variable on several routes, literal siblings of a variable and of a greedy part synthesize', () => {
    // GIVEN
    const { stack, api } = gateway();

    // WHEN
    api.addRoute('GET /orders/{id}', RestIntegration.mock());
    api.addRoute('DELETE /orders/{id}', RestIntegration.mock());
    api.addRoute('GET /orders/{id}/lines', RestIntegration.mock());
    api.addRoute('GET /orders/search', RestIntegration.mock());
    api.addRoute('ANY /{proxy+}', RestIntegration.mock());
    api.addRoute('GET /health', RestIntegration.mock());

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Resource', 6);
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{proxy+}' });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'search' });
  });

  test('a rejected route leaves no trace: the first route stays the reference', () => {
    // GIVEN
    const { api } = gateway();
    api.addRoute('GET /orders/{id}', RestIntegration.mock());
    expect(() => api.addRoute('GET /orders/{orderId}', RestIntegration.mock())).toThrow();

    // THEN
    expect(api.routeKeys).toEqual(['GET /orders/{id}']);
    expect(() => api.addRoute('PUT /orders/{id}', RestIntegration.mock())).not.toThrow();
  });
});

describe('pathVariableClash (pure)', () => {
  test('records the first variable of each parent and reports a different one', () => {
    // GIVEN
    const used = new Map<string, PathVariableUse>();
    recordPathVariables(used, '/{tenant}/orders/{id}', 'GET /{tenant}/orders/{id}');

    // THEN
    expect([...used.entries()]).toEqual([
      ['/', { pathPart: '{tenant}', routeKey: 'GET /{tenant}/orders/{id}' }],
      ['/{tenant}/orders', { pathPart: '{id}', routeKey: 'GET /{tenant}/orders/{id}' }],
    ]);
    expect(pathVariableClash(used, '/{tenant}/orders/{id}/x')).toBeUndefined();
    expect(pathVariableClash(used, '/{org}')).toEqual({ parent: '/', pathPart: '{org}', existing: used.get('/') });
    expect(pathVariableClash(used, '/')).toBeUndefined();
  });
});

describe('path characters REST does not accept', () => {
  test('a REST path part with ~ is a GatewayValidationError, not aws-cdk-lib\'s Resource error', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const api = new RestGateway(stack, 'Api');

    // WHEN / THEN
    expect(() => api.addRoute('GET /files/a~b', RestIntegration.mock()))
      .toThrow(/^Stack\/Api: routeKey = "GET \/files\/a~b" is invalid: the REST path part 'a~b' may contain only letters, digits/);
  });

  test('restPathPartViolation accepts the service\'s characters and parameters, and names the first bad part', () => {
    expect(restPathPartViolation('/v1/$appliances:all/{id}/{proxy+}')).toBeUndefined();
    expect(restPathPartViolation('/')).toBeUndefined();
    expect(restPathPartViolation('/ok/a~b/c~d')).toMatch(/^the REST path part 'a~b'/);
  });
});
