import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readServerlessConfig } from '../../scripts/package';

const ROOT = resolve(__dirname, '..', '..');

describe('one Node major from the build to Lambda to CI', () => {
  let runtimeMajor: number;
  // The parts of serverless.yml these checks read.
  let config: { provider: { runtime: string }; custom: { esbuild: { target: string } } };
  beforeAll(async () => {
    config = (await readServerlessConfig()) as typeof config;
    runtimeMajor = Number(/^nodejs(\d+)\.x$/.exec(config.provider.runtime)?.[1]);
  });
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  it('runs the function on a Node.js runtime', () => {
    expect(runtimeMajor).toBeGreaterThan(0);
  });

  it('bundles for the Node the function runs on, with osls and with npm run build', () => {
    expect(config.custom.esbuild.target).toBe(`node${runtimeMajor}`);
    expect(pkg.scripts.build).toContain(`--target=node${runtimeMajor} `);
  });

  it('tests on that Node in CI', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(new RegExp(`^NODE_VERSION=${runtimeMajor}\\.\\d+\\.\\d+$`, 'm'));
  });

  it('type-checks against that Node and lets developers use it', () => {
    expect(pkg.devDependencies['@types/node']).toMatch(new RegExp(`^${runtimeMajor}\\.`));
    const admits = (clause: string): boolean => {
      const [, op, major] = /^(>=|\^|~)?(\d+)/.exec(clause.trim()) ?? [];
      return op === '>=' ? Number(major) <= runtimeMajor : Number(major) === runtimeMajor;
    };
    expect(String(pkg.engines.node).split('||').some(admits)).toBe(true);
  });
});
