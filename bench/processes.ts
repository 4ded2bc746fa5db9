import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './config';

/** Everything started by this run, stopped in reverse order whatever happens. */
export const cleanups: (() => Promise<void> | void)[] = [];
export const children = new Set<ChildProcess>();

/** Kills the children still running, then runs the cleanups, last first. */
export async function cleanup(): Promise<void> {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) {
    try {
      await cleanup();
    } catch (err) {
      console.error(`cleanup: ${(err as Error).message}`);
    }
  }
}

/** Progress on stderr, so that stdout carries only the tables. */
export const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Runs a command to completion, failing with its output. */
export function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      children.delete(child);
      if (code === 0) resolveRun(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}
