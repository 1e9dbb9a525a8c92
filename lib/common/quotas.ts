import { Aspects, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { warn } from './errors';
import { countViolation } from './rules';

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
}

/** Warns now when a use exceeds its default quota. */
export function warnAdjustableQuota(scope: IConstruct, use: AdjustableQuotaUse): void {
  const violation = countViolation(use.count, use.max, use.what);
  if (violation !== undefined) {
    warn(scope, use.id, `${use.count} ${use.what} exceeds the default quota (${violation} unless the quota is raised). `
      + 'The quota can be raised for this API (Service Quotas or AWS Support): raise it before deploying, or the deployment fails; '
      + 'acknowledge this warning once it is raised.');
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
