import { catalogue } from './lang.tsx';
import { PUBLIC_STRINGS } from './strings/public.ts';

export { LangProvider, useLang } from './lang.tsx';

/**
 * The readers of the public pages' own catalogue (the survey form, the portal, the fetch helper): those pages
 * never load the staff client's words.
 */
export const { useT, translateNow } = catalogue(PUBLIC_STRINGS);
