#!/usr/bin/env bash
# The command as users get it: the npm tarball (which the Python and Java packages embed), unpacked
# as npm installs it, runs its bin, `cdk-s3-access-logs check`, with the yaml it bundles.
#
# Needs lib/ (a jsii compile: `npx projen bindings` or `npx projen compile` first). The package is
# unpacked under dist/ (gitignored), where node finds aws-cdk-lib, its peer dependency, in the
# project's node_modules, and yaml only inside the package.
set -euo pipefail
cd "$(dirname "$0")/../.."

scratch=dist/packed-command
rm -rf "$scratch"
mkdir -p "$scratch/node_modules"
tarball=$(npm pack --silent --pack-destination "$scratch")
package="$scratch/node_modules/cdk-s3-access-logs"
mkdir -p "$package"
tar -xzf "$scratch/$tarball" -C "$package" --strip-components=1

# yaml is the package's own copy, not the project's.
resolved=$(node -e "console.log(require.resolve('yaml', { paths: [process.argv[1]] }))" "$(realpath "$package/lib/cli")")
case "$resolved" in
  "$(realpath "$package")/node_modules/yaml/"*) echo "yaml: bundled ($resolved)" ;;
  *) echo "yaml is not bundled in the package: it resolves to $resolved" >&2; exit 1 ;;
esac

bin=$(node -e "console.log(require(process.argv[1]).bin['cdk-s3-access-logs'])" "$(realpath "$package/package.json")")

# Executable in the tarball itself: jsii's runtime, inside the Python and Java packages, runs it as packed.
mode=$(tar -tvzf "$scratch/$tarball" "package/$bin" | cut -c1-10)
case "$mode" in
  -rwx*) echo "bin: package/$bin is executable in the tarball ($mode)" ;;
  *) echo "package/$bin is not executable in the tarball ($mode): the compile task makes it so" >&2; exit 1 ;;
esac
set +e
node "$package/$bin" check test/cli/fixtures/rules/self-logging.yaml --format json > "$scratch/findings.json"
status=$?
set -e
if [ "$status" -ne 1 ]; then
  echo "the packed command exited with $status over a template with two errors, expected 1" >&2
  exit 1
fi
count=$(node -e "console.log(require(process.argv[1]).findings.length)" "$(realpath "$scratch/findings.json")")
if [ "$count" -ne 2 ]; then
  echo "the packed command found $count findings, expected 2" >&2
  exit 1
fi
echo "packed command: $tarball runs its bin; 2 findings, exit 1, as expected"
