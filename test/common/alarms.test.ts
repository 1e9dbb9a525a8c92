import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { HttpGateway, HttpIntegration, RestGateway, RestIntegration, WebSocketGateway, WebSocketIntegration } from '../../lib';
import { GUARD_ACKNOWLEDGEMENT_METADATA_KEY } from '../../lib/common/compliance';
import { alarmNameViolation, alarmPeriodViolation, alarmThresholdViolation, evaluationViolation } from '../../lib/common/alarms';
import { freshApp, unacknowledgedGuardFindings } from '../support/compliance';
import { ENV, fn, newStack } from '../support/fixtures';
import { expectGatewayError, js } from '../support/js-callers';

function rest(canary: boolean = false) {
  const stack = newStack();
  const gateway = new RestGateway(stack, 'Orders', {
    apiName: 'orders',
    stages: [{ stageName: 'dev' }, { stageName: 'prod', ...(canary ? { canary: { percentTraffic: 10 } } : {}) }],
  });
  gateway.addRoute('GET /orders', RestIntegration.lambdaFunction(fn(stack, 'Fn')));
  return { stack, gateway };
}

function http() {
  const stack = newStack();
  const gateway = new HttpGateway(stack, 'Orders', { apiName: 'orders', stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });
  gateway.addRoute('GET /orders', HttpIntegration.lambdaFunction(fn(stack, 'Fn')));
  return { stack, gateway };
}

function websocket() {
  const stack = newStack();
  const gateway = new WebSocketGateway(stack, 'Chat', { apiName: 'chat', stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });
  gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'Fn')));
  return { stack, gateway };
}

const V2_DIMENSIONS = (stage: string) => Match.arrayWith([{ Name: 'ApiId', Value: Match.anyValue() }, { Name: 'Stage', Value: stage }]);
// A REST stage's `Stage` dimension is a Ref to the stage resource (its name once deployed).
const REST_DIMENSIONS = (stage: string) => [{ Name: 'ApiName', Value: 'orders' }, { Name: 'Stage', Value: { Ref: Match.stringLikeRegexp(`^OrdersRestApiDeploymentStage${stage}`) } }];

/** The properties of the one alarm of a name. */
function alarm(template: Template, name: string): { [key: string]: unknown } {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: name } }));
  expect(found).toHaveLength(1);
  return (found[0] as { Properties: { [key: string]: unknown } }).Properties;
}

/** The dashboard's body, tokens resolved, as a string (CloudFormation Fn::Join parts concatenated). */
function dashboardBody(stack: Stack): string {
  const dashboards = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0].Properties.DashboardBody as unknown;
  const join = (body as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  return join ? join[1].map(p => (typeof p === 'string' ? p : JSON.stringify(p))).join('') : String(body);
}

/** The metric-math rate alarm's `errors` and `requests` metrics. */
function rateMetrics(props: { [key: string]: unknown }): { [id: string]: { MetricName: string; Namespace: string; Dimensions: unknown; Stat: string; Period: number } } {
  const metrics = props.Metrics as Array<{ Id: string; MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions: unknown }; Stat: string; Period: number } }>;
  return Object.fromEntries(metrics.filter(m => m.MetricStat).map(m => [m.Id, { ...m.MetricStat!.Metric, Stat: m.MetricStat!.Stat, Period: m.MetricStat!.Period }]));
}

describe.each([
  ['RestGateway', rest, '4XXError', '5XXError', 23200, REST_DIMENSIONS],
  ['HttpGateway', http, '4xx', '5xx', 24000, V2_DIMENSIONS],
] as const)('%s.addAlarms', (_kind, make, clientError, serverError, latencyMs, dimensions) => {
  test('default alarms on every stage: 5XX rate, p99 latency and p99 integration latency; no 4XX rate', () => {
    // GIVEN
    const { stack, gateway } = make();

    // WHEN
    const result = gateway.addAlarms();

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
    expect(result.map(r => r.stageName)).toEqual(['dev', 'prod']);
    expect(Object.keys(result[1].alarmsByName)).toEqual(['serverErrorRate', 'latency', 'integrationLatency']);
    for (const stage of ['dev', 'prod']) {
      const rate = alarm(template, `Stack-orders-${stage}-5xx-rate`);
      expect(rate).toMatchObject({ Threshold: 1, EvaluationPeriods: 3, DatapointsToAlarm: 3, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
      expect(rate.Metrics).toEqual(expect.arrayContaining([expect.objectContaining({ Id: 'expr_1', Expression: '100 * errors / requests' })]));
      const m = rateMetrics(rate);
      expect(m.errors).toMatchObject({ MetricName: serverError, Namespace: 'AWS/ApiGateway', Stat: 'Sum', Period: 300 });
      expect(m.requests).toMatchObject({ MetricName: 'Count', Namespace: 'AWS/ApiGateway', Stat: 'SampleCount', Period: 300 });
      Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `Stack-orders-${stage}-5xx-rate`,
        Metrics: Match.arrayWith([Match.objectLike({ Id: 'errors', MetricStat: Match.objectLike({ Metric: Match.objectLike({ Dimensions: dimensions(stage) }) }) })]),
      });
      for (const [suffix, metricName] of [['latency-p99', 'Latency'], ['integration-latency-p99', 'IntegrationLatency']]) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          AlarmName: `Stack-orders-${stage}-${suffix}`, MetricName: metricName, Namespace: 'AWS/ApiGateway', Dimensions: dimensions(stage),
          ExtendedStatistic: 'p99', Period: 300, Threshold: latencyMs, EvaluationPeriods: 3, DatapointsToAlarm: 3,
          ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching',
        });
      }
    }
  });

  test('every setting can be overridden; the 4XX rate can be enabled; actions go on every alarm; stages can be chosen', () => {
    // GIVEN
    const { stack, gateway } = make();
    const topic = new sns.Topic(stack, 'Topic');

    // WHEN
    const [prod] = gateway.addAlarms({
      stageNames: ['prod'],
      actions: [new actions.SnsAction(topic)],
      alarmNamePrefix: 'shop',
      clientErrorRate: { enabled: true, threshold: 25, period: Duration.minutes(1), evaluationPeriods: 5, datapointsToAlarm: 4, treatMissingData: cloudwatch.TreatMissingData.IGNORE },
      serverErrorRate: { threshold: 2.5 },
      latency: { enabled: false },
      integrationLatency: { threshold: 1500, evaluationPeriods: 2 },
    });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    expect(Object.keys(prod.alarmsByName)).toEqual(['serverErrorRate', 'clientErrorRate', 'integrationLatency']);
    const fourxx = alarm(template, 'shop-prod-4xx-rate');
    expect(fourxx).toMatchObject({ Threshold: 25, EvaluationPeriods: 5, DatapointsToAlarm: 4, TreatMissingData: 'ignore' });
    expect(rateMetrics(fourxx).errors).toMatchObject({ MetricName: clientError, Stat: 'Sum', Period: 60 });
    expect(alarm(template, 'shop-prod-5xx-rate')).toMatchObject({ Threshold: 2.5 });
    expect(alarm(template, 'shop-prod-integration-latency-p99')).toMatchObject({ Threshold: 1500, EvaluationPeriods: 2, DatapointsToAlarm: 2 });
    const topicRef = stack.resolve(topic.topicArn);
    for (const a of prod.alarms) {
      expect(stack.resolve((a.node.defaultChild as cloudwatch.CfnAlarm).alarmActions)).toEqual([topicRef]);
    }
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('alarmsWithoutActions'));
  });

  test('without actions: a warning, and the cfn-guard action finding acknowledged on the alarms only', () => {
    // GIVEN
    const { stack, gateway } = make();

    // WHEN
    gateway.addAlarms({ stageNames: ['dev'] });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Orders', Match.stringLikeRegexp('without actions.*\\[ack: cdk-api-gateways:alarmsWithoutActions\\]'));
    const alarms = gateway.node.findChild('Alarms');
    expect(alarms.node.metadata).toEqual([]);
    for (const a of alarms.node.children) {
      expect(a.node.metadata.filter(m => m.type === GUARD_ACKNOWLEDGEMENT_METADATA_KEY).map(m => (m.data as { rule: string }).rule))
        .toEqual(['cloudwatch_alarm_action_check']);
    }
  });

  test('the dashboard: per stage requests, 4XX/5XX, latency p50/p90/p99 and integration latency', () => {
    // GIVEN
    const { stack, gateway } = make();

    // WHEN
    gateway.addDashboard({ dashboardName: 'orders', stageNames: ['prod'] });

    // THEN
    const body = dashboardBody(stack);
    for (const text of ['"Requests"', '"Errors (4XX, 5XX)"', '"Latency (ms)"', '"Integration latency (ms)"', `"${clientError}"`, `"${serverError}"`,
      '"stat":"p50"', '"stat":"p90"', '"stat":"p99"', 'stage prod']) {
      expect(body).toContain(text);
    }
    expect(body).not.toContain('stage dev');
  });
});

describe('RestGateway canary on the dashboard', () => {
  test('a stage with a canary shows the canary (Stage = <stage>/Canary) next to the base; a stage without one does not', () => {
    // GIVEN
    const { stack, gateway } = rest(true);

    // WHEN
    gateway.addDashboard();

    // THEN
    const body = dashboardBody(stack);
    expect(body).toContain('"Stage","prod/Canary"');
    expect(body).toContain('canary 5XXError');
    expect(body).toContain('base 5XXError');
    expect(body).toContain('canary p99');
    expect(body).not.toContain('dev/Canary');
  });
});

describe('WebSocketGateway.addAlarms', () => {
  test('default alarms: p99 integration latency, integration errors, execution errors; no client errors', () => {
    // GIVEN
    const { stack, gateway } = websocket();

    // WHEN
    const [dev] = gateway.addAlarms({ stageNames: ['dev'] });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    expect(Object.keys(dev.alarmsByName)).toEqual(['integrationLatency', 'integrationErrors', 'executionErrors']);
    const common = { Namespace: 'AWS/ApiGateway', Dimensions: V2_DIMENSIONS('dev'), Period: 300, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...common, AlarmName: 'Stack-chat-dev-integration-latency-p99', MetricName: 'IntegrationLatency', ExtendedStatistic: 'p99', Threshold: 23200, EvaluationPeriods: 3, DatapointsToAlarm: 3 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...common, AlarmName: 'Stack-chat-dev-integration-errors', MetricName: 'IntegrationError', Statistic: 'Sum', Threshold: 10, EvaluationPeriods: 3, DatapointsToAlarm: 3 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...common, AlarmName: 'Stack-chat-dev-execution-errors', MetricName: 'ExecutionError', Statistic: 'Sum', Threshold: 0, EvaluationPeriods: 1, DatapointsToAlarm: 1 });
  });

  test('client errors can be enabled and tuned', () => {
    // GIVEN
    const { stack, gateway } = websocket();

    // WHEN
    gateway.addAlarms({ stageNames: ['prod'], clientErrors: { enabled: true, threshold: 50, period: Duration.seconds(30) }, executionErrors: { enabled: false } });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Stack-chat-prod-client-errors', MetricName: 'ClientError', Statistic: 'Sum', Threshold: 50, Period: 30, Dimensions: V2_DIMENSIONS('prod') });
  });

  test('the dashboard: connections and messages, errors, integration latency', () => {
    // GIVEN
    const { stack, gateway } = websocket();

    // WHEN
    gateway.addDashboard();

    // THEN
    const body = dashboardBody(stack);
    for (const text of ['ConnectCount', 'MessageCount', 'ClientError', 'IntegrationError', 'ExecutionError', 'IntegrationLatency', 'stage dev', 'stage prod']) {
      expect(body).toContain(text);
    }
    expect(body).not.toContain('"Latency"');
  });

  test('REST/HTTP-only alarms are rejected, naming the alarms it has', () => {
    const { gateway } = websocket();
    expectGatewayError(() => gateway.addAlarms({ latency: { threshold: 100 } }),
      /Stack\/Chat: addAlarms options\.latency = \{"threshold":100\} is invalid: a WebSocketGateway has no latency alarm.*integrationLatency, integrationErrors, executionErrors, clientErrors/);
  });
});

describe('bad inputs fail with a GatewayValidationError naming the path, prop, value and rule', () => {
  test.each([
    ['an unknown stage', { stageNames: ['qa'] }, /Orders: addAlarms options\.stageNames\[0\] = "qa" is invalid: .*dev.*prod/],
    ['no stage', { stageNames: [] }, /addAlarms options\.stageNames = \[\] is invalid: name at least one stage/],
    ['a negative threshold', { serverErrorRate: { threshold: -1 } }, /addAlarms options\.serverErrorRate\.threshold = -1 is invalid: a threshold is a finite number, 0 or more/],
    ['a rate above 100 %', { clientErrorRate: { threshold: 150 } }, /clientErrorRate\.threshold = 150 is invalid: this threshold is a percentage, at most 100/],
    ['0 evaluation periods', { latency: { evaluationPeriods: 0 } }, /latency\.evaluationPeriods = 0 is invalid: evaluationPeriods is a whole number, 1 or more/],
    ['more datapoints than periods', { latency: { evaluationPeriods: 2, datapointsToAlarm: 3 } }, /latency\.datapointsToAlarm = 3 is invalid: .*from 1 to evaluationPeriods \(2\)/],
    ['a 45-second period', { latency: { period: Duration.seconds(45) } }, /latency\.period = "45 s" is invalid: .*10, 20 or 30 seconds or a multiple of 60/],
    ['more than a day evaluated', { latency: { period: Duration.hours(6), evaluationPeriods: 5 } }, /at most one day/],
    ['an alarm name over 255 characters', { alarmNamePrefix: 'x'.repeat(240) }, /alarmNamePrefix = "x+" is invalid: a CloudWatch alarm name is at most 255 characters/],
  ])('addAlarms: %s', (_case, options, message) => {
    const { gateway } = http();
    expectGatewayError(() => gateway.addAlarms(options), message);
  });

  test.each([
    ['options given as a string', 'prod', /addAlarms options = "prod" is invalid: expected a GatewayAlarmOptions object, got a string/],
    ['a threshold given as a string', { serverErrorRate: { threshold: '1' } }, /serverErrorRate\.threshold = "1" is invalid: expected a number, got a string/],
    ['a period given as a number', { latency: { period: 300 } }, /latency\.period = 300 is invalid: expected a Duration/],
    ['stageNames given as a string', { stageNames: 'prod' }, /options\.stageNames = "prod" is invalid: expected an array of string items/],
    ['an action that is not an IAlarmAction', { actions: ['arn:aws:sns:eu-west-1:123456789012:t'] }, /options\.actions\[0\] = .* is invalid: expected a cloudwatch\.IAlarmAction/],
    ['an unknown treatMissingData', { latency: { treatMissingData: 'sometimes' } }, /treatMissingData = "sometimes" is invalid: expected one of cloudwatch\.TreatMissingData/],
  ])('a JavaScript caller: %s', (_case, options, message) => {
    const { gateway } = rest();
    expectGatewayError(() => gateway.addAlarms(js(options)), message);
  });

  test('addAlarms twice on a stage, addDashboard twice, and a dashboard period of 30 s fail', () => {
    const { gateway } = websocket();
    gateway.addAlarms({ stageNames: ['dev'] });
    gateway.addAlarms({ stageNames: ['prod'] });
    expectGatewayError(() => gateway.addAlarms({ stageNames: ['prod'] }), /stage 'prod' already has alarms/);
    expectGatewayError(() => gateway.addDashboard({ period: Duration.seconds(30) }), /addDashboard options\.period = "30 s" is invalid: a dashboard period is a multiple of 60 seconds/);
    gateway.addDashboard();
    expectGatewayError(() => gateway.addDashboard(), /a gateway has one dashboard/);
    expectGatewayError(() => gateway.addDashboard({ stageNames: ['qa'] }), /addDashboard options\.stageNames\[0\] = "qa"/);
  });
});

describe('alarm rules (pure functions)', () => {
  test.each([[10, true], [20, true], [30, true], [60, true], [300, true], [45, false], [90, false], [5, false]])('period %d s is valid: %s', (seconds, valid) => {
    expect(alarmPeriodViolation(seconds) === undefined).toBe(valid);
  });
  test('thresholds, evaluation settings and names', () => {
    expect(alarmThresholdViolation(0)).toBeUndefined();
    expect(alarmThresholdViolation(Number.POSITIVE_INFINITY)).toMatch(/finite/);
    expect(alarmThresholdViolation(100, 100)).toBeUndefined();
    expect(evaluationViolation(3, 3, 300)).toBeUndefined();
    expect(evaluationViolation(1.5, 1, 300)).toMatch(/whole number/);
    expect(evaluationViolation(288, 288, 300)).toBeUndefined();
    expect(evaluationViolation(289, 1, 300)).toMatch(/one day/);
    expect(alarmNameViolation('a'.repeat(255))).toBeUndefined();
    expect(alarmNameViolation('a'.repeat(256))).toMatch(/255/);
    expect(alarmNameViolation('a\nb')).toMatch(/control/);
  });
});

describe('compliance (cfn-guard)', () => {
  test('alarms with actions pass cloudwatch_alarm_action_check; alarms without actions are acknowledged with a reason', () => {
    // GIVEN
    const app = freshApp();
    const stack = new Stack(app, 'Monitored', { env: ENV });
    const gateway = new HttpGateway(stack, 'Orders', { apiName: 'orders', stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });
    gateway.addRoute('GET /orders', HttpIntegration.lambdaFunction(fn(stack, 'Fn')));

    // WHEN
    gateway.addAlarms({ stageNames: ['prod'], actions: [new actions.SnsAction(new sns.Topic(stack, 'Topic', { enforceSSL: true }))] });
    gateway.addAlarms({ stageNames: ['dev'] });
    gateway.addDashboard();

    // THEN
    const { lines } = unacknowledgedGuardFindings(app);
    expect(lines.filter(l => /alarm/i.test(l))).toEqual([]);
  });
});
