import { Lazy } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { IConstruct } from 'constructs';
import { RouteSettingsOrder } from './ordering';
import { DEFAULT_STAGE_THROTTLE, ThrottleSettings } from './throttle';

/** A throttle with both limits resolved. */
export interface ThrottleLimits {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** A stage's default throttle: its own limits, else the account defaults. */
export function stageThrottleLimits(stage: ThrottleSettings | undefined): ThrottleLimits {
  return {
    rateLimit: stage?.rateLimit ?? DEFAULT_STAGE_THROTTLE.rateLimit!,
    burstLimit: stage?.burstLimit ?? DEFAULT_STAGE_THROTTLE.burstLimit!,
  };
}

/** A route's throttle on a stage: the route's own limits, else the stage's. */
export function routeThrottleLimits(route: ThrottleSettings | undefined, stage: ThrottleLimits): ThrottleLimits {
  return {
    rateLimit: route?.rateLimit ?? stage.rateLimit,
    burstLimit: route?.burstLimit ?? stage.burstLimit,
  };
}

/** One route's own settings, applied on every stage; `details` are the adapter's (e.g. REST caching). */
export interface RouteSettingsEntry<T> {
  readonly routeKey: string;
  readonly throttle?: ThrottleSettings;
  readonly details: T;
}

/** The per-route settings of a v2 stage: CloudFormation's property names and values. */
export interface V2RouteSetting { [name: string]: unknown }

/**
 * The routes that have settings of their own, rendered per stage with each route's throttle
 * resolved against the stage's. Rendering is lazy, so routes added after a stage get theirs.
 */
export class RouteSettings<T> {
  private readonly entries: RouteSettingsEntry<T>[] = [];
  private readonly order = new RouteSettingsOrder();

  /**
   * Records a route's settings. With `route` (HTTP and WebSocket), every stage attached with
   * attachToV2Stage is ordered after the route.
   */
  public add(entry: RouteSettingsEntry<T>, route?: IConstruct): void {
    this.entries.push(entry);
    if (route) this.order.addRoute(route);
  }

  /** One rendered setting per route, in the order added; routes `render` returns undefined for are left out. */
  public render<O>(stageThrottle: ThrottleSettings | undefined, render: (entry: RouteSettingsEntry<T>, limits: ThrottleLimits) => O | undefined): O[] {
    const stage = stageThrottleLimits(stageThrottle);
    const rendered: O[] = [];
    for (const entry of this.entries) {
      const one = render(entry, routeThrottleLimits(entry.throttle, stage));
      if (one !== undefined) rendered.push(one);
    }
    return rendered;
  }

  /**
   * Sets `RouteSettings` on an HTTP or WebSocket stage's L1 (aws-cdk-lib's v2 stages have no
   * per-route settings), keyed by route key, and orders the stage after those routes: a route key
   * there is a plain string to CloudFormation, not a reference.
   */
  public attachToV2Stage(stage: IConstruct, stageThrottle: ThrottleSettings | undefined, render: (limits: ThrottleLimits) => V2RouteSetting): void {
    this.order.addStage(stage);
    const cfn = stage.node.defaultChild as apigwv2.CfnStage;
    cfn.routeSettings = Lazy.any({
      produce: () => {
        if (this.entries.length === 0) return undefined;
        const settings: { [routeKey: string]: V2RouteSetting } = {};
        for (const entry of this.entries) {
          settings[entry.routeKey] = render(routeThrottleLimits(entry.throttle, stageThrottleLimits(stageThrottle)));
        }
        return settings;
      },
    });
  }
}
