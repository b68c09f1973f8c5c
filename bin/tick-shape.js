// Keeps the hidden classes of Node's next-tick records alive for the life of the `bdg` process (issue 15).
//
// process.nextTick queues each callback as
// `{ [async_id_symbol]: id, [trigger_async_id_symbol]: trigger, callback, args }` (Node 20,
// lib/internal/process/task_queues.js). Its first keys are computed, so V8 builds it without a boilerplate: nothing
// holds the literal's hidden classes ("maps") but the records themselves. V8's cache at each key of such a literal
// remembers one map and, on meeting another, gives up for good: every later key goes through the runtime. A full
// garbage collection at a moment when no tick is queued frees those maps, and the next tick builds new ones. The
// server's start-up has such collections after the first ticks (14 full collections in its first 5 s), so in every `bdg
// serve` process the three caches were megamorphic from the start, and each answer's nine ticks (counted on
// /api/health) paid for them: fresh processes answered /api/health at 0.53 of a bare Fastify's requests per second,
// 0.65 with this record kept (eight alternated rounds by hand, 7 December 2026; docs/performance-history.md). A bare
// Fastify process, checked the same way, kept its caches monomorphic.
//
// One record of the same shape, held here, keeps the maps from being collected. Its values are of the kinds nextTick
// stores (async ids read from Node, a function, no arguments), so that it changes no field's representation. It is
// built before any other module of `bdg` runs (bin/bdg.js imports this file first). On a Node whose records no longer
// have this shape it holds an object of no use and changes nothing.
import { AsyncResource, executionAsyncId, triggerAsyncId } from 'node:async_hooks';

const symbols = Object.getOwnPropertySymbols(new AsyncResource('bdg-tick-shape'));
const asyncIdKey = symbols.find((s) => s.description === 'async_id_symbol');
const triggerIdKey = symbols.find((s) => s.description === 'trigger_async_id_symbol');

function queued() {}

/** The record kept, or null when this Node's async resources do not carry the two keys. */
export const tickShape =
  asyncIdKey && triggerIdKey
    ? { [asyncIdKey]: executionAsyncId(), [triggerIdKey]: triggerAsyncId(), callback: queued, args: undefined }
    : null;
