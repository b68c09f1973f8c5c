import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, ConfigProvider, Layout, Menu, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { api, setCsrfToken } from './api.ts';
import { isOffice, useMe, useMeta } from './hooks.ts';
import { useLang, useT } from './i18n.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { IndicatorPage } from './pages/IndicatorPage.tsx';
import { PlanPage } from './pages/PlanPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { InboxPage, SessionsPage } from './pages/SessionsPage.tsx';
import { UnitPage } from './pages/UnitPage.tsx';
import { UnitsPage } from './pages/UnitsPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { go, useRoute } from './router.ts';

export function App() {
  const { lang } = useLang();
  dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={{ token: { colorPrimary: '#8e2c8e' } }}>
      <AntApp>
        <Shell />
      </AntApp>
    </ConfigProvider>
  );
}

function DemoBanner() {
  const { t } = useT();
  const meta = useMeta();
  if (!meta.data?.demo) return null;
  return <Alert type="warning" showIcon banner data-testid="demo-banner" title={`${t('demoBanner')} — ${meta.data.demo.provinceName}`} />;
}

function Shell() {
  const { t } = useT();
  const { lang, setLang } = useLang();
  const me = useMe();
  const route = useRoute();
  const qc = useQueryClient();
  if (me.isLoading) return <Spin style={{ margin: 80 }} />;
  const user = me.data;
  if (!user) {
    return (
      <>
        <DemoBanner />
        <LoginPage />
      </>
    );
  }
  const items = [
    { key: 'dashboard', label: t('dashboard') },
    { key: 'plan', label: t('plan') },
    { key: 'units', label: t('units') },
    { key: 'sessions', label: t('sessions') },
    ...(isOffice(user) ? [{ key: 'inbox', label: t('inbox') }, { key: 'audit', label: t('audit') }] : []),
    ...(user.role === 'admin' ? [{ key: 'users', label: t('users') }] : []),
  ];
  const logout = async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    qc.clear();
    go('dashboard');
  };
  const [page, id] = route;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <DemoBanner />
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>{t('appName')}</Typography.Text>
        <Menu theme="dark" mode="horizontal" selectedKeys={[page ?? 'dashboard']} items={items} onClick={(e) => go(e.key)} style={{ flex: 1, minWidth: 0 }} />
        <Space>
          <Typography.Text style={{ color: '#fff' }} data-testid="current-user">{user.displayName}</Typography.Text>
          <Button size="small" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>{t('language')}</Button>
          <Button size="small" onClick={logout}>{t('logout')}</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {page === 'indicators' && id ? <IndicatorPage key={id} param={id} />
          : page === 'plan' ? <PlanPage user={user} />
          : page === 'units' && id ? <UnitPage id={Number(id)} user={user} />
          : page === 'units' ? <UnitsPage />
          : page === 'sessions' ? <SessionsPage user={user} />
          : page === 'inbox' ? <InboxPage user={user} />
          : page === 'audit' ? <AuditPage />
          : page === 'users' ? <UsersPage />
          : <DashboardPage />}
      </Layout.Content>
    </Layout>
  );
}
