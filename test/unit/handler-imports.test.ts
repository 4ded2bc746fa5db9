import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const HANDLERS = join(__dirname, '..', '..', 'src', 'handlers');

/** Every module a source file names: static imports and re-exports, import() and require(). */
function specifiers(source: string): string[] {
  const found = source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])([^'"]+)\1/gm);
  return [...found].flatMap((m) => m[2] ?? []);
}

/** The handler files that `source`, a handler file, imports, as paths under src/handlers. */
function handlersImportedBy(file: string, source = readFileSync(join(HANDLERS, file), 'utf8')): string[] {
  return specifiers(source)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(join(HANDLERS, file)), spec))
    .filter((target) => !relative(HANDLERS, target).startsWith('..'))
    .map((target) => relative(HANDLERS, target));
}

describe('handlers stay independent of each other', () => {
  const files = readdirSync(HANDLERS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

  it('finds the handler files', () => expect(files.length).toBeGreaterThan(10));

  it.each(files)('%s imports no other handler file (shared helpers live in src/answers/ or src/domain/)', (file) => {
    expect(handlersImportedBy(file)).toEqual([]);
  });

  it('would catch one that did, however it is written', () => {
    const sample = [
      "import type { A } from './ritual';",
      "import {\n  b,\n} from '../handlers/audio';",
      "export { c } from './goals';",
      "const d = require('./suggest');",
      "const e = import('./check-in');",
      "import './side-effect';",
      "import { f } from '../answers/ritual';",
      "import { g } from 'ask-sdk-core';",
    ].join('\n');
    expect(handlersImportedBy('yes-no.ts', sample)).toEqual(['ritual', 'audio', 'goals', 'suggest', 'check-in', 'side-effect']);
  });
});
