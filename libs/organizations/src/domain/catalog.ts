/** Orders a subset of a catalog in catalog order, so equal sets compare equal (duplicates fall away). */
export function inCatalogOrder<T extends string>(values: readonly T[], catalog: readonly T[]): T[] {
  return catalog.filter((c) => values.includes(c));
}
