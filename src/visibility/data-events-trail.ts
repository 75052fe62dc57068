import { ArnFormat, Lazy, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { throwIfError } from '../checks/finding';
import { registerAppWideChecks } from '../checks/register-checks';
import { dataEventsLoop, RECORDS_OWN_BUCKET } from '../checks/rules/data-events-loop';
import { configureServerAccessLogs } from '../delivery/server-access-logs';
import { defaultKeyFormat } from '../private/key-format';
import { SECURE_BUCKET_DEFAULTS } from '../private/props';
import { TRAIL_BUCKET } from '../private/roles';
import { assertSameEnvironment } from '../private/same-environment';
import { suppressScannerFindings, TRAIL_OF_ONE_REGION } from '../private/scanner-suppressions';

/**
 * Options for recording a bucket's Amazon S3 data events with AWS CloudTrail.
 */
export interface DataEventsOptions {
  /**
   * The trail that records the data events.
   *
   * It must be in the source bucket's account and Region, and its bucket is never a source of
   * its own data events.
   *
   * @default - a `DataEventsTrail` defined for the source
   */
  readonly trail?: DataEventsTrail;

  /**
   * Which data events to record: reads (`GetObject`, ...), writes (`PutObject`, `DeleteObject`, ...)
   * or both.
   *
   * @default cloudtrail.ReadWriteType.ALL
   */
  readonly readWriteType?: cloudtrail.ReadWriteType;
}

/**
 * Properties for a `DataEventsTrail`.
 */
export interface DataEventsTrailProps {
  /**
   * Where the trail's bucket delivers its own server access logs (date-based keys, no prefix).
   *
   * The trail never records the data events of its own bucket, so this is no loop.
   *
   * @default - the trail's bucket does not log
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
}

/** The values CloudTrail allows in all the advanced event selectors of one trail. */
const MAX_SELECTOR_VALUES = 500;

/** A bucket whose data events the trail records. */
interface RecordedBucket {
  readonly bucket: s3.IBucket;
  readonly readWriteType: cloudtrail.ReadWriteType;
}

/**
 * An AWS CloudTrail trail that records the Amazon S3 data events (object-level API activity:
 * `GetObject`, `PutObject`, `DeleteObject`, ...) of the buckets given to it, and nothing else.
 *
 * CloudTrail delivers data events about every 5 minutes, as JSON, with the caller's identity; it
 * charges for every data event delivered ($0.10 per 100,000 at the time of writing), so record only
 * the buckets that need it. The trail logs no management events (a second copy of those is charged
 * too), records one Region (its own), and validates its log files.
 *
 * It defines its own bucket (SSE-S3, all public access blocked, TLS enforced, ACLs disabled,
 * versioned, kept on stack deletion), with the bucket policy CloudTrail needs, scoped to this trail
 * by `aws:SourceArn`. That bucket is never a source of the trail's own data events: a synth-time
 * error says so if one is added, or if the trail's bucket logs into a chain that reaches a recorded
 * bucket (either would write logs about logs without end).
 *
 * Each bucket is selected by an advanced event selector on `resources.ARN` starting with
 * `<bucket ARN>/`; CloudTrail allows 500 values across a trail's selectors (about 497 buckets).
 *
 * The trail's template metadata suppresses checkov's `CKV_AWS_67` (a trail in all Regions), with the
 * reason: the recorded buckets are in the trail's Region.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/filtering-data-events.html
 * @see https://aws.amazon.com/cloudtrail/pricing/
 *
 * @example
 * const trail = new DataEventsTrail(this, 'DataEvents');
 * new AccessLoggedBucket(this, 'Invoices', { dataEvents: { trail } });
 * new AccessLoggedBucket(this, 'Reports', { dataEvents: { trail, readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY } });
 */
export class DataEventsTrail extends Construct {
  /** The bucket that receives the trail's log files. */
  public readonly bucket: s3.Bucket;

  /** The trail. */
  public readonly trail: cloudtrail.CfnTrail;

  /** The trail's name. */
  public readonly trailName: string;

  /** The trail's ARN. */
  public readonly trailArn: string;

  private readonly recorded: RecordedBucket[] = [];

  constructor(scope: Construct, id: string, props: DataEventsTrailProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...SECURE_BUCKET_DEFAULTS,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    TRAIL_BUCKET.mark(this.bucket.node.defaultChild!);
    if (props.serverAccessLogsBucket) {
      configureServerAccessLogs(this.bucket, { destination: props.serverAccessLogsBucket, prefix: '', keyFormat: defaultKeyFormat() });
    }

    // A literal name, so that the bucket policy can name the trail (aws:SourceArn) while the trail
    // waits for the policy: a reference would be a dependency cycle.
    this.trailName = Names.uniqueResourceName(this, { maxLength: 128, separator: '-', allowedSpecialCharacters: '-_.' });
    this.trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: this.trailName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });

    // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
    const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    this.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSCloudTrailAclCheck',
      principals: [cloudTrail],
      actions: ['s3:GetBucketAcl'],
      resources: [this.bucket.bucketArn],
      conditions: { StringEquals: { 'aws:SourceArn': this.trailArn } },
    }));
    this.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSCloudTrailWrite',
      principals: [cloudTrail],
      actions: ['s3:PutObject'],
      resources: [this.bucket.arnForObjects(`AWSLogs/${stack.account}/*`)],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': this.trailArn } },
    }));

    this.trail = new cloudtrail.CfnTrail(this, 'Resource', {
      trailName: this.trailName,
      s3BucketName: this.bucket.bucketName,
      isLogging: true,
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: false,
      enableLogFileValidation: true,
      advancedEventSelectors: Lazy.any({ produce: () => this.renderSelectors() }),
    });
    // CloudTrail checks the bucket policy when the trail is created.
    this.trail.node.addDependency(this.bucket.policy!);
    suppressScannerFindings(this, this.trail, [TRAIL_OF_ONE_REGION]);

    this.node.addValidation({ validate: () => this.validateRecordedBuckets() });
    // The data-event loop check (checks/rules/data-events-loop.ts) runs over the whole app.
    registerAppWideChecks(this);
  }

  /**
   * Record the data events of `bucket` (its objects: `resources.ARN` starting with `<bucket ARN>/`).
   *
   * The bucket must be in the trail's account and Region, and must not be the trail's own bucket.
   *
   * @param bucket the bucket whose data events to record
   * @param readWriteType reads, writes or both
   */
  public recordDataEvents(bucket: s3.IBucket, readWriteType: cloudtrail.ReadWriteType = cloudtrail.ReadWriteType.ALL): void {
    if (readWriteType === cloudtrail.ReadWriteType.NONE) {
      throw new Error(`${this.node.path}: readWriteType NONE records nothing for ${bucket.node.path}. `
        + 'Use ALL, READ_ONLY or WRITE_ONLY, or do not record this bucket.');
    }
    if (bucket === this.bucket || bucket.node.defaultChild === this.bucket.node.defaultChild) {
      const trail = { scope: this, path: this.node.path, stackPath: Stack.of(this).node.path };
      throwIfError(dataEventsLoop(trail, this.bucket.node.path, RECORDS_OWN_BUCKET));
    }
    assertSameEnvironment(this, 'bucket', bucket, 'A trail records the data events of buckets');
    if (!this.recorded.some(r => r.bucket === bucket && r.readWriteType === readWriteType)) {
      this.recorded.push({ bucket, readWriteType });
    }
  }

  /**
   * One advanced event selector per read/write choice: `eventCategory` Data, `resources.type`
   * `AWS::S3::Object`, `readOnly` when only reads or writes, and `resources.ARN` starting with each
   * bucket's ARN and `/`.
   *
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
   */
  private renderSelectors(): cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] {
    return SELECTOR_ORDER.flatMap(readWriteType => {
      const arns = this.recorded.filter(r => r.readWriteType === readWriteType).map(r => `${r.bucket.bucketArn}/`);
      if (arns.length === 0) {
        return [];
      }
      const readOnly = READ_ONLY_VALUE[readWriteType];
      return [{
        name: `S3 data events (${SELECTOR_NAMES[readWriteType]})`,
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
          ...(readOnly === undefined ? [] : [{ field: 'readOnly', equalTo: [readOnly] }]),
          { field: 'resources.ARN', startsWith: arns },
        ],
      }];
    });
  }

  private validateRecordedBuckets(): string[] {
    if (this.recorded.length === 0) {
      return [`${this.node.path} records the data events of no bucket. Without a selector a trail records management events instead `
        + '(a second copy of them is charged). Record a bucket with recordDataEvents(), or remove the trail.'];
    }
    const errors: string[] = [];
    const fieldSelectors = this.renderSelectors().flatMap(selector => selector.fieldSelectors as cloudtrail.CfnTrail.AdvancedFieldSelectorProperty[]);
    const values = fieldSelectors.reduce((sum, f) => sum + (f.equalTo?.length ?? 0) + (f.startsWith?.length ?? 0), 0);
    if (values > MAX_SELECTOR_VALUES) {
      errors.push(`${this.node.path} records ${this.recorded.length} buckets, which take ${values} values in its advanced event selectors; `
        + `CloudTrail allows ${MAX_SELECTOR_VALUES} per trail. Split the buckets over several DataEventsTrails.`);
    }
    return errors;
  }
}

const SELECTOR_ORDER = [cloudtrail.ReadWriteType.ALL, cloudtrail.ReadWriteType.READ_ONLY, cloudtrail.ReadWriteType.WRITE_ONLY];
const SELECTOR_NAMES: Record<string, string> = {
  [cloudtrail.ReadWriteType.ALL]: 'reads and writes',
  [cloudtrail.ReadWriteType.READ_ONLY]: 'reads',
  [cloudtrail.ReadWriteType.WRITE_ONLY]: 'writes',
};
const READ_ONLY_VALUE: Record<string, string | undefined> = {
  [cloudtrail.ReadWriteType.READ_ONLY]: 'true',
  [cloudtrail.ReadWriteType.WRITE_ONLY]: 'false',
};
