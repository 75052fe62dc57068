#!/usr/bin/env bash
# Generate API.md against the dependencies this package declares at their floor.
#
# jsii-docgen reads every .jsii under the project and picks, for each dependency, the newest version
# that matches its range: projen's own, newer copy of `constructs` then documents members (such as
# `with(...mixins)`) that our floor (constructs 10.0.5) does not have. Here it sees only our
# assembly and the top-level node_modules copies of aws-cdk-lib and constructs, which are the floor.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/api-md.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cp "$root/package.json" "$root/.jsii" "$work/"
mkdir "$work/node_modules"
for dependency in aws-cdk-lib constructs; do
  ln -s "$root/node_modules/$dependency" "$work/node_modules/$dependency"
done
cd "$work"
"$root/node_modules/.bin/jsii-docgen" -o "$root/API.md"
