#!/usr/bin/env bash
# Compares the public API in the current jsii assembly (.jsii, from `npm run build`) with the one
# built from a git ref, using jsii-diff, and fails on breaking changes.
#
#   npm run api:diff                              # against the last commit on main that touched lib/
#   npm run api:diff -- v0.1.0                    # against a release tag (run this before a release)
#   npm run api:diff -- v0.1.0 --allow-breaking   # print breaking changes but exit 0 (0.x releases
#                                                 # may break; list each in CHANGELOG.md)
#
# The package is not on npm yet, so the previous API is built from git: the ref's files are
# exported with `git archive` into a temporary folder (the repository and its work tree are not
# touched), node_modules is symlinked from this checkout, and `jsii` compiles it. The library's
# stability is "experimental", which jsii-diff ignores by default; `--error-on all` counts every
# API. Not part of `npm test`: it is a second jsii build (about a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

ref=""
allow_breaking=0
for arg in "$@"; do
  case "$arg" in
    --allow-breaking) allow_breaking=1 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "api-diff: unknown option $arg" >&2; exit 2 ;;
    *) [ -z "$ref" ] || { echo "api-diff: one git ref only" >&2; exit 2; }; ref=$arg ;;
  esac
done
if [ -z "$ref" ]; then
  base=main
  git rev-parse --verify -q main >/dev/null || base=HEAD
  ref=$(git log -1 --format=%H "$base" -- lib/)
  [ -n "$ref" ] || { echo "api-diff: no commit on $base touches lib/; name a git ref" >&2; exit 2; }
fi
commit=$(git rev-parse --verify -q "$ref^{commit}") || { echo "api-diff: unknown git ref '$ref'" >&2; exit 2; }

if [ ! -x node_modules/.bin/jsii-diff ]; then
  echo "api-diff: jsii-diff is not installed; run 'npm ci'" >&2
  exit 1
fi
if [ ! -f .jsii ]; then
  echo "api-diff: no .jsii assembly; run 'npm run build' first" >&2
  exit 1
fi
if [ -n "$(find lib -newer .jsii -type f -print -quit)" ]; then
  echo "api-diff: lib/ changed after the last build; run 'npm run build' first" >&2
  exit 1
fi

old=$(mktemp -d /tmp/cdk-api-gateways-api-diff-XXXXXX)
trap 'rm -rf "$old"' EXIT
echo "api-diff: building the assembly of $ref ($(git log -1 --format='%h %s' "$commit" | cut -c1-80))"
git archive "$commit" | tar -x -C "$old"
ln -s "$root/node_modules" "$old/node_modules"
if ! (cd "$old" && "$root/node_modules/.bin/jsii" --generate-tsconfig tsconfig.jsii.json --silence-warnings=reserved-word >"$old/.jsii-build.log" 2>&1); then
  cat "$old/.jsii-build.log" >&2
  echo "api-diff: the jsii build of $ref failed (with this checkout's node_modules)" >&2
  exit 1
fi

echo "api-diff: comparing $ref with the current .jsii"
set +e
"$root/node_modules/.bin/jsii-diff" --error-on all --keys "$old" "$root"
status=$?
set -e
if [ "$status" -eq 0 ]; then
  echo "api-diff: no breaking API changes since $ref"
elif [ "$allow_breaking" -eq 1 ]; then
  echo "api-diff: breaking API changes since $ref (allowed by --allow-breaking: list them in CHANGELOG.md)"
  status=0
else
  echo "api-diff: breaking API changes since $ref (list them in CHANGELOG.md and rerun with --allow-breaking for a 0.x release)" >&2
fi
exit "$status"
