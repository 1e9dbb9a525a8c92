#!/usr/bin/env bash
# Lints every CloudFormation template this repository ships or synthesizes with cfn-lint
# (CloudFormation's resource schemas): the example app, synthesized fresh by the README's synth
# command into a temporary folder, and every committed integ snapshot.
#
# Zero errors and zero warnings, except the checks ignored below, each with its reason.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "scripts/cfn-lint.sh: cfn-lint is not installed (it is preinstalled on the project's machines; elsewhere: pip install 'cfn-lint>=1,<2')" >&2
  exit 1
fi

IGNORED=(
  # W3005 "dependency already enforced by a GetAtt/Ref": aws-cdk-lib's lambda.Function adds a
  # DependsOn on its own service role (and the integ-tests-alpha provider does the same); the
  # redundant DependsOn is harmless and not ours to remove.
  W3005
  # W3037 "'invoke' is not one of [lambda actions]": @aws-cdk/integ-tests-alpha's assertion
  # provider grants `lambda:Invoke` in the DeployAssert stacks (test scaffolding, not shipped).
  W3037
)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npx cdk synth --quiet -o "$out/examples" >/dev/null

templates=("$out"/examples/*.template.json integ/*.snapshot/*.template.json)
echo "cfn-lint $(cfn-lint --version | awk '{print $2}') over ${#templates[@]} templates (ignoring ${IGNORED[*]})"
cfn-lint --ignore-checks "${IGNORED[@]}" --template "${templates[@]}"
echo "cfn-lint: no errors, no warnings"
