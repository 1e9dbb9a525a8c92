import { Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { GatewayCompliance, GatewayEndpoint, GatewayLogEncryption, RestGateway, RestIntegration } from '../lib';
import { exampleFunction, exampleWebAcl } from './stacks';
import { monitor } from './operations';

/**
 * A private REST API, reachable only through an `execute-api` interface endpoint in its VPC and
 * through a private custom domain (orders.internal.example.com/v1):
 * `GET /orders` runs a Lambda function, `GET /inventory/{sku}` goes through a VPC link to an
 * internal Network Load Balancer in front of a backend at a private address, over TLS.
 *
 * Replace the hosted zone, the backend host name and the backend address with yours.
 */
export class PrivateApiStack extends Stack {
  public readonly gateway: RestGateway;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // No public subnets and no NAT: clients and backends are inside the VPC. Flow logs go to a
    // log group kept a year, encrypted with a key that only log services may use.
    // The library's log key (rotation on, usable by CloudWatch Logs, grants only for AWS services).
    const logsKey = GatewayLogEncryption.keyFor(this);
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.20.0.0/16'),
      // Explicit zones of the example's region (eu-west-1): `maxAzs` would look the zones up in
      // the account, which `cdk synth` cannot do without credentials.
      availabilityZones: [`${this.region}a`, `${this.region}b`],
      natGateways: 0,
      subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      flowLogs: {
        all: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(this, 'FlowLogs', {
            retention: logs.RetentionDays.ONE_YEAR,
            encryptionKey: logsKey,
            removalPolicy: RemovalPolicy.RETAIN,
          })),
          trafficType: ec2.FlowLogTrafficType.ALL,
        },
      },
    });

    // The backend: an internal NLB with a TLS listener (the certificate covers the name API
    // Gateway calls and verifies) forwarding to a service at a private address.
    const backendName = 'inventory.example.com';
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'example.com' });
    const certificate = new acm.Certificate(this, 'BackendCertificate', {
      domainName: backendName,
      validation: acm.CertificateValidation.fromDns(zone),
    });
    // Load balancer access logs: in a bucket encrypted with the same key, versioned and locked,
    // ACLs off, object events to EventBridge (set on the L1: the L2 uses a custom resource).
    logsKey.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowLoadBalancerLogDelivery',
      principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
    }));
    const accessLogs = new s3.Bucket(this, 'LoadBalancerLogs', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: logsKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (accessLogs.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    const noServerAccessLogs = 'This bucket holds access logs; logging access to it would need another log bucket, and S3 server '
      + 'access logs cannot be delivered to a bucket encrypted with a KMS key (which Control Tower CT.S3.PR.10 requires). '
      + 'Audit it with CloudTrail data events.';
    GatewayCompliance.acknowledgeRule(accessLogs, 'AwsSolutions-S1', noServerAccessLogs);
    GatewayCompliance.acknowledgeRule(accessLogs, 'cdk-validator-cfnguard::s3_bucket_logging_enabled_check', noServerAccessLogs);
    const nlb = new elbv2.NetworkLoadBalancer(this, 'Backend', {
      vpc,
      internetFacing: false,
      crossZoneEnabled: true,
      deletionProtection: true,
    });
    nlb.logAccessLogs(accessLogs, 'inventory-nlb');
    nlb.addListener('Tls', {
      port: 443,
      protocol: elbv2.Protocol.TLS,
      certificates: [elbv2.ListenerCertificate.fromCertificateManager(certificate)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      defaultTargetGroups: [new elbv2.NetworkTargetGroup(this, 'Inventory', {
        vpc,
        port: 8443,
        protocol: elbv2.Protocol.TLS,
        targetType: elbv2.TargetType.IP,
        targets: [new targets.IpTarget('10.20.0.10')],
      })],
    });

    const orders = exampleFunction(this, 'OrdersFunction');
    const webAcl = exampleWebAcl(this, 'WebAcl');
    this.gateway = new RestGateway(this, 'PrivateOrders', {
      description: 'Orders API, reachable only from the VPC',
      endpoint: GatewayEndpoint.privateEndpoint({ vpc }),
      stages: [{ stageName: 'prod', webAclArn: webAcl.attrArn }],
      // A private custom domain: DomainNameV2 reachable only through the VPC endpoint, with an
      // alias record in a private zone of the VPC. Its certificate is a public ACM one in this
      // region, validated through the public zone.
      domain: {
        domainName: 'orders.internal.example.com',
        certificate: new acm.Certificate(this, 'PrivateDomainCertificate', {
          domainName: 'orders.internal.example.com',
          validation: acm.CertificateValidation.fromDns(zone),
        }),
        hostedZone: new route53.PrivateHostedZone(this, 'InternalZone', { zoneName: 'internal.example.com', vpc }),
        basePath: 'v1',
      },
    });
    this.gateway.addRoute('GET /orders', RestIntegration.lambdaFunction(orders));
    this.gateway.addRoute('GET /inventory/{sku}', RestIntegration.nlb(nlb, { secureServerName: backendName }));
    monitor(this.gateway);
  }
}
