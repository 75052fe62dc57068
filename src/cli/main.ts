#!/usr/bin/env node
/**
 * `cdk-s3-access-logs`: the package's command (its `bin`), not part of the jsii API.
 *
 * `cdk-s3-access-logs check [PATH...]` runs the synth-time checks over CloudFormation templates and
 * cloud assemblies; `--help` says the rest.
 */
import { runCommand } from './run-command';

process.exitCode = runCommand(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTty: Boolean(process.stdout.isTTY),
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
});
