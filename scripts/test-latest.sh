#!/usr/bin/env bash
# Tests the library against another aws-cdk-lib 2.x than the one the lock file pins (2.257.0, the
# bottom of the peer range): the newest by default (`npm run test:latest`), or a given version
# (`npm run test:latest -- 2.252.0`). Users install the newest 2.x, so run it before a release and
# when widening the peer range. Not part of `npm test` (a fresh `npm ci` and a full build: minutes).
#
# In a temporary copy of the repository (the work tree and the committed package-lock.json are
# never touched): `npm ci`, `npm install --no-save aws-cdk-lib@<version>`, the jsii build, `tsc`,
# `cdk synth` of the example app and `jest --ci`. The first failing step does not stop the others;
# the script exits non-zero if any failed.
#
# `npm run integ` is skipped: @aws-cdk/integ-runner 2.197 reads cloud assemblies up to schema 53
# and newer aws-cdk-lib versions write a newer schema (2.276 writes 55), so it fails on every
# snapshot for that reason alone. The integ apps are still type-checked (`tsc -p tsconfig.json`).
#
# Environment: KEEP=1 keeps the temporary copy (its path is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=${1:-latest}

work=$(mktemp -d /tmp/cdk-api-gateways-cdk-XXXXXX)
if [ "${KEEP:-0}" != 1 ]; then
  trap 'rm -rf "$work"' EXIT
fi
echo "test-latest: copying the repository to $work"
tar -C "$root" --exclude=./node_modules --exclude=./cdk.out --exclude=./.git -cf - . | tar -C "$work" -xf -
cd "$work"

step() { echo; echo "test-latest: == $* =="; }

step "npm ci"
npm ci --no-audit --no-fund --loglevel=error
step "npm install --no-save aws-cdk-lib@$version"
npm install --no-save --no-audit --no-fund --loglevel=error "aws-cdk-lib@$version"
installed=$(node -p "require('aws-cdk-lib/package.json').version")
echo "test-latest: aws-cdk-lib $installed (the lock file pins $(node -p "require('$root/package-lock.json').packages['node_modules/aws-cdk-lib'].version"))"
# A version below the peer range's floor (trying a wider range): jsii refuses to build against a
# version outside the declared range, so the copy's range becomes ^<version>.
node -e "
  const fs = require('fs'); const semver = require('semver');
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const range = pkg.peerDependencies['aws-cdk-lib'];
  if (!semver.satisfies('$installed', range)) {
    pkg.peerDependencies['aws-cdk-lib'] = '^$installed';
    fs.writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\\n');
    console.log('test-latest: $installed is outside the peer range ' + range + '; the copy declares ^$installed');
  }"

fail=()
run() {
  local name=$1; shift
  step "$name"
  if "$@"; then echo "test-latest: $name passed"; else echo "test-latest: $name FAILED"; fail+=("$name"); fi
}
run build npm run -s build
run typecheck npx tsc -p tsconfig.json
run synth npx cdk synth --quiet
run jest npx jest --ci
echo
echo "test-latest: integ skipped (integ-runner 2.197 reads cloud assemblies up to schema 53)"
if [ ${#fail[@]} -gt 0 ]; then
  echo "test-latest: aws-cdk-lib $installed: FAILED: ${fail[*]}"
  exit 1
fi
echo "test-latest: aws-cdk-lib $installed: build, typecheck, synth and jest passed"
