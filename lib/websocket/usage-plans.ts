/**
 * Usage plans of a WebSocketGateway: aws-cdk-lib's v2 UsagePlan over some or all stages, without
 * per-route throttles (a WebSocket route has its own `throttle`).
 */
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { check } from '../common/errors';
import { StageRegistry } from '../common/stage-registry';
import { UsagePlanRegistry } from '../common/usage-plan-registry';
import { GatewayUsagePlanOptions, UsagePlanStageOptions } from '../common/usage-plans';

/** Adds (or returns the already added) usage plan of this name, `UsagePlan-NAME` under the gateway. */
export function addWebSocketUsagePlan(gateway: Construct, webSocketApi: apigwv2.WebSocketApi, stages: StageRegistry<apigwv2.WebSocketStage>,
  registry: UsagePlanRegistry, name: string, options: GatewayUsagePlanOptions): apigwv2.UsagePlan {
  const prop = `usagePlans '${name}'`;
  const registered = registry.addPlan(name, options, () => {
    const planStages: UsagePlanStageOptions[] = options.stages ?? stages.names.map(stageName => ({ stageName }));
    const apiStages = planStages.map((stageOptions, i) => {
      const stage = stages.require(`${prop}.stages[${i}].stageName`, stageOptions.stageName);
      check(gateway, `${prop}.stages[${i}].routeThrottles`, stageOptions.routeThrottles,
        stageOptions.routeThrottles ? 'per-route throttles in a usage plan exist for REST methods only; give the WebSocket route a throttle instead' : undefined);
      return { api: webSocketApi, stage };
    });
    const plan = new apigwv2.UsagePlan(gateway, `UsagePlan-${name}`, {
      usagePlanName: `${gateway.node.id}-${name}`,
      description: options.description,
      throttle: options.throttle,
      quota: options.quota ? {
        limit: options.quota.limit,
        offset: options.quota.offset,
        period: apigwv2.Period[options.quota.period as keyof typeof apigwv2.Period],
      } : undefined,
      apiStages,
    });
    return { construct: plan, usagePlanId: plan.usagePlanId, stageNames: planStages.map(st => st.stageName) };
  });
  return registered.construct as apigwv2.UsagePlan;
}
