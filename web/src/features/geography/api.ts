import { api } from '../../api/client';
import type { Items, Page, Unit, UnitCategory, UnitWithPath } from '../../api/types';

export const CATEGORY_ORDER: readonly UnitCategory[] = ['O', 'K', 'P', 'H', 'M', 'T', 'X', 'C', 'B'];

export function searchUnits(q: string, signal?: AbortSignal, limit = 20) {
  return api<Items<Unit>>('/geography/units', { query: { q, limit }, signal });
}

export function rootUnits(signal?: AbortSignal) {
  return api<Items<Unit>>('/geography/units', { query: { limit: 100 }, signal });
}

export function getUnit(code: string, signal?: AbortSignal) {
  return api<UnitWithPath>(`/geography/units/${encodeURIComponent(code)}`, { signal });
}

export function unitChildren(code: string, cursor: string | null, signal?: AbortSignal) {
  return api<Page<Unit>>(`/geography/units/${encodeURIComponent(code)}/children`, { query: { limit: 100, cursor }, signal });
}

/** The category's translation key: O covers both oblasts and the Autonomous Republic of Crimea. */
export function categoryKey(unit: { category: string; nameUk: string }): string {
  return unit.category === 'O' && /республік/iu.test(unit.nameUk) ? 'ARC' : unit.category;
}
