/**
 * Unit tests import `src/content.config.ts` for its schema. Outside Astro's Vite plugin the
 * `astro:content` virtual module does not exist; these stand-ins are enough to load the file.
 */
export const defineCollection = <T>(config: T): T => config;
export const getCollection = () => {
  throw new Error('getCollection() is only available inside an Astro build');
};
export const render = getCollection;
