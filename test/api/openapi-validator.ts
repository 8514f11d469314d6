import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '../../src/http/openapi/openapi-document.js';

// Validates actual API responses against the generated OpenAPI document (JSON Schema 2020-12 components).

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
  components: unknown;
};

const ROOT = 'https://belegfluss.invalid/openapi.json';

export function openApiValidator() {
  const doc = buildOpenApiDocument() as Doc;
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({
    strict: false,
    allErrors: true,
    validateSchema: false,
  });
  (addFormats as unknown as typeof addFormats.default)(ajv);
  ajv.addSchema({ $id: ROOT, components: doc.components });
  const rebase = (schema: unknown): unknown =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${ROOT}#/components/`));

  return {
    doc,
    /** Throws (with the schema errors) unless `body` is a documented response of that operation and status. */
    check(method: string, path: string, status: number, body: unknown): void {
      const op = doc.paths[path]?.[method.toLowerCase()];
      if (!op) throw new Error(`undocumented operation ${method} ${path}`);
      const response = op.responses[String(status)];
      if (!response) throw new Error(`undocumented status ${status} for ${method} ${path}`);
      const schema = response.content?.['application/json']?.schema;
      if (!schema) throw new Error(`${method} ${path} ${status} documents no JSON body`);
      const validate = ajv.compile(rebase(schema) as object);
      if (!validate(body)) {
        throw new Error(
          `${method} ${path} ${status} does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
        );
      }
    },
  };
}
