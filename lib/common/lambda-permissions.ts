import { Names, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';

/**
 * A permission for API Gateway to invoke a function from one source ARN. It carries SourceAccount
 * (Control Tower CT.LAMBDA.PR.2): the account of the stack of `scope`.
 */
export function newInvokePermission(scope: Construct, id: string, functionArn: string, sourceArn: string): lambda.CfnPermission {
  return new lambda.CfnPermission(scope, id, {
    action: 'lambda:InvokeFunction',
    functionName: functionArn,
    principal: 'apigateway.amazonaws.com',
    sourceArn,
    sourceAccount: Stack.of(scope).account,
  });
}

/**
 * Adds SourceAccount (the account of `api`'s stack) to a permission aws-cdk-lib made without one,
 * such as an authorizer's (Control Tower CT.LAMBDA.PR.2).
 */
export function addSourceAccount(permission: lambda.CfnPermission, api: IConstruct): void {
  permission.sourceAccount ??= Stack.of(api).account;
}

/**
 * One `lambda:InvokeFunction` permission per (function or alias, stage), never one per route:
 * a function's resource policy is limited to 20 KB (rule 13). Each permission is scoped to one
 * stage's execute-api ARN and carries SourceAccount (Control Tower CT.LAMBDA.PR.2).
 */
export class LambdaInvokePermissions {
  private readonly functions = new Map<string, lambda.IFunction>();
  private readonly stages: string[] = [];
  private readonly granted = new Set<string>();
  private scope?: Construct;

  constructor(
    private readonly parent: Construct,
    private readonly sourceArnForStage: (stageName: string) => string,
  ) {}

  /** Registers a function; grants it for every stage known now or later. */
  public addFunction(fn: lambda.IFunction): void {
    const key = Names.nodeUniqueId(fn.node);
    this.functions.set(key, fn);
    for (const stage of this.stages) {
      this.grant(key, fn, stage);
    }
  }

  /** Grants a function (typically a stage's alias) for one stage only. */
  public addFunctionForStage(fn: lambda.IFunction, stageName: string): void {
    this.grant(Names.nodeUniqueId(fn.node), fn, stageName);
  }

  /** Grants a function ARN (a function qualified by an alias name) for one stage only. */
  public addArnForStage(key: string, functionArn: string, stageName: string): void {
    this.grantArn(key, functionArn, stageName);
  }

  /** Registers a stage; grants every function known now for it. */
  public addStage(stageName: string): void {
    this.stages.push(stageName);
    for (const [key, fn] of this.functions) {
      this.grant(key, fn, stageName);
    }
  }

  /** How many permissions were created. */
  public get count(): number {
    return this.granted.size;
  }

  private grant(key: string, fn: lambda.IFunction, stageName: string): void {
    this.grantArn(key, fn.functionArn, stageName);
  }

  private grantArn(key: string, functionArn: string, stageName: string): void {
    const id = `${key}-${stageName}`;
    if (this.granted.has(id)) return;
    this.granted.add(id);
    this.scope ??= new Construct(this.parent, 'InvokePermissions');
    newInvokePermission(this.scope, id, functionArn, this.sourceArnForStage(stageName));
  }
}
