import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Items, Organisation, Page, Role, User } from '../../api/types';

export type OrganisationFilters = { q?: string; typeCode?: string | null; active?: string | null };
export type UserFilters = { q?: string; organisationId?: string | null; role?: string | null; active?: string | null };

export function listOrganisations(filters: OrganisationFilters, cursor: string | null, signal?: AbortSignal, limit = 50) {
  return api<Page<Organisation>>('/organisations', { query: { ...filters, limit, cursor }, signal });
}

export function getOrganisation(id: string, signal?: AbortSignal) {
  return api<Organisation>(`/organisations/${encodeURIComponent(id)}`, { signal });
}

export function listUsers(filters: UserFilters, cursor: string | null, signal?: AbortSignal, limit = 50) {
  return api<Page<User>>('/users', { query: { ...filters, limit, cursor }, signal });
}

export function getUser(id: string, signal?: AbortSignal) {
  return api<User>(`/users/${encodeURIComponent(id)}`, { signal });
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ['roles'],
    queryFn: ({ signal }) => api<Items<Role>>('/roles', { signal }),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export function useOrganisation(id: string | null | undefined) {
  return useQuery({
    queryKey: ['organisation', id],
    queryFn: ({ signal }) => getOrganisation(id!, signal),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

/** Mirrors the server's text rule: trimmed, one apostrophe form is normalised there. */
export function trimmed(v: string): string {
  return v.trim();
}

/** The server's e-mail check is stricter; this catches typing slips before sending. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
