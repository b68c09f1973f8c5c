import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, qs, type UnitItem } from '../api.ts';
import { useT } from '../i18n.tsx';

/** Picks a unit in force on a date; searches as you type, with or without diacritics. */
export function UnitSelect({
  value,
  onChange,
  asOf,
  kinds,
  disabled,
  id,
  allowClear,
  ariaLabel,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  asOf?: string | undefined;
  kinds?: string | undefined;
  disabled?: boolean;
  id?: string;
  allowClear?: boolean;
  /** its name for a screen reader when no form label names it */
  ariaLabel?: string;
}) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['unit-select', q, asOf, kinds],
    queryFn: () =>
      api.get<{ items: UnitItem[] }>(`/api/units?${qs({ q, asOf, level: kinds, limit: 30, parentId: undefined })}`),
  });
  const current = useQuery({
    queryKey: ['unit', value],
    enabled: typeof value === 'number',
    queryFn: () => api.get<{ id: number; name: string; code: string }>(`/api/units/${value}`),
  });
  const options = (list.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }));
  if (current.data && !options.some((o) => o.value === current.data.id))
    options.unshift({ value: current.data.id, label: `${current.data.name} (${current.data.code})` });
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      disabled={disabled}
      placeholder={t('search')}
      allowClear={allowClear}
      loading={list.isLoading}
      // its width follows the long placeholder: never wider than a phone's screen
      style={{ minWidth: 200, maxWidth: 'calc(100vw - 80px)' }}
    />
  );
}
