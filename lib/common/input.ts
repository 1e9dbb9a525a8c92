/**
 * Checks of values that TypeScript forbids but JavaScript callers, and Python, Java, .NET or Go
 * callers through jsii, can pass: a missing required argument, a string where a number is
 * expected, an unknown member of an enum, a number where a Duration is expected. Each fails with
 * a GatewayValidationError naming the construct path (or the static factory), the prop, the
 * value and the rule, before the value can reach a TypeError deep inside or the template.
 *
 * `undefined` is "not given" (jsii passes Python's `None` as `undefined`); `null` is rejected,
 * since it would otherwise be copied into the template as `null`.
 */
import { Duration, Size, SizeRoundingBehavior, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { GatewayValidationError } from './errors';

/**
 * Where an input was given: a construct, or the name of a static factory
 * (`RestIntegration.lambdaFunction`), which runs before any construct exists.
 */
export type InputScope = IConstruct | string;

/** The library's error for an input, naming the construct path or the factory. */
export function inputError(where: InputScope, prop: string, value: unknown, rule: string): GatewayValidationError {
  return typeof where === 'string'
    ? GatewayValidationError.forFactory(where, prop, value, rule)
    : new GatewayValidationError(where, prop, value, rule);
}

/** Throws the library's error when `violation` is defined (the input twin of `check`). */
export function checkInput(where: InputScope, prop: string, value: unknown, violation: string | undefined): void {
  if (violation !== undefined) {
    throw inputError(where, prop, value, violation);
  }
}

/** How a value reads in an error message: `a string`, `a number`, `null`, `an array`, ... */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' || type === 'undefined' ? 'an object' : `a ${type}`;
}

/**
 * One check of one input value. `what` describes an acceptable value (`a string`, `a Duration`)
 * for messages; `check` throws when the value is not acceptable. A check passes `undefined`
 * (not given) unless wrapped in `required`.
 */
export interface InputCheck {
  readonly what: string;
  check(where: InputScope, prop: string, value: unknown): void;
}

/** The checks of a struct's members (or of a method's arguments), by name. */
export type InputSpec = { readonly [prop: string]: InputCheck };

function expected(where: InputScope, prop: string, value: unknown, what: string): never {
  throw inputError(where, prop, value, `expected ${what}, got ${describeType(value)}`);
}

function primitive(type: 'string' | 'number' | 'boolean', what: string, rule?: (v: never) => string | undefined): InputCheck {
  return {
    what,
    check(where, prop, value) {
      if (value === undefined) return;
      if (typeof value !== type || (type === 'number' && Number.isNaN(value))) expected(where, prop, value, what);
      if (rule) checkInput(where, prop, value, rule(value as never));
    },
  };
}

/** A string, optionally also checked by a rule (a pure function returning the violated rule). */
export function aString(rule?: (value: string) => string | undefined): InputCheck {
  return primitive('string', 'a string', rule);
}

/** A number (tokens included), optionally also checked by a rule. */
export function aNumber(rule?: (value: number) => string | undefined): InputCheck {
  return primitive('number', 'a number', rule);
}

/** A boolean. */
export const aBoolean: InputCheck = primitive('boolean', 'a boolean (true or false)');

function isDuration(value: unknown): value is Duration {
  if (value instanceof Duration) return true;
  const v = value as { toSeconds?: unknown; toMilliseconds?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.toSeconds === 'function' && typeof v.toMilliseconds === 'function';
}

/**
 * A Duration (`Duration.seconds(30)`), not a number of unknown unit; optionally checked by a rule
 * that receives the duration in (possibly fractional) seconds.
 */
export function aDuration(rule?: (seconds: number) => string | undefined, tokenUnit?: string): InputCheck {
  const what = 'a Duration such as Duration.seconds(30)';
  return {
    what,
    check(where, prop, value) {
      if (value === undefined) return;
      if (!isDuration(value)) expected(where, prop, value, what);
      if (typeof value.isUnresolved === 'function' && value.isUnresolved()) {
        // A token amount is decided at deploy time; aws-cdk-lib converts it only within its own
        // unit, so the unit must be the one the value is rendered in.
        checkInput(where, prop, value.toString(), tokenUnit !== undefined && value.unitLabel() !== tokenUnit
          ? `a Duration whose amount is a token must be given with Duration.${tokenUnit}() here, the unit it is rendered in`
          : undefined);
        return;
      }
      if (!rule) return;
      const seconds = value.toMilliseconds({ integral: false }) / 1000;
      checkInput(where, prop, Token.isUnresolved(seconds) ? value.toString() : `${seconds} s`, rule(seconds));
    },
  };
}

/**
 * A Size (`Size.kibibytes(1)`), not a number of unknown unit; optionally checked by a rule that
 * receives the size in (possibly fractional) bytes.
 */
export function aSize(rule?: (bytes: number) => string | undefined): InputCheck {
  const what = 'a Size such as Size.kibibytes(1)';
  return {
    what,
    check(where, prop, value) {
      if (value === undefined) return;
      const v = value as { toBytes?: unknown } | null;
      if (!(value instanceof Size) && !(typeof v === 'object' && v !== null && typeof v.toBytes === 'function')) {
        expected(where, prop, value, what);
      }
      if (!rule) return;
      const bytes = (value as Size).toBytes({ rounding: SizeRoundingBehavior.NONE });
      checkInput(where, prop, Token.isUnresolved(bytes) ? bytes : `${bytes} bytes`, rule(bytes));
    },
  };
}

/**
 * The member values of a TypeScript enum: for numeric enums only the numbers (not the reverse
 * mapping's names), for string enums the strings.
 */
export function enumValues(enumObject: object): Array<string | number> {
  const values = Object.values(enumObject) as Array<string | number>;
  const numbers = values.filter(v => typeof v === 'number');
  return numbers.length > 0 ? numbers : values;
}

/** The rule text for a value that is not a member of an enum. */
export function enumViolation(value: unknown, enumObject: object, enumName: string): string | undefined {
  if (Token.isUnresolved(value)) return undefined;
  if (enumValues(enumObject).includes(value as string | number)) return undefined;
  const members = Object.entries(enumObject)
    .filter(([, v]) => enumValues(enumObject).includes(v))
    .map(([k, v]) => `${enumName}.${k} (${JSON.stringify(v)})`);
  return `expected one of ${members.join(', ')}`;
}

/**
 * A member of a TypeScript enum (ours or aws-cdk-lib's), e.g. `apigateway.MethodLoggingLevel`.
 * Enums are given lazily (`() => EndpointKind`): ours so that modules that import each other can
 * build their checks at load time, aws-cdk-lib's so that building them does not load the
 * aws-cdk-lib module that defines the enum (issue 14).
 */
export function oneOf(enumObject: object | (() => object), enumName: string): InputCheck {
  return {
    what: `a ${enumName}`,
    check(where, prop, value) {
      if (value === undefined) return;
      const members = typeof enumObject === 'function' ? enumObject() : enumObject;
      checkInput(where, prop, value, enumViolation(value, members, enumName));
    },
  };
}

/** An array whose items pass `item` (each named `prop[i]`). */
export function listOf(item: InputCheck): InputCheck {
  const what = `an array of ${item.what.replace(/^an? /, '')} items`;
  return {
    what,
    check(where, prop, value) {
      if (value === undefined) return;
      if (!Array.isArray(value)) expected(where, prop, value, what);
      value.forEach((v, i) => {
        checkInput(where, `${prop}[${i}]`, v, v === undefined ? `expected ${item.what}, got nothing` : undefined);
        item.check(where, `${prop}[${i}]`, v);
      });
    },
  };
}

function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A map (a plain object) whose values pass `item` (each named `prop.key`). */
export function mapOf(item: InputCheck): InputCheck {
  const what = `an object mapping names to ${item.what.replace(/^an? /, '')} values`;
  return {
    what,
    check(where, prop, value) {
      if (value === undefined) return;
      if (!isPlainObject(value)) expected(where, prop, value, what);
      for (const [key, v] of Object.entries(value)) {
        checkInput(where, `${prop}.${key}`, v, v === undefined ? `expected ${item.what}, got nothing` : undefined);
        item.check(where, `${prop}.${key}`, v);
      }
    },
  };
}

/**
 * A struct: an object whose members pass `spec` (each named `prop.member`). Members the spec does
 * not name are not checked (a misspelled prop is not an error).
 */
export function aStruct(spec: InputSpec = {}, what: string = 'an object'): InputCheck {
  return {
    what,
    check(where, prop, value) {
      if (value === undefined) return;
      if (!isPlainObject(value)) expected(where, prop, value, what);
      checkProps(where, prop, value, spec);
    },
  };
}

/**
 * An object implementing an aws-cdk-lib interface such as `lambda.IFunction`, recognized by one of
 * its members (`functionArn`), so that objects implemented in another jsii language pass too.
 */
export function aResource(what: string, member: string): InputCheck {
  return {
    what,
    check(where, prop, value) {
      if (value === undefined) return;
      if (typeof value !== 'object' || value === null || !(member in value)) expected(where, prop, value, what);
    },
  };
}

/**
 * An instance of a class (given lazily, so that modules that import each other can use it),
 * e.g. `RestAuthorization`, made with the class's static factories.
 */
export function anInstanceOf(cls: () => object, what: string): InputCheck {
  return {
    what,
    check(where, prop, value) {
      if (value === undefined) return;
      if (!(value instanceof (cls() as never))) expected(where, prop, value, what);
    },
  };
}

/** The integration base classes of the three gateways (see anIntegration). */
const INTEGRATION_CLASSES = ['RestIntegration', 'HttpIntegration', 'WebSocketIntegration'];

/** The name of this library's integration base class that `value` extends, if any. */
function integrationClassOf(value: object): string | undefined {
  for (let p = Object.getPrototypeOf(value); p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const name = (p as { constructor?: { name?: string } }).constructor?.name;
    if (name !== undefined && INTEGRATION_CLASSES.includes(name)) return name;
  }
  return undefined;
}

/**
 * An integration of one gateway kind: an instance of its base class (`RestIntegration`), or an
 * object with a `bind` method (TypeScript accepts one structurally); never another gateway
 * kind's integration (its `bind` expects other options), which is named in the error.
 */
export function anIntegration(cls: () => object, what: string): InputCheck {
  return {
    what,
    check(where, prop, value) {
      if (value === undefined || value instanceof (cls() as never)) return;
      const bindable = typeof value === 'object' && value !== null && typeof (value as { bind?: unknown }).bind === 'function';
      const foreign = bindable ? integrationClassOf(value as object) : undefined;
      if (!bindable || foreign !== undefined) {
        throw inputError(where, prop, value, `expected ${what}, got ${foreign ? `a ${foreign}` : describeType(value)}`);
      }
    },
  };
}

/** A value that must be given (not `undefined`), then checked by `check`. */
export function required(inner: InputCheck): InputCheck {
  return {
    what: inner.what,
    check(where, prop, value) {
      checkInput(where, prop, value, value === undefined ? `${inner.what} is required` : undefined);
      inner.check(where, prop, value);
    },
  };
}

/**
 * A prop of a sibling construct's props (another API kind's) that this construct does not have:
 * a JavaScript caller who passes it would otherwise see it silently dropped.
 */
export function notHere(rule: string): InputCheck {
  return {
    what: 'nothing',
    check(where, prop, value) {
      checkInput(where, prop, value, value === undefined ? undefined : rule);
    },
  };
}

/**
 * Checks the members of an object (struct props, or a method's arguments collected as
 * `{ handler, options }`) against a spec. `prefix` names the object (`stages[0]`), or is '' for
 * arguments, which are then named alone (`handler`).
 */
export function checkProps(where: InputScope, prefix: string, value: { [key: string]: unknown }, spec: InputSpec): void {
  for (const [name, member] of Object.entries(spec)) {
    member.check(where, prefix === '' ? name : `${prefix}.${name}`, value[name]);
  }
}

/**
 * Checks a method's or factory's arguments, given as `{ name: value }`, against a spec. A label
 * (`addRoute`) prefixes the argument names in messages; factories need none, since their name
 * stands in for the construct path.
 */
export function checkArgs(where: InputScope, args: { [name: string]: unknown }, spec: InputSpec, label?: string): void {
  for (const [name, member] of Object.entries(spec)) {
    member.check(where, label ? `${label} ${name}` : name, args[name]);
  }
}

/**
 * Checks a construct's `props` argument: an object (or nothing, when the props are optional)
 * whose members pass `spec`, each named alone (`stages[0].stageName`).
 */
export function checkConstructProps(where: InputScope, props: unknown, spec: InputSpec, what: string, isRequired: boolean = false): void {
  (isRequired ? required(aStruct({}, what)) : aStruct({}, what)).check(where, 'props', props);
  if (props !== undefined) checkProps(where, '', props as { [key: string]: unknown }, spec);
}

/** Throws unless `value` is given (not `undefined` or `null`). */
export function requireValue(where: InputScope, prop: string, value: unknown, what: string): void {
  checkInput(where, prop, value, value === undefined || value === null ? `${what} is required` : undefined);
}

/** Throws unless `value` is a string (or not given, when optional). */
export function checkString(where: InputScope, prop: string, value: unknown, isRequired: boolean = false): void {
  (isRequired ? required(aString()) : aString()).check(where, prop, value);
}

/** Throws unless `value` is a number (or not given, when optional). */
export function checkNumber(where: InputScope, prop: string, value: unknown, isRequired: boolean = false): void {
  (isRequired ? required(aNumber()) : aNumber()).check(where, prop, value);
}

/** Throws unless `value` is a boolean (or not given). */
export function checkBoolean(where: InputScope, prop: string, value: unknown): void {
  aBoolean.check(where, prop, value);
}

/** Throws unless `value` is a member of the enum (or not given). */
export function checkEnum(where: InputScope, prop: string, value: unknown, enumObject: object, enumName: string): void {
  oneOf(enumObject, enumName).check(where, prop, value);
}

/** Throws unless `value` is an array whose items pass `item` (or not given). */
export function checkArray(where: InputScope, prop: string, value: unknown, item: InputCheck): void {
  listOf(item).check(where, prop, value);
}

/** Throws unless `value` is a Duration (or not given). */
export function checkDuration(where: InputScope, prop: string, value: unknown): void {
  aDuration().check(where, prop, value);
}
