import { Construct } from 'constructs';
import { check } from './errors';
import { NamedMap } from './named-map';

/**
 * A gateway's routes by route key, in the order added, and the `Routes` construct the adapters
 * create them under (its id is part of every route's logical id).
 */
export class RouteRegistry<R> {
  private readonly routes = NamedMap.routes<R>();
  private routeScope?: Construct;

  constructor(private readonly gateway: Construct) {}

  /** Rejects a route key that was added before. */
  public claim(routeKey: string): void {
    check(this.gateway, 'routeKey', routeKey, this.routes.has(routeKey) ? 'this route was already added' : undefined);
  }

  /** Records the route the adapter made for a key. */
  public add(routeKey: string, route: R): void {
    this.routes.set(routeKey, route);
  }

  /** The route of a key: an unknown key fails. */
  public get(routeKey: string): R {
    return this.routes.require(this.gateway, 'routeKey', routeKey);
  }

  /** The route of a key, or undefined. */
  public find(routeKey: string): R | undefined {
    return this.routes.get(routeKey);
  }

  /** Whether a route of this key was added. */
  public has(routeKey: string): boolean {
    return this.routes.has(routeKey);
  }

  /** The route keys, in the order added. */
  public get keys(): string[] {
    return this.routes.names;
  }

  /** How many routes were added. */
  public get size(): number {
    return this.routes.size;
  }

  /** The construct routes are created under (`Routes`, made on first use). */
  public get scope(): Construct {
    this.routeScope ??= new Construct(this.gateway, 'Routes');
    return this.routeScope;
  }
}
