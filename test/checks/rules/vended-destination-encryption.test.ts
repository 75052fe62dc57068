import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { VENDED_DESTINATION_ENCRYPTION } from '../../../src/checks/rules/vended-destination-encryption';
import { checkedApp, errorLines, EU, expectNoFinding, lit, warningsWithId } from '../../support/checks';
import { vendedDelivery } from '../../support/vended';

/** A bucket with default encryption `encryption` that receives the vended logs of another bucket. */
function vendedInto(props: s3.BucketProps) {
  const app = checkedApp();
  const stack = new Stack(app, 'Stack', { env: EU });
  const logs = new s3.Bucket(stack, 'Logs', props);
  vendedDelivery(stack, 'ToLogs', new s3.CfnBucket(stack, 'Data').attrArn, logs.bucketArn);
  return { app, stack };
}

describe('checkVendedDestinationEncryption', () => {
  test('reports nothing for SSE-S3', () => {
    const { app, stack } = vendedInto({ encryption: s3.BucketEncryption.S3_MANAGED });
    expectNoFinding(app, [stack], VENDED_DESTINATION_ENCRYPTION);
  });

  test('reports nothing for a customer managed key whose key policy lets delivery.logs.amazonaws.com use it', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const key = new kms.Key(stack, 'Key');
    key.grant(new iam.ServicePrincipal('delivery.logs.amazonaws.com'), 'kms:GenerateDataKey*');
    const logs = new s3.Bucket(stack, 'Logs', { encryptionKey: key });
    vendedDelivery(stack, 'ToLogs', new s3.CfnBucket(stack, 'Data').attrArn, logs.bucketArn);

    expectNoFinding(app, [stack], VENDED_DESTINATION_ENCRYPTION);
  });

  test('throws for a customer managed key of the app whose key policy does not name the service', () => {
    // GIVEN
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs', { encryptionKey: new kms.Key(stack, 'Key') });
    vendedDelivery(stack, 'ToLogs', new s3.CfnBucket(stack, 'Data').attrArn, logs.bucketArn);

    // THEN
    expect(() => app.synth()).toThrow(new RegExp(lit('[Stack/Logs] Stack/Logs receives the vended deliveries Stack/ToLogsDelivery of server access logs, '
      + 'but its default encryption is SSE-KMS with a key whose key policy does not let delivery.logs.amazonaws.com use it')));
    expect(errorLines(app, VENDED_DESTINATION_ENCRYPTION)).toHaveLength(1);
  });

  test('warns for SSE-KMS with the AWS managed key aws/s3', () => {
    const { app, stack } = vendedInto({ encryption: s3.BucketEncryption.KMS_MANAGED });
    expect(errorLines(app, VENDED_DESTINATION_ENCRYPTION)).toEqual([]);
    expect(warningsWithId(stack, VENDED_DESTINATION_ENCRYPTION)).toEqual([
      expect.stringContaining('Stack/Logs receives the vended deliveries Stack/ToLogsDelivery of server access logs, and its default encryption '
        + 'is SSE-KMS with the AWS managed key aws/s3'),
    ]);
  });
});
