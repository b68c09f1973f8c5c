import { useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Layout, Result, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { api, setCsrfToken, type User } from './api.ts';
import { useLang, useT } from './i18n.tsx';
import { NotificationBell } from './components/Notifications.tsx';
import { ChangePasswordButton } from './components/ChangePassword.tsx';
import { navigationGroups, NavMenu, OFFICE_PAGES, useWide } from './components/Navigation.tsx';
import { MenuIcon } from './components/icons.tsx';
import { DemoBanner } from './components/DemoBanner.tsx';
import { go, useRoute } from './router.ts';

/*
 * The signed-in client: header, navigation and pages. It is a file of its own, loaded once someone has
 * signed in, so that the login page downloads neither the menu nor the pages' shared components.
 */
// Pages load when first opened.
const AuditPage = lazy(() => import('./pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const IndicatorPage = lazy(() => import('./pages/IndicatorPage.tsx').then((m) => ({ default: m.IndicatorPage })));
const PlanPage = lazy(() => import('./pages/PlanPage.tsx').then((m) => ({ default: m.PlanPage })));
const InboxPage = lazy(() => import('./pages/InboxPage.tsx').then((m) => ({ default: m.InboxPage })));
const RecordsPage = lazy(() => import('./pages/RecordsPage.tsx').then((m) => ({ default: m.RecordsPage })));
const MediaPage = lazy(() => import('./pages/MediaPage.tsx').then((m) => ({ default: m.MediaPage })));
const AssessmentPage = lazy(() => import('./pages/AssessmentPage.tsx').then((m) => ({ default: m.AssessmentPage })));
const ConventionsPage = lazy(() => import('./pages/ConventionsPage.tsx').then((m) => ({ default: m.ConventionsPage })));
const ScreenPage = lazy(() => import('./pages/ScreenPage.tsx').then((m) => ({ default: m.ScreenPage })));
const OfficialReportsPage = lazy(() =>
  import('./pages/OfficialReportsPage.tsx').then((m) => ({ default: m.OfficialReportsPage })),
);
const LeadersPage = lazy(() => import('./pages/LeadersPage.tsx').then((m) => ({ default: m.LeadersPage })));
const PublicReportsPage = lazy(() =>
  import('./pages/PublicReportsPage.tsx').then((m) => ({ default: m.PublicReportsPage })),
);
const ReportsPage = lazy(() => import('./pages/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const SessionsPage = lazy(() => import('./pages/SessionsPage.tsx').then((m) => ({ default: m.SessionsPage })));
const UnitPage = lazy(() => import('./pages/UnitPage.tsx').then((m) => ({ default: m.UnitPage })));
const UnitsPage = lazy(() => import('./pages/UnitsPage.tsx').then((m) => ({ default: m.UnitsPage })));
const SurveysPage = lazy(() => import('./pages/SurveysPage.tsx').then((m) => ({ default: m.SurveysPage })));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));

export function Shell({ user }: { user: User }) {
  const { t } = useT();
  const { lang, setLang } = useLang();
  const route = useRoute();
  const qc = useQueryClient();
  const wide = useWide();
  const [drawer, setDrawer] = useState(false);
  const logout = async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    qc.clear();
    go('dashboard');
  };
  const [page, id] = route;
  const current = page ?? 'dashboard';
  // the office's own pages, opened by someone else (a link passed on, an old bookmark): say so
  const menu = new Set(navigationGroups(user, t).flatMap((g) => g.children.map((c) => c.key)));
  const notForRole = (OFFICE_PAGES as readonly string[]).includes(current) && !menu.has(current);
  const account = (
    <>
      <Button size="small" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
        {t('language')}
      </Button>
      <ChangePasswordButton />
      <Button size="small" onClick={logout}>
        {t('logout')}
      </Button>
    </>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <DemoBanner />
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: wide ? 24 : 8, paddingInline: wide ? 24 : 8 }}
      >
        {!wide && (
          <Button
            type="text"
            aria-label={t('menu')}
            icon={<MenuIcon />}
            onClick={() => setDrawer(true)}
            style={{ color: '#fff', fontSize: 20 }}
            data-testid="menu-button"
          />
        )}
        <Typography.Text strong style={{ color: '#fff', fontSize: wide ? 18 : 16, whiteSpace: 'nowrap' }}>
          {t('appName')}
        </Typography.Text>
        <span style={{ flex: 1 }} />
        <NotificationBell />
        <Typography.Text style={{ color: '#fff', maxWidth: wide ? 240 : '28vw' }} ellipsis data-testid="current-user">
          {user.displayName}
        </Typography.Text>
        {wide && <Space>{account}</Space>}
      </Layout.Header>
      <Layout hasSider={wide}>
        {wide && (
          <Layout.Sider width={232} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            <NavMenu user={user} page={current} />
          </Layout.Sider>
        )}
        {!wide && (
          <Drawer
            open={drawer}
            onClose={() => setDrawer(false)}
            placement="left"
            size={288}
            title={t('appName')}
            styles={{ body: { padding: 0 } }}
          >
            <NavMenu user={user} page={current} onPick={() => setDrawer(false)} />
            <Space wrap style={{ padding: 16 }}>
              {account}
            </Space>
          </Drawer>
        )}
        <Layout.Content style={{ padding: wide ? 24 : 12, minWidth: 0 }}>
          {!notForRole && <PageHelp page={current} />}
          <Suspense fallback={<Spin style={{ margin: 40 }} />}>
            {notForRole ? (
              <Result
                status="403"
                title={t('notForRoleTitle')}
                subTitle={t('notForRoleText')}
                extra={<Button onClick={() => go('dashboard')}>{t('toHome')}</Button>}
                data-testid="not-for-role"
              />
            ) : page === 'indicators' && id ? (
              <IndicatorPage key={id} param={id} />
            ) : page === 'plan' ? (
              <PlanPage user={user} />
            ) : page === 'units' && id ? (
              <UnitPage id={Number(id)} user={user} />
            ) : page === 'units' ? (
              <UnitsPage />
            ) : page === 'sessions' ? (
              <SessionsPage user={user} />
            ) : page === 'inbox' ? (
              <InboxPage user={user} />
            ) : page === 'records' ? (
              <RecordsPage user={user} />
            ) : page === 'official-reports' ? (
              <OfficialReportsPage key={id ?? 'list'} user={user} id={id ? Number(id) : undefined} />
            ) : page === 'leaders' ? (
              <LeadersPage user={user} />
            ) : page === 'public-reports' ? (
              <PublicReportsPage />
            ) : page === 'reports' ? (
              <ReportsPage user={user} />
            ) : page === 'media' && id === 'assessments' && route[2] ? (
              <AssessmentPage key={route[2]} id={Number(route[2])} user={user} />
            ) : page === 'media' ? (
              <MediaPage user={user} tab={id} />
            ) : page === 'surveys' ? (
              <SurveysPage user={user} />
            ) : page === 'conventions' ? (
              <ConventionsPage user={user} />
            ) : page === 'screen' ? (
              <ScreenPage />
            ) : page === 'audit' ? (
              <AuditPage />
            ) : page === 'users' ? (
              <UsersPage />
            ) : (
              <DashboardPage user={user} />
            )}
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The page's help: one or two sentences in the reader's language, from the catalogue (help_<page>). */
function PageHelp({ page }: { page: string }) {
  const { tOr } = useT();
  const text = tOr(`help_${page}`, '');
  return text ? (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }} data-testid="page-help">
      {text}
    </Typography.Paragraph>
  ) : null;
}
