// `npm run build` of the baseline, the way Quire's scripts/build.ts calls Astro (same log level),
// so the two are timed doing the same kind of work.
import { build } from 'astro';

process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
await build({ root: process.cwd(), logLevel: 'warn' });
console.log('Built dist/');
