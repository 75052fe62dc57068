module github.com/cdk-s3-access-logs/cdk-s3-access-logs-go/examples

go 1.25.0

require (
	github.com/aws/aws-cdk-go/awscdk/v2 v2.172.0
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk-s3-access-logs/cdk-s3-access-logs-go/cdks3accesslogs v0.0.0
)

require (
	github.com/Masterminds/semver/v3 v3.5.0 // indirect
	github.com/aws/constructs-go/constructs/v10 v10.4.2 // indirect
	github.com/cdklabs/awscdk-asset-awscli-go/awscliv1/v2 v2.2.296 // indirect
	github.com/cdklabs/awscdk-asset-kubectl-go/kubectlv20/v2 v2.1.4 // indirect
	github.com/cdklabs/awscdk-asset-node-proxy-agent-go/nodeproxyagentv6/v2 v2.1.3 // indirect
	github.com/cdklabs/cloud-assembly-schema-go/awscdkcloudassemblyschema/v38 v38.0.1 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/yuin/goldmark v1.7.16 // indirect
	golang.org/x/lint v0.0.0-20241112194109-818c5a804067 // indirect
	golang.org/x/mod v0.39.0 // indirect
	golang.org/x/sync v0.22.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/telemetry v0.0.0-20260811182544-a038080d80e5 // indirect
	golang.org/x/tools v0.49.0 // indirect
	golang.org/x/tools/cmd/godoc v0.1.0-deprecated // indirect
	golang.org/x/tools/godoc v0.1.0-deprecated // indirect
)

// The module that `jsii-pacmak --targets go` generates into dist/go (npx projen bindings).
replace github.com/cdk-s3-access-logs/cdk-s3-access-logs-go/cdks3accesslogs => ../../dist/go/cdks3accesslogs

// Our module requires the awscli asset module at the version npm resolved for aws-cdk-lib 2.172.0
// (v2.2.296), which the Go module proxy these machines reach does not serve. Build with the version
// that aws-cdk-go v2.172.0 itself requires instead; the module is an asset holder our code never
// calls.
replace github.com/cdklabs/awscdk-asset-awscli-go/awscliv1/v2 => github.com/cdklabs/awscdk-asset-awscli-go/awscliv1/v2 v2.2.208
