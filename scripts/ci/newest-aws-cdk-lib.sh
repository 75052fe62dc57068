#!/usr/bin/env bash
# Run the whole jest suite a second time, against the newest aws-cdk-lib 2.x on the registry.
#
# `npm test` runs against the floor pinned in package.json (the oldest aws-cdk-lib we support); this
# run shows a change in a newer aws-cdk-lib's S3 behaviour before our users hit it.
#
# It works in a scratch copy of the working tree (tracked and untracked files, not ignored ones) with
# a copy of node_modules, into which NEWEST_RUN_PACKAGES are installed with --no-save: the checkout,
# its node_modules and package-lock.json are left as they were. Snapshots are compared, never written.
#
# Two jest runs:
# 1. every test file but test/newest-aws-cdk-lib.test.ts, with CDK_VALIDATION=false. aws-cdk-lib
#    2.262+ validates every template at synth, reporting as warnings only (so it fails nothing here),
#    at about 2 s and 400 MB per jest worker and 4x the suite's time: off for this run.
# 2. test/newest-aws-cdk-lib.test.ts with the validation on, its errors made fatal: it runs that
#    validation over every representative app, which is where it tells us something.
set -euo pipefail

# Packages installed --no-save over the project's own dependencies, for this run only (npm specs,
# aliases allowed, e.g. name@npm:package@range).
NEWEST_RUN_PACKAGES=(
  'aws-cdk-lib@^2'   # the newest 2.x
  'constructs@^10'   # the newest aws-cdk-lib needs a newer constructs (peer dependency ^10.5)
  'cdk-nag-v3@npm:cdk-nag@^3'  # cdk-nag 3 needs aws-cdk-lib >= 2.257; test/validators/cdk-nag.test.ts runs it here
)

phase_started=$SECONDS
phase_done() {
  echo "--- newest-aws-cdk-lib: $1 took $((SECONDS - phase_started)) s"
  phase_started=$SECONDS
}

root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/newest-aws-cdk-lib.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

cd "$root"
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' file; do if [ -e "$file" ]; then printf '%s\0' "$file"; fi; done \
  | xargs -0 cp --parents -t "$scratch"
cp -a node_modules "$scratch/"
phase_done 'scratch copy'

cd "$scratch"
npm install --no-save --no-audit --no-fund --loglevel=error "${NEWEST_RUN_PACKAGES[@]}"
phase_done 'npm install --no-save'

floor="$(node -p "require('$root/node_modules/aws-cdk-lib/package.json').version")"
newest="$(node -p "require('aws-cdk-lib/package.json').version")"
echo "aws-cdk-lib: floor ${floor}, this run ${newest}; constructs $(node -p "require('constructs/package.json').version")"
if [ "$newest" = "$floor" ]; then
  echo "The newest aws-cdk-lib installed is the floor itself: this run would test nothing new." >&2
  exit 1
fi

# The real-world templates are read from ../shared beside the checkout, which the scratch copy is not.
export REALWORLD_TEMPLATES_DIR="$root/../shared/realworld-templates"
# Left out of this run: the tests that read no aws-cdk-lib behaviour (the command's template parser,
# its reports and rule catalog, the npm package's file list); test/cli/cdk-apps.test.ts, which holds the
# command to synth on every CDK app, stays. checkov's test (a checkov start of some 5 s) runs in the
# floor pass only, to keep CI within its time: the metadata it reads is this library's, whatever the
# aws-cdk-lib version. So do the property tests (hundreds of random apps through the rules, whose logic
# is ours; the unit tests hold each front-end to the newest aws-cdk-lib) and the log format's tests.
NOT_AWS_CDK_LIB=(
  '\.property\.test\.ts$'
  '/test/format/'
  '/test/newest-aws-cdk-lib\.test\.ts$'
  '/test/cli/(template-parser|sarif|rule-catalog|check-command)\.test\.ts$'
  '/test/packaging/'
  '/test/validators/checkov\.test\.ts$'
)
CDK_NAG_V3_REQUIRED=1 CDK_VALIDATION=false npx jest --ci --coverage=false --testPathIgnorePatterns "${NOT_AWS_CDK_LIB[@]}"
phase_done 'jest, CDK_VALIDATION=false'
npx jest --ci --coverage=false test/newest-aws-cdk-lib.test.ts
phase_done 'jest test/newest-aws-cdk-lib.test.ts, validation on'
