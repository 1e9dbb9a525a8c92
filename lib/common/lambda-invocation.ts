/**
 * How an integration addresses a Lambda function: the function, or the function at the alias a
 * stage variable names (`fn:${stageVariables.NAME}`, so that each stage invokes its own alias),
 * and what the gateway must then grant.
 */
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { stageVariableReference } from './lambda-alias';
import { StageVariableInvocation } from './stage';

/** The stage variable a `lambdaAlias` integration reads when none is given. */
export const DEFAULT_ALIAS_STAGE_VARIABLE = 'lambdaAlias';

/** The function ARN an integration invokes: unqualified, or qualified by a stage variable. */
export function invokedFunctionArn(handler: lambda.IFunction, stageVariable?: string): string {
  return stageVariable === undefined ? handler.functionArn : `${handler.functionArn}:${stageVariableReference(stageVariable)}`;
}

/** The path of Lambda's Invoke API, as API Gateway's AWS integrations (REST `AwsIntegration`) address it. */
export function lambdaInvocationPath(functionArn: string): string {
  return `2015-03-31/functions/${functionArn}/invocations`;
}

/**
 * The path of Lambda's InvokeWithResponseStream API (`2021-11-15/functions/ARN/response-streaming-invocations`),
 * which a REST integration with response transfer mode STREAM calls instead of Invoke. It needs the
 * same `lambda:InvokeFunction` permission as Invoke, so the function's grants do not change.
 * Sources: "Set up a Lambda proxy integration with payload response streaming in API Gateway"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html);
 * "InvokeWithResponseStream" ("This operation requires permission for the lambda:InvokeFunction action",
 * https://docs.aws.amazon.com/lambda/latest/api/API_InvokeWithResponseStream.html).
 */
export function lambdaStreamingInvocationPath(functionArn: string): string {
  return `2021-11-15/functions/${functionArn}/response-streaming-invocations`;
}

/** The full invocation URI: `arn:PARTITION:apigateway:REGION:lambda:path/2015-03-31/functions/ARN/invocations`. */
export function lambdaInvocationUri(scope: IConstruct, functionArn: string): string {
  const stack = Stack.of(scope);
  return `arn:${stack.partition}:apigateway:${stack.region}:lambda:path/${lambdaInvocationPath(functionArn)}`;
}

/** What the gateway grants for a Lambda integration (the fields of every adapter's integration config). */
export interface LambdaInvocationTargets {
  /** The function, granted once per stage. */
  readonly invokedFunctions?: lambda.IFunction[];
  /** The function at a stage variable's alias, granted once per stage's alias. */
  readonly stageVariableInvocations?: StageVariableInvocation[];
}

/** The grants of a Lambda integration, with or without a stage-variable alias. */
export function lambdaInvocationTargets(handler: lambda.IFunction, stageVariable?: string): LambdaInvocationTargets {
  return stageVariable === undefined
    ? { invokedFunctions: [handler] }
    : { stageVariableInvocations: [{ handler, stageVariable }] };
}
