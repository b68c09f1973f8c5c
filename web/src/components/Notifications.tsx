import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, List, Popover, Typography } from 'antd';
import { BellIcon } from './icons.tsx';
import dayjs from 'dayjs';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';

interface Notice {
  id: number;
  title: string;
  body: string | null;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

/** The bell: unread count, the latest notices; opening one marks it read and follows its link. */
export function NotificationBell() {
  const { t } = useT();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['notifications'],
    queryFn: () => api.get<{ unread: number; items: Notice[] }>('/api/notifications'),
    refetchInterval: 60_000,
  });
  const open = async (n: Notice) => {
    if (!n.read_at) await api.post('/api/notifications/read', { id: n.id });
    await qc.invalidateQueries({ queryKey: ['notifications'] });
    if (n.link) window.location.hash = n.link.replace(/^\/?#?/u, '#');
  };
  const content = (
    <div style={{ width: 380, maxHeight: 420, overflow: 'auto' }}>
      <List
        size="small"
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('noNotifications') }}
        data-testid="notification-list"
        renderItem={(n) => (
          <List.Item onClick={() => open(n)} style={{ cursor: 'pointer', fontWeight: n.read_at ? 'normal' : 'bold' }}>
            <List.Item.Meta
              title={n.title}
              description={
                <>
                  {n.body && <div>{n.body}</div>}
                  <Typography.Text type="secondary">{dayjs(n.created_at).format('DD/MM/YYYY HH:mm')}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {(list.data?.unread ?? 0) > 0 && (
        <Button
          type="link"
          onClick={async () => {
            await api.post('/api/notifications/read', { id: null });
            await qc.invalidateQueries({ queryKey: ['notifications'] });
          }}
        >
          {t('markAllRead')}
        </Button>
      )}
    </div>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight" title={t('notifications')}>
      <Badge count={list.data?.unread ?? 0} size="small">
        <Button size="small" data-testid="notification-bell" aria-label={t('notifications')} icon={<BellIcon />} />
      </Badge>
    </Popover>
  );
}
