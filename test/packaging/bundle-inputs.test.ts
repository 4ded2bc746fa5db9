import { resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '..', '..');

/** The packages the Lambda bundle pulls in, from esbuild's metafile for src/handler.ts (flags as `npm run build`). */
async function bundledPackages(): Promise<Set<string>> {
  const result = await build({
    entryPoints: [resolve(ROOT, 'src', 'handler.ts')],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  const packages = Object.keys(result.metafile.inputs)
    .map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input.slice(input.lastIndexOf('node_modules/')))?.[1])
    .filter((name): name is string => Boolean(name));
  return new Set(packages);
}

describe('what the Lambda bundle loads (issue #13: cold start)', () => {
  it('carries no AWS SDK, and neither express nor its adapter, which only the self-hosted server uses', async () => {
    const packages = [...(await bundledPackages())];

    expect(packages.filter((p) => /^@aws-sdk\/|^@smithy\/|^aws-sdk$/.test(p))).toEqual([]);
    expect(packages.filter((p) => p === 'express' || p === 'ask-sdk-express-adapter')).toEqual([]);
    expect(packages).toContain('aws4');
  });
});
