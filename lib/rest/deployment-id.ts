/**
 * The REST deployment's logical ID, computed once per synthesis.
 *
 * aws-cdk-lib names a RestApi's latest deployment after a hash of every method, model and
 * authorizer of the API (so that any change redeploys), and recomputes that hash, resolving every
 * method's properties, each time anything resolves the deployment's logical ID: every Ref and
 * DependsOn to it, during reference resolution, template rendering, metadata and the tree file.
 * That was about two thirds of the synth time of a 1,000-route API (issue 14's profile). Once the
 * construct tree is final (after the other aspects), the hash cannot change, so the first value
 * computed after that is kept for the rest of the synthesis. Before that (a test resolving it
 * early), it is computed each time, as aws-cdk-lib does.
 */
import { Aspects, CfnElement, IAspect, Lazy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { IConstruct } from 'constructs';

/** The last aspect to run: after it the tree no longer changes. */
const LAST = Number.MAX_SAFE_INTEGER;

/** Makes the deployment's logical ID a value computed once the tree is final. */
export function computeDeploymentIdOnce(restApi: apigateway.RestApi): void {
  const cfn = restApi.latestDeployment?.node.defaultChild as CfnElement | undefined;
  // The token aws-cdk-lib set with overrideLogicalId (its hash of the API's methods). `logicalId`
  // itself would point back at the override made here. If a later aws-cdk-lib stores it
  // differently, the deployment keeps aws-cdk-lib's own behaviour.
  const hashed = (cfn as unknown as { _logicalIdOverride?: unknown } | undefined)?._logicalIdOverride;
  if (!cfn || typeof hashed !== 'string') return;
  const freeze = new FreezeAfterAspects();
  let cached: string | undefined;
  cfn.overrideLogicalId(Lazy.uncachedString({
    produce: () => {
      if (!freeze.final) return Stack.of(cfn).resolve(hashed);
      cached ??= Stack.of(cfn).resolve(hashed) as string;
      return cached;
    },
  }));
  Aspects.of(cfn).add(freeze, { priority: LAST });
}

class FreezeAfterAspects implements IAspect {
  public final = false;
  public visit(_node: IConstruct): void {
    this.final = true;
  }
}
