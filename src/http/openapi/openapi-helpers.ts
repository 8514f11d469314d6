import { z } from 'zod';

// Building blocks of the OpenAPI document's paths: references to named components, the error responses every
// endpoint shares, path parameters, and query parameters derived from the zod schemas the routes parse with.

export type JsonSchema = Record<string, unknown>;

export const uri = (id: string) => `#/components/schemas/${id}`;
export const ref = (id: string) => ({ $ref: uri(id) });
export const json = (id: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(id) } },
});
export const error = (description: string) => json('Error', description);
export const jsonBody = (id: string, required = true) => ({
  required,
  content: { 'application/json': { schema: ref(id) } },
});

export const shopId = { name: 'shopId', in: 'path', required: true, schema: { type: 'string' } };
export const documentId = { name: 'documentId', in: 'path', required: true, schema: { type: 'string' } };

export const common = {
  '400': error('Invalid input; `issues` names every failing field, nothing is stored'),
  '401': error('API key missing or invalid'),
  '404': error('Unknown shop, order, customer or document'),
  '413': error('Request body too large'),
};

/** Query parameters of a route, one per property of the zod object schema it validates `c.req.query()` with. */
export function queryParameters(schema: z.ZodType, overrides: Record<string, JsonSchema> = {}): JsonSchema[] {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(js.properties).map(([name, s]) => {
    const { description, ...rest } = s;
    const param: JsonSchema = {
      name,
      in: 'query',
      required: js.required?.includes(name) ?? false,
      schema: overrides[name] ?? rest,
    };
    if (description) param.description = description;
    return param;
  });
}
