import { IConstruct } from 'constructs';
import { registerChecksOnStagesUnder } from './private/app-wide-checks';

/**
 * Server access logging for everything in a scope: the app-wide entry point.
 *
 * @example
 * const app = new App();
 * // ... stacks with buckets, defined with this library or not
 * AccessLogs.of(app).check();
 */
export class AccessLogs {
  /**
   * Server access logging for the constructs in `scope`.
   *
   * @param scope the app, a stage, a stack or any construct in them
   */
  public static of(scope: IConstruct): AccessLogs {
    return new AccessLogs(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
   * Check the server access logging of every bucket in the scope's app (or stage) at synth.
   *
   * A nested `Stage` is synthesized on its own; the stages nested under the scope when this is
   * called are checked too, so call it once everything is defined (just before `app.synth()`).
   *
   * Every `AWS::S3::Bucket` with a logging configuration is checked, whoever defined it
   * (`s3.Bucket`, `CfnBucket`, this library): Region and account, loops, destination encryption,
   * Object Lock, delivery permission, Deny statements, policy size and prefixes. A configuration
   * S3 would refuse, or that would loop or lose logs, fails synthesis; what cannot be known at synth
   * is a warning with an id. The checks run once however often this is called, and are already on
   * when any construct of this library is in the app.
   */
  public check(): void {
    registerChecksOnStagesUnder(this.scope);
  }
}
