#!/usr/bin/env bash
# Generates the Python, Java, .NET and Go bindings from the jsii assembly (.jsii, written by
# `npm run build`) with `jsii-pacmak --code-only` (offline: no registry is needed), checks that each
# language's sources were written, and compiles the generated Python with py_compile.
# Full pacmak builds (wheels, jars, nupkgs) need registries this project's machines cannot reach.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f .jsii ]; then
  echo "scripts/package-check.sh: no .jsii assembly; run 'npm run build' first" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npx jsii-pacmak --code-only --outdir "$out" . 2>&1 | grep -v '^!!' || true

fail=0
for lang in python java dotnet go; do
  count=$(find "$out/$lang" -type f 2>/dev/null | wc -l)
  if [ "$count" -eq 0 ]; then
    echo "package-check: jsii-pacmak wrote no $lang sources" >&2
    fail=1
  else
    echo "package-check: $lang: $count files"
  fi
done
[ "$fail" -eq 0 ] || exit 1

mapfile -t py < <(find "$out/python" -name '*.py')
python3 -m py_compile "${py[@]}"
echo "package-check: ${#py[@]} generated Python files compile"
grep -q 'class RestGateway' "$out/python/src/cdk_api_gateways/__init__.py"
grep -rq 'class RestGateway' "$out/java"
grep -rq 'class RestGateway' "$out/dotnet"
grep -rq 'type RestGateway interface' "$out/go"
echo "package-check: RestGateway is generated in all four languages"
