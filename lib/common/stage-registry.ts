import { Construct, IConstruct } from 'constructs';
import { GatewayDomain, GatewayDomainMappingOptions, mapOntoDomain, resolveDomainStage } from './domain';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { warn } from './errors';
import { StageAliasSettings, StageTrafficShifting, StageVariableOverrides, addAliasTrafficShifting } from './lambda-alias';
import { LambdaInvokePermissions } from './lambda-permissions';
import { NamedMap } from './named-map';
import { GatewayStageOptions } from './stage';

/** How errors name a stage's options: `stages 'prod'`. */
export function stageProp(stageName: string): string {
  return `stages '${stageName}'`;
}

/**
 * A gateway's stages by name, in the order given, with what every API kind attaches to a stage:
 * its Lambda invoke permissions, the alias settings routes are checked against, CodeDeploy
 * traffic shifting of its aliases, and custom-domain mappings.
 */
export class StageRegistry<S extends IConstruct> {
  private readonly stages = NamedMap.stages<S>();
  private readonly aliases: StageAliasSettings[] = [];
  private readonly shifting = new Map<string, StageTrafficShifting>();
  private readonly alarmConsumers = new Map<string, Array<(alarms: cloudwatch.IAlarm[]) => void>>();
  private readonly detailedMetrics = new Map<string, boolean>();

  constructor(private readonly gateway: Construct, private readonly permissions: LambdaInvokePermissions) {}

  /** Registers a stage made by the adapter. */
  public add(options: GatewayStageOptions, stage: S, overrides?: StageVariableOverrides): void {
    const prop = stageProp(options.stageName);
    this.stages.set(options.stageName, stage);
    this.permissions.addStage(options.stageName);
    this.aliases.push({
      stageName: options.stageName,
      prop,
      variables: options.variables,
      lambdaAliases: options.lambdaAliases,
      overrides,
    });
    this.detailedMetrics.set(options.stageName, options.detailedMetrics ?? true);
    const shifting = addAliasTrafficShifting(this.gateway, prop, options.stageName, options.lambdaAliases, options.aliasTrafficShifting);
    if (shifting) {
      if (this.shifting.size === 0) {
        // Checked when the app is synthesized: addAlarms may come after the stage.
        this.gateway.node.addValidation({ validate: () => this.warnShiftingWithoutAlarms() });
      }
      this.shifting.set(options.stageName, shifting);
      this.onStageAlarms(options.stageName, alarms => shifting.addStageAlarms(alarms));
    }
  }

  /** Whether a stage publishes per-route metrics (`detailedMetrics`, on by default). */
  public hasDetailedMetrics(stageName: string): boolean {
    return this.detailedMetrics.get(stageName) ?? false;
  }

  /**
   * Registers what rolls back on a stage's alarms (CodeDeploy traffic shifting, a REST canary's
   * bake): `consumer` receives the alarms `addAlarms` makes on the stage.
   */
  public onStageAlarms(stageName: string, consumer: (alarms: cloudwatch.IAlarm[]) => void): void {
    const consumers = this.alarmConsumers.get(stageName) ?? [];
    consumers.push(consumer);
    this.alarmConsumers.set(stageName, consumers);
  }

  /** Hands a stage's alarms (made by `addAlarms`) to what rolls back on them. */
  public attachAlarms(stageName: string, alarms: cloudwatch.IAlarm[]): void {
    for (const consumer of this.alarmConsumers.get(stageName) ?? []) consumer(alarms);
  }

  private warnShiftingWithoutAlarms(): string[] {
    for (const shifting of this.shifting.values()) {
      const message = shifting.withoutAlarmsWarning();
      if (message !== undefined) warn(this.gateway, 'trafficShiftingWithoutAlarms', message);
    }
    return [];
  }

  /** The stage of a name given as `stageName`. */
  public get(stageName: string): S {
    return this.require('stageName', stageName);
  }

  /** The stage of a name given as `prop`: an unknown name fails, listing the stages. */
  public require(prop: string, stageName: string): S {
    return this.stages.require(this.gateway, prop, stageName);
  }

  /** The names, in the order given. */
  public get names(): string[] {
    return this.stages.names;
  }

  /** The name of the first stage (the one `url` and an unnamed domain stage refer to). */
  public get firstName(): string {
    return this.names[0];
  }

  /** The alias settings of every stage, for binding stage-variable invocations and checking URIs. */
  public get aliasSettings(): StageAliasSettings[] {
    return this.aliases;
  }

  /**
   * Serves a stage under a base path of a shared GatewayDomain: the stage must be named when there
   * are several.
   */
  public mapDomain(domain: GatewayDomain, options: GatewayDomainMappingOptions, apiId: string): void {
    const stageName = resolveDomainStage(this.gateway, 'mapDomain stageName', this.names, options.stageName);
    mapOntoDomain(this.gateway, domain, apiId, this.get(stageName), stageName, options.basePath);
  }
}
