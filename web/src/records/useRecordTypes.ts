import { useQuery } from '@tanstack/react-query';
import { api, type RecordTypeInfo } from '../api.ts';

export function useRecordTypes() {
  return useQuery({
    queryKey: ['record-types'],
    queryFn: () => api.get<RecordTypeInfo[]>('/api/record-types'),
    staleTime: Infinity,
  });
}
