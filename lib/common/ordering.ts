import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Orders every stage after the routes its RouteSettings name (HTTP and WebSocket). A route key
 * in RouteSettings is a plain string to CloudFormation, not a reference, so without a DependsOn
 * it may create the stage first and fail with "Unable to find Route by key ... within the
 * provided RouteSettings". Stages and routes may be registered in any order.
 */
export class RouteSettingsOrder {
  private readonly stages: IConstruct[] = [];
  private readonly routes: IConstruct[] = [];

  /** Registers a stage: it depends on every route with settings, now and later. */
  public addStage(stage: IConstruct): void {
    this.stages.push(stage);
    for (const route of this.routes) {
      cfnResourceOf(stage).addDependency(cfnResourceOf(route));
    }
  }

  /** Registers a route that has per-route settings on every stage. */
  public addRoute(route: IConstruct): void {
    this.routes.push(route);
    for (const stage of this.stages) {
      cfnResourceOf(stage).addDependency(cfnResourceOf(route));
    }
  }
}

/** The CloudFormation resource of a construct: itself, or its default child (an L2's L1). */
export function cfnResourceOf(construct: IConstruct): CfnResource {
  if (CfnResource.isCfnResource(construct)) return construct;
  const child = construct.node.defaultChild;
  if (child !== undefined && CfnResource.isCfnResource(child)) return child;
  throw new Error(`${construct.node.path} has no CloudFormation resource to order`);
}

/** The top-level stack that deploys a stack (itself unless nested). */
export function topLevelStack(stack: Stack): Stack {
  let top = stack;
  while (top.nestedStackParent) top = top.nestedStackParent;
  return top;
}

/**
 * Whether top-level stack `from` already depends on `to`, directly or through other stacks:
 * explicit stack dependencies and construct dependencies between stacks (which become stack
 * dependencies at synth). Dependencies that only cross-stack references will add later, at
 * synth, are not seen.
 */
export function stackDependsOn(from: Stack, to: Stack): boolean {
  const seen = new Set<Stack>();
  const todo = [from];
  while (todo.length > 0) {
    const stack = todo.pop()!;
    if (seen.has(stack)) continue;
    seen.add(stack);
    for (const next of directStackDependencies(stack)) {
      if (next === to) return true;
      todo.push(next);
    }
  }
  return false;
}

function directStackDependencies(stack: Stack): Set<Stack> {
  const deps = new Set<Stack>(stack.dependencies.map(topLevelStack));
  for (const construct of stack.node.findAll()) {
    for (const target of construct.node.dependencies) {
      // A construct dependency on something without resources (an imported role) orders nothing.
      if (!target.node.findAll().some(c => CfnResource.isCfnResource(c))) continue;
      const targetStack = topLevelStack(Stack.of(target));
      if (targetStack !== stack) deps.add(targetStack);
    }
  }
  return deps;
}
