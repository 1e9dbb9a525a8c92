import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { GatewayRaisedQuotas, HttpGateway, RestGateway, RestIntegration, WebSocketGateway, WebSocketIntegration } from '../../lib';
import { warnAdjustableQuota, warnAdjustableQuotasAtSynth } from '../../lib/common/quotas';
import { fn } from '../support/fixtures';

function setup() {
  const stack = new Stack(new App(), 'Stack');
  return { stack, scope: new Construct(stack, 'Gateway') };
}

describe('adjustable quotas warn instead of failing', () => {
  test('at the default quota: no warning; above it: an acknowledgeable warning with the count and the quota', () => {
    // GIVEN
    const { stack, scope } = setup();

    // WHEN
    warnAdjustableQuota(scope, { id: 'stagesQuota', what: 'stages per REST API', count: 10, max: 10, quota: 'stagesPerApi' });
    warnAdjustableQuota(scope, { id: 'resourcesQuota', what: 'resources (paths) per REST API', count: 301, max: 300, quota: 'resourcesPerApi' });

    // THEN
    const annotations = Annotations.fromStack(stack);
    annotations.hasNoWarning('/Stack/Gateway', Match.stringLikeRegexp('stages per REST API'));
    annotations.hasWarning('/Stack/Gateway', Match.stringLikeRegexp(
      '^301 resources \\(paths\\) per REST API exceeds the default quota \\(API Gateway allows at most 300 .*raise it before deploying.*\\[ack: cdk-api-gateways:resourcesQuota\\]$'));
  });

  test('at synth, the counts are read once everything is added', () => {
    // GIVEN
    const { stack, scope } = setup();
    let count = 1;
    warnAdjustableQuotasAtSynth(scope, () => [{ id: 'routesQuota', what: 'routes per HTTP API', count, max: 300, quota: 'routesPerApi' }]);

    // WHEN
    count = 301;

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Gateway', Match.stringLikeRegexp('^301 routes per HTTP API exceeds the default quota'));
  });
});

describe('raisedQuotas: the account\'s raised values silence the warning', () => {
  function rest(raisedQuotas?: GatewayRaisedQuotas, stages = 12) {
    const stack = new Stack(new App(), 'Stack');
    const handler = fn(stack, 'Fn');
    const api = new RestGateway(stack, 'Api', { stages: Array.from({ length: stages }, (_, i) => ({ stageName: `s${i}` })), raisedQuotas });
    api.addRoute('GET /x', RestIntegration.lambdaFunction(handler));
    return Annotations.fromStack(stack);
  }

  test('over the default without a raised value: the warning names the prop to state it', () => {
    rest().hasWarning('/Stack/Api', Match.stringLikeRegexp('^12 stages per REST API exceeds the default quota .*raisedQuotas.stagesPerApi prop'));
  });

  test('within the stated raised value: no warning', () => {
    rest({ stagesPerApi: 20 }).hasNoWarning('/Stack/Api', Match.stringLikeRegexp('stages per REST API'));
  });

  test('over the stated raised value: a warning naming it', () => {
    rest({ stagesPerApi: 11 }).hasWarning('/Stack/Api', Match.stringLikeRegexp('^12 stages per REST API exceeds the raised quota stated in raisedQuotas.stagesPerApi \\(11\\)'));
  });

  test('a raised value below the default is an error', () => {
    expect(() => rest({ stagesPerApi: 5 }, 1)).toThrow(/Stack\/Api: raisedQuotas.stagesPerApi = 5 is invalid: a raised quota is at least the default quota \(10\)/);
  });

  test('a quota another API kind has is an error', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => new HttpGateway(stack, 'Api', { raisedQuotas: { resourcesPerApi: 600 } }))
      .toThrow(/Stack\/Api: raisedQuotas.resourcesPerApi = 600 is invalid: this quota does not apply to this API kind \(its quotas are stagesPerApi, authorizersPerApi, routesPerApi\)/);
  });

  test('a raised value that is not a positive integer (JavaScript)', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => new WebSocketGateway(stack, 'Api', { raisedQuotas: { routesPerApi: '500' as unknown as number } }))
      .toThrow(/Stack\/Api: raisedQuotas.routesPerApi = "500" is invalid: expected a number/);
    expect(() => new WebSocketGateway(new Stack(new App(), 'S2'), 'Api', { raisedQuotas: { routesPerApi: 1.5 } }))
      .toThrow(/raisedQuotas.routesPerApi = 1.5 is invalid: a raised quota is a positive integer/);
  });

  test('WebSocket routes per API warn over 300 and not with a raised value', () => {
    const make = (raisedQuotas?: GatewayRaisedQuotas) => {
      const stack = new Stack(new App(), 'Stack');
      const handler = fn(stack, 'Fn');
      const api = new WebSocketGateway(stack, 'Api', { raisedQuotas });
      const integration = WebSocketIntegration.lambdaFunction(handler);
      api.addRoute('$connect', integration);
      for (let i = 0; i < 300; i++) api.addRoute(`action${i}`, integration);
      return Annotations.fromStack(stack);
    };
    make().hasWarning('/Stack/Api', Match.stringLikeRegexp('^301 routes per WebSocket API exceeds the default quota'));
    make({ routesPerApi: 400 }).hasNoWarning('/Stack/Api', Match.stringLikeRegexp('routes per WebSocket API'));
  });
});

