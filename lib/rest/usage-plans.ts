/**
 * REST usage plans: a plan over some or all stages of a RestGateway, with per-route throttles.
 * API keys and plan-key links are kept by the common UsagePlanRegistry.
 */
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { check } from '../common/errors';
import { validateThrottle } from '../common/throttle';
import { UsagePlanRegistry } from '../common/usage-plan-registry';
import { GatewayUsagePlanOptions, UsagePlanStageOptions } from '../common/usage-plans';

/** The gateway a usage plan covers: its API, stages and routes. */
export interface RestUsagePlanTarget {
  /** The gateway (the plan is made under it, errors name its path). */
  readonly scope: Construct;
  readonly restApi: apigateway.RestApi;
  readonly stageNames: string[];
  /** The stage of a name, failing with an error on `prop` when there is none. */
  requireStage(prop: string, stageName: string): apigateway.Stage;
  /** The method of a route added with addRoute, or undefined. */
  findRoute(routeKey: string): apigateway.Method | undefined;
}

/** Adds a usage plan over some or all stages, with a throttle, a quota and per-route throttles. */
export function addRestUsagePlan(target: RestUsagePlanTarget, registry: UsagePlanRegistry, name: string,
  options: GatewayUsagePlanOptions): apigateway.UsagePlan {
  const scope = target.scope;
  const prop = `usagePlans '${name}'`;
  const registered = registry.addPlan(name, options, () => {
    const stages: UsagePlanStageOptions[] = options.stages ?? target.stageNames.map(stageName => ({ stageName }));
    const apiStages: apigateway.UsagePlanPerApiStage[] = stages.map((stageOptions, i) => {
      const stage = target.requireStage(`${prop}.stages[${i}].stageName`, stageOptions.stageName);
      return {
        api: target.restApi,
        stage,
        throttle: Object.entries(stageOptions.routeThrottles ?? {}).map(([routeKey, throttle]) => {
          const method = target.findRoute(routeKey);
          check(scope, `${prop}.stages[${i}].routeThrottles`, routeKey,
            method ? undefined : 'a route throttle names a route added with addRoute before the plan');
          validateThrottle(scope, `${prop}.stages[${i}].routeThrottles['${routeKey}']`, throttle);
          return { method: method!, throttle };
        }),
      };
    });
    const plan = new apigateway.UsagePlan(scope, `UsagePlan-${name}`, {
      name: `${target.restApi.restApiName}-${name}`,
      description: options.description,
      throttle: options.throttle,
      quota: options.quota,
      apiStages,
    });
    return { construct: plan, usagePlanId: plan.usagePlanId, stageNames: stages.map(st => st.stageName) };
  });
  return registered.construct as apigateway.UsagePlan;
}
