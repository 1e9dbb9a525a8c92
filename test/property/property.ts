/**
 * The property every generated configuration must hold: synthesis either throws a
 * GatewayValidationError naming path, prop and value (directly, or as the library's own synth-time
 * validation), or produces templates that pass the ordering check, cfn-lint (errors; batched over
 * many apps: lintTemplates) and, for a sample, the compliance check on library resources.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GatewayValidationError } from '../../lib';
import { unacknowledgedGuardFindings } from '../support/compliance';
import { orderingViolations } from '../support/ordering';
import { appCode, buildApp, stackName } from './build';
import { AppSpec, isTagged, Spec } from './spec';

/** The message shape of every GatewayValidationError. */
export const GATEWAY_ERROR = /^\S[^\n]*?: [^\n]+ = [\s\S]* is invalid: [\s\S]+$/;

/** What a configuration came to, when the property holds. */
export type Outcome =
  | { readonly kind: 'rejected'; readonly message: string }
  | { readonly kind: 'synthesized'; readonly templates: string[] };

/** A configuration for which the property does not hold. */
export class PropertyViolation extends Error {
  constructor(public readonly reason: string, public readonly spec: AppSpec) {
    super(`${reason}\n\nReproduce with:\n${appCode(spec)}\n`);
    this.name = 'PropertyViolation';
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.constructor?.name ?? e.name}: ${e.message}` : `thrown non-error ${String(e)}`;
}

/** Whether aws-cdk-lib's "Validation failed" error lists only our gateways' own validations. */
function onlyGatewayValidations(message: string, spec: AppSpec): boolean {
  if (!message.startsWith('Validation failed with the following errors:')) return false;
  const gateways = spec.gateways.map(g => `${stackName(g)}/Gateway`);
  const lines = message.split('\n').slice(1).filter(l => l.trim().startsWith('['));
  return lines.length > 0 && lines.every(l => {
    const m = /^\s*\[([^\]]+)\] (.*)$/.exec(l);
    // The gateway's own model checks (rules 6 and 60): the message names the gateway or a construct in it.
    return m !== null && gateways.includes(m[1]) && (m[2].startsWith(`${m[1]}: `) || m[2].startsWith(`${m[1]}/`));
  });
}

/** Builds and synthesizes one configuration; throws PropertyViolation unless the property holds. */
export function checkApp(spec: AppSpec, outdir: string): Outcome {
  let app;
  try {
    app = buildApp(spec, outdir);
  } catch (e) {
    if (e instanceof GatewayValidationError && GATEWAY_ERROR.test(e.message)) return { kind: 'rejected', message: e.message };
    throw new PropertyViolation(`building the app threw ${describe(e)}`, spec);
  }
  let assembly;
  try {
    assembly = app.synth();
  } catch (e) {
    if (e instanceof GatewayValidationError && GATEWAY_ERROR.test(e.message)) return { kind: 'rejected', message: e.message };
    if (e instanceof Error && onlyGatewayValidations(e.message, spec)) return { kind: 'rejected', message: e.message };
    throw new PropertyViolation(`synthesis threw ${describe(e)}`, spec);
  }
  const ordering = orderingViolations(assembly);
  if (ordering.length > 0) throw new PropertyViolation(`ordering violations:\n${ordering.join('\n')}`, spec);
  const templates = fs.readdirSync(assembly.directory).filter(f => f.endsWith('.template.json')).map(f => path.join(assembly.directory, f));
  return { kind: 'synthesized', templates };
}

/** The checks cfn-lint skips, as scripts/cfn-lint.sh does (W-level only; errors are what count). */
export const IGNORED_CHECKS = ['W3005', 'W3037'];

interface CfnLintMatch { readonly Filename: string; readonly Level: string; readonly Rule: { readonly Id: string }; readonly Message: string; readonly Location?: { readonly Path?: unknown[] } }

/** Runs cfn-lint ONCE over many templates; returns the errors by template file. */
export function lintTemplates(files: string[]): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  if (files.length === 0) return errors;
  let out: string;
  try {
    out = execFileSync('cfn-lint', ['--format', 'json', '--ignore-checks', ...IGNORED_CHECKS, '--', ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    // cfn-lint exits non-zero when it finds anything; its JSON report is on stdout.
    out = (e as { stdout?: string }).stdout ?? '';
    if (!out.trim()) throw e;
  }
  for (const m of JSON.parse(out) as CfnLintMatch[]) {
    if (m.Level !== 'Error') continue;
    const list = errors.get(m.Filename) ?? [];
    list.push(`${m.Rule.Id} ${m.Message} at ${JSON.stringify(m.Location?.Path ?? [])}`);
    errors.set(path.resolve(m.Filename), list);
  }
  return errors;
}

/**
 * Compliance rules a configuration may break on purpose, each with the spec members that opt out
 * of the default that passes it (an explicit choice is the user's to acknowledge, not a defect).
 */
const OPT_OUTS: { [rule: string]: RegExp } = {
  // access logs disabled or sent elsewhere
  ct_apigateway_pr_4_stage_access_logging_check: /^(accessLogs|logGroup|format|enabled)$/,
  api_gw_execution_logging_enabled: /^executionLogLevel$/,
  api_gw_xray_enabled: /^tracing$/,
  api_gw_cache_encrypted: /^(cache|enabled)$/,
  api_gw_v2_authorization_type_configured_check: /^(authorization|defaultAuthorization)$/,
  api_gw_endpoint_type_check: /^endpoint$/,
  cloudwatch_log_group_retention_period_check: /^(retention|logGroup)$/,
  cloudwatch_log_group_encrypted: /^(encryptionKey|logGroup)$/,
};

function members(spec: Spec, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(spec)) spec.forEach(s => members(s, out));
  else if (isTagged(spec)) {
    if (spec.$ === 'call') {
      out.add(spec.method);
      spec.args.forEach(a => members(a, out));
    } else if (spec.$ === 'new') members(spec.props, out);
  } else if (spec !== null && typeof spec === 'object') {
    for (const [k, v] of Object.entries(spec)) {
      out.add(k);
      members(v, out);
    }
  }
  return out;
}

/**
 * cfn-guard findings on library resources (below a gateway) that the configuration did not opt
 * into; for a synthesized configuration only (slow: one cfn-guard run per app).
 */
export function complianceFindings(spec: AppSpec): string[] {
  const app = buildApp(spec, fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-api-gateways-guard-')));
  const { findings } = unacknowledgedGuardFindingsWithLines(app);
  const used = new Set([...members(spec.gateways.map(g => g.props)), ...spec.gateways.flatMap(g => [...members(g.calls.map(c => c.args))])]);
  const gateways = spec.gateways.map(g => `${stackName(g)}/Gateway/`);
  return findings
    .filter(f => gateways.some(g => f.constructPath.startsWith(g)))
    .filter(f => {
      const optOut = Object.entries(OPT_OUTS).find(([rule]) => f.rule.toLowerCase().includes(rule));
      return !(optOut && [...used].some(m => optOut[1].test(m)));
    })
    .map(f => `${f.rule}: ${f.constructPath}`);
}

function unacknowledgedGuardFindingsWithLines(app: ReturnType<typeof buildApp>) {
  const { findings, lines } = unacknowledgedGuardFindings(app);
  return { findings: findings.filter(f => lines.includes(`${f.rule}: ${f.constructPath}`)) };
}
