import type { z } from 'zod';
import { type FieldIssue, issuesFromZod, validationError } from '../../lib/errors.js';

/** Parse caller input with a zod schema; on failure a validation error naming every field (400). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string, pathPrefix = ''): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw validationError(`Invalid ${what}.`, prefixIssues(issuesFromZod(parsed.error.issues), pathPrefix));
}

export function prefixIssues(issues: FieldIssue[], prefix: string): FieldIssue[] {
  if (!prefix) return issues;
  return issues.map((i) => ({ ...i, path: i.path === '(root)' ? prefix : `${prefix}.${i.path}` }));
}

/** Domain parsers write "lines[2].net"; the API reports every path in one style: "lines.2.net". */
export function dotPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}
