import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Input, Space, Table, Tag, Tree, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, qs, type UnitItem } from '../api.ts';
import { useMeta } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { go } from '../router.ts';

interface Node {
  key: string;
  title: string;
  isLeaf: boolean;
  children?: Node[];
}

const toNode = (u: UnitItem): Node => ({ key: String(u.id), title: `${u.name} · ${u.code}`, isLeaf: !u.hasChildren });

function setChildren(nodes: Node[], key: string, children: Node[]): Node[] {
  return nodes.map((n) =>
    n.key === key ? { ...n, children } : n.children ? { ...n, children: setChildren(n.children, key, children) } : n,
  );
}

/** The unit tree as it was on a date, and search by name with or without diacritics. */
export function UnitsPage() {
  const { t, label } = useT();
  const meta = useMeta();
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [q, setQ] = useState('');
  const asOf = date.format('YYYY-MM-DD');
  const [tree, setTree] = useState<{ asOf: string; nodes: Node[] } | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const roots = useQuery({
    queryKey: ['unit-roots', asOf],
    queryFn: async () => {
      const r = await api.get<{ items: UnitItem[] }>(`/api/units?${qs({ asOf, parentId: 'root', limit: 1000 })}`);
      let nodes = r.items.map(toNode);
      // A single province (the usual case) opens by itself.
      const only = r.items.length === 1 && r.items[0]!.hasChildren ? String(r.items[0]!.id) : null;
      if (only) {
        const c = await api.get<{ items: UnitItem[] }>(`/api/units?${qs({ asOf, parentId: only, limit: 1000 })}`);
        nodes = setChildren(nodes, only, c.items.map(toNode));
      }
      setTree({ asOf, nodes });
      setExpanded(only ? [only] : []);
      return r;
    },
  });
  const found = useQuery({
    queryKey: ['unit-search', asOf, q],
    enabled: q.trim().length > 0,
    queryFn: () => api.get<{ total: number; items: UnitItem[] }>(`/api/units?${qs({ asOf, q, limit: 100 })}`),
  });
  const loadChildren = async (key: string) => {
    const r = await api.get<{ items: UnitItem[] }>(`/api/units?${qs({ asOf, parentId: key, limit: 1000 })}`);
    setTree((prev) => (prev ? { ...prev, nodes: setChildren(prev.nodes, key, r.items.map(toNode)) } : prev));
  };
  const kinds = meta.data?.lists.unitKinds ?? {};
  return (
    <Card title={t('units')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('asOf')}</Typography.Text>
        <DatePicker
          value={date}
          onChange={(d) => d && setDate(d)}
          format="DD/MM/YYYY"
          allowClear={false}
          id="units-asof"
        />
        <Input.Search
          placeholder={t('search')}
          allowClear
          onSearch={setQ}
          style={{ width: 'min(420px, calc(100vw - 80px))' }}
          id="units-search"
        />
      </Space>
      {q.trim() ? (
        <Table
          rowKey="id"
          size="small"
          loading={found.isLoading}
          dataSource={found.data?.items ?? []}
          data-testid="unit-results"
          pagination={{ pageSize: 20 }}
          title={() => `${found.data?.total ?? 0}`}
          columns={[
            {
              title: t('name'),
              dataIndex: 'name',
              render: (v: string, u: UnitItem) => <a onClick={() => go(`units/${u.id}`)}>{v}</a>,
            },
            { title: t('code'), dataIndex: 'code' },
            { title: t('kind'), dataIndex: 'kind', render: (k: string) => <Tag>{label(kinds[k], k)}</Tag> },
            { title: t('parent'), dataIndex: 'parentName' },
          ]}
        />
      ) : (
        <Tree
          key={tree?.asOf}
          treeData={tree?.nodes ?? []}
          loadData={(n) => loadChildren(String(n.key))}
          data-testid="unit-tree"
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys.map(String))}
          onSelect={(keys) => keys[0] && go(`units/${keys[0]}`)}
        />
      )}
      {roots.isError && <Typography.Text type="danger">{String(roots.error)}</Typography.Text>}
    </Card>
  );
}
