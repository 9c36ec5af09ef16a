import { readdirSync } from 'node:fs';
import nx from '@nx/eslint-plugin';
import baseConfig from '../../eslint.config.mjs';

const base = import.meta.dirname;
const features = readdirSync(`${base}/src/features`);
const layers = 'pages/routes -> features/<domain> -> components -> lib and libs/*';

export default [
  ...nx.configs['flat/react'],
  ...baseConfig,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.jsx'] } } },
    rules: {
      // The house: every import points down (${layers}); a feature uses another's data through the API and
      // libs/contracts, never its files. See ../../ARCHITECTURE.md.
      'import/no-restricted-paths': [
        'error',
        {
          basePath: base,
          zones: [
            {
              target: './src/components',
              from: ['./src/features', './src/pages', './src/app'],
              message: `Components never import features or pages (${layers}).`,
            },
            {
              target: './src/lib',
              from: ['./src/features', './src/pages', './src/app', './src/components'],
              message: `lib is the ground floor (${layers}).`,
            },
            { target: './src/features', from: ['./src/pages', './src/app'], message: `Features never import pages (${layers}).` },
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: './src/features',
              except: [`./${feature}`],
              message: `A feature never imports another feature's files; share through components, libs/contracts or the API (${layers}).`,
            })),
          ],
        },
      ],
    },
  },
];
