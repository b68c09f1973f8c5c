import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { lazy, Suspense } from 'react';
import { DemoBanner } from './components/DemoBanner.tsx';
import { useMe } from './hooks.ts';
import { useLang } from './i18n.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import './app.css';

/**
 * The product's colours: its purple (links too: antd's default blue is 4.0:1 on white), and secondary text
 * (help texts, menu group titles, descriptions, placeholders) dark enough to read — antd's default greys are
 * 3.4:1 and 1.9:1 on white, under the 4.5:1 WCAG AA asks (axe-core found them). Danger red: antd's #ff4d4f is
 * 3.3:1 on white (a danger button's words); #c62828 is 5.6:1.
 */
const THEME = {
  token: {
    colorPrimary: '#8e2c8e',
    colorLink: '#8e2c8e',
    colorError: '#c62828',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  },
};

export function App() {
  const { lang } = useLang();
  dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={THEME}>
      <AntApp>
        <Gate />
      </AntApp>
    </ConfigProvider>
  );
}

// The signed-in client loads once someone has signed in: the login page does not download it.
const Shell = lazy(() => import('./Shell.tsx').then((m) => ({ default: m.Shell })));

function Gate() {
  const me = useMe();
  if (me.isLoading) return <Spin style={{ margin: 80 }} />;
  if (!me.data) {
    return (
      <>
        <DemoBanner />
        <LoginPage />
      </>
    );
  }
  return (
    <Suspense fallback={<Spin style={{ margin: 80 }} />}>
      <Shell user={me.data} />
    </Suspense>
  );
}
