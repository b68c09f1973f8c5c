import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LangProvider } from './lang.tsx';
import { PublicSurveyPage } from './pages/PublicSurveyPage.tsx';

/** The public survey form on its own: a respondent's phone loads React and the form, not the staff client. */
export function mountSurvey(token: string, questions?: Promise<Response>): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LangProvider>
        <PublicSurveyPage token={token} questions={questions} />
      </LangProvider>
    </StrictMode>,
  );
}
