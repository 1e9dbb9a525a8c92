/**
 * Shared test fixtures: a stack with a fixed environment, a small inline function, and a function
 * with the aliases the stage-variable tests bind (one setup instead of a copy per gateway).
 */
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** The environment of every fixture stack. */
export const ENV = { account: '123456789012', region: 'eu-west-1' };

/** A stack with a fixed environment in a new app. */
export function newStack(id: string = 'Stack'): Stack {
  return new Stack(new App(), id, { env: ENV });
}

/** A small inline Lambda function. */
export function fn(scope: Construct, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}

/** A stack with function `Fn` and its aliases `dev`, `prod` and `next` on the current version. */
export function aliasSetup(): { stack: Stack; fn: lambda.Function; dev: lambda.Alias; prod: lambda.Alias; next: lambda.Alias } {
  const stack = newStack();
  const handler = fn(stack, 'Fn');
  const version = handler.currentVersion;
  const alias = (name: string, id: string) => new lambda.Alias(stack, id, { aliasName: name, version });
  return { stack, fn: handler, dev: alias('dev', 'DevAlias'), prod: alias('prod', 'ProdAlias'), next: alias('next', 'NextAlias') };
}
