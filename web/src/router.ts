import { useEffect, useState } from 'react';

/** Hash routes: #/dashboard, #/units, #/units/12, #/sessions, #/audit, #/users. */
export function useRoute(): string[] {
  const read = () => (window.location.hash.replace(/^#\/?/u, '').split('?')[0] || 'dashboard').split('/');
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const go = (path: string): void => {
  window.location.hash = `#/${path}`;
};
