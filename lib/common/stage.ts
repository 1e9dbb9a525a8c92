import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { AccessLogOptions } from './access-logs';
import { check } from './errors';
import {
  MAX_STAGE_VARIABLES, countViolation, stageNameViolation, stageVariableNameViolation, stageVariableValueViolation,
} from './rules';
import { ThrottleSettings, validateThrottle } from './throttle';

/**
 * Gradual traffic shifting of a stage's Lambda aliases through AWS CodeDeploy: each new version
 * published to an alias receives traffic step by step, rolled back when an alarm fires.
 */
export interface AliasTrafficShiftingOptions {
  /**
   * How traffic moves to the new version.
   * @default codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES
   */
  readonly deploymentConfig?: codedeploy.ILambdaDeploymentConfig;
  /**
   * Alarms that stop and roll back a deployment, in addition to the stage's own (see `stageAlarms`).
   * CodeDeploy takes at most 10 alarms per deployment group.
   * @default - none besides the stage's alarms
   */
  readonly alarms?: cloudwatch.IAlarm[];
  /**
   * Whether the alarms the gateway's `addAlarms` makes on this stage (5XX rate, latency, ...) also
   * stop and roll back a deployment. Without any alarm a failing version is never rolled back by
   * itself, and the gateway carries the warning `cdk-api-gateways:trafficShiftingWithoutAlarms`.
   * @default true
   */
  readonly stageAlarms?: boolean;
  /**
   * The CodeDeploy application.
   * @default - one is created per deployment group
   */
  readonly application?: codedeploy.ILambdaApplication;
}

/** An integration's call of a function at the alias named by a stage variable. */
export interface StageVariableInvocation {
  /** The function (unqualified). */
  readonly handler: lambda.IFunction;
  /** The stage variable holding the alias name. */
  readonly stageVariable: string;
}

/**
 * What every gateway's stage has: a name, variables, a default throttle, access logs and metrics.
 * RestStageOptions, HttpStageOptions and WebSocketStageOptions extend it.
 */
export interface GatewayStageOptions {
  /** The stage name: letters, digits, '-' and '_', at most 128 characters. */
  readonly stageName: string;
  /**
   * Stage variables: at most 100; names `[A-Za-z0-9_]{1,64}`; values at most 512 characters
   * of `[A-Za-z0-9-._~:/?#&=,]`.
   * @default - no variables
   */
  readonly variables?: { [name: string]: string };
  /**
   * The stage's default throttle for every route.
   * @default - the account defaults: 10,000 requests per second, burst 5,000
   */
  readonly throttle?: ThrottleSettings;
  /**
   * Access logs.
   * @default - JSON access logs to a new log group kept one year
   */
  readonly accessLogs?: AccessLogOptions;
  /**
   * Per-route CloudWatch metrics (extra cost per metric).
   * @default true
   */
  readonly detailedMetrics?: boolean;
  /**
   * A description of the stage.
   * @default - none
   */
  readonly description?: string;
  /**
   * Lambda aliases this stage invokes, by stage variable: routes built with
   * `lambdaAlias(fn, { stageVariable })` call `fn:${stageVariables.NAME}`; the stage variable is
   * set to the alias name and the alias gets one invoke permission scoped to this stage.
   * @default - none
   */
  readonly lambdaAliases?: { [stageVariable: string]: lambda.IAlias };
  /**
   * Gradual traffic shifting of this stage's Lambda aliases through CodeDeploy.
   * @default - none: a new alias version gets all traffic at once
   */
  readonly aliasTrafficShifting?: AliasTrafficShiftingOptions;
}

/** Validates the parts of a stage every gateway shares (rules 5, 6, 12). */
export function validateStageOptions(scope: IConstruct, prop: string, stage: GatewayStageOptions,
  allowDollarDefault: boolean): void {
  check(scope, `${prop}.stageName`, stage.stageName, stageNameViolation(stage.stageName, allowDollarDefault));
  validateStageVariables(scope, `${prop}.variables`, stage.variables ?? {});
  validateThrottle(scope, `${prop}.throttle`, stage.throttle);
}

/** Validates a stage-variable map (rule 6). */
export function validateStageVariables(scope: IConstruct, prop: string, variables: { [name: string]: string }): void {
  const names = Object.keys(variables);
  check(scope, prop, `${names.length} variables`, countViolation(names.length, MAX_STAGE_VARIABLES, 'stage variables per stage'));
  for (const name of names) {
    check(scope, `${prop} name`, name, stageVariableNameViolation(name));
    check(scope, `${prop}.${name}`, variables[name], stageVariableValueViolation(variables[name]));
  }
}

/** Rejects two stages with the same name. */
export function validateUniqueStageNames(scope: IConstruct, prop: string, stages: GatewayStageOptions[]): void {
  const seen = new Set<string>();
  stages.forEach((s, i) => {
    check(scope, `${prop}[${i}].stageName`, s.stageName,
      seen.has(s.stageName) ? 'stage names must be unique within one API' : undefined);
    seen.add(s.stageName);
  });
}
