import { AspectPriority, Aspects, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { EnableAccessLogsOptions } from './enable-access-logs-options';
import { EnableAccessLogsAspect } from './enable-aspect';
import { registerChecksOnStagesUnder } from '../checks/register-checks';
import { grantDeliveryToSourcesInStageOf } from '../delivery/source-grants-aspect';
import { callSite } from '../private/call-site';
import { ConstructFact } from '../private/roles';

/** Where `enable()` was first called on a scope (recorded on the scope, so that every copy of this package sees it). */
const ENABLED_AT = new ConstructFact<string>('enabledAt');

/**
 * Server access logging for everything in a scope: the app-wide entry point.
 *
 * @example
 * const app = new App();
 * // ... stacks with buckets, defined with this library or not
 * AccessLogs.of(app).enable();
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
   * Turn server access logging on for every bucket in the scope, and check the result at synth.
   *
   * An Aspect gives every `AWS::S3::Bucket` in the scope (`s3.Bucket`, `CfnBucket`, this library's
   * constructs) a logging configuration and the destination's delivery grant. It leaves alone the
   * buckets that receive server access logs, the buckets that already log (unless `overwrite`),
   * an `AccessLoggedBucket` with `enabled: false`, and what `exclude` and `filter` leave out, so
   * it never makes a loop.
   *
   * Each source logs to a destination in its own account and Region: the bucket of
   * `destinationBuckets` there, or an `AccessLogsBucket` defined for them, one per account and
   * Region, with the id `AccessLogsDestination` in a stack `AccessLogs-<account>-<region>` of the
   * source's stage (its name is the stack output `DestinationBucketName`). When the scope is a stack
   * or inside one, the destination is defined in that stack instead.
   *
   * A nested `Stage` is synthesized on its own: the stages nested under the scope when this is
   * called are enabled too. It may be called once per scope: a second call throws, naming both.
   */
  public enable(options: EnableAccessLogsOptions = {}): void {
    if (options.enabled === false) {
      return;
    }
    const here = callSite();
    const first = ENABLED_AT.get(this.scope);
    if (first !== undefined) {
      throw new Error(`AccessLogs.of(${this.scope.node.path || '<app>'}).enable() is called a second time on the same scope, at ${here} `
        + `(the first call was at ${first}). The first call gives every bucket its logging, so the second would change nothing. `
        + 'Give all the options to one call.');
    }
    ENABLED_AT.set(this.scope, here);
    registerChecksOnStagesUnder(this.scope);
    const scopes = [this.scope, ...this.scope.node.findAll().filter(construct => construct !== this.scope && Stage.isStage(construct))];
    for (const scope of scopes) {
      Aspects.of(scope).add(new EnableAccessLogsAspect(scope, options), { priority: AspectPriority.MUTATING });
      // Registered now, before any aspect runs: the destinations the Aspect defines would register it
      // too late for it to run.
      grantDeliveryToSourcesInStageOf(scope);
    }
  }

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
