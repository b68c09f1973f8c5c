/**
 * The page's first script, kept tiny: a respondent opening a public survey link (#/khao-sat/TOKEN) gets
 * only the light survey form; everyone else gets the staff client. Moving between the two reloads the page.
 * (Two separate functions: each dynamic import then preloads only its own files.)
 */
const surveyToken = (hash: string) => /^#\/khao-sat\/([^/?]+)/u.exec(hash)?.[1];

async function startSurvey(token: string) {
  // the form's questions are asked for at once, while the form's code loads: one round trip fewer, which
  // on a slow connection is seconds
  const questions = fetch(`/api/public/surveys/${encodeURIComponent(token)}`, { credentials: 'same-origin' });
  questions.catch(() => undefined);
  const { mountSurvey } = await import('./survey-main.tsx');
  mountSurvey(token, questions);
}

async function startStaffClient() {
  await import('./main.tsx');
}

const token = surveyToken(window.location.hash);
void (token ? startSurvey(token) : startStaffClient());

window.addEventListener('hashchange', () => {
  if (Boolean(surveyToken(window.location.hash)) !== Boolean(token)) window.location.reload();
});
