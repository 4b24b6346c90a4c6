/**
 * Whether this run is a production build (`npm run build`, `astro build`), as Astro sets
 * NODE_ENV: drafts and scheduled essays are left out, and content errors stop it. `astro dev`,
 * `npm run check` and the tests are not one.
 */
export const isProductionBuild = (): boolean => process.env.NODE_ENV === 'production';
