import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildExampleApp } from '../examples/stacks';

/**
 * Logical IDs are users' uptime: a changed ID replaces a stage, key, plan or domain (an outage, or
 * a new API key value). This pins the IDs of the example app's APIs, stages, keys, plans,
 * plan-key associations, authorizers, domains, mappings, routing rules and log groups. A change here must be
 * deliberate and listed in CHANGELOG.md. (REST deployments are left out on purpose: aws-cdk-lib
 * hashes the API model into their IDs so that every model change is a new deployment.)
 */
const PINNED_TYPES = [
  'AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Stage', 'AWS::ApiGateway::ApiKey', 'AWS::ApiGateway::UsagePlan', 'AWS::ApiGateway::UsagePlanKey',
  'AWS::ApiGateway::DomainName', 'AWS::ApiGateway::DomainNameV2', 'AWS::ApiGateway::BasePathMapping', 'AWS::ApiGateway::BasePathMappingV2',
  'AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::DomainName', 'AWS::ApiGatewayV2::ApiMapping', 'AWS::ApiGateway::Account',
  'AWS::ApiGatewayV2::Authorizer', 'AWS::ApiGateway::Authorizer', 'AWS::Logs::LogGroup', 'AWS::ApiGatewayV2::RoutingRule',
];

const PINNED: { [stack: string]: string[] } = {
  AliasReleaseExample: [
    'AWS::ApiGateway::RestApi OrdersRestApi3760405D',
    'AWS::ApiGateway::Stage OrdersRestApiDeploymentStagedev39805EE5',
    'AWS::ApiGateway::Stage OrdersRestApiDeploymentStageprod0FB821A8',
    'AWS::ApiGateway::Stage OrdersRestApiDeploymentStagetest7A473EC6',
    'AWS::Logs::LogGroup CdkApiGatewaysCanaryBakeHandlerLogs176A9AF4',
    'AWS::Logs::LogGroup OrdersAccessLogsdevE915615B',
    'AWS::Logs::LogGroup OrdersAccessLogsprod68FC16CB',
    'AWS::Logs::LogGroup OrdersAccessLogstestA9F525C5',
  ],
  ApiGatewayAccountLogging: [
    'AWS::ApiGateway::Account ApiGatewayAccountLoggingAccountD34E564E',
  ],
  DomainsExample: [
    'AWS::ApiGateway::BasePathMapping EdgeApiCustomDomainMapDomainsExampleEdgeApiRestApi32BC6B1550D4CADE',
    'AWS::ApiGateway::DomainName EdgeApiCustomDomainCF60AB38',
    'AWS::ApiGateway::RestApi EdgeApiRestApi48821F59',
    'AWS::ApiGateway::RestApi OrdersV1RestApi16B8E46B',
    'AWS::ApiGateway::RestApi OrdersV2RestApiAAFDB493',
    'AWS::ApiGateway::Stage EdgeApiRestApiDeploymentStageprod506EFBAF',
    'AWS::ApiGateway::Stage OrdersV1RestApiDeploymentStageprod5ABADB55',
    'AWS::ApiGateway::Stage OrdersV2RestApiDeploymentStageprod1C48C8F0',
    'AWS::ApiGatewayV2::Api ChatApi86739009',
    'AWS::ApiGatewayV2::Api HttpApi1AA332FB',
    'AWS::ApiGatewayV2::ApiMapping ChatDomainMappingc804a714a3c36e9efd3c48933d0cefdc7124da75dfrootC189FE6D',
    'AWS::ApiGatewayV2::ApiMapping HttpApiDomainMappingc87939e10e2d2a18e7ed0cc8393ad612c923c3ed1aroot9E54A71F',
    'AWS::ApiGatewayV2::ApiMapping OrdersV1DomainMappingc8ed03f0062a27d6b4ae85ade0293ef404956c2c15v1470D85ED',
    'AWS::ApiGatewayV2::ApiMapping OrdersV2DomainMappingc8ed03f0062a27d6b4ae85ade0293ef404956c2c15v240927330',
    'AWS::ApiGatewayV2::DomainName ChatCustomDomainD002F5F6',
    'AWS::ApiGatewayV2::DomainName HttpApiCustomDomain68217DCA',
    'AWS::ApiGatewayV2::DomainName SharedDomain9D8A632D',
    'AWS::ApiGatewayV2::RoutingRule SharedDomainAcceptVersionV28543B869',
    'AWS::ApiGatewayV2::Stage ChatStageprodB77641EC',
    'AWS::ApiGatewayV2::Stage HttpApiStagedefaultF0FD0CCF',
    'AWS::Logs::LogGroup ChatAccessLogsprodFA32D87D',
    'AWS::Logs::LogGroup EdgeApiAccessLogsprod8400D2AB',
    'AWS::Logs::LogGroup HttpApiAccessLogsdefault75B07FF6',
    'AWS::Logs::LogGroup OrdersV1AccessLogsprod9DF32C19',
    'AWS::Logs::LogGroup OrdersV2AccessLogsprod835DA9AB',
  ],
  HttpApiExample: [
    'AWS::ApiGatewayV2::Api OrdersHttpApiB144261E',
    'AWS::ApiGatewayV2::Authorizer OrdersAuthorizersCognitoHttpApiExampleUsers7092979CCF43E313',
    'AWS::ApiGatewayV2::Stage OrdersHttpApiStagedevFBD12CFF',
    'AWS::ApiGatewayV2::Stage OrdersHttpApiStageprod0EC81AF4',
    'AWS::Logs::LogGroup OrdersAccessLogsdevE915615B',
    'AWS::Logs::LogGroup OrdersAccessLogsprod68FC16CB',
  ],
  PrivateApiExample: [
    'AWS::ApiGateway::BasePathMappingV2 PrivateOrdersPrivateCustomDomainMapping1AE15C6E',
    'AWS::ApiGateway::DomainNameV2 PrivateOrdersPrivateCustomDomain20149D8C',
    'AWS::ApiGateway::RestApi PrivateOrdersRestApi0D6088D6',
    'AWS::ApiGateway::Stage PrivateOrdersRestApiDeploymentStageprod64D3F5A0',
    'AWS::Logs::LogGroup FlowLogs16C1943A',
    'AWS::Logs::LogGroup PrivateOrdersAccessLogsprod39F69026',
  ],
  RestApiExample: [
    'AWS::ApiGateway::ApiKey OrdersApiKeyacme233D955B',
    'AWS::ApiGateway::ApiKey OrdersApiKeyglobexE4630398',
    'AWS::ApiGateway::Authorizer OrdersCognitoRestApiExampleUsersA41B6CCA56067599',
    'AWS::ApiGateway::Authorizer OrdersTokenRestApiExampleAuthorizerFunction93AE29DB8DEE68A2',
    'AWS::ApiGateway::RestApi OrdersRestApi3760405D',
    'AWS::ApiGateway::Stage OrdersRestApiDeploymentStagedev39805EE5',
    'AWS::ApiGateway::Stage OrdersRestApiDeploymentStageprod0FB821A8',
    'AWS::ApiGateway::UsagePlan OrdersUsagePlanfreeD6C04674',
    'AWS::ApiGateway::UsagePlan OrdersUsagePlanpartner12D2EC59',
    'AWS::ApiGateway::UsagePlanKey OrdersUsagePlanpartnerKeyacmeC461B176',
    'AWS::ApiGateway::UsagePlanKey OrdersUsagePlanpartnerKeyglobex61462221',
    'AWS::Logs::LogGroup OrdersAccessLogsdevE915615B',
    'AWS::Logs::LogGroup OrdersAccessLogsprod68FC16CB',
  ],
  ContractFirstExample: [
    'AWS::ApiGateway::Authorizer OrdersCognitoContractFirstExampleUsersB208AD74C97BD14C',
    'AWS::ApiGateway::RestApi OrdersRestApi3760405D',
    'AWS::ApiGateway::Stage OrdersRestApiDeploymentStageprod0FB821A8',
    'AWS::Logs::LogGroup OrdersAccessLogsprod68FC16CB',
  ],
  StorageFirstExample: [
    'AWS::ApiGateway::RestApi StorageFirstRestApi36D6EF80',
    'AWS::ApiGateway::Stage StorageFirstRestApiDeploymentStageprod37291485',
    'AWS::Logs::LogGroup QuotesLogsF024043E',
    'AWS::Logs::LogGroup StorageFirstAccessLogsprod97477605',
  ],
  WebSocketApiExample: [
    'AWS::ApiGatewayV2::Api ChatApi86739009',
    'AWS::ApiGatewayV2::Authorizer ChatApiAuthorizerWebSocketApiExampleAuthorizerFunction7ACDF7AA0A89DCFE',
    'AWS::ApiGatewayV2::Stage ChatStagedev42206994',
    'AWS::ApiGatewayV2::Stage ChatStageprodB77641EC',
    'AWS::Logs::LogGroup ChatAccessLogsdevFAEEF81C',
    'AWS::Logs::LogGroup ChatAccessLogsprodFA32D87D',
  ],
};

function pinnedIds(): { [stack: string]: string[] } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-api-gateways-ids-')) });
  buildExampleApp(app);
  const ids: { [stack: string]: string[] } = {};
  for (const stack of app.synth().stacks) {
    const resources = (stack.template.Resources ?? {}) as { [id: string]: { Type: string } };
    const pinned = Object.entries(resources).filter(([, r]) => PINNED_TYPES.includes(r.Type)).map(([id, r]) => `${r.Type} ${id}`).sort();
    if (pinned.length > 0) ids[stack.stackName] = pinned;
  }
  return ids;
}

describe('logical IDs of the example app', () => {
  const actual = pinnedIds();

  test.each(Object.keys(PINNED))('%s keeps the logical IDs of its APIs, stages, keys, plans and domains', stackName => {
    expect(actual[stackName]).toEqual(PINNED[stackName]);
  });

  test('no stack with pinned resources was added or removed', () => {
    expect(Object.keys(actual).sort()).toEqual(Object.keys(PINNED).sort());
  });
});
