import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** Runs the simulator as `npm start` would, killed if it outlives `timeoutMs`. */
function simulate(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 20_000,
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  const data = mkdtempSync(join(tmpdir(), 'twilight-sim-'));
  return new Promise((done) => {
    // One node process (tsx as a loader, not its wrapper), so a kill on timeout leaves nothing behind.
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'local', 'simulator.ts'), '--data', data, ...args], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'UTC', DEFAULT_TIME_ZONE: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(data, { recursive: true, force: true });
      done({ code, stdout, stderr, timedOut });
    });
  });
}

describe('the simulator clock', () => {
  it('reads "--clock 2026-11-28T20:00" as 8 PM on the Echo, in the --tz zone', async () => {
    const run = await simulate(['--tz', 'America/New_York', '--clock', '2026-11-28T20:00', ':clock']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/November 28, 2026 at 8:00\sPM/);
  });

  it('reads a clock with no offset in the default zone when no --tz is given', async () => {
    const run = await simulate(['--clock', '2026-11-28T20:00', ':clock'], { DEFAULT_TIME_ZONE: 'America/Chicago' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/November 28, 2026 at 8:00\sPM/);
  });

  it('honours an explicit offset as given', async () => {
    const run = await simulate(['--tz', 'America/New_York', '--clock', '2026-11-29T01:00Z', ':clock']);
    expect(run.stdout).toMatch(/November 28, 2026 at 8:00\sPM/);
  });

  it('exits non-zero with the error on an invalid --clock, instead of hanging', async () => {
    const run = await simulate(['--clock', 'next tuesday', ':clock'], {}, 15_000);
    expect(run.timedOut).toBe(false);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/not a time/);
  });
});

describe("the simulator's routine stand-ins", () => {
  it('offers the routine, and fires the custom triggers only once routines are built on them (Routines.Trigger.Create)', async () => {
    const wind = ['Sam is at a 3', 'Alex is at a 3', "let's start the ritual", 'next', 'next', 'next'];
    const run = await simulate(
      ['open twilight ritual', 'our names are Sam and Alex', ...wind, ':routines on', ...wind, 'make the wind down a routine'],
      { ROUTINE_TRIGGERS_CLIENT_ID: '', ROUTINE_TRIGGERS_CLIENT_SECRET: '' },
      40_000,
    );
    expect(run.code).toBe(0);
    const [before, after = ''] = run.stdout.split(':routines on');
    expect(before).not.toMatch(/routine trigger/);
    expect(after).toMatch(/Routines\.Trigger\.Create/);
    expect(after.match(/\[routine trigger → (\w+)\]/g)).toEqual(['[routine trigger → windDownStarted]', '[routine trigger → windDownEnded]']);
    expect(run.stdout).toMatch(/\[routine offered: say ".+" → start wind-down\]/);
    expect(run.stdout).not.toMatch(/Alexa rejects/);
  });
});
