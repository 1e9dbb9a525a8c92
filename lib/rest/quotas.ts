/** REST quotas (rule 14): the fixed ones fail, those an account can raise warn (see common/quotas.ts). */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AdjustableQuotaUse } from '../common/quotas';
import { MAX_RESOURCE_POLICY_CHARS } from './private-endpoint';

export const MAX_REST_STAGES = 10;
export const MAX_REST_AUTHORIZERS = 10;
export const MAX_REST_RESOURCES = 300;

/** What a REST API uses of the quotas an account can raise. */
export function restAdjustableQuotaUses(scope: Construct, authorizerCount: number,
  policy: iam.PolicyDocument | undefined, resourcesOutsideGateway: number): AdjustableQuotaUse[] {
  return [
    { id: 'authorizersQuota', what: 'authorizers per REST API', count: authorizerCount, max: MAX_REST_AUTHORIZERS, quota: 'authorizersPerApi' },
    {
      id: 'resourcesQuota',
      quota: 'resourcesPerApi',
      what: 'resources (paths) per REST API',
      // The API's resources: under its root, in the gateway's nested route stacks, and those routes made in their `scope`.
      count: scope.node.findAll().filter(c => c instanceof apigateway.Resource).length + resourcesOutsideGateway,
      max: MAX_REST_RESOURCES,
    },
    {
      id: 'resourcePolicyQuota',
      quota: 'resourcePolicyCharacters',
      what: 'characters of REST API resource policy',
      count: policy ? JSON.stringify(Stack.of(scope).resolve(policy.toJSON())).length : 0,
      max: MAX_RESOURCE_POLICY_CHARS,
    },
  ];
}
