import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * A table that becomes a list of cards under 640 px (styles.css, `table.cards`): each cell is then
 * shown under its column's name, which it takes from the header as `data-label`.
 */
export function CardTable({ class: className, children }: { class?: string; children: ComponentChildren }) {
  const table = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    const headers = [...(table.current?.tHead?.rows[0]?.cells ?? [])].map((cell) => cell.textContent?.trim() ?? '');
    for (const body of table.current?.tBodies ?? []) {
      for (const row of body.rows) [...row.cells].forEach((cell, index) => cell.setAttribute('data-label', headers[index] ?? ''));
    }
  });
  return (
    <table ref={table} class={className ? `cards ${className}` : 'cards'}>
      {children}
    </table>
  );
}
