import { App } from 'aws-cdk-lib';
import { visibilityApp } from '../../examples';
import { describeWithTools, findOnPath, findPython } from '../support/external-tools';
import { MotoServer, StepResult } from '../support/moto/moto-server';

/**
 * The visibility example's CloudWatch Logs delivery and CloudTrail trail, replayed against moto: the
 * calls CloudFormation would make (CreateBucket, PutBucketPolicy, CreateLogGroup, PutDeliverySource,
 * PutDeliveryDestination, CreateDelivery, CreateTrail, PutEventSelectors, StartLogging) with every
 * intrinsic of the template resolved to the physical names chosen here, on a `moto_server` of our
 * own. `test/support/moto/replay.py` makes the calls.
 *
 * What moto 5.2 checks, and so what this proves:
 * - CreateTrail: the trail name (3 to 128 characters of [A-Za-z0-9._-], starting and ending with a
 *   letter or digit; our names are generated, so this matters) and that the trail's bucket exists.
 * - PutEventSelectors/GetEventSelectors: the advanced event selectors are accepted as one document
 *   and read back as sent (moto stores them; it does not evaluate them).
 *
 * What moto cannot check here:
 * - PutDeliverySource for S3: moto 5.2 knows the delivery sources of CloudFront, Bedrock, SES and a few
 *   others, not S3 (`S3_SERVER_ACCESS_LOGS`, new in 2026): it answers "Cannot access provided
 *   service.", so the delivery destination is created but the delivery cannot be. That case is pinned
 *   below; a moto that accepts S3 must then run the whole chain, and the test says which happened.
 * - Bucket policies are stored, not evaluated: CloudTrail's permission to write (and its aws:SourceArn
 *   condition) and the log group policy that CloudWatch Logs adds at delivery time are not checked.
 * - Delivery itself (records arriving), CloudTrail's 500-value limit, Region rules between services.
 */

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const STARTUP_TIMEOUT_MS = 60_000;

type Resources = Record<string, { Type: string; Properties?: any }>;
/** One call of the plan: what `replay.py` reads of it. */
interface ReplayStep { readonly op: string; readonly region: string; readonly [argument: string]: unknown }

/** Physical names for the template's resources, and the template's intrinsics resolved with them. */
class Resolver {
  constructor(private readonly resources: Resources) {}

  public nameOf(logicalId: string): string {
    const resource = this.resources[logicalId];
    switch (resource.Type) {
      case 'AWS::S3::Bucket': return logicalId.toLowerCase();
      case 'AWS::Logs::LogGroup': return `/visibility/${logicalId}`;
      default: return resource.Properties.Name ?? resource.Properties.TrailName;
    }
  }

  public resolve(value: any): any {
    if (Array.isArray(value)) {
      return value.map(v => this.resolve(v));
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    if ('Ref' in value) {
      return value.Ref === 'AWS::Partition' ? 'aws' : this.nameOf(value.Ref);
    }
    if ('Fn::GetAtt' in value) {
      const [logicalId, attribute] = value['Fn::GetAtt'];
      expect(attribute).toBe('Arn');
      const name = this.nameOf(logicalId);
      switch (this.resources[logicalId].Type) {
        case 'AWS::S3::Bucket': return `arn:aws:s3:::${name}`;
        case 'AWS::Logs::LogGroup': return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`;
        // The form of the S3 User Guide's example (sal-cw-enabling): arn:aws:logs:<region>:<account>:delivery-destination:<name>
        case 'AWS::Logs::DeliveryDestination': return `arn:aws:logs:${REGION}:${ACCOUNT}:delivery-destination:${name}`;
        default: throw new Error(`no Arn for ${logicalId}`);
      }
    }
    if ('Fn::Join' in value) {
      const [separator, parts] = value['Fn::Join'];
      return this.resolve(parts).join(separator);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v)]));
  }
}

/** CloudFormation's calls for the visibility example, in dependency order. */
function planOf(resources: Resources): ReplayStep[] {
  const resolver = new Resolver(resources);
  const of = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const props = (r: { Properties?: any }) => resolver.resolve(r.Properties);
  const steps: Array<{ readonly op: string; readonly [argument: string]: unknown }> = [
    ...of('AWS::S3::Bucket').map(([id]) => ({ op: 'createBucket', bucket: resolver.nameOf(id) })),
    ...of('AWS::S3::BucketPolicy').map(([, r]) => ({ op: 'putBucketPolicy', bucket: props(r).Bucket, policy: props(r).PolicyDocument })),
    ...of('AWS::Logs::LogGroup').map(([id, r]) => ({ op: 'createLogGroup', name: resolver.nameOf(id), retentionInDays: r.Properties!.RetentionInDays })),
    ...of('AWS::Logs::DeliverySource').map(([, r]) => ({ op: 'putDeliverySource', name: props(r).Name, resourceArn: props(r).ResourceArn, logType: props(r).LogType })),
    ...of('AWS::Logs::DeliveryDestination').map(([, r]) => ({
      op: 'putDeliveryDestination', name: props(r).Name, destinationResourceArn: props(r).DestinationResourceArn,
    })),
    ...of('AWS::Logs::Delivery').map(([, r]) => ({
      op: 'createDelivery', deliverySourceName: props(r).DeliverySourceName, deliveryDestinationArn: props(r).DeliveryDestinationArn, recordFields: props(r).RecordFields,
    })),
    ...of('AWS::CloudTrail::Trail').map(([, r]) => ({
      op: 'createTrail',
      name: props(r).TrailName,
      bucket: props(r).S3BucketName,
      isMultiRegionTrail: props(r).IsMultiRegionTrail,
      includeGlobalServiceEvents: props(r).IncludeGlobalServiceEvents,
      enableLogFileValidation: props(r).EnableLogFileValidation,
      isLogging: props(r).IsLogging,
      advancedEventSelectors: props(r).AdvancedEventSelectors,
    })),
  ];
  return steps.map(step => ({ ...step, region: REGION }));
}

const motoServer = findOnPath('moto_server');
const python = findPython(['boto3']);

describeWithTools('moto replay of the visibility example', { 'moto_server': motoServer, 'python3 with boto3': python },
  'Install them: pip install "moto[server]" boto3', () => {
    let moto: MotoServer | undefined;
    let plan: ReplayStep[];
    let results: StepResult[];
    const replay = (steps: ReplayStep[]) => moto!.replay(python!, [{ name: 'visibility', steps }])[0].results;
    beforeAll(async () => {
      const app = new App();
      visibilityApp(app);
      plan = planOf(app.synth().getStackByName('VisibilityExample').template.Resources);
      moto = await MotoServer.start(motoServer!);
      results = replay(plan);
    }, STARTUP_TIMEOUT_MS + 30_000);
    afterAll(async () => moto?.stop());

    const resultOf = (op: string) => results.filter(r => r.op === op);

    test('the buckets, their policies and the log group are created', () => {
      for (const op of ['createBucket', 'putBucketPolicy', 'createLogGroup']) {
        expect(resultOf(op).length).toBeGreaterThan(0);
        expect(resultOf(op).filter(r => !r.ok)).toEqual([]);
      }
      expect(resultOf('createLogGroup')[0]).toMatchObject({ ok: true, readBack: { retentionInDays: 30 } });
    });

    test('the trail is created (moto checks its generated name and that its bucket exists), logs, and reads back its data selector', () => {
      const [trail] = resultOf('createTrail');
      const sent = plan.find(step => step.op === 'createTrail')!.advancedEventSelectors;
      expect(trail).toEqual({ op: 'createTrail', ok: true, readBack: { advancedEventSelectors: sent, eventSelectors: [], isLogging: true } });
      expect(JSON.stringify(sent)).toContain('"StartsWith":["arn:aws:s3:::ordersbucket195ecf73/"]');
    });

    test('control: moto refuses a trail whose name CloudTrail would refuse, and a trail whose bucket does not exist', () => {
      const trail = plan.find(step => step.op === 'createTrail')!;
      // A deployment of its own starts from an empty moto: the bucket the trails need comes first.
      const bucket = plan.find(step => step.op === 'createBucket' && step.bucket === trail.bucket)!;
      const [, badName, noBucket] = replay([
        bucket,
        { ...trail, name: `${trail.name as string}-` },
        { ...trail, name: 'another-trail', bucket: 'no-such-bucket' },
      ]);
      expect(badName).toMatchObject({ ok: false, code: 'InvalidTrailNameException' });
      expect(noBucket).toMatchObject({ ok: false, code: 'S3BucketDoesNotExistException' });
    });

    test('the CloudWatch Logs delivery: the whole chain where moto knows S3 as a delivery source, else the known gap', () => {
      const [source] = resultOf('putDeliverySource');
      const [destination] = resultOf('putDeliveryDestination');
      const [delivery] = resultOf('createDelivery');
      const sourceStep = plan.find(step => step.op === 'putDeliverySource')!;
      expect(sourceStep).toMatchObject({ logType: 'S3_SERVER_ACCESS_LOGS', resourceArn: 'arn:aws:s3:::ordersbucket195ecf73' });
      expect(destination).toMatchObject({ ok: true, readBack: { destinationResourceArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/visibility/OrdersCloudWatchLogsDeliveryLogGroup2A19DCCD:*` } });
      if (source.ok) {
        // A moto that knows S3 delivery sources: the delivery must then go through, with our fields.
        expect(source.readBack).toEqual({ logType: 'S3_SERVER_ACCESS_LOGS', resourceArns: ['arn:aws:s3:::ordersbucket195ecf73'] });
        expect(delivery).toMatchObject({ ok: true, readBack: { recordFields: plan.find(step => step.op === 'createDelivery')!.recordFields } });
      } else {
        // moto 5.2: S3 is not among its delivery-source services; the delivery then has no source.
        expect(source).toEqual({ op: 'putDeliverySource', ok: false, code: 'ResourceNotFoundException', message: 'Cannot access provided service.' });
        expect(delivery).toMatchObject({ ok: false });
      }
    });
  });
