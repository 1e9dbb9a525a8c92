/**
 * A REST canary that rolls itself back: after each deployment that changes a stage's canary (its
 * deployment, traffic share, overrides, or the versions of its Lambda aliases), a custom resource
 * watches alarms for a bake time and fails the deployment when one is in ALARM, so CloudFormation
 * rolls the whole stack update back (canary settings, alias versions, everything), and the stage
 * never drifts from a template.
 *
 * Why not promote or roll back by changing the stage from a Lambda: CloudFormation would not know,
 * and the next deploy would put the template's canary back (drift). Why not CloudFormation's own
 * rollback triggers: they are an argument of the stack operation (`RollbackConfiguration`), not
 * part of the template, and `cdk deploy` does not pass them.
 */
import { Aws, CfnResource, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeRule } from '../common/compliance';
import { logEncryptionKey } from '../common/access-logs';
import { GatewayValidationError, check, warn } from '../common/errors';
import { awsLogs } from '../common/lazy';

/** Watching a REST stage's canary: alarms that fail the deployment while it bakes. */
export interface RestCanaryBakeOptions {
  /**
   * How long each deployment that changes the canary is watched: 1 to 14 minutes (the watch runs
   * in one Lambda invocation, at most 15 minutes). The deployment takes this much longer.
   * @default Duration.minutes(10)
   */
  readonly duration?: Duration;
  /**
   * Alarms watched besides the stage's own (see `stageAlarms`). At most 100 in all.
   * @default - none besides the stage's alarms
   */
  readonly alarms?: cloudwatch.IAlarm[];
  /**
   * Whether the alarms the gateway's `addAlarms` makes on this stage are watched.
   * @default true
   */
  readonly stageAlarms?: boolean;
}

/** The default bake time. */
export const DEFAULT_BAKE = Duration.minutes(10);
/** The longest bake: one Lambda invocation (15 minutes) less a minute to answer CloudFormation. */
export const MAX_BAKE_SECONDS = 14 * 60;
/** DescribeAlarms takes at most 100 alarm names (CloudWatch API reference, DescribeAlarms AlarmNames). */
export const MAX_BAKE_ALARMS = 100;

/** The rule a bake time breaks, if any. */
export function bakeDurationViolation(seconds: number): string | undefined {
  if (!Number.isInteger(seconds) || seconds < 60 || seconds > MAX_BAKE_SECONDS) {
    return `a bake lasts 1 to ${MAX_BAKE_SECONDS / 60} minutes in whole seconds (it runs in one Lambda invocation of at most 15 minutes)`;
  }
  return undefined;
}

/**
 * The handler, inline (no asset): answers CloudFormation itself. Create and Delete pass at once;
 * an Update during a rollback passes at once (a failure there would leave the stack in
 * UPDATE_ROLLBACK_FAILED); any other Update polls the alarms every PollSeconds until BakeSeconds
 * have passed, and fails when one is in ALARM. Tested in test/rest/canary-bake.test.ts.
 */
export const BAKE_HANDLER_SOURCE = `
const https = require('https');
const { CloudWatchClient, DescribeAlarmsCommand } = require('@aws-sdk/client-cloudwatch');
const { CloudFormationClient, DescribeStacksCommand } = require('@aws-sdk/client-cloudformation');
exports.decide = async (event, context, clients, wait) => {
  if (event.RequestType !== 'Update') return ['SUCCESS', 'nothing to watch on ' + event.RequestType];
  try {
    const out = await clients.cfn.send(new DescribeStacksCommand({ StackName: event.StackId }));
    const status = out.Stacks[0].StackStatus;
    if (/ROLLBACK/.test(status)) return ['SUCCESS', 'the stack is rolling back (' + status + '): not watched'];
  } catch (e) {
    return ['SUCCESS', 'the stack status could not be read (' + e.message + '): not watched'];
  }
  const p = event.ResourceProperties;
  const names = p.AlarmNames || [];
  const deadline = Date.now() + Math.min(Number(p.BakeSeconds) * 1000, context.getRemainingTimeInMillis() - 60000);
  for (;;) {
    if (names.length > 0) {
      const out = await clients.cw.send(new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }));
      const firing = [...(out.MetricAlarms || []), ...(out.CompositeAlarms || [])].filter(a => a.StateValue === 'ALARM').map(a => a.AlarmName);
      if (firing.length > 0) return ['FAILED', 'in ALARM while the canary baked: ' + firing.join(', ') + '; CloudFormation rolls the release back'];
    }
    const left = deadline - Date.now();
    if (left <= 0) return ['SUCCESS', 'no alarm fired in ' + p.BakeSeconds + ' s'];
    await wait(Math.min(Number(p.PollSeconds) * 1000, left));
  }
};
exports.respond = (event, status, reason) => new Promise((resolve, reject) => {
  const body = JSON.stringify({ Status: status, Reason: reason.slice(0, 2000), PhysicalResourceId: event.PhysicalResourceId || event.LogicalResourceId,
    StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId });
  const req = https.request(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
    res => { res.resume(); res.on('end', resolve); });
  req.on('error', reject);
  req.end(body);
});
exports.handler = async (event, context) => {
  let result;
  try {
    result = await exports.decide(event, context, { cw: new CloudWatchClient({}), cfn: new CloudFormationClient({}) },
      ms => new Promise(r => setTimeout(r, ms)));
  } catch (e) {
    result = ['FAILED', 'the alarms could not be read: ' + e.message];
  }
  await exports.respond(event, result[0], result[1]);
};
`;

/** How often the handler reads the alarms. */
const POLL_SECONDS = 30;

/** The stack's one bake handler (shared by every baked canary of the stack). */
function bakeHandler(stack: Stack): { fn: lambda.Function; policy: iam.Policy } {
  const id = 'CdkApiGatewaysCanaryBakeHandler';
  const existing = stack.node.tryFindChild(id) as lambda.Function | undefined;
  if (existing) return { fn: existing, policy: existing.node.findChild('WatchAlarms') as iam.Policy };
  const { LogGroup, RetentionDays } = awsLogs();
  const logGroup = new LogGroup(stack, `${id}Logs`, {
    retention: RetentionDays.ONE_YEAR,
    encryptionKey: logEncryptionKey(stack),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const role = new iam.Role(stack, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'Watches the alarms of REST canaries while they bake (cdk-api-gateways)',
  });
  // The basic execution rights, on this function's log group only (no managed policy).
  role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
  const fn = new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(BAKE_HANDLER_SOURCE),
    timeout: Duration.minutes(15),
    memorySize: 128,
    role,
    logGroup,
    description: 'Fails a CloudFormation deployment when an alarm fires while a REST canary bakes (cdk-api-gateways)',
  });
  const policy = new iam.Policy(fn, 'WatchAlarms', {
    roles: [role],
    statements: [new iam.PolicyStatement({ actions: ['cloudformation:DescribeStacks'], resources: [Aws.STACK_ID] })],
  });
  const reasons: { [rule: string]: string } = {
    'Serverless-LambdaDLQ': 'A CloudFormation custom-resource handler: CloudFormation invokes it and waits for its answer; a failed invocation fails the deployment.',
    'Serverless-LambdaTracing': 'A deployment-time custom-resource handler that reads alarms: tracing it adds cost and no insight.',
    'Serverless-LambdaDefaultMemorySize': '128 MB is enough to poll CloudWatch every 30 seconds.',
    'cdk-validator-cfnguard::lambda_inside_vpc_check': 'It calls the CloudWatch and CloudFormation APIs only; a VPC would need endpoints or a NAT for nothing.',
    'cdk-validator-cfnguard::lambda_concurrency_check': 'CloudFormation invokes it once per baked stage and deployment.',
    'cdk-validator-cfnguard::lambda_dlq_check': 'A CloudFormation custom-resource handler: CloudFormation invokes it and waits for its answer.',
  };
  for (const [rule, reason] of Object.entries(reasons)) acknowledgeRule(fn, rule, reason);
  return { fn, policy };
}

/**
 * The least time an alarm of this app needs to go into ALARM: its period × the datapoints that
 * must breach (for a metric-math alarm, the longest period of its queries); undefined for an
 * imported alarm or one whose settings are tokens.
 */
export function secondsToFire(alarm: cloudwatch.IAlarm): number | undefined {
  const cfn = alarm.node.defaultChild as { period?: unknown; metrics?: unknown; evaluationPeriods?: unknown; datapointsToAlarm?: unknown } | undefined;
  if (cfn === undefined || typeof cfn.evaluationPeriods !== 'number') return undefined;
  const queries = Array.isArray(cfn.metrics) ? cfn.metrics as Array<{ period?: unknown; metricStat?: { period?: unknown } }> : [];
  const periods = [cfn.period, ...queries.map(q => q.period), ...queries.map(q => q.metricStat?.period)]
    .filter((p): p is number => typeof p === 'number' && !Token.isUnresolved(p));
  if (periods.length === 0) return undefined;
  const datapoints = typeof cfn.datapointsToAlarm === 'number' ? cfn.datapointsToAlarm : cfn.evaluationPeriods;
  return Math.max(...periods) * datapoints;
}

/**
 * The bake of one REST stage's canary: a custom resource ordered after the stage whose properties
 * change with the canary, so each such deployment is watched.
 */
export class RestCanaryBake {
  private readonly alarms: cloudwatch.IAlarm[] = [];
  private readonly watch: iam.PolicyStatement;
  private readonly stageAlarms: boolean;
  private readonly policy: iam.Policy;

  /**
   * @param canaryFingerprint what changes with each release of the canary (deployment, share,
   *   overrides, alias versions): the custom resource's properties, so a change is an Update
   */
  constructor(private readonly scope: Construct, private readonly prop: string, stageName: string, stage: IConstruct,
    options: RestCanaryBakeOptions, canaryFingerprint: () => unknown) {
    const duration = options.duration ?? DEFAULT_BAKE;
    const seconds = duration.toSeconds({ integral: false });
    if (Token.isUnresolved(seconds)) {
      throw new GatewayValidationError(scope, `${prop}.canary.bake.duration`, duration.toString(), 'a bake time is a literal Duration');
    }
    check(scope, `${prop}.canary.bake.duration`, `${seconds} s`, bakeDurationViolation(seconds));
    this.stageAlarms = options.stageAlarms ?? true;
    const { fn, policy } = bakeHandler(Stack.of(scope));
    // Added to the policy with the first alarm: a statement without resources is invalid.
    this.watch = new iam.PolicyStatement({ actions: ['cloudwatch:DescribeAlarms'], resources: [] });
    this.policy = policy;
    this.addAlarms(`${prop}.canary.bake.alarms`, options.alarms ?? []);
    const resource = new CfnResource(scope, `CanaryBake-${stageName}`, {
      type: 'Custom::RestCanaryBake',
      properties: {
        ServiceToken: fn.functionArn,
        // A lost answer fails two minutes after the bake, not after CloudFormation's default hour.
        ServiceTimeout: String(seconds + 120),
        BakeSeconds: String(seconds),
        PollSeconds: String(POLL_SECONDS),
        AlarmNames: Lazy.list({ produce: () => this.alarms.map(a => a.alarmName) }),
        Canary: Lazy.any({ produce: canaryFingerprint }),
      },
    });
    resource.node.addDependency(stage, policy);
    scope.node.addValidation({
      validate: () => {
        const slow = this.alarms.map(alarm => ({ alarm, seconds: secondsToFire(alarm) }))
          .filter(a => a.seconds !== undefined && a.seconds > seconds);
        if (slow.length > 0) {
          warn(scope, 'canaryBakeSlowAlarms', `${prop}.canary.bake: ${slow.map(a => `${a.alarm.node.path} needs ${a.seconds! / 60} min of breaching data`).join('; ')}, `
            + `longer than the bake of ${seconds / 60} min, so it cannot stop the release unless it already breaches. Give these alarms shorter periods `
            + '(e.g. addAlarms({ serverErrorRate: { period: Duration.minutes(1) } })) or bake longer.');
        }
        if (this.alarms.length === 0) {
          warn(scope, 'canaryBakeWithoutAlarms', `${prop}.canary.bake: no alarm is watched, so the bake only delays each deployment of stage '${stageName}'. `
            + (this.stageAlarms ? 'Call the gateway\'s addAlarms (its alarms on this stage are watched) or pass canary.bake.alarms.' : 'Pass canary.bake.alarms.'));
        }
        return [];
      },
    });
  }

  /** Watches the alarms `addAlarms` made on the stage, unless `stageAlarms` is false. */
  public addStageAlarms(alarms: cloudwatch.IAlarm[]): void {
    if (this.stageAlarms) this.addAlarms(`addAlarms options.stageNames (${this.prop}.canary.bake)`, alarms);
  }

  private addAlarms(prop: string, alarms: cloudwatch.IAlarm[]): void {
    const total = this.alarms.length + alarms.length;
    check(this.scope, prop, `${total} alarms`, total > MAX_BAKE_ALARMS
      ? `a canary bake watches at most ${MAX_BAKE_ALARMS} alarms (CloudWatch DescribeAlarms reads ${MAX_BAKE_ALARMS} names at once)` : undefined);
    if (this.alarms.length === 0 && alarms.length > 0) this.policy.addStatements(this.watch);
    for (const alarm of alarms) {
      this.alarms.push(alarm);
      this.watch.addResources(alarm.alarmArn);
    }
  }
}
