package io.github.cdks3accesslogs.examples;

import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.github.cdks3accesslogs.AccessLoggedBucket;
import io.github.cdks3accesslogs.AccessLogs;
import io.github.cdks3accesslogs.AccessLogsBucket;
import io.github.cdks3accesslogs.AccessLogsBucketProps;
import io.github.cdks3accesslogs.EnableAccessLogsOptions;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.TargetObjectKeyFormat;

/**
 * The Java twins of examples/shared-destination.ts and examples/app-wide.ts.
 *
 * <p>{@code mvn -q compile exec:java -Dexec.args=<out dir>} synthesizes each app into
 * {@code <out dir>/<name>}.
 */
public final class ExampleApps {
    /** The account of the app-wide example; S3 delivers server access logs only within one account and Region. */
    private static final String ACCOUNT = "123456789012";

    private ExampleApps() {
    }

    /** Several buckets logging into one AccessLogsBucket that keeps logs for a year. */
    public static void sharedDestinationApp(final App app) {
        Stack stack = new Stack(app, "SharedDestinationExample");

        AccessLogsBucket accessLogs = AccessLogsBucket.Builder.create(stack, "AccessLogs")
                .logRetention(Duration.days(365))
                .build();

        // Date-based keys (the default) carry the source account, Region and bucket, so sources can
        // share the root of the destination without their logs mixing.
        AccessLoggedBucket.Builder.create(stack, "Invoices")
                .destinationBucket(accessLogs)
                .build();

        AccessLoggedBucket.Builder.create(stack, "Reports")
                .destinationBucket(accessLogs)
                .logFilePrefix("reports/")
                .build();

        // Simple keys ([prefix]YYYY-MM-DD-hh-mm-ss-UniqueString) do not name the source:
        // give such a source a prefix of its own.
        AccessLoggedBucket.Builder.create(stack, "Uploads")
                .destinationBucket(accessLogs)
                .logFilePrefix("uploads/")
                .targetObjectKeyFormat(TargetObjectKeyFormat.simplePrefix())
                .build();
    }

    /**
     * Three stacks in two Regions, with buckets defined every way (L1, L2, AccessLoggedBucket), and
     * server access logging turned on for all of them in one line.
     */
    public static void appWideApp(final App app) {
        Stack web = new Stack(app, "WebEuExample", inRegion("eu-west-1"));
        Bucket.Builder.create(web, "Assets").enforceSsl(true).build();
        new CfnBucket(web, "Raw");
        new AccessLoggedBucket(web, "Uploads");

        Stack data = new Stack(app, "DataEuExample", inRegion("eu-west-1"));
        Bucket.Builder.create(data, "Reports").enforceSsl(true).build();

        Stack webUs = new Stack(app, "WebUsExample", inRegion("us-east-1"));
        Bucket.Builder.create(webUs, "Assets").enforceSsl(true).build();
        new CfnBucket(webUs, "Raw");

        AccessLogs.of(app).enable(EnableAccessLogsOptions.builder()
                .destinationBucketProps(AccessLogsBucketProps.builder().logRetention(Duration.days(365)).build())
                .build());
    }

    private static StackProps inRegion(final String region) {
        return StackProps.builder()
                .env(Environment.builder().account(ACCOUNT).region(region).build())
                .build();
    }

    public static void main(final String[] args) {
        if (args.length != 1) {
            System.err.println("usage: mvn -q compile exec:java -Dexec.args=<out dir>");
            System.exit(2);
        }
        Map<String, Consumer<App>> apps = new LinkedHashMap<>();
        apps.put("shared-destination", ExampleApps::sharedDestinationApp);
        apps.put("app-wide", ExampleApps::appWideApp);
        apps.forEach((name, build) -> {
            App app = new App(AppProps.builder().outdir(Paths.get(args[0], name).toString()).build());
            build.accept(app);
            app.synth();
        });
    }
}
