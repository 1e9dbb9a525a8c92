import * as lambda from 'aws-cdk-lib/aws-lambda';
import { StageVariableInvocation } from './stage';

/**
 * What every integration, of any gateway kind, tells its gateway about the Lambda functions it
 * calls: the gateway grants each one once per stage. `RestIntegrationConfig`,
 * `HttpIntegrationConfig` and `WebSocketIntegrationConfig` extend it with the kind's integration.
 */
export interface GatewayIntegrationConfig {
  /**
   * Functions the gateway allows API Gateway to invoke, once per function per stage.
   * @default - none
   */
  readonly invokedFunctions?: lambda.IFunction[];
  /**
   * Functions invoked at the alias named by a stage variable: the gateway checks that every stage
   * defines the variable and grants each stage's alias once.
   * @default - none
   */
  readonly stageVariableInvocations?: StageVariableInvocation[];
}
