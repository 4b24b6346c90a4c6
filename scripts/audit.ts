/**
 * `npm run audit`: checks the site you built (`dist/`, from your own essays) as `npm test`
 * checks Quire on its fixture sites: links that dangle (pages, files, `#fragments`), HTML the
 * W3C Nu checker refuses (needs Java), and in Chromium (Debian's `chromium`, or CHROME_PATH)
 * axe-core's WCAG 2.2 AA rules in light and dark and sideways scrolling at 390 px. Prints one
 * line per problem and exits 1 if there is any. Run `npm run build` first.
 *
 * The checkers (scripts/audit/) are the ones the tests use, so the two never disagree.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { site } from '../src/site.config.ts';
import { axeViolations, formatViolations } from './audit/axe.ts';
import { closePage, DESKTOP, findChromium, launchChromium, PHONE } from './audit/chromium.ts';
import { emittedPages } from './audit/emitted-pages.ts';
import { checkLinks, formatDeadLinks } from './audit/link-checker.ts';
import { horizontalOverflow } from './audit/reader-checks.ts';
import { startStaticServer } from './audit/static-server.ts';
import { checkHtml, findJava, formatNuMessages } from './audit/vnu.ts';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, pages: { type: 'string' } } });
const dist = path.resolve(values.dist);
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`No built site in ${path.relative(process.cwd(), dist) || '.'}/: run \`npm run build\` first.`);
  process.exit(2);
}

const pages = emittedPages(dist, site.base);
const limit = values.pages ? Number(values.pages) : Infinity;
let problems = 0;
const section = (title: string, found: number, details: string) => {
  problems += found;
  console.log(`\n${title}: ${found === 0 ? 'none' : found}`);
  if (found > 0) console.log(details);
};

const links = checkLinks(dist, site.base);
section(`Dead links in ${pages.length} pages`, links.dead.length, formatDeadLinks(links.dead));

if (findJava()) {
  const { errors } = await checkHtml(pages.map((page) => page.file));
  section('HTML errors (W3C Nu checker)', errors.length, formatNuMessages(errors, dist));
} else {
  console.log('\nHTML (W3C Nu checker): SKIPPED, no Java found (apt-get install default-jre-headless)');
}

if (findChromium()) {
  const server = await startStaticServer(dist, { basePath: site.base });
  const chromium = await launchChromium();
  const report: string[] = [];
  const overflowing: string[] = [];
  try {
    for (const { urlPath } of pages.slice(0, limit)) {
      for (const colorScheme of ['light', 'dark'] as const) {
        for (const viewport of [PHONE, DESKTOP]) {
          const page = await chromium.newPage({ viewport, colorScheme });
          await page.goto(`${server.origin}${urlPath}`);
          const violations = await axeViolations(page);
          if (violations.length > 0) report.push(`${urlPath} at ${viewport.width}px, ${colorScheme}:\n${formatViolations(violations)}`);
          if (viewport === PHONE && colorScheme === 'light') {
            const overflow = await horizontalOverflow(page);
            if (overflow.scrollWidth > overflow.innerWidth) overflowing.push(`${urlPath}: ${overflow.scrollWidth}px wide at ${overflow.innerWidth}px (${overflow.culprits.join(', ')})`);
          }
          await closePage(page);
        }
      }
    }
  } finally {
    await chromium.close();
    await server.close();
  }
  section(`Accessibility (axe-core, WCAG 2.2 AA, light and dark, ${PHONE.width} and ${DESKTOP.width} px)`, report.length, report.join('\n'));
  section(`Pages that scroll sideways at ${PHONE.width} px`, overflowing.length, overflowing.join('\n'));
} else {
  console.log('\nAccessibility and layout (Chromium): SKIPPED, no browser at /usr/bin/chromium (apt-get install chromium, or set CHROME_PATH)');
}

console.log(`\n${problems === 0 ? 'No problems found' : `${problems} problem${problems === 1 ? '' : 's'}`} in ${pages.length} pages.`);
process.exit(problems === 0 ? 0 : 1);
