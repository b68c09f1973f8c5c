import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken, type Meta, type User } from './api.ts';

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
export const canWriteFor = (u: User | null | undefined, unitId: number): boolean => isOffice(u) || (u?.role === 'reporter' && u.unitId === unitId);
export const percent = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1).replace('.', ',')}%`);
