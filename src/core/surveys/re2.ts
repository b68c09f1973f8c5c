/** Installs RE2 (re2js) as the engine of regex(); imported for its effect. */
import { RE2JS } from 're2js';
import { installRegexEngine } from './regex.ts';

installRegexEngine({
  compile(pattern) {
    const re = RE2JS.compile(pattern);
    return { find: (text) => re.matcher(text).find() };
  },
});
