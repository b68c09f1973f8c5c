// Types of bin/v8-tuning.js (plain JavaScript: it runs before any TypeScript can load), for the tests.
export declare const POLYMORPHIC_MAPS_VARIABLE: 'BDG_V8_MAX_POLYMORPHIC_MAPS';
export declare const DEFAULT_POLYMORPHIC_MAPS: number;
export declare function v8TuningFlags(env: Record<string, string | undefined>): string[];
