/**
 * Integration sharing, one rule for the API kinds whose service has integration resources (HTTP,
 * WebSocket): an integration object used on several routes of one gateway is bound once, and its
 * one integration resource serves every such route. (REST APIs embed an integration in each
 * method, so a REST gateway binds per method and keeps no cache.)
 */
export class IntegrationCache<I extends object, B> {
  private readonly bound = new Map<I, B>();

  /**
   * What `integration` was bound to on this gateway, binding it on first use.
   * @param integration the integration object a route was given
   * @param bind binds it (called once per gateway per integration object)
   */
  public bind(integration: I, bind: () => B): B {
    let result = this.bound.get(integration);
    if (result === undefined) {
      result = bind();
      this.bound.set(integration, result);
    }
    return result;
  }

  /** How many integration objects were bound. */
  public get size(): number {
    return this.bound.size;
  }
}
