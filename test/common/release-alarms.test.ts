/**
 * Issue 18: releases that roll back on the stage's alarms (CodeDeploy traffic shifting takes the
 * alarms `addAlarms` makes), and per-route alarms.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { HttpGateway, HttpIntegration, RestGateway, RestIntegration, WebSocketGateway, WebSocketIntegration } from '../../lib';
import { aliasSetup, fn, newStack } from '../support/fixtures';
import { expectGatewayError, js } from '../support/js-callers';

/** The alarm names of the deployment group of a stage's alias. */
function deploymentGroupAlarms(template: Template): string[][] {
  return Object.values(template.findResources('AWS::CodeDeploy::DeploymentGroup')).map(group => {
    const alarms = (group.Properties.AlarmConfiguration?.Alarms ?? []) as Array<{ Name: unknown }>;
    return alarms.map(a => (typeof a.Name === 'string' ? a.Name : JSON.stringify(a.Name)));
  });
}

function shiftingGateway(kind: 'rest' | 'http' | 'websocket', shifting: object | ((stack: Stack) => object) = {}) {
  const { stack, fn: handler, prod } = aliasSetup();
  const aliasTrafficShifting = typeof shifting === 'function' ? shifting(stack) : shifting;
  const stages = [{ stageName: 'prod', lambdaAliases: { lambdaAlias: prod }, aliasTrafficShifting }];
  if (kind === 'rest') {
    const gateway = new RestGateway(stack, 'Orders', { apiName: 'orders', stages });
    gateway.addRoute('GET /orders', RestIntegration.lambdaAlias(handler));
    return { stack, gateway };
  }
  if (kind === 'http') {
    const gateway = new HttpGateway(stack, 'Orders', { apiName: 'orders', stages });
    gateway.addRoute('GET /orders', HttpIntegration.lambdaAlias(handler));
    return { stack, gateway };
  }
  const gateway = new WebSocketGateway(stack, 'Orders', { apiName: 'orders', stages });
  gateway.addRoute('$connect', WebSocketIntegration.lambdaAlias(handler));
  return { stack, gateway };
}

describe.each(['rest', 'http', 'websocket'] as const)('%s: aliasTrafficShifting rolls back on the stage alarms', kind => {
  test('the alarms addAlarms makes on the stage are the deployment group\'s alarms, by default', () => {
    // GIVEN
    const { stack, gateway } = shiftingGateway(kind);

    // WHEN
    const [prod] = gateway.addAlarms();

    // THEN
    const names = prod.alarms.map(a => a.alarmName);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(prod.routeAlarms).toEqual({});
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      AlarmConfiguration: { Enabled: true, Alarms: names.map(() => ({ Name: { Ref: Match.stringLikeRegexp('^OrdersAlarmsprod') } })) },
    });
    expect(deploymentGroupAlarms(template)[0]).toHaveLength(names.length);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('trafficShiftingWithoutAlarms'))).toHaveLength(0);
  });

  test('alarms the user passes come first, the stage\'s follow; stageAlarms: false keeps only the user\'s', () => {
    const own = (stack: Stack) => new cloudwatch.Alarm(stack, 'Own', {
      alarmName: 'own-errors', metric: new cloudwatch.Metric({ namespace: 'Orders', metricName: 'Errors' }), threshold: 1, evaluationPeriods: 1,
    });
    const again = shiftingGateway(kind, stack => ({ alarms: [own(stack)] }));
    const [prod] = again.gateway.addAlarms();
    const both = deploymentGroupAlarms(Template.fromStack(again.stack))[0];
    expect(both).toHaveLength(1 + prod.alarms.length);
    expect(both[0]).toMatch(/"Ref":"Own/);
    expect(both.slice(1).every(name => /OrdersAlarmsprod/.test(name))).toBe(true);

    const only = shiftingGateway(kind, { stageAlarms: false });
    only.gateway.addAlarms();
    expect(deploymentGroupAlarms(Template.fromStack(only.stack))[0]).toEqual([]);
  });

  test('without any alarm the gateway warns that nothing rolls a failing version back', () => {
    const { stack } = shiftingGateway(kind);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('cdk-api-gateways:trafficShiftingWithoutAlarms'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].entry.data)).toMatch(/no alarm watches the CodeDeploy deployments of stage 'prod'.*addAlarms/);
  });

  test('more than 10 alarms on a deployment group fail, naming CodeDeploy\'s limit', () => {
    const { stack, gateway } = shiftingGateway(kind, scope => ({
      alarms: Array.from({ length: 9 }, (_, i) => new cloudwatch.Alarm(scope, `A${i}`, {
        metric: new cloudwatch.Metric({ namespace: 'N', metricName: 'M' }), threshold: 1, evaluationPeriods: 1,
      })),
    }));
    expect(stack).toBeDefined();
    expectGatewayError(() => gateway.addAlarms(), /at most 10 alarms per deployment group \(9 given in aliasTrafficShifting.alarms or added before, \d from addAlarms\)/);
  });
});

test('aliasTrafficShifting.alarms beyond 10 and a non-boolean stageAlarms are rejected at the stage', () => {
  const { stack, fn: handler, prod } = aliasSetup();
  const alarm = new cloudwatch.Alarm(stack, 'A', { metric: new cloudwatch.Metric({ namespace: 'N', metricName: 'M' }), threshold: 1, evaluationPeriods: 1 });
  expectGatewayError(() => new RestGateway(stack, 'Many', {
    stages: [{ stageName: 'prod', lambdaAliases: { lambdaAlias: prod }, aliasTrafficShifting: { alarms: Array(11).fill(alarm) } }],
  }), /aliasTrafficShifting.alarms = "11 alarms" is invalid: CodeDeploy takes at most 10 alarms per deployment group/);
  expectGatewayError(() => new RestGateway(stack, 'Js', {
    stages: [{ stageName: 'prod', lambdaAliases: { lambdaAlias: prod }, aliasTrafficShifting: js({ stageAlarms: 'yes' }) }],
  }), /stageAlarms/);
  expect(handler).toBeDefined();
});

describe('per-route alarms', () => {
  test('REST: the route\'s 5XX rate and latencies, with the Method and Resource dimensions', () => {
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders', { apiName: 'orders', stages: [{ stageName: 'prod' }] });
    gateway.addRoute('GET /orders/{id}', RestIntegration.lambdaFunction(fn(stack, 'Fn')));

    const [prod] = gateway.addAlarms({ routes: ['GET /orders/{id}'] });

    expect(Object.keys(prod.routeAlarms)).toEqual(['GET /orders/{id}']);
    expect(prod.routeAlarms['GET /orders/{id}']).toHaveLength(3);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Stack-orders-prod-GET /orders/{id}-latency-p99',
      MetricName: 'Latency', ExtendedStatistic: 'p99', Threshold: 23200, Period: 300,
      Dimensions: [
        { Name: 'ApiName', Value: 'orders' },
        { Name: 'Method', Value: 'GET' },
        { Name: 'Resource', Value: '/orders/{id}' },
        { Name: 'Stage', Value: { Ref: Match.stringLikeRegexp('^OrdersRestApiDeploymentStageprod') } },
      ],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Stack-orders-prod-GET /orders/{id}-5xx-rate',
      Metrics: Match.arrayWith([Match.objectLike({
        Id: 'errors',
        MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5XXError', Dimensions: Match.arrayWith([{ Name: 'Method', Value: 'GET' }, { Name: 'Resource', Value: '/orders/{id}' }]) }) }),
      })]),
    });
  });

  test.each([
    ['HttpGateway', 'GET /orders', () => {
      const stack = newStack();
      const gateway = new HttpGateway(stack, 'Orders', { apiName: 'orders', stages: [{ stageName: 'prod' }] });
      gateway.addRoute('GET /orders', HttpIntegration.lambdaFunction(fn(stack, 'Fn')));
      return { stack, gateway };
    }, 'IntegrationLatency'],
    ['WebSocketGateway', '$connect', () => {
      const stack = newStack();
      const gateway = new WebSocketGateway(stack, 'Orders', { apiName: 'orders', stages: [{ stageName: 'prod' }] });
      gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'Fn')));
      return { stack, gateway };
    }, 'IntegrationLatency'],
  ] as const)('%s: the route\'s alarms carry the Route dimension (the route key)', (_kind, routeKey, make, metricName) => {
    const { stack, gateway } = make();
    gateway.addAlarms({ routes: [routeKey] });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `Stack-orders-prod-${routeKey}-integration-latency-p99`,
      MetricName: metricName,
      Dimensions: Match.arrayWith([{ Name: 'Route', Value: routeKey }, { Name: 'Stage', Value: 'prod' }]),
    });
  });

  test('route alarms do not feed CodeDeploy; the stage alarms do', () => {
    const { stack, gateway } = shiftingGateway('rest');
    const [prod] = gateway.addAlarms({ routes: ['GET /orders'] });
    expect(prod.routeAlarms['GET /orders']).toHaveLength(3);
    expect(deploymentGroupAlarms(Template.fromStack(stack))[0]).toHaveLength(prod.alarms.length);
  });

  test('an unknown route, a route listed twice, a stage without detailed metrics and a non-string route fail', () => {
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders', { stages: [{ stageName: 'dev', detailedMetrics: false }, { stageName: 'prod' }] });
    gateway.addRoute('GET /orders', RestIntegration.lambdaFunction(fn(stack, 'Fn')));
    expectGatewayError(() => gateway.addAlarms({ stageNames: ['prod'], routes: ['GET /missing'] }),
      /addAlarms options.routes\[0\] = "GET \/missing" is invalid: the gateway has no route 'GET \/missing' \(add it with addRoute before addAlarms; routes: GET \/orders\)/);
    expectGatewayError(() => gateway.addAlarms({ stageNames: ['prod'], routes: ['GET /orders', 'GET /orders'] }),
      /addAlarms options.routes\[1\] = "GET \/orders" is invalid: a route is listed once/);
    expectGatewayError(() => gateway.addAlarms({ routes: ['GET /orders'] }),
      /stage 'dev' has detailedMetrics off, so API Gateway publishes no per-route metrics for it/);
    expectGatewayError(() => gateway.addAlarms(js({ routes: [42] })), /routes/);
    // Nothing was made by the failed calls: addAlarms still works for prod.
    expect(gateway.addAlarms({ stageNames: ['prod'], routes: ['GET /orders'] })[0].routeAlarms['GET /orders']).toHaveLength(3);
  });
});

test('alarm names start with the stack name: two stacks of one account with an API of the same name do not collide', () => {
  const app = new App();
  const stacks = ['OrdersDev', 'OrdersProd'].map(id => {
    const stack = new Stack(app, id);
    const gateway = new RestGateway(stack, 'Orders', { stages: [{ stageName: 'prod' }] });
    gateway.addRoute('GET /orders', RestIntegration.lambdaFunction(fn(stack, 'Fn')));
    gateway.addAlarms();
    return stack;
  });
  const names = stacks.map(stack => Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map(a => a.Properties.AlarmName as string));
  expect(names[0]).toEqual(['OrdersDev-Orders-prod-5xx-rate', 'OrdersDev-Orders-prod-latency-p99', 'OrdersDev-Orders-prod-integration-latency-p99']);
  expect(names[1].filter(n => names[0].includes(n))).toEqual([]);
});

describe('latency thresholds follow the integration timeouts', () => {
  test('REST: the stage alarms use 80 % of the longest route timeout, a route alarm its own, even for routes added after addAlarms', () => {
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders', { apiName: 'orders', stages: [{ stageName: 'prod' }] });
    const handler = fn(stack, 'Fn');
    gateway.addRoute('GET /quick', RestIntegration.lambdaFunction(handler, { timeout: Duration.seconds(5) }));
    gateway.addAlarms({ routes: ['GET /quick'] });
    // Added after addAlarms: a regional API may raise its timeout (a quota increase; the gateway warns).
    gateway.addRoute('POST /reports', RestIntegration.lambdaFunction(handler, { timeout: Duration.seconds(60) }));

    const template = Template.fromStack(stack);
    for (const what of ['latency-p99', 'integration-latency-p99']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `Stack-orders-prod-${what}`, Threshold: 48000,
        AlarmDescription: Match.stringLikeRegexp('above 48000$'),
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `Stack-orders-prod-GET /quick-${what}`, Threshold: 4000 });
    }
  });

  test('HTTP: routes with shorter timeouts keep the stage at 80 % of the default (30 s); WebSocket the same with 29 s', () => {
    const stack = newStack();
    const http = new HttpGateway(stack, 'Orders', { apiName: 'orders' });
    http.addRoute('GET /quick', HttpIntegration.lambdaFunction(fn(stack, 'Fn'), { timeout: Duration.seconds(10) }));
    http.addAlarms({ routes: ['GET /quick'] });
    const ws = new WebSocketGateway(stack, 'Chat', { apiName: 'chat', stages: [{ stageName: 'prod' }] });
    ws.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'WsFn'), { timeout: Duration.seconds(3) }));
    ws.addAlarms({ routes: ['$connect'] });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Stack-orders-$default-latency-p99', Threshold: 24000 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Stack-orders-$default-GET /quick-latency-p99', Threshold: 8000 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Stack-chat-prod-integration-latency-p99', Threshold: 23200 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Stack-chat-prod-$connect-integration-latency-p99', Threshold: 2400 });
  });

  test('a threshold given by the user wins over the computed one', () => {
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders', { apiName: 'orders', stages: [{ stageName: 'prod' }] });
    gateway.addRoute('POST /reports', RestIntegration.lambdaFunction(fn(stack, 'Fn'), { timeout: Duration.seconds(60) }));
    gateway.addAlarms({ latency: { threshold: 1000 } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Stack-orders-prod-latency-p99', Threshold: 1000, AlarmDescription: Match.stringLikeRegexp('above 1000$') });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Stack-orders-prod-integration-latency-p99', Threshold: 48000 });
  });
});
