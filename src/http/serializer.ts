import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify';
import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializer } from 'fastify-type-provider-zod';
import { z } from 'zod';

type Serializer = (data: unknown) => string;

/**
 * How answers are written. Each route's response schema (zod) is turned once into JSON Schema and compiled
 * by fast-json-stringify, which writes only the declared fields (nothing else a row holds can leak) without
 * validating every answer again at run time: zod's check of each answer took a sixth of a signed-in read's
 * time. A schema JSON Schema cannot express (a transform, a date object) keeps zod's serializer.
 *
 * With `check` (the test suite), every answer is written both ways: zod's check must pass and both texts
 * must say the same, or the request fails — so every answer the tests produce proves the fast writer
 * faithful to the schema.
 */
export function responseSerializer(check: boolean): FastifySerializerCompiler<unknown> {
  return (route) => {
    const checked = zodSerializer(route as Parameters<typeof zodSerializer>[0]) as Serializer;
    const fast = fastWriter(route.schema);
    if (!fast) return checked;
    if (!check) return fast;
    return (data) => {
      const expected = checked(data);
      const written = fast(data);
      if (!isDeepStrictEqual(JSON.parse(written), JSON.parse(expected))) {
        throw new Error(`${route.method} ${route.url}: fast-json-stringify wrote ${written}, zod ${expected}`);
      }
      return written;
    };
  };
}

function fastWriter(schema: unknown): Serializer | null {
  if (!(schema instanceof z.ZodType)) return null;
  try {
    const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
    return fastJson(json as Parameters<typeof fastJson>[0]) as Serializer;
  } catch {
    return null;
  }
}
