/**
 * A generated configuration as plain data: what the generators produce, what the app builder
 * materializes into constructs and what a failure is printed from (as TypeScript).
 *
 * A `Spec` is a JavaScript value as a caller would pass it (strings, numbers, arrays, plain
 * objects for structs and maps), except for the tagged objects below, which stand for values that
 * need a scope or a class (a Lambda function, `Duration.seconds(5)`, `RestIntegration.mock()`).
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- generated values are untyped by design */

/** A resource made in the stack (or imported), by its jsii type and a variant name. */
export interface RefSpec { readonly $: 'ref'; readonly fqn: string; readonly variant: string }
/** A static factory call: `RestIntegration.mock({ ... })`. */
export interface CallSpec { readonly $: 'call'; readonly fqn: string; readonly method: string; readonly args: Spec[] }
/** A construct made with `(scope, id, props)`: `new GatewayDomain(stack, 'Domain', { ... })`. */
export interface NewSpec { readonly $: 'new'; readonly fqn: string; readonly props: Spec }
/** `Duration.<unit>(amount)` or `Size.<unit>(amount)`. */
export interface UnitSpec { readonly $: 'duration' | 'size'; readonly unit: string; readonly amount: Spec }
/** A member of an enum or an enum-like class: `apigateway.MethodLoggingLevel.INFO`. */
export interface MemberSpec { readonly $: 'member'; readonly fqn: string; readonly name: string }
/** An unresolved token where a literal is expected. */
export interface TokenSpec { readonly $: 'token'; readonly type: 'string' | 'number' | 'list' }

export type TaggedSpec = RefSpec | CallSpec | NewSpec | UnitSpec | MemberSpec | TokenSpec;
export type Spec = any;

/** Whether a value is one of the tagged objects. */
export function isTagged(value: unknown): value is TaggedSpec {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as any).$ === 'string';
}

/** One method call on a gateway: `gateway.addRoute('GET /items', integration, options)`. */
export interface CallOnGateway {
  readonly method: string;
  readonly args: Spec[];
}

/** One gateway of a generated app: its kind, its props and the calls made on it, in order. */
export interface GatewaySpec {
  /** The class's fqn in the assembly, e.g. `cdk-api-gateways.RestGateway`. */
  readonly fqn: string;
  readonly props: Spec;
  readonly calls: CallOnGateway[];
}

/** A generated app: one stack per gateway. */
export interface AppSpec {
  readonly gateways: GatewaySpec[];
}

/** The class name of an fqn (`cdk-api-gateways.RestGateway` → `RestGateway`). */
export function shortName(fqn: string): string {
  return fqn.split('.').pop()!;
}
