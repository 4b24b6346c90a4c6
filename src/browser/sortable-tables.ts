/**
 * Progressive enhancement for data tables (written at build time by src/essays/data-tables.ts):
 * each column heading becomes a button that sorts the rows by that column, ascending first and
 * reversed by the next press, with `aria-sort` on the sorted column's header and the new order
 * announced through one polite live region. Number columns (`data-sort="number"`) sort by each
 * cell's `data-sort-value`, the number as written; text columns in the page language's order,
 * digits by their value ("item 2" before "item 10"). Cells with no value go last either way.
 * The sort is stable: rows that tie keep the order they had, so sorting by one column and then
 * another orders by both. Without JavaScript the table stays as the data file has it, and has no
 * buttons that do nothing.
 */
const TABLE_SELECTOR = 'table[data-sortable]';

export type SortDirection = 'ascending' | 'descending';
/** What a cell is sorted by: its number, its text, or undefined when it has no value. */
export type SortKey = number | string | undefined;

export function enhanceSortableTables(root: ParentNode = document): void {
  const tables = [...root.querySelectorAll<HTMLTableElement>(TABLE_SELECTOR)].filter((table) => !table.querySelector('thead .sort-button'));
  if (tables.length === 0) return;
  const status = liveRegion();
  const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: 'base' });
  for (const table of tables) makeSortable(table, status, collator);
}

function makeSortable(table: HTMLTableElement, status: HTMLElement, collator: Intl.Collator): void {
  const headerRow = table.tHead?.rows[0];
  const body = table.tBodies[0];
  if (!headerRow || !body) return;
  [...headerRow.cells].forEach((header, column) => {
    // The empty corner above the row labels is a <td>: nothing to sort by.
    if (header.tagName !== 'TH') return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort-button';
    // The heading's own text is the button's name (WCAG 2.5.3); the arrow is decoration.
    button.append(...header.childNodes);
    const icon = document.createElement('span');
    icon.className = 'sort-icon';
    icon.setAttribute('aria-hidden', 'true');
    button.append(icon);
    header.append(button);

    button.addEventListener('click', () => {
      const direction: SortDirection = header.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      const rows = [...body.rows];
      const numeric = header.dataset.sort === 'number';
      const keys = rows.map((row) => sortKey(row.cells[column], numeric));
      body.append(...sortedOrder(keys, direction, collator.compare).map((index) => rows[index]!));
      for (const other of headerRow.cells) other.removeAttribute('aria-sort');
      header.setAttribute('aria-sort', direction);
      announce(status, `Sorted by ${button.textContent?.trim()}, ${direction}`);
    });
  });
}

function sortKey(cell: HTMLTableCellElement | undefined, numeric: boolean): SortKey {
  if (!cell) return undefined;
  if (numeric) {
    const value = cell.dataset.sortValue;
    return value === undefined || value === '' ? undefined : Number(value);
  }
  const text = cell.textContent?.trim() ?? '';
  return text === '' ? undefined : text;
}

/**
 * The order of rows whose keys are `keys`, as indices: numbers by value, text by `compareText`,
 * rows without a value last in both directions. Stable: ties keep their order, in both directions.
 */
export function sortedOrder(keys: readonly SortKey[], direction: SortDirection, compareText: (a: string, b: string) => number): number[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const compare = (a: SortKey, b: SortKey): number => {
    if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
    if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
    return sign * compareText(String(a), String(b));
  };
  return keys
    .map((key, index) => ({ key, index }))
    .sort((a, b) => compare(a.key, b.key))
    .map(({ index }) => index);
}

function liveRegion(): HTMLElement {
  const existing = document.getElementById('table-sort-status');
  if (existing) return existing;
  const region = document.createElement('div');
  region.id = 'table-sort-status';
  region.className = 'visually-hidden';
  region.setAttribute('role', 'status');
  document.body.append(region);
  return region;
}

/** Cleared first, so sorting the same way twice is announced twice. */
function announce(region: HTMLElement, message: string): void {
  region.textContent = '';
  window.setTimeout(() => (region.textContent = message), 50);
}
