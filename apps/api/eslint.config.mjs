import importPlugin from 'eslint-plugin-import';
import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    rules: {
      // Two layers: src/core/<domain> uses src/platform, never the other way (see ../../ARCHITECTURE.md).
      'import/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            {
              target: './src/platform',
              from: './src/core',
              message:
                'The platform never imports a domain: let the domain register what the platform needs (as DocumentAccessRegistry does).',
            },
          ],
        },
      ],
    },
  },
];
