import { App, AppProps, Stack } from 'aws-cdk-lib';
import { CloudAssembly, SynthesisMessageLevel } from 'aws-cdk-lib/cx-api';
import { Example, EXAMPLES } from '../../examples';

/**
 * Helpers shared by the tests over the example apps (`examples/`): snapshots, cfn-lint, and any
 * later test that needs every example as an App. Not a test file itself.
 */

/** An example defined in a fresh App, synthesized once. */
export interface ExampleApp {
  readonly example: Example;
  readonly app: App;
  /** The example's stacks, in the order it defined them. */
  readonly stacks: Stack[];
}

/**
 * Define one example's stacks in a new App, and synthesize it once: app-wide enablement defines its
 * destination stacks during synthesis.
 */
export function buildExampleApp(example: Example, props: AppProps = {}): ExampleApp {
  const app = new App(props);
  example.build(app);
  app.synth();
  return { example, app, stacks: app.node.children.filter(Stack.isStack) };
}

/** Define every example in an App of its own; `props` may give each one, e.g. an `outdir`. */
export function buildExampleApps(props: (example: Example) => AppProps = () => ({})): ExampleApp[] {
  return EXAMPLES.map(example => buildExampleApp(example, props(example)));
}

/**
 * The warning and error annotations of a synthesized app, one line each:
 * `<level> <construct path> <id>`, where the id is the `[ack: ...]` suffix of a warning given with
 * `addWarningV2`, and the whole message when there is none.
 */
export function synthesisFindings(assembly: CloudAssembly): string[] {
  return assembly.artifacts
    .flatMap(artifact => artifact.messages)
    .filter(message => message.level !== SynthesisMessageLevel.INFO)
    .map(message => {
      const text = String(message.entry.data);
      const ack = /\[ack: ([^\]]+)\]\s*$/.exec(text);
      return `${message.level} ${message.id} ${ack ? ack[1] : text}`;
    });
}
