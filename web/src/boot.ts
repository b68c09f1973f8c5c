/**
 * The page's first script, kept tiny: a respondent opening a public survey link (#/khao-sat/TOKEN) gets
 * only the light survey form, a visitor of the public portal (#/cong-khai…) only the portal; everyone else
 * gets the staff client. Moving between them reloads the page. (Separate functions: each dynamic import
 * then preloads only its own files.)
 */
const surveyToken = (hash: string) => /^#\/khao-sat\/([^/?]+)/u.exec(hash)?.[1];
const isPortal = (hash: string) => /^#\/cong-khai(\/|$|\?)/u.test(hash);
type Part = 'survey' | 'portal' | 'staff';
const partOf = (hash: string): Part => (surveyToken(hash) ? 'survey' : isPortal(hash) ? 'portal' : 'staff');

async function startSurvey(token: string) {
  // the form's questions are asked for at once, while the form's code loads: one round trip fewer, which
  // on a slow connection is seconds
  const questions = fetch(`/api/public/surveys/${encodeURIComponent(token)}`, { credentials: 'same-origin' });
  questions.catch(() => undefined);
  const { mountSurvey } = await import('./survey-main.tsx');
  mountSurvey(token, questions);
}

async function startPortal() {
  const { mountPortal } = await import('./portal-main.tsx');
  mountPortal();
}

async function startStaffClient() {
  await import('./main.tsx');
}

const part = partOf(window.location.hash);
void (part === 'survey'
  ? startSurvey(surveyToken(window.location.hash)!)
  : part === 'portal'
    ? startPortal()
    : startStaffClient());

window.addEventListener('hashchange', () => {
  if (partOf(window.location.hash) !== part) window.location.reload();
});
