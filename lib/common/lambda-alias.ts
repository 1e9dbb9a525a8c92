import { Names, Token } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeRule } from './compliance';
import { GatewayValidationError, check } from './errors';
import { awsCodeDeploy } from './lazy';
import { LambdaInvokePermissions } from './lambda-permissions';
import { AliasTrafficShiftingOptions, StageVariableInvocation } from './stage';
import { stageVariableNameViolation, stageVariableValueViolation } from './rules';



/** A route that invokes `fn` at the alias named by stage variable `variable`. */
interface StageVariableTarget {
  readonly fn: lambda.IFunction;
  readonly variable: string;
  readonly routeKey: string;
}

/** Binds every stage-variable invocation of a route (see bindStageVariableTarget). */
export function bindStageVariableInvocations(scope: IConstruct, routeKey: string, invocations: StageVariableInvocation[] | undefined,
  stages: StageAliasSettings[], permissions: LambdaInvokePermissions): void {
  for (const inv of invocations ?? []) {
    check(scope, `route '${routeKey}' stageVariable`, inv.stageVariable, stageVariableNameViolation(inv.stageVariable));
    bindStageVariableTarget(scope, { fn: inv.handler, variable: inv.stageVariable, routeKey }, stages, permissions);
  }
}

/**
 * Stage-variable overrides for a share of a stage's traffic (a canary, for API kinds that have
 * one): they are granted and checked like the stage's own.
 */
export interface StageVariableOverrides {
  /** The stage option that holds them, e.g. `canary` (in errors and permission ids). */
  readonly name: string;
  readonly lambdaAliases?: { [variable: string]: lambda.IAlias };
  readonly variables?: { [name: string]: string };
}

/** The alias-related settings of one stage, as the gateways hold them. */
export interface StageAliasSettings {
  readonly stageName: string;
  readonly prop: string;
  readonly variables?: { [name: string]: string };
  readonly lambdaAliases?: { [variable: string]: lambda.IAlias };
  readonly overrides?: StageVariableOverrides;
}

/** The stage variable a route integration uses: `${stageVariables.NAME}`. */
export function stageVariableReference(variable: string): string {
  return `\${stageVariables.${variable}}`;
}

/**
 * The stage variables of a stage: its plain variables plus one per Lambda alias (the alias name).
 * A name defined both ways is an error.
 */
export function stageVariablesWithAliases(scope: IConstruct, prop: string,
  variables: { [name: string]: string } | undefined, aliases: { [variable: string]: lambda.IAlias } | undefined): { [name: string]: string } | undefined {
  const result: { [name: string]: string } = { ...variables };
  for (const [variable, alias] of Object.entries(aliases ?? {})) {
    check(scope, `${prop}.lambdaAliases`, variable, stageVariableNameViolation(variable));
    check(scope, `${prop}.lambdaAliases.${variable}`, variable,
      variables && variable in variables ? 'a stage variable is set either in variables or in lambdaAliases, not both' : undefined);
    check(scope, `${prop}.lambdaAliases.${variable}`, alias.aliasName, stageVariableValueViolation(alias.aliasName));
    result[variable] = alias.aliasName;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function sameFunction(a: lambda.IFunction, b: lambda.IFunction): boolean {
  if (a === b) return true;
  if (!Token.isUnresolved(a.functionArn) && !Token.isUnresolved(b.functionArn)) {
    return a.functionArn === b.functionArn;
  }
  return a.node.path === b.node.path;
}

/**
 * Grants API Gateway one invoke permission per (alias, stage) for a route that targets
 * `fn:${stageVariables.V}`, after checking that every stage defines V and that each alias
 * belongs to `fn` (the stage's own alias, and the overriding alias when the stage's overrides set V).
 */
function bindStageVariableTarget(scope: IConstruct, target: StageVariableTarget,
  stages: StageAliasSettings[], permissions: LambdaInvokePermissions): void {
  const routeProp = `route '${target.routeKey}'`;
  for (const stage of stages) {
    const alias = stage.lambdaAliases?.[target.variable];
    const plain = stage.variables?.[target.variable];
    if (alias) {
      check(scope, `${stage.prop}.lambdaAliases.${target.variable}`, alias.aliasName, sameFunction(alias.version.lambda, target.fn)
        ? undefined : `the alias belongs to function ${alias.version.lambda.node.path}, but ${routeProp} invokes ${target.fn.node.path}`);
      permissions.addFunctionForStage(alias, stage.stageName);
    } else if (plain !== undefined) {
      permissions.addArnForStage(`${Names.nodeUniqueId(target.fn.node)}-${target.variable}`, `${target.fn.functionArn}:${plain}`, stage.stageName);
    } else {
      throw new GatewayValidationError(scope, `${stage.prop}.lambdaAliases`, Object.keys(stage.lambdaAliases ?? {}),
        `stage '${stage.stageName}' does not define the stage variable '${target.variable}' that ${routeProp} uses to pick the Lambda alias; add it to lambdaAliases (or variables)`);
    }
    const overrides = stage.overrides;
    const overrideAlias = overrides?.lambdaAliases?.[target.variable];
    if (overrides && overrideAlias) {
      check(scope, `${stage.prop}.${overrides.name}.lambdaAliases.${target.variable}`, overrideAlias.aliasName, sameFunction(overrideAlias.version.lambda, target.fn)
        ? undefined : `the alias belongs to function ${overrideAlias.version.lambda.node.path}, but ${routeProp} invokes ${target.fn.node.path}`);
      permissions.addFunctionForStage(overrideAlias, stage.stageName);
    }
    const overridePlain = overrides?.variables?.[target.variable];
    if (overrides && overridePlain !== undefined) {
      permissions.addArnForStage(`${Names.nodeUniqueId(target.fn.node)}-${target.variable}-${overrides.name}`,
        `${target.fn.functionArn}:${overridePlain}`, stage.stageName);
    }
  }
}

/**
 * CodeDeploy takes at most 10 alarms per deployment group: "A maximum of 10 alarms can be added"
 * (CloudFormation, AWS::CodeDeploy::DeploymentGroup AlarmConfiguration; the API's
 * AlarmsLimitExceededException).
 */
export const MAX_DEPLOYMENT_GROUP_ALARMS = 10;

/** A stage's CodeDeploy deployment groups and the alarms that roll them back. */
export class StageTrafficShifting {
  private alarmCount: number;

  constructor(private readonly scope: Construct, private readonly prop: string, public readonly stageName: string,
    private readonly groups: codedeploy.LambdaDeploymentGroup[], private readonly useStageAlarms: boolean, givenAlarms: number) {
    this.alarmCount = givenAlarms;
  }

  /** Adds the stage's alarms (from `addAlarms`) to every deployment group, unless `stageAlarms: false`. */
  public addStageAlarms(alarms: cloudwatch.IAlarm[]): void {
    if (!this.useStageAlarms || alarms.length === 0) return;
    const total = this.alarmCount + alarms.length;
    check(this.scope, `addAlarms options.stageNames (${this.prop}.aliasTrafficShifting)`, `${total} alarms`, total > MAX_DEPLOYMENT_GROUP_ALARMS
      ? `stage '${this.stageName}' shifts traffic through CodeDeploy, which takes at most ${MAX_DEPLOYMENT_GROUP_ALARMS} alarms per deployment group `
        + `(${this.alarmCount} given in aliasTrafficShifting.alarms or added before, ${alarms.length} from addAlarms): disable some alarms, pass fewer, or set aliasTrafficShifting.stageAlarms to false`
      : undefined);
    for (const group of this.groups) alarms.forEach(alarm => group.addAlarm(alarm));
    this.alarmCount = total;
  }

  /** The warning of a stage whose deployments nothing rolls back, if any. */
  public withoutAlarmsWarning(): string | undefined {
    if (this.alarmCount > 0) return undefined;
    return `${this.prop}.aliasTrafficShifting: no alarm watches the CodeDeploy deployments of stage '${this.stageName}', so a failing version is never rolled back by itself. `
      + (this.useStageAlarms ? 'Call the gateway\'s addAlarms (its alarms on this stage roll deployments back) or pass aliasTrafficShifting.alarms.'
        : 'Pass aliasTrafficShifting.alarms or leave stageAlarms on and call addAlarms.');
  }
}

/**
 * Creates a CodeDeploy deployment group per alias of a stage (gradual traffic shifting).
 * CodeDeploy's L2 needs the concrete `lambda.Alias`.
 */
export function addAliasTrafficShifting(scope: Construct, prop: string, stageName: string,
  aliases: { [variable: string]: lambda.IAlias } | undefined, options: AliasTrafficShiftingOptions | undefined): StageTrafficShifting | undefined {
  if (!options) return undefined;
  const entries = Object.entries(aliases ?? {});
  check(scope, `${prop}.aliasTrafficShifting`, 'no lambdaAliases',
    entries.length === 0 ? 'traffic shifting moves the traffic of the stage\'s Lambda aliases: set lambdaAliases' : undefined);
  const given = options.alarms ?? [];
  check(scope, `${prop}.aliasTrafficShifting.alarms`, `${given.length} alarms`, given.length > MAX_DEPLOYMENT_GROUP_ALARMS
    ? `CodeDeploy takes at most ${MAX_DEPLOYMENT_GROUP_ALARMS} alarms per deployment group` : undefined);
  const { LambdaDeploymentConfig, LambdaDeploymentGroup } = awsCodeDeploy();
  const groups = entries.map(([variable, alias]) => {
    if (!(alias instanceof lambda.Alias)) {
      throw new GatewayValidationError(scope, `${prop}.lambdaAliases.${variable}`, alias.aliasName,
        'CodeDeploy traffic shifting needs an alias defined in this app (lambda.Alias), not an imported one');
    }
    const group = new LambdaDeploymentGroup(scope, `TrafficShifting-${stageName}-${variable}`, {
      alias,
      application: options.application,
      deploymentConfig: options.deploymentConfig ?? LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarms: options.alarms,
    });
    acknowledgeRule(group.role, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      'The CodeDeploy service role uses AWSCodeDeployRoleForLambdaLimited, the AWS-maintained least-privilege policy for Lambda deployments (it follows CodeDeploy\'s API changes).');
    return group;
  });
  return new StageTrafficShifting(scope, prop, stageName, groups, options.stageAlarms ?? true, given.length);
}

/** The stage variables a string refers to with `${stageVariables.NAME}` (rule 6). */
export function stageVariableReferences(text: string): string[] {
  const names = [...text.matchAll(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g)].map(m => m[1]);
  return [...new Set(names)];
}

/** An integration URI found in a gateway's tree, with the construct it belongs to. */
export interface IntegrationUri {
  readonly path: string;
  readonly uri: unknown;
}

/**
 * Rule 6: every `${stageVariables.NAME}` an integration URI uses must be defined on every stage
 * (in `variables` or `lambdaAliases`). Returns one error message per (integration, stage, name).
 */
export function undefinedStageVariableErrors(uris: IntegrationUri[], stages: StageAliasSettings[]): string[] {
  const errors: string[] = [];
  for (const { path, uri } of uris) {
    if (typeof uri !== 'string') continue;
    for (const name of stageVariableReferences(uri)) {
      for (const stage of stages) {
        const defined = (stage.variables && name in stage.variables) || (stage.lambdaAliases && name in stage.lambdaAliases);
        if (!defined) {
          errors.push(`${path}: the integration URI uses \${stageVariables.${name}}, which stage '${stage.stageName}' does not define (${stage.prop}.variables or lambdaAliases)`);
        }
      }
    }
  }
  return errors;
}
