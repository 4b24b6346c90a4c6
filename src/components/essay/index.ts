/**
 * Components for essays written in MDX: `import { Aside, Comparison, DataTable, Figure } from '@essay';`
 * (the `@essay` alias is set in tsconfig.json). docs/writing.md, "Writing essays", shows each in use.
 */
export { default as Aside } from './Aside.astro';
export { default as Comparison } from './Comparison.astro';
export { default as DataTable } from './DataTable.astro';
export { default as Figure } from './Figure.astro';
