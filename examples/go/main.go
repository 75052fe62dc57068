// The Go twins of examples/shared-destination.ts and examples/app-wide.ts, written as a Go user of
// the library would.
//
//	go run . <out dir>
//
// synthesizes each app into <out dir>/<name> (the name of its TypeScript twin in examples/index.ts).
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-s3-access-logs/cdk-s3-access-logs-go/cdks3accesslogs"
)

// The account of the app-wide example; S3 delivers server access logs only within one account and Region.
const account = "123456789012"

// SharedDestinationApp defines several buckets logging into one AccessLogsBucket that keeps logs for a year.
func SharedDestinationApp(app awscdk.App) {
	stack := awscdk.NewStack(app, jsii.String("SharedDestinationExample"), nil)

	accessLogs := cdks3accesslogs.NewAccessLogsBucket(stack, jsii.String("AccessLogs"), &cdks3accesslogs.AccessLogsBucketProps{
		LogRetention: awscdk.Duration_Days(jsii.Number(365)),
	})

	// Date-based keys (the default) carry the source account, Region and bucket, so sources can share
	// the root of the destination without their logs mixing.
	cdks3accesslogs.NewAccessLoggedBucket(stack, jsii.String("Invoices"), &cdks3accesslogs.AccessLoggedBucketProps{
		DestinationBucket: accessLogs,
	})

	cdks3accesslogs.NewAccessLoggedBucket(stack, jsii.String("Reports"), &cdks3accesslogs.AccessLoggedBucketProps{
		DestinationBucket: accessLogs,
		LogFilePrefix:     jsii.String("reports/"),
	})

	// Simple keys ([prefix]YYYY-MM-DD-hh-mm-ss-UniqueString) do not name the source:
	// give such a source a prefix of its own.
	cdks3accesslogs.NewAccessLoggedBucket(stack, jsii.String("Uploads"), &cdks3accesslogs.AccessLoggedBucketProps{
		DestinationBucket:     accessLogs,
		LogFilePrefix:         jsii.String("uploads/"),
		TargetObjectKeyFormat: awss3.TargetObjectKeyFormat_SimplePrefix(),
	})
}

// AppWideApp defines three stacks in two Regions, with buckets defined every way (L1, L2,
// AccessLoggedBucket), and turns server access logging on for all of them in one line.
func AppWideApp(app awscdk.App) {
	env := func(region string) *awscdk.StackProps {
		return &awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String(account), Region: jsii.String(region)}}
	}

	web := awscdk.NewStack(app, jsii.String("WebEuExample"), env("eu-west-1"))
	awss3.NewBucket(web, jsii.String("Assets"), &awss3.BucketProps{EnforceSSL: jsii.Bool(true)})
	awss3.NewCfnBucket(web, jsii.String("Raw"), nil)
	cdks3accesslogs.NewAccessLoggedBucket(web, jsii.String("Uploads"), nil)

	data := awscdk.NewStack(app, jsii.String("DataEuExample"), env("eu-west-1"))
	awss3.NewBucket(data, jsii.String("Reports"), &awss3.BucketProps{EnforceSSL: jsii.Bool(true)})

	webUs := awscdk.NewStack(app, jsii.String("WebUsExample"), env("us-east-1"))
	awss3.NewBucket(webUs, jsii.String("Assets"), &awss3.BucketProps{EnforceSSL: jsii.Bool(true)})
	awss3.NewCfnBucket(webUs, jsii.String("Raw"), nil)

	cdks3accesslogs.AccessLogs_Of(app).Enable(&cdks3accesslogs.EnableAccessLogsOptions{
		DestinationBucketProps: &cdks3accesslogs.AccessLogsBucketProps{LogRetention: awscdk.Duration_Days(jsii.Number(365))},
	})
}

func main() {
	defer jsii.Close()
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run . <out dir>")
		os.Exit(2)
	}
	apps := []struct {
		name  string
		build func(awscdk.App)
	}{
		{"shared-destination", SharedDestinationApp},
		{"app-wide", AppWideApp},
	}
	for _, example := range apps {
		app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(filepath.Join(os.Args[1], example.name))})
		example.build(app)
		app.Synth(nil)
	}
}
