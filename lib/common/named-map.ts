import { IConstruct } from 'constructs';
import { GatewayValidationError } from './errors';

/**
 * A map of a gateway's stages or routes by name whose lookups fail with the library's error
 * (construct path, prop, value, rule) instead of returning undefined.
 */
export class NamedMap<T> extends Map<string, T> {
  /** The stages of a gateway: a miss lists the stage names. */
  public static stages<T>(): NamedMap<T> {
    return new NamedMap<T>(names => `no such stage; the stages are ${names.join(', ')}`);
  }

  /** The routes of a gateway. */
  public static routes<T>(): NamedMap<T> {
    return new NamedMap<T>(() => 'no such route was added');
  }

  private constructor(private readonly missing: (names: string[]) => string) {
    super();
  }

  /** The names, in insertion order. */
  public get names(): string[] {
    return [...this.keys()];
  }

  /** The entry of `name`, or a GatewayValidationError naming `prop` on `scope`. */
  public require(scope: IConstruct, prop: string, name: string): T {
    const value = this.get(name);
    if (value === undefined) {
      throw new GatewayValidationError(scope, prop, name, this.missing(this.names));
    }
    return value;
  }
}
