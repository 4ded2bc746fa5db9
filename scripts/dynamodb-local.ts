import { spawn, spawnSync, execFile, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

const run = promisify(execFile);

/** DynamoDB Local 1.25.1 as shipped by AWS inside this npm tarball (the only download CI allows). */
const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
/** The tarball we reviewed; npm checks the registry's hash, this also pins it to the one we chose. */
const INTEGRITY = 'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';
const CACHE_ROOT = resolve(__dirname, '..', '.cache');
const EMULATOR_DIR = join(CACHE_ROOT, 'dynamodb-local');
/** Written last inside the extracted folder, so its presence means the folder is complete. */
const MARKER = '.complete';
const JAR = 'DynamoDBLocal.jar';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const STDERR_TAIL = 4_000;

const JAVA_HINT = 'DynamoDB Local needs Java 17 or newer: apt-get install -y default-jre-headless';

/** A running emulator: where to point clients, and how to shut it down. */
export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** The emulator folder, downloaded and extracted once; safe when several processes race. */
export async function ensureEmulator(): Promise<string> {
  if (await isComplete(EMULATOR_DIR)) return EMULATOR_DIR;

  await mkdir(CACHE_ROOT, { recursive: true });
  process.stderr.write(`Fetching DynamoDB Local (${PACKAGE}) into ${EMULATOR_DIR} ...\n`);
  const work = join(CACHE_ROOT, `dynamodb-local.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    const staged = await download(work);
    await moveAside(EMULATOR_DIR);
    try {
      await rename(staged, EMULATOR_DIR);
    } catch (err) {
      // Another process finished first: its folder is as good as ours.
      if (!(await isComplete(EMULATOR_DIR))) throw err;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  if (!(await isComplete(EMULATOR_DIR))) throw new Error(`DynamoDB Local is incomplete in ${EMULATOR_DIR}`);
  return EMULATOR_DIR;
}

/** Throws a message saying how to install Java when `java` is not on PATH. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`Java was not found on PATH (${probe.error?.message ?? `exit ${probe.status}`}). ${JAVA_HINT}`);
  }
}

/** Starts an in-memory DynamoDB Local on a free loopback port and waits until it answers. */
export async function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  assertJava();
  const dir = await ensureEmulator();
  // The free port can be taken between our probe and Java's bind; try a fresh one then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(dir, await freePort());
    } catch (err) {
      if (!(err instanceof PortTakenError) || attempt >= 3) throw err;
    }
  }
}

class PortTakenError extends Error {}

async function launch(dir: string, port: number): Promise<DynamoDbLocal> {
  const args = [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, JAR), '-inMemory', '-port', String(port)];
  // Since 1.24 it sends telemetry by default; tests and CI have no business doing that.
  args.push('-disableTelemetry');
  const child = spawn('java', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keepTail = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-STDERR_TAIL);
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  const exited = new Promise<string>((resolveExit) => {
    child.once('error', (err) => resolveExit(err.message));
    child.once('exit', (code, signal) => resolveExit(`exited with ${signal ?? `code ${code}`}`));
  });
  // A jest or CLI parent that exits without stopping us must not leave Java running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await terminate(child, exited);
  };

  let died: string | undefined;
  void exited.then((why) => (died = why));
  if (await answers(endpoint, () => died !== undefined)) return { endpoint, stop };

  const why = died ?? `did not answer within ${READY_TIMEOUT_MS / 1000} s`;
  await stop();
  const message = `DynamoDB Local on port ${port} ${why}.\n--- java output (tail) ---\n${output.trim() || '(none)'}`;
  if (/BindException|Address already in use/i.test(output)) throw new PortTakenError(message);
  throw new Error(message);
}

/** Polls ListTables until it succeeds (true), the process died or the deadline passed (false). */
async function answers(endpoint: string, died: () => boolean): Promise<boolean> {
  const client = new DynamoDBClient({
    region: 'local',
    endpoint,
    maxAttempts: 1,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: { connectionTimeout: 500, requestTimeout: 1000 },
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    while (!died() && Date.now() < deadline) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return true;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return false;
  } finally {
    client.destroy();
  }
}

async function terminate(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** A loopback port nobody is listening on right now (also handy for "unreachable" tests). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

async function isComplete(dir: string): Promise<boolean> {
  try {
    return (await readFile(join(dir, MARKER), 'utf8')) === PACKAGE && existsSync(join(dir, JAR));
  } catch {
    return false;
  }
}

/** Fetches the tarball into `work` and extracts only package/emulator; returns the staged folder. */
async function download(work: string): Promise<string> {
  const staged = join(work, 'emulator');
  await mkdir(staged, { recursive: true });
  try {
    await run('npm', ['pack', PACKAGE, '--pack-destination', work, '--silent'], { cwd: work, maxBuffer: 16 << 20 });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim() ?? '';
    throw new Error(`npm pack ${PACKAGE} failed: ${stderr !== '' ? stderr : (err as Error).message}`, { cause: err });
  }
  const tarball = (await readdir(work)).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${PACKAGE} produced no tarball in ${work}`);
  const integrity = await sha512(join(work, tarball));
  if (integrity !== INTEGRITY) throw new Error(`${PACKAGE} has integrity ${integrity}, expected ${INTEGRITY}`);

  await run('tar', ['-xzf', join(work, tarball), '-C', staged, '--strip-components=2', 'package/emulator']);
  await rm(join(work, tarball));
  if (!existsSync(join(staged, JAR))) throw new Error(`${JAR} is missing from ${PACKAGE}`);
  await writeFile(join(staged, MARKER), PACKAGE);
  return staged;
}

/** Renames an old or half-written folder out of the way (atomically), then deletes it. */
async function moveAside(dir: string): Promise<void> {
  if (!existsSync(dir) || (await isComplete(dir))) return;
  const trash = `${dir}.${process.pid}.${randomUUID().slice(0, 8)}.old`;
  try {
    await rename(dir, trash);
  } catch {
    return;
  }
  await rm(trash, { recursive: true, force: true });
}

function sha512(file: string): Promise<string> {
  return new Promise((resolveHash, reject) => {
    const hash = createHash('sha512');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolveHash(`sha512-${hash.digest('base64')}`));
  });
}

async function main(): Promise<void> {
  const db = await startDynamoDbLocal();
  console.log(`DynamoDB Local is running at ${db.endpoint}`);
  console.log(`  simulator:  DYNAMODB_ENDPOINT=${db.endpoint} npm start`);
  console.log(`  jest reuse: DYNAMODB_LOCAL_ENDPOINT=${db.endpoint} npx jest test/integration`);
  console.log('Press Ctrl-C to stop.');
  const shutdown = () => {
    db.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
