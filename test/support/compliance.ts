/**
 * Compliance checks over a synthesized app in which every acknowledgement is scoped to a path.
 *
 * aws-cdk-lib applies a cfn-guard acknowledgement (`Validations.acknowledge`) to the whole app,
 * so one acknowledged example function would hide the same rule on every Lambda function the
 * library or aws-cdk-lib adds. Here cfn-guard runs with no app-wide acknowledgement at all, and
 * each finding is kept unless a construct on its resource's path carries a matching path-scoped
 * acknowledgement (`acknowledgeRule(construct, 'cdk-validator-cfnguard::rule', reason)`).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { GUARD_ACKNOWLEDGEMENT_METADATA_KEY } from '../../lib/common/compliance';

/** A cfn-guard report as aws-cdk-lib writes it (policy-validation-report.json). */
export interface GuardReport {
  readonly pluginReports: {
    readonly summary: { readonly pluginName: string; readonly status: string };
    readonly violations: { readonly ruleName: string; readonly violatingConstructs: { readonly constructPath?: string }[] }[];
  }[];
}

/** One finding: a rule broken by one resource. */
export interface GuardFinding {
  readonly rule: string;
  readonly constructPath: string;
}

/**
 * A fresh App writing to a temporary folder. The two context keys keep newer aws-cdk-lib
 * versions (2.27x) behaving as 2.257 does, which ignores them: a failed validation does not throw
 * from an in-memory synth, and the report is also written in the legacy format to
 * policy-validation-report.json (the new default file is validation-report.json).
 */
export function freshApp(): App {
  return new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-api-gateways-compliance-')),
    context: {
      '@aws-cdk/core:failSynthOnValidationErrors': false,
      '@aws-cdk/core:validationReportJson': true,
    },
  });
}

/** Path-scoped cfn-guard acknowledgements in the tree: rule → construct paths. */
export function guardAcknowledgements(root: IConstruct): Map<string, string[]> {
  const acks = new Map<string, string[]>();
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata.filter(m => m.type === GUARD_ACKNOWLEDGEMENT_METADATA_KEY)) {
      const { rule, path: below } = entry.data as { rule: string; path?: string };
      acks.set(rule, [...acks.get(rule) ?? [], below ?? c.node.path]);
    }
  }
  return acks;
}

/** Whether a finding sits on or below a construct that acknowledged its rule. */
export function isAcknowledged(finding: GuardFinding, acks: Map<string, string[]>): boolean {
  return (acks.get(finding.rule) ?? []).some(p => finding.constructPath === p || finding.constructPath.startsWith(`${p}/`));
}

/**
 * Synthesizes `app` with cfn-guard's Control Tower rules and returns every finding. App-wide
 * cfn-guard acknowledgements are refused (they would hide findings on library resources). With
 * aws-cdk-lib 2.257 a failed policy validation does not throw: it prints the report, writes it as
 * policy-validation-report.json and sets process.exitCode, which is restored here.
 */
export function synthWithCfnGuard(app: App): { stackNames: string[]; findings: GuardFinding[]; report: GuardReport } {
  const appWide = app.node.findAll().flatMap(c => c.node.metadata)
    .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(m => Object.keys(m.data as object))
    .filter(id => id.startsWith('cdk-validator-cfnguard::'));
  if (appWide.length > 0) {
    throw new Error(`app-wide cfn-guard acknowledgements hide library findings; acknowledge by path with acknowledgeRule instead: ${appWide.join(', ')}`);
  }
  Validations.of(app).addPlugins(new CfnGuardValidator());
  const exitCode = process.exitCode;
  const consoleError = console.error;
  console.error = () => undefined;
  try {
    process.exitCode = 0;
    const assembly = app.synth();
    // Written whenever a plugin ran; it lists only the plugins that failed or found something.
    const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'policy-validation-report.json'), 'utf8')) as GuardReport;
    const findings = report.pluginReports.flatMap(p => p.violations).flatMap(v =>
      v.violatingConstructs.map(c => ({ rule: v.ruleName, constructPath: c.constructPath ?? '(no path)' })));
    return { stackNames: assembly.stacks.map(s => s.stackName), findings, report };
  } finally {
    console.error = consoleError;
    process.exitCode = exitCode;
  }
}

/** The findings no path-scoped acknowledgement covers, one line each. */
export function unacknowledgedGuardFindings(app: App): { stackNames: string[]; lines: string[]; findings: GuardFinding[] } {
  const { stackNames, findings } = synthWithCfnGuard(app);
  const acks = guardAcknowledgements(app);
  const lines = findings.filter(f => !isAcknowledged(f, acks)).map(f => `${f.rule}: ${f.constructPath}`).sort();
  return { stackNames, lines, findings };
}
