import { defaultServerConditions } from 'vite';

/** Resolve sibling workspace packages to their TypeScript source, so tests need no build. */
export const sourceConditions = ['@passerelle/source', ...defaultServerConditions];
