import { useEffect, useState } from 'react';

/**
 * What a page with unsaved input says before the user leaves it for another page: true to go, false to
 * stay, or a promise of either (a question on screen). One at a time: the page on screen.
 */
type LeaveGuard = () => boolean | Promise<boolean>;
let leaveGuard: LeaveGuard | null = null;

/** Installs `guard` for the page on screen; returns its removal. */
export function setLeaveGuard(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

/** The components following the address; told once the page on screen lets the user go. */
const followers = new Set<() => void>();

function onHashChange(e: HashChangeEvent): void {
  const answer = leaveGuard?.() ?? true;
  if (answer === true) {
    for (const follow of followers) follow();
    return;
  }
  // stay on the page (the address back to it, without a new history entry) while the user answers
  window.history.replaceState(window.history.state, '', e.oldURL);
  void Promise.resolve(answer).then((leave) => {
    if (!leave) return;
    leaveGuard = null;
    window.location.href = e.newURL;
  });
}

const read = () => (window.location.hash.replace(/^#\/?/u, '').split('?')[0] || 'dashboard').split('/');

/** Hash routes: #/dashboard, #/units, #/units/12, #/sessions, #/audit, #/users. */
export function useRoute(): string[] {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    // one listener for the whole client, so that a page's question is asked once
    if (followers.size === 0) window.addEventListener('hashchange', onHashChange);
    const follow = () => setRoute(read());
    followers.add(follow);
    return () => {
      followers.delete(follow);
      if (followers.size === 0) window.removeEventListener('hashchange', onHashChange);
    };
  }, []);
  return route;
}

export const go = (path: string): void => {
  window.location.hash = `#/${path}`;
};
