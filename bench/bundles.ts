import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { OUT, ROOT, type Variant } from './config';
import { run } from './processes';

/** A built bundle: its file, its size plain and gzipped, and esbuild's metafile. */
export interface Bundle {
  file: string;
  bytes: number;
  gzipBytes: number;
  meta: Metafile;
}

async function bundleInfo(file: string, metaFile: string): Promise<Bundle> {
  const code = readFileSync(file);
  return { file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, meta: JSON.parse(await readFile(metaFile, 'utf8')) as Metafile };
}

/** A variant and the bundle built for it. */
export type Built = Variant & { bundle: Bundle };

/** Ours, exactly as `npm run build` makes it (plus a metafile, which does not change the output). */
export async function buildOurs(): Promise<Bundle> {
  const meta = join(OUT, 'ours.meta.json');
  await run('npm', ['run', 'build', '--silent', '--', `--metafile=${meta}`]);
  return bundleInfo(join(ROOT, 'dist', 'handler.js'), meta);
}

/** The flags of the package.json build script, less entry, outfile and metafile. */
async function buildFlags(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts.build ?? '';
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'esbuild' || /[;&|<>"'`$]/.test(script)) {
    throw new Error(`bench expects the build script to be one plain esbuild command, found: ${script}`);
  }
  return words.slice(1).filter((w) => w.startsWith('--') && !w.startsWith('--outfile') && !w.startsWith('--metafile'));
}

/** The build script's flags as esbuild API options (the few kinds it uses: --x, --x=value, --x=a,b for lists). */
function flagsToOptions(flags: string[]): BuildOptions {
  const lists = new Set(['mainFields', 'conditions', 'resolveExtensions']);
  const options: Record<string, unknown> = {};
  for (const flag of flags) {
    const [name, value] = flag.slice(2).split(/=(.*)/s) as [string, string | undefined];
    if (name.includes(':')) throw new Error(`bench cannot translate the build flag ${flag}`);
    const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    options[key] = value === undefined || value === 'true' ? true : value === 'false' ? false : lists.has(key) ? value.split(',') : value;
  }
  return options;
}

/** Ours built like `npm run build`, with one import swapped (see VARIANTS). */
export async function buildVariant(variant: Variant): Promise<Bundle> {
  const [specifier, file] = variant.swap;
  const swap: Plugin = {
    name: 'swap',
    setup(b) {
      const filter = new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      b.onResolve({ filter }, (args) => (args.importer.startsWith(join(ROOT, 'src')) ? { path: join(ROOT, file) } : undefined));
    },
  };
  const outfile = join(OUT, 'variants', variant.key, 'handler.js');
  const meta = join(OUT, `${variant.key}.meta.json`);
  const result = await build({
    ...flagsToOptions(await buildFlags()),
    entryPoints: [join(ROOT, 'src', 'handler.ts')],
    outfile,
    metafile: true,
    logLevel: 'error',
    plugins: [swap],
  });
  const swapped = Object.keys(result.metafile.inputs).some((input) => input === relative(ROOT, join(ROOT, file)));
  if (!swapped) throw new Error(`variant ${variant.key}: ${specifier} was not swapped for ${file}`);
  await writeFile(meta, JSON.stringify(result.metafile));
  return bundleInfo(outfile, meta);
}

/** The baseline, with the very flags of the package.json build script (entry and outfile swapped). */
export async function buildBaseline(): Promise<Bundle> {
  const flags = await buildFlags();
  const outfile = join(OUT, 'baseline', 'handler.js');
  const meta = join(OUT, 'baseline.meta.json');
  await run(join(ROOT, 'node_modules', '.bin', 'esbuild'), [join('bench', 'baseline-skill.ts'), ...flags, `--outfile=${outfile}`, `--metafile=${meta}`]);
  return bundleInfo(outfile, meta);
}

/** The child scripts, so that cold and warm runs use plain `node` with no tsx hooks. */
export async function buildChildren(): Promise<{ cold: string; warm: string }> {
  await build({
    entryPoints: { 'cold-child': join(ROOT, 'bench', 'cold-child.ts'), 'warm-child': join(ROOT, 'bench', 'warm-child.ts') },
    outdir: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
  });
  return { cold: join(OUT, 'cold-child.js'), warm: join(OUT, 'warm-child.js') };
}
