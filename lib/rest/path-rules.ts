/**
 * Rules of a REST API's resource tree that no single route breaks but two routes together can.
 */

/** A variable path part already used at one level of the tree, and the route that used it first. */
export interface PathVariableUse {
  /** The path part, e.g. `{id}` or `{proxy+}`. */
  readonly pathPart: string;
  /** The route key that introduced it. */
  readonly routeKey: string;
}

/**
 * Finds the variable path parts of `path` (`/orders/{id}/items`) that clash with another variable
 * path part already used under the same parent resource. API Gateway allows at most one variable
 * child per resource, greedy or not: CloudFormation fails the second with "A sibling ({id}) of this
 * resource already has a variable path part -- only one is allowed" (the service's BadRequest, as
 * reported for `{id}` beside `{game}` in serverless/serverless #3075 and for a greedy `{proxy+}`
 * beside `{uid}` in serverless-nextjs/serverless-next.js #206). Literal siblings of a variable part
 * (`/orders/{id}` and `/orders/search`, or `/{proxy+}` and `/health`) are allowed.
 *
 * @param used variable path parts so far, by parent path (`/` for the root)
 * @returns the first clash, or undefined
 */
export function pathVariableClash(used: ReadonlyMap<string, PathVariableUse>, path: string):
{ readonly parent: string; readonly pathPart: string; readonly existing: PathVariableUse } | undefined {
  const segments = path === '/' ? [] : path.slice(1).split('/');
  for (let i = 0; i < segments.length; i++) {
    const part = segments[i];
    if (!isVariablePart(part)) continue;
    const parent = '/' + segments.slice(0, i).join('/');
    const existing = used.get(parent);
    if (existing && existing.pathPart !== part) {
      return { parent, pathPart: part, existing };
    }
  }
  return undefined;
}

/** Records the variable path parts of a route's path (call after pathVariableClash found none). */
export function recordPathVariables(used: Map<string, PathVariableUse>, path: string, routeKey: string): void {
  const segments = path === '/' ? [] : path.slice(1).split('/');
  segments.forEach((part, i) => {
    const parent = '/' + segments.slice(0, i).join('/');
    if (isVariablePart(part) && !used.has(parent)) {
      used.set(parent, { pathPart: part, routeKey });
    }
  });
}

function isVariablePart(part: string): boolean {
  return part.startsWith('{') && part.endsWith('}');
}

/**
 * A REST resource's path part: letters, digits and `: . _ $ -` (aws-cdk-lib's Resource and the
 * service accept no other character; `~`, which HTTP API paths may carry, fails there).
 * @returns the violated rule for the first literal part outside that set, or undefined
 */
export function restPathPartViolation(path: string): string | undefined {
  const bad = path.split('/').filter(p => p !== '' && !p.startsWith('{')).find(p => !/^[A-Za-z0-9:._$-]+$/.test(p));
  return bad === undefined ? undefined
    : `the REST path part '${bad}' may contain only letters, digits, ':', '.', '_', '$' and '-' (HTTP API paths also take '~')`;
}
