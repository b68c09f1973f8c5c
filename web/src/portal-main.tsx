import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LangProvider } from './lang.tsx';
import { PortalPage } from './pages/PortalPage.tsx';

/** The public portal on its own: a citizen's phone loads React and the portal, not the staff client. */
export function mountPortal(): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LangProvider>
        <PortalPage />
      </LangProvider>
    </StrictMode>,
  );
}
