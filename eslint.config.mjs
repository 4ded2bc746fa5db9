// Lint config: typescript-eslint strict + stylistic, type-checked, over every TypeScript file the project compiles.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', '.cache/', 'coverage/', 'bench/.out/', '.serverless/', '.esbuild/', 'node_modules/', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Numbers and booleans read naturally in speech and report strings; only objects and nullish values are mistakes.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `(x) => doSomething(x)` shorthands returning void are idiomatic here (handlers, callbacks, expect); the rule would force braces on ~120 lines.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // A leading underscore marks a parameter or binding kept for its position (Express error handlers, tuple destructuring).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // ~126 hits, mostly defensive checks on SDK request fields typed as always-present but absent at run time in real envelopes; removing them is unsafe.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // ~140 hits (mostly bench and tests on arrays indexed after a length check); left to noUncheckedIndexedAccess work rather than a blind rewrite.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Backlog: the ~100 hits left after autofix, spread over 25 small rules; each wants a look by hand, not a blind rewrite.
    // They warn (visible in every `npm run lint`) rather than fail, until fixed; the number is the hit count when this was written.
    rules: {
      '@typescript-eslint/use-unknown-in-catch-callback-variable': 'warn', // 11
      '@typescript-eslint/no-dynamic-delete': 'warn', // 11
      '@typescript-eslint/require-await': 'warn', // 8
      '@typescript-eslint/no-empty-function': 'warn', // 7
      '@typescript-eslint/prefer-nullish-coalescing': 'warn', // 6
      '@typescript-eslint/no-unnecessary-type-conversion': 'warn', // 5
      '@typescript-eslint/no-require-imports': 'warn', // 5
      '@typescript-eslint/no-explicit-any': 'warn', // 5
      '@typescript-eslint/no-unsafe-member-access': 'warn', // 5
      '@typescript-eslint/no-base-to-string': 'warn', // 4
      '@typescript-eslint/restrict-plus-operands': 'warn', // 4
      '@typescript-eslint/prefer-optional-chain': 'warn', // 4
      '@typescript-eslint/no-unused-expressions': 'warn', // 4
      '@typescript-eslint/no-misused-spread': 'warn', // 2
      '@typescript-eslint/no-unused-vars': 'warn', // 2
      'no-control-regex': 'warn', // 2
      '@typescript-eslint/no-unsafe-argument': 'warn', // 2
      '@typescript-eslint/prefer-string-starts-ends-with': 'warn', // 2
      '@typescript-eslint/no-unnecessary-type-assertion': 'warn', // 2
      '@typescript-eslint/prefer-promise-reject-errors': 'warn', // 2
      'preserve-caught-error': 'warn', // 1
      '@typescript-eslint/no-unnecessary-type-parameters': 'warn', // 1
      '@typescript-eslint/no-unsafe-assignment': 'warn', // 1
      '@typescript-eslint/no-misused-promises': 'warn', // 1
      'no-useless-assignment': 'warn', // 1
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      // Tests and scripts poke at parsed JSON (models, envelopes, responses) as `any` on purpose; typing every fixture would double their size.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Test doubles implement async interfaces with bodies that need no await, and empty stubs for callbacks.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
);
