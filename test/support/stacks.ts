import { App, CfnElement, Environment, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** The app-and-stack helpers of the construct tests, once. Not a test file itself. */

export interface NewStackOptions {
  readonly env?: Environment;
  /** Context of the app, such as a feature flag. */
  readonly context?: Record<string, unknown>;
}

/** A stack `Stack` in an app of its own. */
export function newStack(options: NewStackOptions = {}): Stack {
  return new Stack(new App({ context: options.context }), 'Stack', { env: options.env });
}

/** An app whose templates carry `aws:cdk:path` metadata, so that tests can find resources by construct path. */
export function newPathApp(context: Record<string, unknown> = {}): App {
  return new App({ context: { 'aws:cdk:enable-path-metadata': true, ...context } });
}

/** The logical id of an L1, or of an L2's default child. */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(element).getLogicalId(element);
}

/** The resources of a synthesized template, by logical id. */
export type Resources = Record<string, { Type: string; Properties?: any; Metadata?: any }>;

/** The logical id of the resource at a construct path (the app must be a `newPathApp`). */
export function logicalIdAt(resources: Resources, path: string): string {
  const found = Object.entries(resources).find(([, resource]) => resource.Metadata?.['aws:cdk:path'] === path);
  if (!found) {
    throw new Error(`no resource at ${path}`);
  }
  return found[0];
}
