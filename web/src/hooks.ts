import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken, type Meta, type User } from './api.ts';
import { fmtPercent } from './format.ts';

export function useMeta() {
  return useQuery({ queryKey: ['meta'], queryFn: () => api.get<Meta>('/api/meta'), staleTime: Infinity });
}

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const r = await api.get<{ csrfToken: string; user: User }>('/api/auth/me');
        setCsrfToken(r.csrfToken);
        return r.user;
      } catch {
        setCsrfToken(null);
        return null;
      }
    },
  });
}

export const isOffice = (u: User | null | undefined): boolean => u?.role === 'admin' || u?.role === 'coordinator';
/** Whether the user may write records of `kind` for a unit (inspectors: their unit's inspections). */
export const canWriteFor = (u: User | null | undefined, unitId: number, kind = 'communication_session'): boolean =>
  isOffice(u) ||
  (u?.role === 'reporter' && u.unitId === unitId) ||
  (kind === 'inspection' && u?.role === 'inspector' && u.unitId === unitId);
/** one argument only: it is also a table column's render, which passes the row as a second */
export const percent = (v: number | null): string => fmtPercent(v);
