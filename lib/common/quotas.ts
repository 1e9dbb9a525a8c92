import { Aspects, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { check, warn } from './errors';
import { aNumber, aStruct } from './input';
import { countViolation } from './rules';

/**
 * The raised values of API Gateway's adjustable quotas for one API, as granted to the account
 * (Service Quotas, or AWS Support). A use over the default quota but within the raised value
 * does not warn; a use over the raised value still only warns (the quota can be raised again).
 * Values below the service default are errors.
 *
 * @example
 * new RestGateway(this, 'Big', { raisedQuotas: { resourcesPerApi: 600 }, routeStacks: { count: 8 } });
 */
export interface GatewayRaisedQuotas {
  /**
   * Stages per API (default quota 10).
   * @default - the default quota
   */
  readonly stagesPerApi?: number;
  /**
   * Authorizers per API (default quota 10).
   * @default - the default quota
   */
  readonly authorizersPerApi?: number;
  /**
   * Resources (paths) per REST API (default quota 300).
   * @default - the default quota
   */
  readonly resourcesPerApi?: number;
  /**
   * Routes per HTTP or WebSocket API (default quota 300).
   * @default - the default quota
   */
  readonly routesPerApi?: number;
  /**
   * Characters of a REST API's resource policy (default quota 8,192).
   * @default - the default quota
   */
  readonly resourcePolicyCharacters?: number;
  /**
   * Usage plans an API key can be added to (default quota 10).
   * @default - the default quota
   */
  readonly usagePlansPerApiKey?: number;
}

/** The quota a use counts against. */
export type RaisedQuotaName = keyof GatewayRaisedQuotas;

const RAISED: { [name in RaisedQuotaName]: true } = {
  stagesPerApi: true, authorizersPerApi: true, resourcesPerApi: true, routesPerApi: true, resourcePolicyCharacters: true, usagePlansPerApiKey: true,
};

/** The JavaScript/jsii checks of GatewayRaisedQuotas. */
export const RAISED_QUOTAS_SPEC = aStruct(Object.fromEntries(Object.keys(RAISED).map(name => [name,
  aNumber(n => Number.isInteger(n) && n > 0 ? undefined : 'a raised quota is a positive integer')])), 'a GatewayRaisedQuotas object');

const raisedByGateway = new WeakMap<IConstruct, GatewayRaisedQuotas>();

/**
 * Records a gateway's `raisedQuotas` prop, checking each value against its default quota.
 * @param defaults the default quota of each name the gateway's API kind has
 */
export function setRaisedQuotas(gateway: IConstruct, raised: GatewayRaisedQuotas | undefined, defaults: Partial<{ [name in RaisedQuotaName]: number }>): void {
  if (raised === undefined) return;
  for (const [name, value] of Object.entries(raised) as Array<[RaisedQuotaName, number | undefined]>) {
    if (value === undefined) continue;
    const dflt = defaults[name];
    check(gateway, `raisedQuotas.${name}`, value, dflt === undefined
      ? `this quota does not apply to this API kind (its quotas are ${Object.keys(defaults).join(', ')})`
      : value < dflt ? `a raised quota is at least the default quota (${dflt})` : undefined);
  }
  raisedByGateway.set(gateway, raised);
}

/**
 * Quotas an account can raise. The API Gateway quota tables mark them "Can be increased: Yes"
 * (developer guide: Quotas for configuring and running a REST API / an HTTP API / a WebSocket
 * API): stages per API (10), REST resources per API (300), authorizers per API (10), HTTP routes
 * per API (300), the REST resource policy length (8,192 characters) and usage plans per API key
 * (10). API Gateway deploys more once the quota is raised for the API, so exceeding the default
 * warns (docs/rules.md: the library never blocks what AWS would allow). Quotas marked "No" (stage
 * variables, JWT audiences, scopes per route, multi-level mappings) stay errors where they are
 * checked.
 */
export interface AdjustableQuotaUse {
  /** The warning id (prefixed with `cdk-api-gateways:`), one per quota so each can be acknowledged. */
  readonly id: string;
  /** What is counted, e.g. `stages per REST API`. */
  readonly what: string;
  /** The count. */
  readonly count: number;
  /** The default quota. */
  readonly max: number;
  /** The quota's name in GatewayRaisedQuotas. */
  readonly quota: RaisedQuotaName;
}

/** Warns now when a use exceeds its default quota. */
export function warnAdjustableQuota(scope: IConstruct, use: AdjustableQuotaUse): void {
  const raised = raisedByGateway.get(scope)?.[use.quota];
  if (raised !== undefined) {
    if (use.count > raised) {
      warn(scope, use.id, `${use.count} ${use.what} exceeds the raised quota stated in raisedQuotas.${use.quota} (${raised}): `
        + 'raise the quota again (Service Quotas or AWS Support) and update raisedQuotas before deploying, or the deployment fails.');
    }
    return;
  }
  const violation = countViolation(use.count, use.max, use.what);
  if (violation !== undefined) {
    warn(scope, use.id, `${use.count} ${use.what} exceeds the default quota (${violation} unless the quota is raised). `
      + 'The quota can be raised for this API (Service Quotas or AWS Support): raise it before deploying, or the deployment fails; '
      + `then state the raised value in the gateway's raisedQuotas.${use.quota} prop (or acknowledge this warning).`);
  }
}

/** Warns at synth, once every route and authorizer is added, about the uses `uses` returns then. */
export function warnAdjustableQuotasAtSynth(scope: IConstruct, uses: () => AdjustableQuotaUse[]): void {
  Aspects.of(scope).add(new AdjustableQuotaCheck(scope, uses));
}

class AdjustableQuotaCheck implements IAspect {
  private done = false;
  constructor(private readonly scope: IConstruct, private readonly uses: () => AdjustableQuotaUse[]) {}

  public visit(node: IConstruct): void {
    if (this.done || node !== this.scope) return;
    this.done = true;
    for (const use of this.uses()) {
      warnAdjustableQuota(this.scope, use);
    }
  }
}
