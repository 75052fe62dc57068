#!/usr/bin/env bash
# The Java and Go packages as their users get them, built for real and used from an app in each
# language, whose templates test/packages/bindings.e2e.ts compares with the TypeScript twins'.
# `npm run bindings:e2e` runs it after jsii has compiled (lib/ and .jsii).
#
# - Java: `jsii-pacmak --targets java` builds the jar, javadoc and sources into a local Maven
#   repository in dist/java (resolving its Maven dependencies from Maven Central into the same local
#   repository as Maven's build of the example); examples/java is compiled by Maven against aws-cdk-lib at our floor from
#   Maven Central and our jar from dist/java, and run with `mvn exec:java`.
# - Go: `jsii-pacmak --targets go` generates the module and would build it with `go mod tidy` and
#   `go build`, but our go.mod names an asset module version that the Go module proxy these
#   machines reach does not serve (see examples/go/go.mod). So pacmak generates the code only, and
#   examples/go, a module that requires ours through a `replace` to dist/go and
#   github.com/aws/aws-cdk-go/awscdk/v2 at our floor, compiles our module with `go build` as a
#   dependency (`-mod=readonly`: every module hash pinned in examples/go/go.sum), then runs.
#
# The apps get the context the CDK CLI gives an app (the same as CLI_CONTEXT in
# test/packages/assemblies.ts: a difference would show in the templates' construct paths).
#
# BINDINGS_E2E_COLD=1 uses an empty Maven repository and empty Go module and build caches in a temp
# dir, as on a new machine; by default they are the user's (~/.m2, go env GOMODCACHE and GOCACHE).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

phase_started=$SECONDS
phase_done() {
  echo "--- bindings-e2e: $1 took $((SECONDS - phase_started)) s"
  phase_started=$SECONDS
}

out="$(mktemp -d "${TMPDIR:-/tmp}/bindings-e2e.XXXXXX")"
trap 'chmod -R u+w "$out" 2>/dev/null; rm -rf "$out"' EXIT
maven_repo="$HOME/.m2/repository"
if [ "${BINDINGS_E2E_COLD:-}" = 1 ]; then
  maven_repo="$out/cache/m2"
  export GOMODCACHE="$out/cache/go-mod" GOCACHE="$out/cache/go-build" GOPATH="$out/cache/go-path"
fi
# The Go module proxy here does not serve the checksum database: modules are verified against the
# hashes in examples/go/go.sum instead, which a build may not change.
export GOSUMDB=off GOFLAGS=-mod=readonly
export CDK_CONTEXT_JSON='{"aws:cdk:enable-path-metadata":true,"aws:cdk:version-reporting":true}'
mvn=(mvn --batch-mode --quiet -Dstyle.color=never "-Dmaven.repo.local=$maven_repo")

npx jsii-pacmak --targets java --maven-local-repository "$maven_repo"
phase_done 'jsii-pacmak --targets java'
"${mvn[@]}" -f examples/java/pom.xml compile
phase_done 'mvn compile examples/java'
"${mvn[@]}" -f examples/java/pom.xml exec:java "-Dexec.args=$out/apps/java"
phase_done 'mvn exec:java examples/java'

npx jsii-pacmak --code-only --targets go
phase_done 'jsii-pacmak --code-only --targets go'
(cd examples/go && go mod download && go build -o "$out/go-example" .)
phase_done "go build examples/go ($(go version | cut -d' ' -f3))"
"$out/go-example" "$out/apps/go"
phase_done 'examples/go'

JAVA_E2E_OUT="$out/apps/java" GO_E2E_OUT="$out/apps/go" npx jest --ci --coverage=false \
  --testMatch '<rootDir>/test/packages/**/*.e2e.ts' -- test/packages/bindings.e2e.ts
phase_done 'jest test/packages/bindings.e2e.ts'
