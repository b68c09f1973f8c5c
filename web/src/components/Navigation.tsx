import { ConfigProvider, Grid, Menu, type MenuProps } from 'antd';
import type { User } from '../api.ts';
import { isOffice } from '../hooks.ts';
import { useT, type StringKey } from '../i18n.tsx';
import { go } from '../router.ts';

type Item = { key: string; label: string };

/** The coordinating office's own pages (users: administrators only); other roles are told they are not theirs. */
export const OFFICE_PAGES = ['inbox', 'public-reports', 'audit', 'users'] as const;

/**
 * The pages a role uses, grouped by what the role does: the office's review work first for the office,
 * a unit's own records first for everyone else. Every item is always visible (no "···").
 */
export function navigationGroups(
  user: User,
  t: (k: StringKey) => string,
): { key: string; label: string; children: Item[] }[] {
  const item = (key: StringKey): Item => ({ key, label: t(key) });
  const overview = {
    key: 'g-overview',
    label: t('navOverview'),
    children: [item('dashboard'), item('leaders'), item('plan'), item('official-reports'), item('units')],
  };
  const work = {
    key: 'g-work',
    label: t('navWork'),
    children: [item('sessions'), item('records'), item('reports'), item('conventions'), item('media'), item('surveys')],
  };
  const tools = { key: 'g-tools', label: t('navTools'), children: [item('screen')] };
  if (!isOffice(user)) return [work, overview, tools];
  const office = {
    key: 'g-office',
    label: t('navOffice'),
    children: OFFICE_PAGES.filter((p) => p !== 'users' || user.role === 'admin').map(item),
  };
  return [office, overview, work, tools];
}

/** true from 992 px (antd's lg): a side menu; below, a drawer opened from the header. */
export function useWide(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.lg ?? window.matchMedia('(min-width: 992px)').matches;
}

/**
 * Compact items; the chosen one in the product's purple on a pale purple, 6:1 (antd derives a greyer
 * background from the purple, 4.2:1 — axe-core found it).
 */
const MENU_THEME = {
  components: { Menu: { itemHeight: 32, itemMarginBlock: 1, itemSelectedBg: '#f6ebf6', itemActiveBg: '#f6ebf6' } },
};

export function NavMenu({ user, page, onPick }: { user: User; page: string; onPick?: () => void }) {
  const { t } = useT();
  const items: MenuProps['items'] = navigationGroups(user, t).map((g) => ({ type: 'group', ...g }));
  // compact rows: an administrator's 16 pages and their 4 groups fit an 800 px high screen at once
  return (
    <ConfigProvider theme={MENU_THEME}>
      <Menu
        mode="inline"
        selectedKeys={[page]}
        items={items}
        onClick={(e) => {
          go(e.key);
          onPick?.();
        }}
        style={{ borderInlineEnd: 0 }}
        data-testid="nav-menu"
      />
    </ConfigProvider>
  );
}
