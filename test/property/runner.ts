/**
 * Runs the property over generated apps: used by the jest test (fixed seed) and by
 * `npm run fuzz` (scripts/fuzz.ts). Synthesis failures are shrunk by fast-check in the run;
 * cfn-lint runs once per batch of synthesized apps, and a configuration it rejects is replayed
 * (same seed and path) and shrunk with cfn-lint in the predicate.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { appArbitrary, loadAssembly } from './jsii-arbitraries';
import { checkApp, complianceFindings, lintTemplates, PropertyViolation } from './property';
import { AppSpec } from './spec';
import { appCode } from './build';

export interface RunOptions {
  readonly runs: number;
  readonly seed: number;
  /** Lint one synthesized app in `lintEvery` (1: all). */
  readonly lintEvery?: number;
  /** Synthesized apps per cfn-lint call. */
  readonly lintBatch?: number;
  /** Run the compliance check on one synthesized app in `complianceEvery` (0: never). */
  readonly complianceEvery?: number;
  readonly progress?: (done: number, stats: RunStats) => void;
}

export interface RunStats {
  runs: number;
  rejected: number;
  synthesized: number;
  linted: number;
  complianceChecked: number;
  seconds: number;
  failures: string[];
  /** Rejection messages by rule text (what the generator exercised). */
  rules: Map<string, number>;
}

function predicateFor(root: string, lint: boolean) {
  let n = 0;
  return (spec: AppSpec): boolean => {
    const outdir = path.join(root, `app-${n++}`);
    try {
      const outcome = checkApp(spec, outdir);
      if (lint && outcome.kind === 'synthesized') {
        const errors = lintTemplates(outcome.templates);
        if (errors.size > 0) throw new PropertyViolation(`cfn-lint errors:\n${[...errors].map(([f, e]) => `${path.basename(f)}: ${e.join('\n  ')}`).join('\n')}`, spec);
      }
      return true;
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  };
}

/** Runs the property; failures are returned (as printable reports), not thrown. */
export function runProperty(options: RunOptions): RunStats {
  const assembly = loadAssembly();
  const valid = appArbitrary(assembly, { invalid: false }).arbitrary;
  const invalid = appArbitrary(assembly, { invalid: true }).arbitrary;
  const arbitrary = fc.oneof(valid, invalid);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-api-gateways-property-'));
  const lintEvery = options.lintEvery ?? 1;
  const lintBatch = options.lintBatch ?? 100;
  const complianceEvery = options.complianceEvery ?? 0;
  const stats: RunStats = { runs: 0, rejected: 0, synthesized: 0, linted: 0, complianceChecked: 0, seconds: 0, failures: [], rules: new Map() };
  const start = Date.now();
  let pending: { index: number; spec: AppSpec; dir: string; templates: string[] }[] = [];

  const flush = () => {
    if (pending.length === 0) return;
    const errors = lintTemplates(pending.flatMap(p => p.templates));
    stats.linted += pending.length;
    for (const p of pending) {
      if (p.templates.some(t => errors.has(t))) {
        // Replay that very run with cfn-lint in the predicate, so fast-check shrinks it.
        const replay = fc.check(fc.property(arbitrary, predicateFor(root, true)), { seed: options.seed, path: String(p.index), numRuns: 1 });
        stats.failures.push(replay.failed && replay.errorInstance instanceof PropertyViolation
          ? replay.errorInstance.message
          : `cfn-lint errors (not reproduced when shrinking):\n${p.templates.flatMap(t => errors.get(t) ?? []).join('\n')}\n\nReproduce with:\n${appCode(p.spec)}`);
      }
      fs.rmSync(p.dir, { recursive: true, force: true });
    }
    pending = [];
  };

  let index = 0;
  let shrinking = false;
  const result = fc.check(fc.property(arbitrary, spec => {
    const i = index++;
    const dir = path.join(root, `run-${i}`);
    if (shrinking) return predicateFor(root, false)(spec);
    let outcome;
    try {
      outcome = checkApp(spec, dir);
    } catch (e) {
      shrinking = true;
      throw e;
    }
    stats.runs++;
    if (outcome.kind === 'rejected') {
      stats.rejected++;
      const rule = outcome.message.replace(/^[\s\S]*? is invalid: /, '').slice(0, 80);
      stats.rules.set(rule, (stats.rules.get(rule) ?? 0) + 1);
      fs.rmSync(dir, { recursive: true, force: true });
    } else {
      stats.synthesized++;
      if (complianceEvery > 0 && stats.synthesized % complianceEvery === 0) {
        stats.complianceChecked++;
        const findings = complianceFindings(spec);
        if (findings.length > 0) throw new PropertyViolation(`compliance findings on library resources:\n${findings.join('\n')}`, spec);
      }
      if (stats.synthesized % lintEvery === 0) {
        pending.push({ index: i, spec, dir, templates: outcome.templates });
        if (pending.length >= lintBatch) flush();
      } else {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    options.progress?.(stats.runs, stats);
    return true;
  }), { seed: options.seed, numRuns: options.runs, endOnFailure: false });
  if (result.failed) {
    stats.failures.push(result.errorInstance instanceof PropertyViolation
      ? result.errorInstance.message
      : `${String(result.errorInstance)}\n\nReproduce with:\n${result.counterexample ? appCode(result.counterexample[0] as AppSpec) : '(no counterexample)'}`);
  }
  flush();
  fs.rmSync(root, { recursive: true, force: true });
  stats.seconds = (Date.now() - start) / 1000;
  return stats;
}
