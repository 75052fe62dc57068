import { App } from 'aws-cdk-lib';
import { appWideApp } from './app-wide';
import { crossStackDestinationApp } from './cross-stack-destination';
import { sharedDestinationApp } from './shared-destination';
import { singleBucketApp } from './single-bucket';
import { vendedLogsApp } from './vended-logs';
import { visibilityApp } from './visibility';

export { appWideApp, crossStackDestinationApp, sharedDestinationApp, singleBucketApp, vendedLogsApp, visibilityApp };

/** An example app: what `npm run example` synthesizes and the tests snapshot and lint. */
export interface Example {
  /** Kebab-case name; also the app's output directory under `cdk.out/`. */
  readonly name: string;
  /** One line on what the example shows. */
  readonly description: string;
  /** Define the example's stacks in `app`. */
  build(app: App): void;
}

/** Every example app, in the order the README presents them. */
export const EXAMPLES: Example[] = [
  {
    name: 'single-bucket',
    description: 'one bucket with a log destination of its own',
    build: singleBucketApp,
  },
  {
    name: 'shared-destination',
    description: 'three buckets sharing one AccessLogsBucket (365-day retention)',
    build: sharedDestinationApp,
  },
  {
    name: 'cross-stack-destination',
    description: 'a log archive stack and an application stack logging into it',
    build: crossStackDestinationApp,
  },
  {
    name: 'app-wide',
    description: 'three stacks in two Regions (L1, L2 and AccessLoggedBucket), enabled in one line',
    build: appWideApp,
  },
  {
    name: 'visibility',
    description: 'one bucket also delivering to CloudWatch Logs and recording its writes as CloudTrail data events',
    build: visibilityApp,
  },
  {
    name: 'vended-logs',
    description: 'one bucket delivering through CloudWatch Logs to a log group, S3 (Parquet), Firehose and another account\'s log group',
    build: vendedLogsApp,
  },
];
