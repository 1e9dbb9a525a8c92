import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { HttpAuthorization, HttpGateway, HttpIntegration } from '../../lib';
import { aliasSetup } from '../support/fixtures';

const setup = aliasSetup;

describe('HttpGateway stage variables bound to Lambda aliases', () => {
  test('each stage invokes its own alias with one permission per (alias, stage)', () => {
    const { stack, fn, dev, prod } = setup();
    const api = new HttpGateway(stack, 'Api', {
      stages: [{ stageName: 'dev', lambdaAliases: { lambdaAlias: dev } }, { stageName: 'prod', lambdaAliases: { lambdaAlias: prod } }],
      defaultAuthorization: HttpAuthorization.iam(),
    });
    const integration = HttpIntegration.lambdaAlias(fn);
    api.addRoute('GET /a', integration);
    api.addRoute('POST /b', integration);
    api.addRoute('GET /c', HttpIntegration.lambdaAlias(fn));
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'prod', StageVariables: { lambdaAlias: 'prod' } });
    t.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] }, ':${stageVariables.lambdaAlias}']] },
    });
    t.resourceCountIs('AWS::Lambda::Permission', 2);
    t.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { Ref: Match.stringLikeRegexp('^Dev') },
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/dev/\\*$')])] },
      SourceAccount: '123456789012',
    });
  });

  test('an alias of another function is an error', () => {
    const { stack, fn, dev } = setup();
    const other = new lambda.Function(stack, 'Other', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
    const api = new HttpGateway(stack, 'Api', {
      stages: [{ stageName: 'dev', lambdaAliases: { lambdaAlias: dev } },
        { stageName: 'prod', lambdaAliases: { lambdaAlias: new lambda.Alias(stack, 'OtherLive', { aliasName: 'live', version: other.currentVersion }) } }],
    });
    expect(() => api.addRoute('GET /a', HttpIntegration.lambdaAlias(fn)))
      .toThrow(/Stack\/Api: stages 'prod'.lambdaAliases.lambdaAlias = "live" is invalid: the alias belongs to function Stack\/Other/);
  });

  test('the $default stage can bind an alias too', () => {
    const { stack, fn, prod } = setup();
    const api = new HttpGateway(stack, 'Api', { stages: [{ stageName: '$default', lambdaAliases: { live: prod } }] });
    api.addRoute('GET /a', HttpIntegration.lambdaAlias(fn, { stageVariable: 'live' }));
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', StageVariables: { live: 'prod' } });
    t.resourceCountIs('AWS::Lambda::Permission', 1);
  });
});

describe('HttpGateway alias traffic shifting and stage variables in URIs', () => {
  test('aliasTrafficShifting creates a CodeDeploy deployment group for the stage alias', () => {
    const { stack, fn, prod } = setup();
    const api = new HttpGateway(stack, 'Api', { stages: [{ stageName: 'prod', lambdaAliases: { lambdaAlias: prod }, aliasTrafficShifting: {} }] });
    api.addRoute('GET /a', HttpIntegration.lambdaAlias(fn));
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::CodeDeploy::DeploymentGroup', 1);
    t.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', { DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes' });
  });

  test('a URL stage variable that a stage does not define is a synth error', () => {
    const { stack } = setup();
    const api = new HttpGateway(stack, 'Api', { stages: [{ stageName: 'prod' }] });
    api.addRoute('GET /a', HttpIntegration.http('https://${stageVariables.host}/a'));
    expect(() => Template.fromStack(stack)).toThrow(/the integration URI uses \$\{stageVariables.host\}, which stage 'prod' does not define/);
  });
});
