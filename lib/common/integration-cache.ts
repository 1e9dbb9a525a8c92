/**
 * Integration sharing, one rule for the API kinds whose service has integration resources (HTTP,
 * WebSocket): an integration object used on several routes of one gateway is bound once, and its
 * one integration resource serves every such route. (REST APIs embed an integration in each
 * method, so a REST gateway binds per method and keeps no cache.)
 */
export class IntegrationCache<I extends object, B> {
  private readonly bound = new Map<object | undefined, Map<I, B>>();

  /**
   * What `integration` was bound to on this gateway, binding it on first use.
   * @param integration the integration object a route was given
   * @param bind binds it (called once per gateway per integration object and stack)
   * @param stack the stack of the route: a gateway whose routes are spread over nested stacks
   *   binds an integration once per stack, so that no route refers to another nested stack
   */
  public bind(integration: I, bind: () => B, stack?: object): B {
    let inStack = this.bound.get(stack);
    if (!inStack) {
      inStack = new Map<I, B>();
      this.bound.set(stack, inStack);
    }
    let result = inStack.get(integration);
    if (result === undefined) {
      result = bind();
      inStack.set(integration, result);
    }
    return result;
  }

  /** How many integrations were bound (one per integration object and stack). */
  public get size(): number {
    let size = 0;
    for (const inStack of this.bound.values()) size += inStack.size;
    return size;
  }
}
