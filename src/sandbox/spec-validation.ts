// Request validation against sevDesk's official OpenAPI file, with the overlay of spec-overlay.ts.
// The spec is parsed once per process (and cached as JSON in the temp dir, keyed by its hash);
// validators are compiled once per route when the sandbox registers it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { badRequest } from './errors.js';
import {
  COMPONENT_PATCHES,
  EXTRA_PATH_PARAM,
  EXTRA_ROUTES,
  QUERY_ADDITIONS,
  type ScalarSchema,
} from './spec-overlay.js';
import { parseDateInput } from './wire.js';

type JsonSchema = Record<string, unknown>;

interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: ScalarSchema;
}

interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

interface SpecDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, JsonSchema> };
}

export type BodyKind = 'none' | 'json' | 'multipart';

export interface RouteValidator {
  operationId: string;
  /** False for routes sevDesk serves but the spec omits. */
  inSpec: boolean;
  bodyKind: BodyKind;
  /** Checks and converts path parameters (sevDesk ids are integers). */
  pathParams(raw: Record<string, string>): Record<string, number>;
  /** Checks declared query parameters; undeclared ones are ignored, as sevDesk ignores them. */
  query(params: URLSearchParams): void;
  /** Checks a JSON body, coercing numeric strings and boolean-ish values in place. */
  body(value: unknown): void;
}

// --- locating the spec ----------------------------------------------------------------------

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/**
 * The spec path: an explicit option, else env BELEGFLUSS_SEVDESK_SPEC, else `../shared/sevdesk/openapi.yaml`
 * next to the repository, else a copy at `spec/sevdesk/openapi.yaml` inside it.
 */
export function resolveSpecPath(explicit?: string): string {
  const chosen = explicit ?? process.env.BELEGFLUSS_SEVDESK_SPEC;
  if (chosen) {
    const path = resolve(chosen);
    if (!existsSync(path)) throw new Error(`sevDesk OpenAPI spec not found at ${path}.`);
    return path;
  }
  const root = findRepoRoot();
  const candidates = [resolve(root, '../shared/sevdesk/openapi.yaml'), resolve(root, 'spec/sevdesk/openapi.yaml')];
  const found = candidates.find((path) => existsSync(path));
  if (!found)
    throw new Error(
      `sevDesk OpenAPI spec not found; set BELEGFLUSS_SEVDESK_SPEC to its path (looked in ${candidates.join(' and ')}).`,
    );
  return found;
}

// --- loading ----------------------------------------------------------------------------------

const indexes = new Map<string, SpecIndex>();

export function loadSpecIndex(specPath: string): SpecIndex {
  let index = indexes.get(specPath);
  if (!index) {
    index = new SpecIndex(readSpecDocument(specPath));
    indexes.set(specPath, index);
  }
  return index;
}

/** Parsing 670 KB of YAML takes ~0.5 s; the trimmed JSON is cached in the temp dir by content hash. */
function readSpecDocument(specPath: string): SpecDocument {
  const text = readFileSync(specPath, 'utf8');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 20);
  const cacheFile = join(tmpdir(), `belegfluss-sevdesk-spec-${hash}.json`);
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8')) as SpecDocument;
  } catch {
    // no usable cache: parse the YAML
  }
  const full = parseYaml(text) as Partial<SpecDocument>;
  if (!full?.paths || !full.components?.schemas)
    throw new Error(`${specPath} is not an OpenAPI document with paths and schemas.`);
  const trimmed = stripDocs({ paths: full.paths, components: { schemas: full.components.schemas } }) as SpecDocument;
  try {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(trimmed));
    renameSync(tmp, cacheFile);
  } catch {
    // the cache is an optimisation only
  }
  return trimmed;
}

function stripDocs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripDocs);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' || key === 'example' || key === 'examples' || key === 'summary') continue;
    out[key] = stripDocs(value);
  }
  return out;
}

// --- schema preparation -----------------------------------------------------------------------

/** sevDesk takes 1/0 and "1"/"0" as booleans (form posts, `main: "1"`); Ajv's coercion only knows "true"/"false". */
function booleanKeyword(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: 'sevBoolean',
    modifying: true,
    errors: false,
    validate: (nullableAllowed: boolean, data: unknown, _schema, cxt) => {
      if (typeof data === 'boolean') return true;
      if (data === null) return nullableAllowed;
      let value: boolean | undefined;
      if (data === 1 || data === '1' || data === 'true') value = true;
      if (data === 0 || data === '0' || data === 'false') value = false;
      if (value === undefined || !cxt) return false;
      (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] = value;
      return true;
    },
  });
}

function prepareSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(prepareSchema);
  if (node === null || typeof node !== 'object') return node;
  const schema: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) schema[key] = prepareSchema(value);
  if (schema.$ref && typeof schema.$ref === 'string') schema.$ref = schema.$ref.replace(/^#\//, 'sevdesk#/');
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null))
    schema.enum = [...schema.enum, null];
  if (schema.type === 'boolean') {
    delete schema.type;
    schema.sevBoolean = schema.nullable === true;
    delete schema.nullable;
  }
  return schema;
}

function createAjv(components: Record<string, JsonSchema>): Ajv {
  const ajv = new Ajv({ strict: false, coerceTypes: true, allErrors: false, logger: false });
  booleanKeyword(ajv);
  const lenientDate = { type: 'string', validate: (s: string) => parseDateInput(s) !== null } as const;
  ajv.addFormat('date-time', lenientDate);
  ajv.addFormat('date', lenientDate);
  ajv.addFormat('timestamp', lenientDate);
  for (const name of ['float', 'double', 'binary', 'int32', 'int64', 'email', 'uri']) ajv.addFormat(name, true);
  const patched: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(components)) {
    const copy = structuredClone(schema) as JsonSchema & { required?: string[] };
    COMPONENT_PATCHES[name]?.(copy);
    patched[name] = prepareSchema(copy) as JsonSchema;
  }
  ajv.addSchema({ $id: 'sevdesk', components: { schemas: patched } });
  return ajv;
}

// --- validators -------------------------------------------------------------------------------

export class SpecIndex {
  private ajv: Ajv | undefined;
  private readonly validators = new Map<string, RouteValidator>();

  constructor(private readonly doc: SpecDocument) {}

  private pathPatterns: RegExp[] | undefined;

  /** Whether a concrete path (e.g. /Part/12) belongs to some route of the spec. */
  matchesPath(path: string): boolean {
    this.pathPatterns ??= Object.keys(this.doc.paths).map((template) => {
      const segments = template
        .split('/')
        .map((segment) => (segment.startsWith('{') ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&')));
      return new RegExp(`^${segments.join('/')}$`);
    });
    return this.pathPatterns.some((pattern) => pattern.test(path));
  }

  /** The validator of a route; compiled on first request for it and cached. */
  route(method: string, template: string): RouteValidator {
    const key = `${method} ${template}`;
    let validator = this.validators.get(key);
    if (!validator) {
      validator = this.compile(method, template, key);
      this.validators.set(key, validator);
    }
    return validator;
  }

  private compile(method: string, template: string, key: string): RouteValidator {
    const operation = this.doc.paths[template]?.[method.toLowerCase()];
    const extra = EXTRA_ROUTES[key];
    if (!operation && !extra) throw new Error(`${key} is neither in the sevDesk spec nor in the sandbox overlay`);
    const pathSchemas: Record<string, ScalarSchema> = {};
    const querySchemas: Record<string, ScalarSchema> = {};
    for (const param of operation?.parameters ?? []) {
      const schema: ScalarSchema = { ...param.schema, required: param.required === true };
      if (param.in === 'path') pathSchemas[param.name] = schema;
      if (param.in === 'query') querySchemas[param.name] = schema;
    }
    // The overlay corrects declared parameters too (e.g. voucher status 750).
    Object.assign(querySchemas, QUERY_ADDITIONS[key], extra?.query);
    for (const match of template.matchAll(/\{(\w+)\}/g)) pathSchemas[match[1]!] ??= EXTRA_PATH_PARAM;

    const content = operation?.requestBody?.content ?? {};
    const jsonSchema = content['application/json']?.schema;
    const bodyKind: BodyKind = jsonSchema
      ? 'json'
      : content['form-data'] || content['multipart/form-data']
        ? 'multipart'
        : 'none';
    let validateBody: ValidateFunction | undefined;
    if (jsonSchema) {
      this.ajv ??= createAjv(this.doc.components.schemas);
      validateBody = this.ajv.compile(prepareSchema(jsonSchema) as JsonSchema);
    }

    const queryEntries = Object.entries(querySchemas);
    return {
      operationId: operation?.operationId ?? extra?.operationId ?? key,
      inSpec: operation !== undefined,
      bodyKind,
      pathParams(raw) {
        const out: Record<string, number> = {};
        for (const [name, schema] of Object.entries(pathSchemas)) {
          const value = raw[name] ?? '';
          const problem = checkScalar(value, schema);
          if (problem) throw badRequest(`Bad request: path parameter ${name} ${problem}`);
          out[name] = Number(value);
        }
        return out;
      },
      query(params) {
        for (const [name, schema] of queryEntries) {
          const value = params.get(name);
          if (value === null) {
            if (schema.required) throw badRequest(`Bad request: query parameter ${name} is required`);
            continue;
          }
          const problem = checkScalar(value, schema);
          if (problem) throw badRequest(`Bad request: query parameter ${name} ${problem}`);
        }
      },
      body(value) {
        if (!validateBody) return;
        if (!validateBody(value)) throw badRequest(`Validation error: ${describeAjvError(validateBody.errors?.[0])}`);
      },
    };
  }
}

/** Checks one query or path value (always a string on the wire). Returns a problem description or null. */
export function checkScalar(value: string, schema: ScalarSchema): string | null {
  switch (schema.type) {
    case 'integer':
      if (!/^-?\d+$/.test(value)) return `must be an integer, got "${value}"`;
      break;
    case 'number':
      if (value.trim() === '' || !Number.isFinite(Number(value))) return `must be a number, got "${value}"`;
      break;
    case 'boolean':
      if (!/^(true|false|1|0)$/i.test(value)) return `must be a boolean, got "${value}"`;
      break;
    case 'array':
      for (const item of value.split(',')) {
        const problem = schema.items ? checkScalar(item, schema.items) : null;
        if (problem) return problem;
      }
      return null;
    default:
      if ((schema.format === 'date-time' || schema.format === 'date') && parseDateInput(value) === null)
        return `must be a date, got "${value}"`;
  }
  const numeric = schema.type === 'integer' || schema.type === 'number';
  if (
    schema.enum &&
    !schema.enum.some((allowed) => (numeric ? Number(allowed) === Number(value) : String(allowed) === value))
  )
    return `must be one of ${schema.enum.join(', ')}, got "${value}"`;
  return null;
}

function describeAjvError(error: ErrorObject | undefined): string {
  if (!error) return 'invalid request body';
  const path = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return `${path ? `${path}.` : ''}${missing} is required`;
  }
  if (error.keyword === 'enum')
    return `${path} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  if (error.keyword === 'sevBoolean') return `${path} must be a boolean`;
  return `${path || 'body'} ${error.message ?? 'is invalid'}`;
}
