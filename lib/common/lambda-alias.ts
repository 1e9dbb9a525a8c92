import { Names, Token } from 'aws-cdk-lib';
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
 * Creates a CodeDeploy deployment group per alias of a stage (gradual traffic shifting).
 * CodeDeploy's L2 needs the concrete `lambda.Alias`.
 */
export function addAliasTrafficShifting(scope: Construct, prop: string, stageName: string,
  aliases: { [variable: string]: lambda.IAlias } | undefined, options: AliasTrafficShiftingOptions | undefined): codedeploy.LambdaDeploymentGroup[] {
  if (!options) return [];
  const entries = Object.entries(aliases ?? {});
  check(scope, `${prop}.aliasTrafficShifting`, 'no lambdaAliases',
    entries.length === 0 ? 'traffic shifting moves the traffic of the stage\'s Lambda aliases: set lambdaAliases' : undefined);
  const { LambdaDeploymentConfig, LambdaDeploymentGroup } = awsCodeDeploy();
  return entries.map(([variable, alias]) => {
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
