/**
 * A REST canary that rolls itself back (issue 18): the bake's custom resource in the template,
 * its input checks, and its handler (the inline source that ships, run here with fake AWS clients).
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RestCanaryBakeOptions, RestGateway, RestIntegration } from '../../lib';
import { BAKE_HANDLER_SOURCE, bakeDurationViolation, secondsToFire } from '../../lib/rest/canary-bake';
import { aliasSetup } from '../support/fixtures';
import { expectGatewayError, js } from '../support/js-callers';

function bakedGateway(bake: RestCanaryBakeOptions | ((stack: Stack) => RestCanaryBakeOptions) = {}) {
  const { stack, fn, prod, next } = aliasSetup();
  const gateway = new RestGateway(stack, 'Orders', {
    apiName: 'orders',
    stages: [{
      stageName: 'prod',
      lambdaAliases: { lambdaAlias: prod },
      canary: { percentTraffic: 5, lambdaAliases: { lambdaAlias: next }, bake: typeof bake === 'function' ? bake(stack) : bake },
    }],
  });
  gateway.addRoute('GET /orders', RestIntegration.lambdaAlias(fn));
  return { stack, gateway, fn };
}

function ownAlarm(stack: Stack, id: string = 'Own', period: Duration = Duration.minutes(1)): cloudwatch.Alarm {
  return new cloudwatch.Alarm(stack, id, {
    metric: new cloudwatch.Metric({ namespace: 'Orders', metricName: 'Failures', period }), threshold: 1, evaluationPeriods: 2,
  });
}

describe('the bake in the template', () => {
  test('a custom resource after the stage watches the stage alarms and the given ones, and changes with every release', () => {
    // GIVEN
    const { stack, gateway } = bakedGateway(s => ({ duration: Duration.minutes(12), alarms: [ownAlarm(s)] }));

    // WHEN
    const [prod] = gateway.addAlarms({ serverErrorRate: { period: Duration.minutes(1) } });

    // THEN
    const template = Template.fromStack(stack);
    const bakes = template.findResources('Custom::RestCanaryBake');
    expect(Object.keys(bakes)).toEqual([expect.stringMatching(/^OrdersCanaryBakeprod/)]);
    const bake = Object.values(bakes)[0];
    expect(bake.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^OrdersRestApiDeploymentStageprod/), expect.stringMatching(/WatchAlarms/)]));
    expect(bake.Properties).toMatchObject({
      BakeSeconds: '720', PollSeconds: '30', ServiceTimeout: '840',
      ServiceToken: { 'Fn::GetAtt': [expect.stringMatching(/^CdkApiGatewaysCanaryBakeHandler/), 'Arn'] },
      Canary: {
        deploymentId: { Ref: expect.stringMatching(/^OrdersRestApiDeployment/) },
        percentTraffic: 5,
        stageVariableOverrides: { lambdaAlias: 'next' },
        stageAliasVersions: { lambdaAlias: { 'Fn::GetAtt': [expect.stringMatching(/^FnCurrentVersion/), 'Version'] } },
        canaryAliasVersions: { lambdaAlias: { 'Fn::GetAtt': [expect.stringMatching(/^FnCurrentVersion/), 'Version'] } },
      },
    });
    const names = bake.Properties.AlarmNames as Array<{ Ref: string }>;
    expect(names).toHaveLength(1 + prod.alarms.length);
    expect(names[0].Ref).toMatch(/^Own/);
    expect(names.slice(1).every(n => /^OrdersAlarmsprod/.test(n.Ref))).toBe(true);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('WatchAlarms'),
      PolicyDocument: { Statement: [
        { Action: 'cloudformation:DescribeStacks', Effect: 'Allow', Resource: { Ref: 'AWS::StackId' } },
        { Action: 'cloudwatch:DescribeAlarms', Effect: 'Allow', Resource: names.map(n => ({ 'Fn::GetAtt': [n.Ref, 'Arn'] })) },
      ] },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler', Runtime: 'nodejs24.x', Timeout: 900, Code: { ZipFile: BAKE_HANDLER_SOURCE },
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^CdkApiGatewaysCanaryBakeHandlerLogs') } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
    // The 5XX rate fires within the bake; the latency alarms (3 × 5 minutes) cannot: a warning names them.
    const slow = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('canaryBakeSlowAlarms'));
    expect(slow).toHaveLength(1);
    expect(String(slow[0].entry.data)).toMatch(/Orders\/Alarms\/prod.latency needs 15 min of breaching data/);
    expect(String(slow[0].entry.data)).not.toMatch(/prod.serverErrorRate needs/);
  });

  test('two baked stages share one handler; a stage without bake has no custom resource', () => {
    const { stack, fn, prod, next } = aliasSetup();
    const gateway = new RestGateway(stack, 'Orders', {
      stages: [
        { stageName: 'dev', lambdaAliases: { lambdaAlias: next } },
        { stageName: 'test', lambdaAliases: { lambdaAlias: next }, canary: { percentTraffic: 10, bake: { duration: Duration.minutes(1) } } },
        { stageName: 'prod', lambdaAliases: { lambdaAlias: prod }, canary: { percentTraffic: 5, bake: {} } },
      ],
    });
    gateway.addRoute('GET /orders', RestIntegration.lambdaAlias(fn));
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('Custom::RestCanaryBake')).map(id => id.replace(/[0-9A-F]{8}$/, '')).sort())
      .toEqual(['OrdersCanaryBakeprod', 'OrdersCanaryBaketest']);
    expect(Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { Code: { ZipFile: BAKE_HANDLER_SOURCE } } }))).toHaveLength(1);
  });

  test('stageAlarms: false watches only the given alarms; without any alarm a warning, and no DescribeAlarms right', () => {
    const only = bakedGateway(s => ({ stageAlarms: false, alarms: [ownAlarm(s)] }));
    only.gateway.addAlarms();
    const bake = Object.values(Template.fromStack(only.stack).findResources('Custom::RestCanaryBake'))[0];
    expect(bake.Properties.AlarmNames).toEqual([{ Ref: expect.stringMatching(/^Own/) }]);

    const none = bakedGateway();
    const template = Template.fromStack(none.stack);
    // The default bake: 10 minutes, answered within 12.
    expect(Object.values(template.findResources('Custom::RestCanaryBake'))[0].Properties).toMatchObject({ AlarmNames: [], BakeSeconds: '600', ServiceTimeout: '720' });
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('cloudwatch:DescribeAlarms');
    const warnings = Annotations.fromStack(none.stack).findWarning('*', Match.stringLikeRegexp('canaryBakeWithoutAlarms'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].entry.data)).toMatch(/no alarm is watched, so the bake only delays each deployment of stage 'prod'.*addAlarms/);
  });
});

describe('bad inputs fail with a GatewayValidationError naming the path, prop, value and rule', () => {
  test.each([
    [Duration.seconds(30), /canary.bake.duration = "30 s" is invalid: a bake lasts 1 to 14 minutes/],
    [Duration.minutes(15), /canary.bake.duration = "900 s" is invalid: a bake lasts 1 to 14 minutes in whole seconds \(it runs in one Lambda invocation of at most 15 minutes\)/],
  ])('duration %s', (duration, message) => {
    expectGatewayError(() => bakedGateway({ duration }), message);
  });

  test('more than 100 alarms, and wrong types from JavaScript', () => {
    expectGatewayError(() => bakedGateway(s => {
      const alarm = ownAlarm(s);
      return { alarms: Array(101).fill(alarm) };
    }), /canary.bake.alarms = "101 alarms" is invalid: a canary bake watches at most 100 alarms/);
    expectGatewayError(() => bakedGateway(js({ duration: 600 })), /bake.duration/);
    expectGatewayError(() => bakedGateway(js({ stageAlarms: 'no' })), /bake.stageAlarms/);
    expectGatewayError(() => bakedGateway(js({ alarms: ['my-alarm'] })), /bake.alarms/);
  });

  test('rules as pure functions', () => {
    expect(bakeDurationViolation(60)).toBeUndefined();
    expect(bakeDurationViolation(840)).toBeUndefined();
    expect(bakeDurationViolation(59)).toMatch(/1 to 14 minutes/);
    expect(bakeDurationViolation(90.5)).toMatch(/whole seconds/);
    const stack = new Stack();
    expect(secondsToFire(ownAlarm(stack, 'A', Duration.minutes(2)))).toBe(240);
    expect(secondsToFire(cloudwatch.Alarm.fromAlarmArn(stack, 'I', 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:x'))).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// The handler, as shipped: BAKE_HANDLER_SOURCE run with fake AWS SDK clients and a fake https.

interface HandlerModule {
  decide(event: object, context: object, clients: object, wait: (ms: number) => Promise<void>): Promise<[string, string]>;
  handler(event: object, context: object): Promise<void>;
}

interface Fakes {
  stackStatus?: string | Error;
  /** One answer per DescribeAlarms call: the alarms in ALARM, or an error. */
  alarmStates?: Array<string[] | Error>;
}

function loadHandler(fakes: Fakes) {
  const calls = { describeStacks: 0, describeAlarms: [] as object[], responses: [] as Array<{ url: string; body: { [key: string]: unknown } }> };
  const states = [...(fakes.alarmStates ?? [])];
  class Command { constructor(public readonly input: object, public readonly kind: string) {} }
  const modules: { [name: string]: unknown } = {
    'https': {
      request: (url: string, _options: object, callback: (res: { resume(): void; on(e: string, f: () => void): void }) => void) => ({
        on: () => undefined,
        end: (body: string) => {
          calls.responses.push({ url, body: JSON.parse(body) });
          callback({ resume: () => undefined, on: (_e, f) => f() });
        },
      }),
    },
    '@aws-sdk/client-cloudwatch': {
      CloudWatchClient: class { async send(c: Command) {
        calls.describeAlarms.push(c.input);
        const next = states.shift() ?? [];
        if (next instanceof Error) throw next;
        return { MetricAlarms: next.map(name => ({ AlarmName: name, StateValue: 'ALARM' })).concat([{ AlarmName: 'quiet', StateValue: 'OK' }]) };
      } },
      DescribeAlarmsCommand: class extends Command { constructor(input: object) { super(input, 'DescribeAlarms'); } },
    },
    '@aws-sdk/client-cloudformation': {
      CloudFormationClient: class { async send() {
        calls.describeStacks++;
        if (fakes.stackStatus instanceof Error) throw fakes.stackStatus;
        return { Stacks: [{ StackStatus: fakes.stackStatus ?? 'UPDATE_IN_PROGRESS' }] };
      } },
      DescribeStacksCommand: class extends Command { constructor(input: object) { super(input, 'DescribeStacks'); } },
    },
  };
  const exports: Partial<HandlerModule> = {};
  new Function('require', 'exports', BAKE_HANDLER_SOURCE)((name: string) => modules[name], exports);
  return { module: exports as HandlerModule, calls, clients: () => ({ cw: new (modules['@aws-sdk/client-cloudwatch'] as { CloudWatchClient: new () => object }).CloudWatchClient(), cfn: new (modules['@aws-sdk/client-cloudformation'] as { CloudFormationClient: new () => object }).CloudFormationClient() }) };
}

const EVENT = {
  RequestType: 'Update', StackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/Orders/1', RequestId: 'r1',
  LogicalResourceId: 'OrdersCanaryBakeprod', PhysicalResourceId: 'OrdersCanaryBakeprod', ResponseURL: 'https://cloudformation-custom-resource-response/x',
  ResourceProperties: { BakeSeconds: '600', PollSeconds: '30', AlarmNames: ['orders-prod-5xx-rate', 'own'] },
};
const CONTEXT = { getRemainingTimeInMillis: () => 900_000 };

describe('the bake handler', () => {
  let now = 1_000_000;
  const wait = async (ms: number) => { now += ms; };
  beforeEach(() => { now = 1_000_000; jest.spyOn(Date, 'now').mockImplementation(() => now); });
  afterEach(() => jest.restoreAllMocks());

  test.each(['Create', 'Delete'])('%s passes at once without reading anything', async requestType => {
    const { module, calls, clients } = loadHandler({});
    expect(await module.decide({ ...EVENT, RequestType: requestType }, CONTEXT, clients(), wait)).toEqual(['SUCCESS', `nothing to watch on ${requestType}`]);
    expect(calls.describeStacks + calls.describeAlarms.length).toBe(0);
  });

  test('an Update during a rollback passes at once (a failure would leave the stack UPDATE_ROLLBACK_FAILED)', async () => {
    const { module, calls, clients } = loadHandler({ stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS', alarmStates: [['own']] });
    const [status, reason] = await module.decide(EVENT, CONTEXT, clients(), wait);
    expect([status, reason]).toEqual(['SUCCESS', 'the stack is rolling back (UPDATE_ROLLBACK_IN_PROGRESS): not watched']);
    expect(calls.describeAlarms).toHaveLength(0);
  });

  test('an unreadable stack status passes (never block a rollback)', async () => {
    const { module, clients } = loadHandler({ stackStatus: new Error('AccessDenied') });
    expect(await module.decide(EVENT, CONTEXT, clients(), wait)).toEqual(['SUCCESS', 'the stack status could not be read (AccessDenied): not watched']);
  });

  test('an alarm going into ALARM during the bake fails the deployment, naming it', async () => {
    const { module, calls, clients } = loadHandler({ alarmStates: [[], [], ['orders-prod-5xx-rate']] });
    const [status, reason] = await module.decide(EVENT, CONTEXT, clients(), wait);
    expect(status).toBe('FAILED');
    expect(reason).toBe('in ALARM while the canary baked: orders-prod-5xx-rate; CloudFormation rolls the release back');
    expect(calls.describeAlarms).toHaveLength(3);
    expect(calls.describeAlarms[0]).toEqual({ AlarmNames: ['orders-prod-5xx-rate', 'own'], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
    expect(now - 1_000_000).toBe(60_000);
  });

  test('quiet alarms for the whole bake pass, polling every PollSeconds', async () => {
    const { module, calls, clients } = loadHandler({});
    expect(await module.decide(EVENT, CONTEXT, clients(), wait)).toEqual(['SUCCESS', 'no alarm fired in 600 s']);
    expect(calls.describeAlarms).toHaveLength(21);
    expect(now - 1_000_000).toBe(600_000);
  });

  test('the bake ends a minute before the Lambda times out', async () => {
    const { module, clients } = loadHandler({});
    await module.decide({ ...EVENT, ResourceProperties: { ...EVENT.ResourceProperties, BakeSeconds: '840' } }, { getRemainingTimeInMillis: () => 300_000 }, clients(), wait);
    expect(now - 1_000_000).toBe(240_000);
  });

  test('the handler answers CloudFormation at the response URL; an error reading the alarms fails the deployment', async () => {
    const ok = loadHandler({ alarmStates: [['own']] });
    // handler() waits for real between polls: the first poll already fails here, so it returns at once.
    await ok.module.handler(EVENT, CONTEXT);
    expect(ok.calls.responses).toEqual([{
      url: EVENT.ResponseURL,
      body: { Status: 'FAILED', Reason: 'in ALARM while the canary baked: own; CloudFormation rolls the release back', PhysicalResourceId: 'OrdersCanaryBakeprod', StackId: EVENT.StackId, RequestId: 'r1', LogicalResourceId: 'OrdersCanaryBakeprod' },
    }]);

    const broken = loadHandler({ alarmStates: [new Error('Throttling')] });
    await broken.module.handler(EVENT, CONTEXT);
    expect(broken.calls.responses[0].body).toMatchObject({ Status: 'FAILED', Reason: 'the alarms could not be read: Throttling' });

    const created = loadHandler({});
    await created.module.handler({ ...EVENT, RequestType: 'Create', PhysicalResourceId: undefined }, CONTEXT);
    expect(created.calls.responses[0].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'OrdersCanaryBakeprod' });
  });
});

test('the inline handler fits CloudFormation\'s 4 KB ZipFile limit', () => {
  expect(Buffer.byteLength(BAKE_HANDLER_SOURCE)).toBeLessThanOrEqual(4096);
  expect(lambda.Runtime.NODEJS_24_X.name).toBe('nodejs24.x');
});
