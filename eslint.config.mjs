import { dirname, relative, resolve } from 'node:path';
import js from '@eslint/js';
import eslintConfigPrettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
/** libs/<name>, apps/<name>, or a top-level folder (test, migrations, scripts); root files are shared config. */
const packageOf = (file) => {
  const [top, name] = relative(root, file).split('/');
  return top === 'libs' || top === 'apps' ? `${top}/${name}` : top;
};

// Another library or app is reached by its name from package.json "imports" (#core, #audit, …),
// never by a relative path into its folders: the name is its public face, the folders are not.
const importsByName = {
  meta: {
    type: 'problem',
    messages: { leaves: '\'{{spec}}\' leaves {{from}}: import {{to}} by its name from package.json "imports".' },
  },
  create(context) {
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const from = packageOf(context.filename);
      const target = resolve(dirname(context.filename), spec);
      const to = packageOf(target);
      if (from !== to && dirname(target) !== root)
        context.report({ node: node.source, messageId: 'leaves', data: { spec, from, to } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        AbortSignal: 'readonly',
        performance: 'readonly',
      },
    },
    plugins: { house: { rules: { 'imports-by-name': importsByName } } },
    rules: {
      'house/imports-by-name': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name='only']",
          message: 'A focused test skips the rest.',
        },
      ],
    },
  },
  {
    // Type-aware checks for the TypeScript sources: a promise is awaited, returned, or voided on purpose.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts', 'test/**/*.ts', 'migrations/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Only the config module reads the environment; everything else gets the validated object.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/core/src/config/**', '**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration from APP_CONFIG.' },
      ],
      'no-console': 'error',
    },
  },
  // Layout is Prettier's (npm run format); ESLint keeps to correctness.
  eslintConfigPrettier,
);
