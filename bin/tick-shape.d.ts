// Types of bin/tick-shape.js (plain JavaScript: it runs before any TypeScript can load), for the tests.
export declare const tickShape: object | null;
