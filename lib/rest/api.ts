/**
 * The aws-cdk-lib RestApi a RestGateway renders: endpoint type, resource policy (a private API's
 * admits only its VPC endpoints), the first stage as the deployment stage, CORS preflights.
 */
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { EndpointKind, GatewayEndpoint } from '../common/endpoint';
import { restCorsPreflight } from './cors';
import { privateApiPolicyStatements, resolvePrivateEndpoints } from './private-endpoint';
import { RestGatewayProps } from './props';

/** The API a RestGateway made, with its resource policy and (private APIs) VPC endpoints. */
export interface RenderedRestApi {
  readonly restApi: apigateway.RestApi;
  readonly policy?: iam.PolicyDocument;
  readonly vpcEndpoints: ec2.IInterfaceVpcEndpoint[];
}

/** Makes the RestApi of a gateway; `deployOptions` makes the first stage's options (after the endpoint's constructs). */
export function renderRestApi(scope: Construct, id: string, props: RestGatewayProps, endpoint: GatewayEndpoint,
  deployOptions: () => apigateway.StageOptions): RenderedRestApi {
  const policyStatements = [...props.policyStatements ?? []];
  let vpcEndpoints: ec2.IInterfaceVpcEndpoint[] = [];
  let vpcEndpointIds: string[] | undefined;
  if (endpoint.kind === EndpointKind.PRIVATE) {
    vpcEndpoints = resolvePrivateEndpoints(scope, 'endpoint', endpoint.privateOptions ?? {});
    vpcEndpointIds = vpcEndpoints.map(e => e.vpcEndpointId);
    policyStatements.unshift(...privateApiPolicyStatements(vpcEndpointIds));
  }
  const policy = policyStatements.length > 0 ? new iam.PolicyDocument({ statements: policyStatements }) : undefined;

  const restApi = new apigateway.RestApi(scope, 'RestApi', {
    restApiName: props.apiName ?? id,
    description: props.description,
    endpointConfiguration: {
      types: [endpoint.kind === EndpointKind.EDGE ? apigateway.EndpointType.EDGE
        : endpoint.kind === EndpointKind.PRIVATE ? apigateway.EndpointType.PRIVATE : apigateway.EndpointType.REGIONAL],
      vpcEndpoints: undefined,
      // Rendered only when chosen, so that templates without it stay as they were.
      ipAddressType: props.ipAddressType as string as apigateway.IpAddressType | undefined,
    },
    policy,
    binaryMediaTypes: props.binaryMediaTypes,
    minCompressionSize: props.minCompressionSize,
    disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
    apiKeySourceType: props.apiKeySource,
    // The account-level CloudWatch role is one per account and region: never made per API.
    cloudWatchRole: false,
    deploy: true,
    retainDeployments: false,
    deployOptions: deployOptions(),
    defaultCorsPreflightOptions: restCorsPreflight(props.cors),
  });
  if (vpcEndpointIds) {
    // aws-cdk-lib renders vpcEndpointIds only for PRIVATE; set them on the L1 directly so the
    // endpoint list stays the one the policy uses.
    (restApi.node.defaultChild as apigateway.CfnRestApi).endpointConfiguration = {
      types: ['PRIVATE'],
      vpcEndpointIds,
      ipAddressType: props.ipAddressType,
    };
  }
  return { restApi, policy, vpcEndpoints };
}
