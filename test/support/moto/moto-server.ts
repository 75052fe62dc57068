import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as path from 'path';

/**
 * A `moto_server` of our own on 127.0.0.1, and the run of `replay.py` (the one replayer of every
 * moto test) against it. Not a test file itself.
 */

/** One API call of a plan (`replay.py` names the calls it makes), with its Region and its arguments, intrinsics resolved. */
export interface ReplayCall {
  readonly op: string;
  readonly region: string;
}

/** A named list of calls, replayed on an empty moto. */
export interface ReplayDeployment {
  readonly name: string;
  readonly steps: readonly ReplayCall[];
}

/** The outcome of one step of a plan, as `replay.py` reports it. */
export type StepResult =
  | { readonly op: string; readonly ok: true; readonly readBack?: any }
  | { readonly op: string; readonly ok: false; readonly code: string; readonly message: string };

export interface DeploymentResult {
  readonly name: string;
  readonly results: StepResult[];
}

const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const REPLAY_SCRIPT = path.join(__dirname, 'replay.py');

export class MotoServer {
  /**
   * Start `moto_server` on 127.0.0.1 on a port the system picks (`-p 0`, read back from its log), so
   * that parallel runs never collide; resolves once it answers.
   */
  public static async start(motoServer: string): Promise<MotoServer> {
    const child = spawn(motoServer, ['-H', '127.0.0.1', '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const log: string[] = [];
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => fail(`did not start within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`${motoServer} ${why}:\n${log.join('')}`));
      };
      const onOutput = (chunk: Buffer) => {
        // Keep the start of the log for errors, and drain the rest (moto logs every request).
        if (log.length < 50) {
          log.push(chunk.toString());
        }
        const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(log.join(''));
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout!.on('data', onOutput);
      child.stderr!.on('data', onOutput);
      child.on('error', error => fail(`failed to start: ${error.message}`));
      child.on('exit', (code, signal) => fail(`exited with ${signal ?? code}`));
    });
    child.removeAllListeners('exit');
    return new MotoServer(child, endpoint);
  }

  private constructor(private readonly child: ChildProcess, public readonly endpoint: string) {}

  /** The process id of the server, which `stop` ends. */
  public get pid(): number {
    return this.child.pid!;
  }

  /** Run `deployments` through `replay.py` in one python3 process; each deployment starts from an empty moto. */
  public replay(python: string, deployments: readonly ReplayDeployment[]): DeploymentResult[] {
    const run = spawnSync(python, [REPLAY_SCRIPT, this.endpoint], {
      input: JSON.stringify({ deployments }),
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error || run.status !== 0) {
      throw new Error(`${python} ${REPLAY_SCRIPT} failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr}`);
    }
    return JSON.parse(run.stdout).deployments;
  }

  /** Stop the server by its process id: SIGTERM, then SIGKILL if it has not exited in time. */
  public async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>(resolve => this.child.once('exit', () => resolve()));
    process.kill(this.pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(this.pid, 'SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}
