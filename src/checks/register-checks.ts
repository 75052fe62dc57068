import { Annotations, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { buildLoggingModel } from './build-model';
import { Finding } from './finding';
import { runChecksInEveryBranch } from './run-checks';
import { stageRootOf } from '../private/bucket-constructs';
import { ConstructBrand } from '../private/roles';

/** A stage whose validation runs the checks (recorded on the stage, so that every copy of this package sees it). */
const CHECKS_REGISTERED = new ConstructBrand('checksRegistered');

/**
 * Make sure the access logging checks run once over the stage (the app, or a nested `Stage`) that
 * holds `scope`, when it is synthesized. Idempotent: our constructs call it from their constructors.
 *
 * The checks run as a validation of the stage, after aspects (so logging that an aspect adds is
 * seen) and after cross-stack references became exports. Each stage validates its own subtree.
 */
export function registerAppWideChecks(scope: IConstruct): void {
  registerOnStage(stageRootOf(scope));
}

/**
 * Register the checks on the stage of `scope` and on every stage nested under `scope` now.
 *
 * aws-cdk-lib synthesizes (and validates) a nested `Stage` on its own, and neither aspects nor the
 * app's validation reach into it, so each stage needs a registration of its own.
 */
export function registerChecksOnStagesUnder(scope: IConstruct): void {
  registerAppWideChecks(scope);
  for (const construct of scope.node.findAll()) {
    if (construct !== scope && Stage.isStage(construct)) {
      registerOnStage(construct);
    }
  }
}

function registerOnStage(stage: IConstruct): void {
  if (CHECKS_REGISTERED.has(stage)) {
    return;
  }
  CHECKS_REGISTERED.mark(stage);
  const errors = new ErrorReporter();
  stage.node.addValidation({
    validate: () => {
      errors.startRun();
      for (const finding of runChecksInEveryBranch(branch => buildLoggingModel(stage, branch))) {
        report(finding, errors);
      }
      // Errors are returned by the constructs they are about, so that synth names their paths.
      return [];
    },
  });
}

function report(finding: Finding, errors: ErrorReporter): void {
  if (finding.level === 'error') {
    errors.add(constructOf(finding), `${finding.message} [${finding.id}]`);
  } else {
    addWarningOnce(constructOf(finding), finding.id, finding.message);
  }
}

/** The construct a finding is reported on: this runner's model is built from the construct tree. */
function constructOf(finding: Finding): IConstruct {
  return finding.subject.scope as IConstruct;
}

/** A stage may be synthesized more than once (each `Template.fromStack` does); warn once. */
function addWarningOnce(scope: IConstruct, id: string, message: string): void {
  const already = scope.node.metadata.some(entry => typeof entry.data === 'string' && entry.data.startsWith(message));
  if (!already) {
    Annotations.of(scope).addWarningV2(id, message);
  }
}

/**
 * Hands each error to the construct it is about, through one validation per construct that returns
 * the errors of the latest run. aws-cdk-lib validates the stage before its descendants, so the
 * errors are in place when the constructs are asked.
 */
class ErrorReporter {
  private readonly errorsByScope = new Map<IConstruct, string[]>();

  public startRun(): void {
    for (const list of this.errorsByScope.values()) {
      list.length = 0;
    }
  }

  public add(scope: IConstruct, message: string): void {
    let errors = this.errorsByScope.get(scope);
    if (!errors) {
      const ofThisScope: string[] = [];
      this.errorsByScope.set(scope, ofThisScope);
      scope.node.addValidation({ validate: () => [...ofThisScope] });
      errors = ofThisScope;
    }
    errors.push(message);
  }
}
