import { Match, Template } from 'aws-cdk-lib/assertions';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RestGateway, RestIntegration } from '../../lib';
import { aliasSetup } from '../support/fixtures';

const setup = aliasSetup;

function permissionsFor(template: Template, aliasLogicalId: string) {
  return Object.values(template.findResources('AWS::Lambda::Permission', {
    Properties: { FunctionName: { Ref: aliasLogicalId } },
  }));
}

describe('stage variables bound to Lambda aliases', () => {
  test('each stage sets the variable to its alias name and the integration uses it', () => {
    // GIVEN
    const { stack, fn, dev, prod } = setup();
    // WHEN
    const api = new RestGateway(stack, 'Api', {
      stages: [{ stageName: 'dev', lambdaAliases: { lambdaAlias: dev } }, { stageName: 'prod', lambdaAliases: { lambdaAlias: prod } }],
    });
    api.addRoute('GET /orders', RestIntegration.lambdaAlias(fn));
    api.addRoute('POST /orders', RestIntegration.lambdaAlias(fn));
    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'dev', Variables: { lambdaAlias: 'dev' } });
    t.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod', Variables: { lambdaAlias: 'prod' } });
    t.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: {
        Type: 'AWS_PROXY',
        Uri: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':\\$\\{stageVariables\\.lambdaAlias\\}/invocations$')])] },
      },
    });
  });

  test('one permission per (alias, stage), scoped to that stage: no stage can invoke another stage\'s alias', () => {
    const { stack, fn, dev, prod } = setup();
    const api = new RestGateway(stack, 'Api', {
      stages: [{ stageName: 'dev', lambdaAliases: { lambdaAlias: dev } }, { stageName: 'prod', lambdaAliases: { lambdaAlias: prod } }],
    });
    for (const key of ['GET /a', 'GET /b', 'POST /c', 'DELETE /c/{id}']) {
      api.addRoute(key, RestIntegration.lambdaAlias(fn));
    }
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Lambda::Permission', 2);
    const devPerms = permissionsFor(t, stack.getLogicalId(dev.node.defaultChild as lambda.CfnAlias));
    const prodPerms = permissionsFor(t, stack.getLogicalId(prod.node.defaultChild as lambda.CfnAlias));
    expect(devPerms).toHaveLength(1);
    expect(prodPerms).toHaveLength(1);
    expect(JSON.stringify(devPerms[0].Properties.SourceArn)).toContain('/dev/*/*');
    expect(JSON.stringify(prodPerms[0].Properties.SourceArn)).toContain('/prod/*/*');
    expect(devPerms[0].Properties.SourceAccount).toBe('123456789012');
  });

  test('a stage that does not define the variable a route uses is an error', () => {
    const { stack, fn, dev } = setup();
    const api = new RestGateway(stack, 'Api', {
      stages: [{ stageName: 'dev', lambdaAliases: { lambdaAlias: dev } }, { stageName: 'prod' }],
    });
    expect(() => api.addRoute('GET /orders', RestIntegration.lambdaAlias(fn)))
      .toThrow(/Stack\/Api: stages 'prod'.lambdaAliases = \[\] is invalid: stage 'prod' does not define the stage variable 'lambdaAlias' that route 'GET \/orders' uses/);
  });

  test('an alias of another function is an error', () => {
    const { stack, fn, dev } = setup();
    const other = new lambda.Function(stack, 'Other', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
    const otherAlias = new lambda.Alias(stack, 'OtherAlias', { aliasName: 'live', version: other.currentVersion });
    const api = new RestGateway(stack, 'Api', {
      stages: [{ stageName: 'dev', lambdaAliases: { lambdaAlias: dev } }, { stageName: 'prod', lambdaAliases: { lambdaAlias: otherAlias } }],
    });
    expect(() => api.addRoute('GET /orders', RestIntegration.lambdaAlias(fn)))
      .toThrow(/stages 'prod'.lambdaAliases.lambdaAlias = "live" is invalid: the alias belongs to function Stack\/Other, but route 'GET \/orders' invokes Stack\/Fn/);
  });

  test('a variable set both in variables and lambdaAliases is an error', () => {
    const { stack, dev } = setup();
    expect(() => new RestGateway(stack, 'Api', {
      stages: [{ stageName: 'dev', variables: { lambdaAlias: 'x' }, lambdaAliases: { lambdaAlias: dev } }],
    })).toThrow(/either in variables or in lambdaAliases, not both/);
  });

  test('an invalid stage-variable name in lambdaAliases is an error', () => {
    const { stack, dev } = setup();
    expect(() => new RestGateway(stack, 'Api', {
      stages: [{ stageName: 'dev', lambdaAliases: { 'my-alias': dev } }],
    })).toThrow(/lambdaAliases = "my-alias" is invalid: a stage variable name/);
  });

  test('a plain stage variable naming the alias is granted on the qualified function ARN', () => {
    const { stack, fn } = setup();
    const api = new RestGateway(stack, 'Api', { stages: [{ stageName: 'dev', variables: { lambdaAlias: 'blue' } }] });
    api.addRoute('GET /orders', RestIntegration.lambdaAlias(fn));
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Lambda::Permission', 1);
    t.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] }, ':blue']] },
    });
  });

  test('aliasTrafficShifting creates a CodeDeploy deployment group per alias', () => {
    const { stack, fn, prod } = setup();
    const api = new RestGateway(stack, 'Api', {
      stages: [{
        stageName: 'prod',
        lambdaAliases: { lambdaAlias: prod },
        aliasTrafficShifting: { deploymentConfig: codedeploy.LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE },
      }],
    });
    api.addRoute('GET /orders', RestIntegration.lambdaAlias(fn));
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::CodeDeploy::DeploymentGroup', 1);
    t.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
    });
    t.hasResource('AWS::Lambda::Alias', { UpdatePolicy: { CodeDeployLambdaAliasUpdate: Match.anyValue() } });
  });

  test('aliasTrafficShifting without aliases is an error', () => {
    const { stack } = setup();
    expect(() => new RestGateway(stack, 'Api', { stages: [{ stageName: 'prod', aliasTrafficShifting: {} }] }))
      .toThrow(/aliasTrafficShifting = "no lambdaAliases" is invalid/);
  });

  test('an imported alias cannot be traffic-shifted', () => {
    const { stack, fn } = setup();
    const imported = lambda.Alias.fromAliasAttributes(stack, 'Imported', { aliasName: 'live', aliasVersion: fn.currentVersion });
    expect(() => new RestGateway(stack, 'Api', {
      stages: [{ stageName: 'prod', lambdaAliases: { lambdaAlias: imported }, aliasTrafficShifting: {} }],
    })).toThrow(/needs an alias defined in this app/);
  });
});

describe('canary', () => {
  test('maps percent, alias overrides and cache use to the stage CanarySetting', () => {
    const { stack, fn, prod, next } = setup();
    const api = new RestGateway(stack, 'Api', {
      stages: [{
        stageName: 'prod',
        lambdaAliases: { lambdaAlias: prod },
        canary: { percentTraffic: 5, lambdaAliases: { lambdaAlias: next }, variables: { featureFlag: 'on' }, useStageCache: true },
      }],
    });
    api.addRoute('GET /orders', RestIntegration.lambdaAlias(fn));
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      Variables: { lambdaAlias: 'prod' },
      CanarySetting: {
        PercentTraffic: 5,
        StageVariableOverrides: { lambdaAlias: 'next', featureFlag: 'on' },
        UseStageCache: true,
        DeploymentId: { Ref: Match.stringLikeRegexp('^ApiRestApiDeployment') },
      },
    });
    // the stage's alias and the canary's alias, each once for the stage
    t.resourceCountIs('AWS::Lambda::Permission', 2);
    expect(permissionsFor(t, stack.getLogicalId(next.node.defaultChild as lambda.CfnAlias))).toHaveLength(1);
  });

  test('removing the canary leaves a 0 % canary setting, so the removal reaches the stage (aws-cdk #33901)', () => {
    const { stack } = setup();
    const api = new RestGateway(stack, 'Api', { stages: [{ stageName: 'prod' }] });
    api.addRoute('GET /health', RestIntegration.mock());
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      CanarySetting: { PercentTraffic: 0, UseStageCache: false, StageVariableOverrides: Match.absent() },
    });
  });

  test.each([-0.1, 100.5])('percentTraffic %d is rejected', percent => {
    const { stack } = setup();
    expect(() => new RestGateway(stack, 'Api', { stages: [{ stageName: 'prod', canary: { percentTraffic: percent } }] }))
      .toThrow(new RegExp(`stages\\[0\\].canary.percentTraffic = ${percent} is invalid: percentTraffic is a number from 0.0 to 100.0`));
  });

  test('canary override names must be letters and digits', () => {
    const { stack, next } = setup();
    expect(() => new RestGateway(stack, 'Api', {
      stages: [{ stageName: 'prod', canary: { percentTraffic: 5, lambdaAliases: { lambda_alias: next } } }],
    })).toThrow(/canary stage-variable override = "lambda_alias" is invalid: a canary stage-variable override name is letters and digits only/);
  });

  test('a canary alias of another function is an error', () => {
    const { stack, fn, prod } = setup();
    const other = new lambda.Function(stack, 'Other', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
    const otherAlias = new lambda.Alias(stack, 'OtherAlias', { aliasName: 'v2', version: other.currentVersion });
    const api = new RestGateway(stack, 'Api', {
      stages: [{ stageName: 'prod', lambdaAliases: { lambdaAlias: prod }, canary: { percentTraffic: 5, lambdaAliases: { lambdaAlias: otherAlias } } }],
    });
    expect(() => api.addRoute('GET /orders', RestIntegration.lambdaAlias(fn))).toThrow(/canary.lambdaAliases.lambdaAlias = "v2" is invalid: the alias belongs to function Stack\/Other/);
  });
});

describe('stage variables used by integration URIs (rule 6)', () => {
  test('every stage must define a variable an HTTP integration URL uses', () => {
    const { stack } = setup();
    const api = new RestGateway(stack, 'Api', {
      stages: [{ stageName: 'dev', variables: { backend: 'dev.example.com' } }, { stageName: 'prod' }],
    });
    api.addRoute('GET /orders', RestIntegration.http('https://${stageVariables.backend}/orders'));
    expect(() => Template.fromStack(stack))
      .toThrow(/Stack\/Api\/RestApi\/Default\/orders\/GET\/Resource: the integration URI uses \$\{stageVariables.backend\}, which stage 'prod' does not define/);
  });

  test('defined on every stage, it synthesizes with the variable in the URI', () => {
    const { stack } = setup();
    const api = new RestGateway(stack, 'Api', {
      stages: [{ stageName: 'dev', variables: { backend: 'dev.example.com' } }, { stageName: 'prod', variables: { backend: 'example.com' } }],
    });
    api.addRoute('GET /orders', RestIntegration.http('https://${stageVariables.backend}/orders'));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: { Uri: 'https://${stageVariables.backend}/orders' },
    });
  });
});
