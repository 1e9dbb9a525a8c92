import { Match, Template } from 'aws-cdk-lib/assertions';
import { WebSocketAuthorization, WebSocketGateway, WebSocketIntegration } from '../../lib';
import { aliasSetup } from '../support/fixtures';

const setup = aliasSetup;

describe('WebSocketGateway stage variables bound to Lambda aliases', () => {
  test('each stage invokes its own alias with one permission per (alias, stage)', () => {
    const { stack, fn, dev, prod } = setup();
    const api = new WebSocketGateway(stack, 'Chat', {
      stages: [{ stageName: 'dev', lambdaAliases: { lambdaAlias: dev } }, { stageName: 'prod', lambdaAliases: { lambdaAlias: prod } }],
    });
    const integration = WebSocketIntegration.lambdaAlias(fn);
    api.addRoute('$connect', integration, { authorization: WebSocketAuthorization.none() });
    api.addRoute('sendMessage', integration);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'dev', StageVariables: { lambdaAlias: 'dev' } });
    t.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationUri: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':\\$\\{stageVariables\\.lambdaAlias\\}/invocations$')])] },
    });
    t.resourceCountIs('AWS::Lambda::Permission', 2);
    t.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { Ref: Match.stringLikeRegexp('^Prod') },
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/prod/\\*$')])] },
    });
  });

  test('a stage without the alias variable is an error', () => {
    const { stack, fn, dev } = setup();
    const api = new WebSocketGateway(stack, 'Chat', {
      stages: [{ stageName: 'dev', lambdaAliases: { lambdaAlias: dev } }, { stageName: 'prod' }],
    });
    expect(() => api.addRoute('sendMessage', WebSocketIntegration.lambdaAlias(fn)))
      .toThrow(/stage 'prod' does not define the stage variable 'lambdaAlias' that route 'sendMessage' uses/);
  });
});

describe('REST-only stage options on a WebSocketGateway', () => {
  test.each([
    ['canary', { percentTraffic: 5 }, /canary = \{"percentTraffic":5\} is invalid: a canary deployment \(shift traffic between versions with the stage's lambdaAliases and aliasTrafficShifting instead\) is a REST API feature that WebSocket APIs do not have; use RestGateway/],
    ['cache', {}, /cache = \{\} is invalid: caching is a REST API feature that WebSocket APIs do not have/],
    ['tracing', true, /tracing = true is invalid: AWS X-Ray tracing is a REST API feature that WebSocket APIs do not have/],
  ])('%s is rejected by name', (prop, value, message) => {
    const { stack } = setup();
    const stage = { stageName: 'prod', [prop]: value };
    expect(() => new WebSocketGateway(stack, 'Chat', { stages: [stage] })).toThrow(message);
  });
});

describe('WebSocketGateway alias traffic shifting and stage variables in URIs', () => {
  test('aliasTrafficShifting creates a CodeDeploy deployment group for the stage alias', () => {
    const { stack, fn, prod } = setup();
    const api = new WebSocketGateway(stack, 'Chat', { stages: [{ stageName: 'prod', lambdaAliases: { lambdaAlias: prod }, aliasTrafficShifting: {} }] });
    api.addRoute('$connect', WebSocketIntegration.lambdaAlias(fn), { authorization: WebSocketAuthorization.none() });
    Template.fromStack(stack).resourceCountIs('AWS::CodeDeploy::DeploymentGroup', 1);
  });

  test('a URL stage variable that a stage does not define is a synth error', () => {
    const { stack } = setup();
    const api = new WebSocketGateway(stack, 'Chat', { stages: [{ stageName: 'prod' }] });
    api.addRoute('$connect', WebSocketIntegration.http('https://${stageVariables.host}/connect'), { authorization: WebSocketAuthorization.none() });
    expect(() => Template.fromStack(stack)).toThrow(/the integration URI uses \$\{stageVariables.host\}, which stage 'prod' does not define/);
  });
});
