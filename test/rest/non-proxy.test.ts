/**
 * Non-proxy REST integrations (issue 16, part A): request mapping templates, integration
 * responses by selection pattern, passthrough behaviour and content handling on the library's
 * own Lambda, HTTP, NLB and mock integrations, and the method responses (with models made from
 * JSON schemas) of a route, merged with those the integration needs.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  GatewayValidationError, RestAuthorization, RestGateway, RestIntegration, RestIntegrationBindOptions, RestIntegrationConfig,
  RestRouteOptions,
} from '../../lib';
import {
  mediaTypeViolation, methodResponsesFor, responseHeaderViolation, selectionPatternViolation, statusCodeViolation,
} from '../../lib/rest/non-proxy';
import { aliasSetup, fn as newFunction, newStack } from '../support/fixtures';
import { expectGatewayError, js } from '../support/js-callers';

interface Fixture {
  readonly stack: Stack;
  readonly fn: lambda.Function;
  readonly api: RestGateway;
}

function fixture(): Fixture {
  const stack = newStack();
  return { stack, fn: newFunction(stack, 'Fn'), api: new RestGateway(stack, 'Orders') };
}

/** A custom integration written by a user (a plug-in), returning what it likes. */
class PlugIn extends RestIntegration {
  constructor(private readonly make: (options: RestIntegrationBindOptions) => RestIntegrationConfig) {
    super();
  }

  public bind(options: RestIntegrationBindOptions): RestIntegrationConfig {
    return this.make(options);
  }
}

const invocationsUri = (version: string, action: string) => ({
  'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`:lambda:path/${version}/functions/$`), `/${action}`])],
});

describe('rules', () => {
  test.each(['100', '200', '404', '599'])('status code %s is accepted', code => {
    expect(statusCodeViolation(code)).toBeUndefined();
  });

  test.each(['99', '600', '099', '20', '2000', '20x', ' 200', ''])('status code %j is rejected', code => {
    expect(statusCodeViolation(code)).toMatch(/a status code is a string of three digits from 100 to 599/);
  });

  test.each(['application/json', 'text/plain', 'application/vnd.api+json', 'application/x-www-form-urlencoded', 'image/svg+xml'])(
    'content type %s is a media type', contentType => {
      expect(mediaTypeViolation(contentType)).toBeUndefined();
    });

  test.each(['json', 'application/json; charset=utf-8', '*/*', 'application/', '/json', 'text plain', ''])(
    'content type %j is not a media type', contentType => {
      expect(mediaTypeViolation(contentType)).toMatch(/a content type is a media type such as application\/json .*RFC 6838/);
    });

  test.each(['.*Not found.*', '4\\d{2}', '5\\d{2}|429', '(?i).*error.*'.replace('(?i)', ''), 'a*+b', '(?>ab)c'])(
    'selection pattern %j compiles', pattern => {
      expect(selectionPatternViolation(pattern)).toBeUndefined();
    });

  test.each(['(', '[a-', '*x', '\\'])('selection pattern %j does not compile, and the message says the check is an approximation', pattern => {
    expect(selectionPatternViolation(pattern)).toMatch(
      /a selection pattern is a regular expression \(API Gateway compiles it as a Java regex; this check compiles it as a JavaScript RegExp, an approximation/);
  });

  test.each([['method.response.header.X-Id', true], ['method.response.header.Content-Type', true],
    ['method.response.body', false], ['X-Id', false], ['method.response.header.', false], ['method.response.header.a b', false]])(
    'response parameter %s: valid %s', (name, valid) => {
      expect(responseHeaderViolation(name) === undefined).toBe(valid);
    });

  test('method responses for integration responses: one per status code, each header declared not required', () => {
    expect(methodResponsesFor([
      { statusCode: '200', responseParameters: { 'method.response.header.X-Id': 'integration.response.body.id' } },
      { statusCode: '404', selectionPattern: '.*Not found.*' },
      { statusCode: '200', selectionPattern: 'Moved.*', responseParameters: { 'method.response.header.Location': 'integration.response.body.url' } },
    ])).toEqual([
      { statusCode: '200', responseParameters: { 'method.response.header.X-Id': false, 'method.response.header.Location': false } },
      { statusCode: '404' },
    ]);
  });
});

describe('RestIntegration.lambdaFunction with proxy: false', () => {
  test('renders a Lambda custom integration with its templates, behaviours and integration responses', () => {
    // GIVEN
    const { stack, fn, api } = fixture();

    // WHEN
    api.addRoute('GET /orders/{id}', RestIntegration.lambdaFunction(fn, {
      proxy: false,
      requestTemplates: { 'application/json': '{ "orderId": "$input.params(\'id\')" }' },
      passthroughBehavior: apigateway.PassthroughBehavior.NEVER,
      contentHandling: apigateway.ContentHandling.CONVERT_TO_TEXT,
      integrationResponses: [
        { statusCode: '200', responseParameters: { 'method.response.header.X-Order-Id': 'integration.response.body.id' } },
        { statusCode: '404', selectionPattern: '.*Not found.*', responseTemplates: { 'application/json': '{"message":"no such order"}' } },
      ],
    }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: {
        Type: 'AWS',
        IntegrationHttpMethod: 'POST',
        Uri: invocationsUri('2015-03-31', 'invocations'),
        RequestTemplates: { 'application/json': '{ "orderId": "$input.params(\'id\')" }' },
        PassthroughBehavior: 'NEVER',
        ContentHandling: 'CONVERT_TO_TEXT',
        IntegrationResponses: [
          { StatusCode: '200', ResponseParameters: { 'method.response.header.X-Order-Id': 'integration.response.body.id' } },
          { StatusCode: '404', SelectionPattern: '.*Not found.*', ResponseTemplates: { 'application/json': '{"message":"no such order"}' } },
        ],
        CacheKeyParameters: ['method.request.path.id'],
      },
      MethodResponses: [
        { StatusCode: '200', ResponseParameters: { 'method.response.header.X-Order-Id': false } },
        { StatusCode: '404' },
      ],
    });
  });

  test('without integration responses, one default response with status 200 passes the body through', () => {
    // GIVEN
    const { stack, fn, api } = fixture();

    // WHEN
    api.addRoute('POST /orders', RestIntegration.lambdaFunction(fn, { proxy: false }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      Integration: {
        Type: 'AWS',
        IntegrationResponses: [{ StatusCode: '200' }],
        RequestTemplates: Match.absent(),
        PassthroughBehavior: Match.absent(),
        ContentHandling: Match.absent(),
      },
      MethodResponses: [{ StatusCode: '200' }],
    });
  });

  test('a proxy and a custom route of one function share its one permission per stage', () => {
    // GIVEN
    const { stack, fn, api } = fixture();

    // WHEN
    api.addRoute('GET /orders', RestIntegration.lambdaFunction(fn));
    api.addRoute('POST /orders', RestIntegration.lambdaFunction(fn, { proxy: false }));

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', Integration: Match.objectLike({ Type: 'AWS_PROXY' }) });
  });

  test('proxy: true (the default) renders exactly what a proxy route always rendered', () => {
    // GIVEN
    const { stack, fn, api } = fixture();

    // WHEN
    api.addRoute('GET /orders', RestIntegration.lambdaFunction(fn, { proxy: true }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: {
        Type: 'AWS_PROXY',
        IntegrationHttpMethod: 'POST',
        Uri: invocationsUri('2015-03-31', 'invocations'),
        IntegrationResponses: Match.absent(),
        ResponseTransferMode: Match.absent(),
      },
      MethodResponses: Match.absent(),
    });
  });

  test('lambdaAlias with proxy: false invokes the stage\'s alias', () => {
    // GIVEN
    const { stack, fn, prod } = aliasSetup();
    const api = new RestGateway(stack, 'Orders', { stages: [{ stageName: 'prod', lambdaAliases: { lambdaAlias: prod } }] });

    // WHEN
    api.addRoute('POST /orders', RestIntegration.lambdaAlias(fn, {
      proxy: false,
      integrationResponses: [{ statusCode: '202' }],
    }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: {
        Type: 'AWS',
        Uri: { 'Fn::Join': ['', Match.arrayWith([':${stageVariables.lambdaAlias}/invocations'])] },
        IntegrationResponses: [{ StatusCode: '202' }],
      },
      MethodResponses: [{ StatusCode: '202' }],
    });
  });
});

describe('RestIntegration.http and .nlb with proxy: false', () => {
  test('http renders an HTTP custom integration; URL parameters are still mapped', () => {
    // GIVEN
    const { stack, api } = fixture();

    // WHEN
    api.addRoute('GET /orders/{id}', RestIntegration.http('https://backend.example.com/orders/{id}', {
      proxy: false,
      requestTemplates: { 'application/xml': '<order/>' },
      passthroughBehavior: apigateway.PassthroughBehavior.WHEN_NO_TEMPLATES,
      integrationResponses: [
        { statusCode: '200', responseTemplates: { 'application/json': '$input.json(\'$.order\')' } },
        { statusCode: '502', selectionPattern: '5\\d{2}' },
      ],
    }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: {
        Type: 'HTTP',
        IntegrationHttpMethod: 'GET',
        Uri: 'https://backend.example.com/orders/{id}',
        RequestParameters: { 'integration.request.path.id': 'method.request.path.id' },
        RequestTemplates: { 'application/xml': '<order/>' },
        PassthroughBehavior: 'WHEN_NO_TEMPLATES',
        IntegrationResponses: [
          { StatusCode: '200', ResponseTemplates: { 'application/json': '$input.json(\'$.order\')' } },
          { StatusCode: '502', SelectionPattern: '5\\d{2}' },
        ],
      },
      MethodResponses: [{ StatusCode: '200' }, { StatusCode: '502' }],
    });
  });

  test('nlb renders an HTTP custom integration through the VPC link', () => {
    // GIVEN
    const { stack, api } = fixture();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const nlb = new elbv2.NetworkLoadBalancer(stack, 'Backend', { vpc });

    // WHEN
    api.addRoute('GET /inventory', RestIntegration.nlb(nlb, {
      secureServerName: 'inventory.example.com',
      proxy: false,
      integrationResponses: [{ statusCode: '200' }, { statusCode: '404', selectionPattern: '404' }],
    }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: {
        Type: 'HTTP',
        ConnectionType: 'VPC_LINK',
        Uri: 'https://inventory.example.com/inventory',
        IntegrationResponses: [{ StatusCode: '200' }, { StatusCode: '404', SelectionPattern: '404' }],
      },
      MethodResponses: [{ StatusCode: '200' }, { StatusCode: '404' }],
    });
  });
});

describe('RestIntegration.mock', () => {
  test('without options it renders what it always rendered', () => {
    // GIVEN
    const { stack, api } = fixture();

    // WHEN
    api.addRoute('GET /health', RestIntegration.mock());

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: {
        Type: 'MOCK',
        RequestTemplates: { 'application/json': '{"statusCode":200}' },
        IntegrationResponses: [{ StatusCode: '200', ResponseTemplates: { 'application/json': '{}' } }],
        PassthroughBehavior: Match.absent(),
      },
      MethodResponses: [{ StatusCode: '200' }],
    });
  });

  test('takes request templates, a passthrough behaviour and integration responses by selection pattern', () => {
    // GIVEN
    const { stack, api } = fixture();

    // WHEN
    api.addRoute('GET /teapot', RestIntegration.mock({
      requestTemplates: { 'application/json': '#if($input.params(\'brew\') == \'tea\'){"statusCode": 418}#else{"statusCode": 200}#end' },
      passthroughBehavior: apigateway.PassthroughBehavior.NEVER,
      integrationResponses: [
        { statusCode: '200', responseTemplates: { 'application/json': '{"coffee":true}' } },
        { statusCode: '418', selectionPattern: '418', responseParameters: { 'method.response.header.X-Pot': '\'tea\'' } },
      ],
    }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: {
        Type: 'MOCK',
        RequestTemplates: { 'application/json': Match.stringLikeRegexp('statusCode": 418') },
        PassthroughBehavior: 'NEVER',
        IntegrationResponses: [
          { StatusCode: '200', ResponseTemplates: { 'application/json': '{"coffee":true}' } },
          { StatusCode: '418', SelectionPattern: '418', ResponseParameters: { 'method.response.header.X-Pot': '\'tea\'' } },
        ],
      },
      MethodResponses: [{ StatusCode: '200' }, { StatusCode: '418', ResponseParameters: { 'method.response.header.X-Pot': false } }],
    });
  });

  test('statusCode still feeds the default request template when integration responses are given', () => {
    // GIVEN
    const { stack, api } = fixture();

    // WHEN
    api.addRoute('POST /jobs', RestIntegration.mock({ statusCode: 202, integrationResponses: [{ statusCode: '202' }] }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: { RequestTemplates: { 'application/json': '{"statusCode":202}' }, IntegrationResponses: [{ StatusCode: '202' }] },
    });
  });

  test.each([
    ['statusCode with requestTemplates', { statusCode: 201, requestTemplates: { 'application/json': '{"statusCode": 201}' } },
      /mock statusCode = 201 is invalid: statusCode is rendered by the default request template, which requestTemplates replace/],
    ['responseBody with integrationResponses', { responseBody: '{"ok":true}', integrationResponses: [{ statusCode: '200' }] },
      /mock responseBody = "\{\\"ok\\":true\}" is invalid: responseBody is the default integration response's template, which integrationResponses replace/],
  ])('%s is an error', (_what, options, message) => {
    // GIVEN
    const { api } = fixture();

    // THEN
    expectGatewayError(() => api.addRoute('GET /x', RestIntegration.mock(options)), new RegExp(`^Stack/Orders/Routes/GET \\|x: route 'GET /x' ${message.source}`));
  });
});

describe('route methodResponses', () => {
  test('a response schema becomes a model of the API, declared as the response\'s model; the integration\'s responses are merged in', () => {
    // GIVEN
    const { stack, fn, api } = fixture();
    const schema: apigateway.JsonSchema = { type: apigateway.JsonSchemaType.OBJECT, required: ['orderId'], properties: { orderId: { type: apigateway.JsonSchemaType.STRING } } };

    // WHEN
    api.addRoute('GET /orders/{id}', RestIntegration.lambdaFunction(fn, {
      proxy: false,
      integrationResponses: [
        { statusCode: '200', responseParameters: { 'method.response.header.X-Order-Id': 'integration.response.body.id' } },
        { statusCode: '404', selectionPattern: '.*Not found.*' },
      ],
    }), {
      methodResponses: [
        { statusCode: '200', responseSchemas: { 'application/json': schema }, responseParameters: { 'method.response.header.X-Order-Id': true } },
        { statusCode: '500', responseParameters: { 'method.response.header.Retry-After': false } },
      ],
    });

    // THEN
    const template = Template.fromStack(stack);
    const models = template.findResources('AWS::ApiGateway::Model');
    expect(Object.keys(models)).toHaveLength(1);
    const [modelId] = Object.keys(models);
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      RestApiId: { Ref: Match.stringLikeRegexp('^OrdersRestApi') },
      ContentType: 'application/json',
      Schema: { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' } } },
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      MethodResponses: [
        { StatusCode: '200', ResponseParameters: { 'method.response.header.X-Order-Id': true }, ResponseModels: { 'application/json': { Ref: modelId } } },
        { StatusCode: '404' },
        { StatusCode: '500', ResponseParameters: { 'method.response.header.Retry-After': false } },
      ],
    });
  });

  test('a proxy route may declare method responses too (for documentation and SDKs)', () => {
    // GIVEN
    const { stack, fn, api } = fixture();

    // WHEN
    api.addRoute('GET /orders', RestIntegration.lambdaFunction(fn), {
      methodResponses: [{ statusCode: '200', responseSchemas: { 'application/json': { type: apigateway.JsonSchemaType.ARRAY } } }],
    });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Model', 1);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ Type: 'AWS_PROXY' }),
      MethodResponses: [{ StatusCode: '200', ResponseModels: { 'application/json': Match.anyValue() } }],
    });
  });

  test('a model of a route in a nested route stack is made there', () => {
    // GIVEN
    const stack = newStack();
    const api = new RestGateway(stack, 'Orders', { routeStacks: { count: 2 } });

    // WHEN
    api.addRoute('GET /orders', RestIntegration.mock(), {
      methodResponses: [{ statusCode: '200', responseSchemas: { 'application/json': { type: apigateway.JsonSchemaType.OBJECT } } }],
    });

    // THEN
    expect(Template.fromStack(stack).findResources('AWS::ApiGateway::Model')).toEqual({});
    const nested = stack.node.findAll().filter((c): c is Stack => c instanceof Stack && c !== stack);
    const withModel = nested.filter(n => Object.keys(Template.fromStack(n).findResources('AWS::ApiGateway::Model')).length === 1);
    expect(withModel).toHaveLength(1);
    Template.fromStack(withModel[0]).hasResourceProperties('AWS::ApiGateway::Method', {
      MethodResponses: [{ StatusCode: '200', ResponseModels: { 'application/json': { Ref: Match.stringLikeRegexp('ResponseModel200') } } }],
    });
  });

  test('an integration response whose status code has no method response is an error (a custom integration)', () => {
    // GIVEN
    const { api } = fixture();
    const plugIn = new PlugIn(() => ({
      integration: new apigateway.MockIntegration({ integrationResponses: [{ statusCode: '200' }, { statusCode: '418', selectionPattern: '418' }] }),
      methodResponses: [{ statusCode: '200' }],
    }));

    // THEN
    expectGatewayError(() => api.addRoute('GET /x', plugIn),
      /^Stack\/Orders: route 'GET \/x' integration responses\[1\]\.statusCode = "418" is invalid: an integration response's status code needs a method response with that status code/);
  });

  test('the route\'s methodResponses can declare what a custom integration forgot', () => {
    // GIVEN
    const { stack, api } = fixture();
    const plugIn = new PlugIn(() => ({
      integration: new apigateway.MockIntegration({ integrationResponses: [{ statusCode: '418', responseParameters: { 'method.response.header.X-Pot': '\'tea\'' } }] }),
    }));

    // WHEN
    api.addRoute('GET /x', plugIn, { methodResponses: [{ statusCode: '418', responseParameters: { 'method.response.header.X-Pot': true } }] });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      MethodResponses: [{ StatusCode: '418', ResponseParameters: { 'method.response.header.X-Pot': true } }],
    });
  });

  test('a header an integration response sets that its method response does not declare is an error (a custom integration)', () => {
    // GIVEN
    const { api } = fixture();
    const plugIn = new PlugIn(() => ({
      integration: new apigateway.MockIntegration({ integrationResponses: [{ statusCode: '200', responseParameters: { 'method.response.header.X-Pot': '\'tea\'' } }] }),
      methodResponses: [{ statusCode: '200' }],
    }));

    // THEN
    expectGatewayError(() => api.addRoute('GET /x', plugIn),
      /route 'GET \/x' integration responses\[0\]\.responseParameters = "method\.response\.header\.X-Pot" is invalid: the method response 200 does not declare this header/);
  });

  test('a content type the integration and the route give different models is an error', () => {
    // GIVEN
    const { stack, api } = fixture();
    const model = apigateway.Model.fromModelName(stack, 'Error', 'Error');
    const plugIn = new PlugIn(() => ({
      integration: new apigateway.MockIntegration({ integrationResponses: [{ statusCode: '400' }] }),
      methodResponses: [{ statusCode: '400', responseModels: { 'application/json': model } }],
    }));

    // THEN
    expectGatewayError(() => api.addRoute('GET /x', plugIn, {
      methodResponses: [{ statusCode: '400', responseSchemas: { 'application/json': { type: apigateway.JsonSchemaType.OBJECT } } }],
    }), /route 'GET \/x' methodResponses\[0\]\.responseSchemas = "application\/json" is invalid: the route's integration already declares a application\/json model for status 400; the two conflict/);
  });

  test.each([
    ['a status code out of range', [{ statusCode: '600' }], /methodResponses\[0\]\.statusCode = "600" is invalid: a status code is a string of three digits from 100 to 599/],
    ['a status code declared twice', [{ statusCode: '200' }, { statusCode: '200' }],
      /methodResponses\[1\]\.statusCode = "200" is invalid: the route already declares a method response with this status code/],
    ['a response parameter that is not a header', [{ statusCode: '200', responseParameters: { 'X-Id': true } }],
      /methodResponses\[0\]\.responseParameters = "X-Id" is invalid: a response parameter is a response header, method\.response\.header\.NAME/],
    ['a response schema for a content type that is not a media type', [{ statusCode: '200', responseSchemas: { json: {} } }],
      /methodResponses\[0\]\.responseSchemas = "json" is invalid: a content type is a media type/],
  ])('%s is an error naming the gateway, the route and the prop', (_what, methodResponses, message) => {
    // GIVEN
    const { api } = fixture();

    // THEN
    expectGatewayError(() => api.addRoute('GET /x', RestIntegration.mock(), { methodResponses }),
      new RegExp(`^Stack/Orders: route 'GET /x' ${message.source}`));
  });
});

describe('bad mapping options are errors naming the route\'s path, the prop, the value and the rule', () => {
  const bad: Array<[string, (fn: lambda.IFunction) => RestIntegration, RegExp]> = [
    ['an integration response status code out of range', fn => RestIntegration.lambdaFunction(fn, { proxy: false, integrationResponses: [{ statusCode: '600' }] }),
      /lambdaFunction integrationResponses\[0\]\.statusCode = "600" is invalid: a status code is a string of three digits from 100 to 599/],
    ['an integration response status code of two digits', () => RestIntegration.http('https://example.com', { proxy: false, integrationResponses: [{ statusCode: '20' }] }),
      /http integrationResponses\[0\]\.statusCode = "20" is invalid: a status code is a string of three digits/],
    ['a selection pattern that does not compile', fn => RestIntegration.lambdaFunction(fn, {
      proxy: false, integrationResponses: [{ statusCode: '200' }, { statusCode: '400', selectionPattern: '(Bad request' }],
    }), /lambdaFunction integrationResponses\[1\]\.selectionPattern = "\(Bad request" is invalid: a selection pattern is a regular expression \(API Gateway compiles it as a Java regex; this check compiles it as a JavaScript RegExp, an approximation/],
    ['a selection pattern given twice', fn => RestIntegration.lambdaFunction(fn, {
      proxy: false, integrationResponses: [{ statusCode: '400', selectionPattern: 'Bad.*' }, { statusCode: '422', selectionPattern: 'Bad.*' }],
    }), /lambdaFunction integrationResponses\[1\]\.selectionPattern = "Bad\.\*" is invalid: integrationResponses\[0\] has the same selection pattern; the second would never be chosen/],
    ['two default responses', () => RestIntegration.mock({ integrationResponses: [{ statusCode: '200' }, { statusCode: '201', selectionPattern: '' }] }),
      /mock integrationResponses\[1\] = .* is invalid: integrationResponses\[0\] is already the default response \(no selectionPattern\); there is at most one/],
    ['a request template for a content type that is not a media type', fn => RestIntegration.lambdaFunction(fn, { proxy: false, requestTemplates: { json: '{}' } }),
      /lambdaFunction requestTemplates = "json" is invalid: a content type is a media type such as application\/json/],
    ['a response template for a content type that is not a media type', () => RestIntegration.mock({ integrationResponses: [{ statusCode: '200', responseTemplates: { 'text/*': '' } }] }),
      /mock integrationResponses\[0\]\.responseTemplates = "text\/\*" is invalid: a content type is a media type/],
    ['a response parameter that is not a header', fn => RestIntegration.lambdaAlias(fn, {
      proxy: false, integrationResponses: [{ statusCode: '200', responseParameters: { 'method.response.body': 'integration.response.body' } }],
    }), /lambdaAlias integrationResponses\[0\]\.responseParameters = "method\.response\.body" is invalid: a response parameter is a response header/],
    ['request templates on a proxy integration', fn => RestIntegration.lambdaFunction(fn, { requestTemplates: { 'application/json': '{}' } }),
      /lambdaFunction requestTemplates = \{"application\/json":"\{\}"\} is invalid: requestTemplates shapes a non-proxy integration; a proxy integration passes the request and the response through unchanged\. Set proxy: false to map them/],
    ['integration responses on a proxy integration', () => RestIntegration.http('https://example.com', { integrationResponses: [{ statusCode: '200' }] }),
      /http integrationResponses = .* is invalid: integrationResponses shapes a non-proxy integration.*Set proxy: false/],
    ['a passthrough behaviour on a proxy integration', fn => RestIntegration.lambdaFunction(fn, { proxy: true, passthroughBehavior: apigateway.PassthroughBehavior.NEVER }),
      /lambdaFunction passthroughBehavior = "NEVER" is invalid: passthroughBehavior shapes a non-proxy integration/],
    ['content handling on a proxy integration', fn => RestIntegration.lambdaAlias(fn, { contentHandling: apigateway.ContentHandling.CONVERT_TO_BINARY }),
      /lambdaAlias contentHandling = "CONVERT_TO_BINARY" is invalid: contentHandling shapes a non-proxy integration/],
    ['response streaming on a non-proxy integration', fn => RestIntegration.lambdaFunction(fn, { proxy: false, responseTransferMode: apigateway.ResponseTransferMode.STREAM }),
      /lambdaFunction responseTransferMode = "STREAM" is invalid: API Gateway streams only proxy integrations \(AWS_PROXY, HTTP_PROXY\)/],
  ];

  test.each(bad)('%s', (_what, make, message) => {
    // GIVEN
    const { fn, api } = fixture();

    // THEN
    expectGatewayError(() => api.addRoute('GET /x', make(fn)), new RegExp(`^Stack/Orders/Routes/GET \\|x: route 'GET /x' ${message.source}`));
  });

  test('the errors are GatewayValidationErrors with the construct path and the prop as fields', () => {
    // GIVEN
    const { fn, api } = fixture();

    // WHEN
    let error: unknown;
    try {
      api.addRoute('GET /x', RestIntegration.lambdaFunction(fn, { proxy: false, integrationResponses: [{ statusCode: '600' }] }));
    } catch (e) {
      error = e;
    }

    // THEN
    expect(error).toBeInstanceOf(GatewayValidationError);
    expect((error as GatewayValidationError).constructPath).toBe('Stack/Orders/Routes/GET |x');
    expect((error as GatewayValidationError).prop).toBe('route \'GET /x\' lambdaFunction integrationResponses[0].statusCode');
  });
});

describe('from JavaScript', () => {
  test.each([
    ['an unknown passthrough behaviour', () => RestIntegration.lambdaFunction(newFunction(newStack(), 'Fn'), js({ proxy: false, passthroughBehavior: 'SOMETIMES' })),
      /^RestIntegration\.lambdaFunction: options\.passthroughBehavior = "SOMETIMES" is invalid: expected one of apigateway\.PassthroughBehavior\.WHEN_NO_MATCH \("WHEN_NO_MATCH"\), apigateway\.PassthroughBehavior\.NEVER \("NEVER"\), apigateway\.PassthroughBehavior\.WHEN_NO_TEMPLATES \("WHEN_NO_TEMPLATES"\)$/],
    ['an unknown content handling', () => RestIntegration.http('https://example.com', js({ proxy: false, contentHandling: 'CONVERT' })),
      /^RestIntegration\.http: options\.contentHandling = "CONVERT" is invalid: expected one of apigateway\.ContentHandling\.CONVERT_TO_BINARY \("CONVERT_TO_BINARY"\), apigateway\.ContentHandling\.CONVERT_TO_TEXT \("CONVERT_TO_TEXT"\)$/],
    ['an unknown content handling of an integration response', () => RestIntegration.mock(js({ integrationResponses: [{ statusCode: '200', contentHandling: 'TEXT' }] })),
      /^RestIntegration\.mock: options\.integrationResponses\[0\]\.contentHandling = "TEXT" is invalid: expected one of apigateway\.ContentHandling/],
    ['a numeric integration response status code', () => RestIntegration.lambdaAlias(newFunction(newStack(), 'Fn'), js({ proxy: false, integrationResponses: [{ statusCode: 200 }] })),
      /^RestIntegration\.lambdaAlias: options\.integrationResponses\[0\]\.statusCode = 200 is invalid: expected a string, got a number$/],
    ['an integration response without a status code', () => RestIntegration.mock(js({ integrationResponses: [{ selectionPattern: '4\\d{2}' }] })),
      /^RestIntegration\.mock: options\.integrationResponses\[0\]\.statusCode = undefined is invalid: a string is required$/],
    ['integration responses that are not an array', () => RestIntegration.http('https://example.com', js({ proxy: false, integrationResponses: { statusCode: '200' } })),
      /^RestIntegration\.http: options\.integrationResponses = \{"statusCode":"200"\} is invalid: expected an array of apigateway\.IntegrationResponse object items, got an object$/],
    ['a request template that is not a string', () => RestIntegration.mock(js({ requestTemplates: { 'application/json': { statusCode: 200 } } })),
      /^RestIntegration\.mock: options\.requestTemplates\.application\/json = \{"statusCode":200\} is invalid: expected a string, got an object$/],
    ['proxy given as a string', () => RestIntegration.lambdaFunction(newFunction(newStack(), 'Fn'), js({ proxy: 'false' })),
      /^RestIntegration\.lambdaFunction: options\.proxy = "false" is invalid: expected a boolean \(true or false\), got a string$/],
    ['a response template that is not a string', () => RestIntegration.nlb(js({ loadBalancerArn: 'arn' }), js({ proxy: false, integrationResponses: [{ statusCode: '200', responseTemplates: { 'application/json': 1 } }] })),
      /^RestIntegration\.nlb: options\.integrationResponses\[0\]\.responseTemplates\.application\/json = 1 is invalid: expected a string, got a number$/],
  ])('rejects %s', (_what, make, message) => {
    expectGatewayError(make, message);
  });

  test.each([
    ['a numeric status code', { methodResponses: [{ statusCode: 200 }] }, /options\.methodResponses\[0\]\.statusCode = 200 is invalid: expected a string, got a number/],
    ['a response model for a content type with no model schema', { methodResponses: [{ statusCode: '200', responseSchemas: { 'application/json': undefined } }] },
      /options\.methodResponses\[0\]\.responseSchemas\.application\/json = undefined is invalid: expected an apigateway\.JsonSchema object, got nothing/],
    ['a response schema given as null', { methodResponses: [{ statusCode: '200', responseSchemas: { 'application/json': null } }] },
      /options\.methodResponses\[0\]\.responseSchemas\.application\/json = null is invalid: a response model is made from a JSON schema: expected an apigateway\.JsonSchema object, got null/],
    ['a model where a schema is expected', { methodResponses: [{ statusCode: '200', responseSchemas: { 'application/json': apigateway.Model.EMPTY_MODEL } }] },
      /options\.methodResponses\[0\]\.responseSchemas\.application\/json = .* is invalid: give the model's JSON schema: the gateway makes the response model from it/],
    ['aws-cdk-lib\'s responseModels', { methodResponses: [{ statusCode: '200', responseModels: { 'application/json': apigateway.Model.EMPTY_MODEL } }] },
      /options\.methodResponses\[0\]\.responseModels = .* is invalid: a route's method response gives responseSchemas \(JSON schemas by content type\): the gateway makes the models/],
    ['response parameters given as strings', { methodResponses: [{ statusCode: '200', responseParameters: { 'method.response.header.X-Id': 'true' } }] },
      /options\.methodResponses\[0\]\.responseParameters\.method\.response\.header\.X-Id = "true" is invalid: expected a boolean/],
    ['method responses that are not an array', { methodResponses: { statusCode: '200' } },
      /options\.methodResponses = \{"statusCode":"200"\} is invalid: expected an array of RestMethodResponse object items, got an object/],
  ])('rejects route methodResponses with %s', (_what, options, message) => {
    // GIVEN
    const { api } = fixture();

    // THEN
    expectGatewayError(() => api.addRoute('GET /x', RestIntegration.mock(), js<RestRouteOptions>(options)),
      new RegExp(`^Stack/Orders: route 'GET /x' ${message.source}`));
  });

  test('a JavaScript caller\'s valid non-proxy options synthesize', () => {
    // GIVEN
    const { stack, api } = fixture();

    // WHEN
    api.addRoute('GET /x', RestIntegration.mock(js({ passthroughBehavior: 'NEVER', integrationResponses: [{ statusCode: '200', contentHandling: 'CONVERT_TO_TEXT' }] })),
      js<RestRouteOptions>({ authorization: RestAuthorization.none(), methodResponses: [{ statusCode: '200', responseSchemas: { 'application/json': { type: 'object' } } }] }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ PassthroughBehavior: 'NEVER', IntegrationResponses: [{ StatusCode: '200', ContentHandling: 'CONVERT_TO_TEXT' }] }),
    });
  });
});
