/**
 * Large APIs (issue 14): a gateway's routes spread over nested stacks, placed by something that
 * does not change when other routes are added, removed or reordered, and the CloudFormation
 * limits checked with an error that names the prop to change.
 *
 * Why placement must be stable: API Gateway rejects a second resource with the same path (and a
 * second route with the same key) while the first exists, and CloudFormation creates a moved
 * resource in its new stack before it deletes it from the old one. A route that moves between
 * stacks is therefore not just replaced: the deployment fails. So a route's stack depends only on
 * its own path and the `routeStacks` prop, never on how many routes there are or their order.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnElement, CfnOutput, CfnParameter, CfnResource, NestedStack, Stack, attachCustomSynthesis } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { check } from './errors';
import { checkProps, aNumber, mapOf, aStruct, required } from './input';

/**
 * How a gateway spreads its routes over nested stacks, for APIs too large for one CloudFormation
 * stack (500 resources, 1 MB of template). A route's group is the first `groupDepth` segments
 * of its path (`/orders` for `GET /orders/{id}`); every route of a group goes to the same nested
 * stack: the one `placement` names for the group, or else nested stack `hash(group) % count`.
 * Resources above the group depth and routes shallower than it (`GET /`) stay in the gateway's
 * stack. WebSocket routes have no path: a WebSocket route's group is its route key.
 *
 * Choose the count once, before the first deploy: a route that changes stacks makes the
 * deployment fail (API Gateway rejects the new copy of a path while the old one still exists).
 * Adding, removing or reordering routes never moves other routes.
 *
 * @example
 * const api = new RestGateway(this, 'Big', {
 *   routeStacks: { count: 8, placement: { '/orders': 0 } },
 * });
 */
export interface GatewayRouteStacks {
  /** How many nested stacks the routes are spread over: 1 to 100. */
  readonly count: number;
  /**
   * How many leading path segments name a route's group: 1 to 10. Deepen it for APIs whose
   * routes share a prefix (`/v1/...`): with 2, `/v1/orders` and `/v1/users` are groups of their
   * own, and the `/v1` resource stays in the gateway's stack.
   * @default 1
   */
  readonly groupDepth?: number;
  /**
   * Groups pinned to a nested stack, by index (0 to count - 1): `{ '/orders': 0 }`. Pin a group
   * to move it away from a crowded stack without changing the count (a pinned group moves once).
   * @default - every group by hash
   */
  readonly placement?: { [group: string]: number };
}

/** The most nested stacks a gateway spreads its routes over. */
export const MAX_ROUTE_STACKS = 100;
/** The deepest group a route can be placed by. */
export const MAX_GROUP_DEPTH = 10;

/** CloudFormation's limits per stack (CloudFormation User Guide, "Understand CloudFormation quotas"). */
export const CFN_LIMITS = {
  resources: 500,
  parameters: 200,
  outputs: 200,
  templateBytes: 1_000_000,
};

/** The JavaScript/jsii checks of GatewayRouteStacks. */
export const ROUTE_STACKS_SPEC = aStruct({
  count: required(aNumber(n => Number.isInteger(n) && n >= 1 && n <= MAX_ROUTE_STACKS ? undefined
    : `the count of route stacks is an integer from 1 to ${MAX_ROUTE_STACKS}`)),
  groupDepth: aNumber(n => Number.isInteger(n) && n >= 1 && n <= MAX_GROUP_DEPTH ? undefined
    : `the group depth is an integer from 1 to ${MAX_GROUP_DEPTH}`),
  placement: mapOf(aNumber(n => Number.isInteger(n) && n >= 0 ? undefined : 'a group is pinned to a nested stack by its index, an integer from 0')),
}, 'a GatewayRouteStacks object');

/** FNV-1a, 32 bits: a hash that stays the same across Node versions and platforms. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Where a route's constructs go. */
export interface RoutePlacement {
  /** The group ('/orders'), or undefined for a route that stays in the gateway's stack by its path. */
  readonly group?: string;
  /** The stack the route's constructs are made in. */
  readonly stack: Stack;
  /** The construct to make the route's constructs under (its `Routes` scope). */
  readonly scope: Construct;
}

/**
 * The route stacks of one gateway: which nested stack a group goes to, the nested stacks made so
 * far, and the CloudFormation limits of every stack that holds the gateway's routes.
 */
export class RouteStackPlacement {
  private readonly options?: GatewayRouteStacks;
  private readonly nested = new Map<number, NestedStack>();
  private readonly routeScopes = new Map<IConstruct, Construct>();
  /** The stack each group was placed in, and the route that placed it. */
  private readonly groups = new Map<string, { stack: Stack; routeKey: string }>();
  /** How many of the gateway's route resources each stack holds (the cheap running count). */
  private readonly routeResources = new Map<Stack, number>();
  private readonly gatewayStack: Stack;

  /**
   * @param gateway the gateway (errors name its path; nested stacks are made under it)
   * @param options the gateway's `routeStacks` prop
   * @param gatewayScope the construct routes are made under in the gateway's own stack
   * @param groupsArePaths whether groups are path prefixes (REST, HTTP) or route keys (WebSocket)
   */
  constructor(private readonly gateway: Construct, options: GatewayRouteStacks | undefined, private readonly gatewayScope: () => Construct,
    groupsArePaths: boolean) {
    this.gatewayStack = Stack.of(gateway);
    if (options !== undefined) {
      checkProps(gateway, 'routeStacks', { routeStacks: options }, { routeStacks: ROUTE_STACKS_SPEC });
      for (const [group, index] of Object.entries(options.placement ?? {})) {
        check(gateway, `routeStacks.placement['${group}']`, index, index < options.count ? undefined
          : `a group is pinned to a nested stack by its index, 0 to count - 1 (${options.count - 1})`);
        if (groupsArePaths) {
          check(gateway, 'routeStacks.placement', group, groupViolation(group, options.groupDepth ?? 1));
        }
      }
      this.options = options;
    }
    gateway.node.addValidation({ validate: () => this.limitErrors() });
    attachCustomSynthesis(gateway, { onSynthesize: session => this.checkNestedTemplateBytes(session.outdir) });
  }

  /** Whether routes are spread over nested stacks. */
  public get enabled(): boolean {
    return this.options !== undefined;
  }

  /** The group depth (1 unless set). */
  public get groupDepth(): number {
    return this.options?.groupDepth ?? 1;
  }

  /** The nested stacks made so far, by index. */
  public get nestedStacks(): NestedStack[] {
    return [...this.nested.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);
  }

  /** The group of a route path (`/orders/{id}` → `/orders`), or undefined for a path shallower than the group depth. */
  public groupOfPath(routePath: string): string | undefined {
    const segments = routePath.split('/').filter(s => s !== '');
    const depth = this.groupDepth;
    return segments.length >= depth ? `/${segments.slice(0, depth).join('/')}` : undefined;
  }

  /**
   * Where a route goes.
   * @param routeKey the route key (errors name it)
   * @param group the route's group (undefined: the gateway's stack, unless `scope` says otherwise)
   * @param scope the route's `scope` option
   */
  public place(routeKey: string, group: string | undefined, scope: Construct | undefined): RoutePlacement {
    let placement: RoutePlacement;
    if (scope !== undefined) {
      placement = this.placeInScope(routeKey, group, scope);
    } else if (group === undefined || !this.options) {
      placement = { group, stack: this.gatewayStack, scope: this.gatewayScope() };
    } else {
      const earlier = this.groups.get(group);
      const index = this.options.placement?.[group] ?? stableHash(group) % this.options.count;
      const stack = earlier?.stack ?? this.nestedStack(index);
      placement = { group, stack, scope: this.scopeIn(stack) };
    }
    if (group !== undefined && !this.groups.has(group)) {
      this.groups.set(group, { stack: placement.stack, routeKey });
    }
    return placement;
  }

  /** The construct routes are made under in a stack (its `Routes` construct). */
  private scopeIn(stack: Stack): Construct {
    if (stack === this.gatewayStack) return this.gatewayScope();
    let scope = this.routeScopes.get(stack);
    if (!scope) {
      scope = new Construct(stack, 'Routes');
      this.routeScopes.set(stack, scope);
    }
    return scope;
  }

  private nestedStack(index: number): NestedStack {
    let stack = this.nested.get(index);
    if (!stack) {
      stack = new NestedStack(this.gateway, `RouteStack${index}`, {
        description: `Routes of ${this.gateway.node.path} (route stack ${index} of ${this.options!.count})`,
      });
      this.nested.set(index, stack);
    }
    return stack;
  }

  /** A route placed by its `scope` option: the gateway's stack or a nested stack under it. */
  private placeInScope(routeKey: string, group: string | undefined, scope: Construct): RoutePlacement {
    const stack = Stack.of(scope);
    check(this.gateway, `route '${routeKey}' scope`, scope.node.path, isUnder(stack, this.gatewayStack) ? undefined
      : `a route's scope must be in the gateway's stack (${this.gatewayStack.node.path}) or in a nested stack under it, `
        + `not in ${stack.node.path}: the gateway's deployment and Lambda permissions live in its stack and must come after the route, `
        + 'so a route in another top-level stack would make the two stacks depend on each other. Make the team\'s stack a NestedStack of the gateway\'s stack');
    const earlier = group !== undefined ? this.groups.get(group) : undefined;
    check(this.gateway, `route '${routeKey}' scope`, scope.node.path, earlier && earlier.stack !== stack
      ? `every route of the group '${group}' is made in one stack (the group's first path resource lives there): route '${earlier.routeKey}' `
        + `placed the group in ${earlier.stack.node.path}; give both routes the same scope, or deepen routeStacks.groupDepth`
      : undefined);
    let routes = this.routeScopes.get(scope);
    if (!routes) {
      routes = stack === this.gatewayStack && scope === this.gateway ? this.gatewayScope() : new Construct(scope, `${this.gateway.node.id}Routes`);
      this.routeScopes.set(scope, routes);
    }
    return { group, stack, scope: routes };
  }

  /** The gateway's own stack. */
  public get stack(): Stack {
    return this.gatewayStack;
  }

  /**
   * Counts the resources a route adds to a stack, and fails at once (before the rest of the
   * routes are built) when the gateway's routes alone pass CloudFormation's resource limit.
   */
  public countRouteResources(routeKey: string, stack: Stack, resources: number): void {
    const count = (this.routeResources.get(stack) ?? 0) + resources;
    this.routeResources.set(stack, count);
    if (count > CFN_LIMITS.resources) {
      check(this.gateway, 'routeKey', routeKey, `${this.overLimit(stack, 'resources', count, CFN_LIMITS.resources)} (counting the gateway's routes alone)`);
    }
  }

  /** The stacks holding the gateway's routes. */
  private get routeStacks(): Stack[] {
    return [...new Set([this.gatewayStack, ...this.routeResources.keys(), ...this.nested.values()])];
  }

  /** CloudFormation's resource, parameter and output limits of every stack holding the gateway's routes. */
  private limitErrors(): string[] {
    const errors: string[] = [];
    for (const stack of this.routeStacks) {
      if (stack !== this.gatewayStack && !this.routeResources.has(stack)) continue;
      let resources = 0;
      let parameters = 0;
      let outputs = 0;
      for (const c of stack.node.findAll()) {
        if (!CfnElement.isCfnElement(c) || Stack.of(c) !== stack) continue;
        if (CfnResource.isCfnResource(c)) resources++;
        else if (c instanceof CfnParameter) parameters++;
        else if (c instanceof CfnOutput) outputs++;
      }
      for (const [what, count] of [['resources', resources], ['parameters', parameters], ['outputs', outputs]] as const) {
        if (count > CFN_LIMITS[what]) {
          errors.push(this.overLimit(stack, what, count, CFN_LIMITS[what]));
        }
      }
    }
    return errors;
  }

  /** The error of a stack over a limit, naming what to change. */
  private overLimit(stack: Stack, what: string, count: number, limit: number): string {
    const groups = [...this.groups.entries()].filter(([, g]) => g.stack === stack).map(([group]) => group);
    const shown = groups.slice(0, 10).join(', ') + (groups.length > 10 ? `, … (${groups.length} groups)` : '');
    const fix = !this.options
      ? `spread the gateway's routes over nested stacks with the routeStacks prop, e.g. routeStacks: { count: ${suggestedCount(count, limit)} } `
        + '(set it before the first deploy: routes that change stacks fail to deploy)'
      : stack === this.gatewayStack
        ? 'the routes left in the gateway\'s stack are those shallower than routeStacks.groupDepth and those given its scope: move them, or lower groupDepth'
        : `the groups in this stack are ${shown || 'none'}: raise routeStacks.count, pin a group to another stack with routeStacks.placement, `
          + 'or deepen routeStacks.groupDepth to make smaller groups';
    return `${stack.node.path}: ${count} ${what} exceeds CloudFormation's limit of ${limit} ${what} per stack; ${fix}`;
  }

  /** The template of every nested route stack is under CloudFormation's 1 MB (read once written). */
  private checkNestedTemplateBytes(outdir: string): void {
    for (const stack of this.routeStacks) {
      if (!(stack instanceof NestedStack)) continue;
      const file = path.join(outdir, stack.templateFile);
      if (!fs.existsSync(file)) continue;
      const bytes = fs.statSync(file).size;
      check(this.gateway, 'routeStacks', stack.node.path, bytes > CFN_LIMITS.templateBytes
        ? this.overLimit(stack, 'template bytes', bytes, CFN_LIMITS.templateBytes) : undefined);
    }
  }
}

/**
 * What an imported gateway answers a JavaScript caller who adds a route to it (its interface has
 * no `addRoute`, so TypeScript callers never get here).
 */
export function importedGatewayAddRoute(gateway: IConstruct, kind: string, routeKey: unknown): never {
  check(gateway, 'addRoute', routeKey, `an imported ${kind} API takes no routes: its stages, deployments and Lambda permissions are not managed by this app, `
    + 'so a route added here would never be deployed or allowed to invoke its function. Add the route through the gateway object itself; '
    + 'from another team\'s stack, make that stack a NestedStack under the gateway\'s stack and pass it as the route\'s `scope` option');
  throw new Error('unreachable');
}

/** Whether `stack` is `root` or a nested stack under it. */
function isUnder(stack: Stack, root: Stack): boolean {
  for (let s: Stack | undefined = stack; s; s = s.nestedStackParent) {
    if (s === root) return true;
  }
  return false;
}

/** A nested-stack count that leaves room under a limit (a power of two, so it reads as a choice). */
function suggestedCount(count: number, limit: number): number {
  const needed = Math.ceil((count * 2) / limit);
  let n = 2;
  while (n < needed) n *= 2;
  return Math.min(n, MAX_ROUTE_STACKS);
}

/** A placement key must be a group: a path of exactly `depth` segments (WebSocket: a route key). */
function groupViolation(group: string, depth: number): string | undefined {
  const segments = group.split('/').filter(s => s !== '');
  return segments.length === depth && group === `/${segments.join('/')}` ? undefined
    : `a group is the first ${depth} path segment${depth === 1 ? '' : 's'} of a route's path, e.g. '/${['orders', 'v1', 'items'].slice(0, depth).join('/')}'`;
}

/** Exported for tests: the index of a group without a pin. */
export function routeStackIndex(group: string, count: number): number {
  return stableHash(group) % count;
}
