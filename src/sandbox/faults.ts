// Deterministic fault injection. Every decision for a request is drawn from a PRNG seeded with
// (seed, route, n-th call of that route), so the same seed and the same request sequence per route
// give the same faults, even when unrelated routes interleave differently.

export type FaultKind = 'latency' | 'status' | 'timeout' | 'reset' | 'revoke' | 'slow-body';

export interface FaultRule {
  /** `*`, an operation name (`saveVoucher`, `bookAmount`), or `[METHOD ]/Path/*` with `*` for one segment. */
  route: string;
  kind: FaultKind;
  /** kind `status`: the HTTP status to answer (429, 500, 502, 503, 504…). */
  status?: number;
  /** kinds `status`, `timeout`, `reset`: strike after the effect was committed (the ambiguous write). */
  after?: boolean;
  /** latency: delay (uniform between ms and maxMs when given); timeout: hang before the drop; slow-body: body duration. */
  ms?: number;
  maxMs?: number;
  /** kind `status` 429: the Retry-After header in seconds (default 1). */
  retryAfter?: number;
  /** Chance per matching call, 0..1 (default 1). */
  probability?: number;
  /** Only the n-th matching call (1-based) of this rule. */
  nth?: number;
}

export interface FaultPlan {
  latencyMs: number;
  /** The failure that strikes before the handler runs, if any. */
  before: FaultRule | null;
  /** The failure that strikes after the handler committed its effect, if any. */
  after: FaultRule | null;
  slowBodyMs: number;
}

const DEFAULT_TIMEOUT_HANG_MS = 30_000;

/** mulberry32: small, fast, good enough for fault dice. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string, mixed with a seed. */
export function hash32(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class FaultSpecError extends Error {}

/**
 * Parses the compact grammar (see README): `target:fault[@probability][#nth]`, comma separated.
 * e.g. `saveVoucher:500-after@0.2,*:429=2@0.05,GET /Contact:latency=200`.
 */
export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const raw of spec.split(',')) {
    const text = raw.trim();
    if (text === '') continue;
    const colon = text.indexOf(':');
    if (colon <= 0) throw new FaultSpecError(`fault rule "${text}" needs the form target:fault`);
    const route = text.slice(0, colon).trim();
    let rest = text.slice(colon + 1).trim();
    const rule: Partial<FaultRule> = { route };
    const modifiers = /([@#])([^@#]+)$/;
    for (let m = modifiers.exec(rest); m; m = modifiers.exec(rest)) {
      const value = Number(m[2]);
      if (m[1] === '@') {
        if (!(value >= 0 && value <= 1)) throw new FaultSpecError(`probability in "${text}" must be between 0 and 1`);
        rule.probability = value;
      } else {
        if (!Number.isInteger(value) || value < 1)
          throw new FaultSpecError(`#n in "${text}" must be a positive integer`);
        rule.nth = value;
      }
      rest = rest.slice(0, m.index).trim();
    }
    rules.push(validateFaultRule({ ...rule, ...parseFault(rest, text) }));
  }
  return rules;
}

function parseFault(fault: string, rule: string): Partial<FaultRule> {
  const [name = '', arg] = fault.split('=', 2);
  const number = (what: string): number | undefined => {
    if (arg === undefined) return undefined;
    const n = Number(arg);
    if (!Number.isFinite(n) || n < 0) throw new FaultSpecError(`${what} in "${rule}" must be a non-negative number`);
    return n;
  };
  if (name === 'latency') {
    const range = /^(\d+)(?:-(\d+))?$/.exec(arg ?? '');
    if (!range)
      throw new FaultSpecError(`latency in "${rule}" needs milliseconds, e.g. latency=200 or latency=100-300`);
    return { kind: 'latency', ms: Number(range[1]), ...(range[2] ? { maxMs: Number(range[2]) } : {}) };
  }
  if (name === 'slow-body') return { kind: 'slow-body', ms: number('slow-body') ?? 1000 };
  if (name === 'revoke') return { kind: 'revoke' };
  const after = name.endsWith('-after');
  const base = after ? name.slice(0, -'-after'.length) : name;
  if (base === 'timeout') return { kind: 'timeout', after, ms: number('timeout') ?? DEFAULT_TIMEOUT_HANG_MS };
  if (base === 'reset') return { kind: 'reset', after };
  if (/^[45]\d\d$/.test(base)) {
    const retryAfter = number('Retry-After');
    return { kind: 'status', status: Number(base), after, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  }
  throw new FaultSpecError(
    `unknown fault "${fault}" in "${rule}" (expected latency=MS, 4xx/5xx[-after], timeout[-after], reset[-after], revoke or slow-body=MS)`,
  );
}

export function validateFaultRule(rule: Partial<FaultRule>): FaultRule {
  if (typeof rule.route !== 'string' || rule.route.trim() === '')
    throw new FaultSpecError('a fault rule needs a route');
  const kinds: FaultKind[] = ['latency', 'status', 'timeout', 'reset', 'revoke', 'slow-body'];
  if (!rule.kind || !kinds.includes(rule.kind))
    throw new FaultSpecError(`fault kind must be one of ${kinds.join(', ')}`);
  if (rule.kind === 'status' && !(Number.isInteger(rule.status) && rule.status! >= 400 && rule.status! <= 599))
    throw new FaultSpecError('a status fault needs a status between 400 and 599');
  if (rule.kind === 'status' && rule.status === 429 && rule.after)
    throw new FaultSpecError('429 means "not executed"; it cannot strike after the effect');
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1))
    throw new FaultSpecError('probability must be between 0 and 1');
  return { ...rule, route: rule.route.trim() } as FaultRule;
}

/** Formats rules back into the grammar, for logs and `GET /__sandbox/faults`. */
export function formatFaultRule(rule: FaultRule): string {
  let fault: string;
  switch (rule.kind) {
    case 'latency':
      fault = `latency=${rule.ms ?? 0}${rule.maxMs !== undefined ? `-${rule.maxMs}` : ''}`;
      break;
    case 'slow-body':
      fault = `slow-body=${rule.ms ?? 1000}`;
      break;
    case 'revoke':
      fault = 'revoke';
      break;
    case 'status':
      fault = `${rule.status}${rule.after ? '-after' : ''}${rule.retryAfter !== undefined ? `=${rule.retryAfter}` : ''}`;
      break;
    default:
      fault = `${rule.kind}${rule.after ? '-after' : ''}${rule.kind === 'timeout' && rule.ms !== undefined ? `=${rule.ms}` : ''}`;
  }
  return `${rule.route}:${fault}${rule.probability !== undefined ? `@${rule.probability}` : ''}${rule.nth !== undefined ? `#${rule.nth}` : ''}`;
}

interface CompiledRule {
  rule: FaultRule;
  matches: (method: string, template: string, operationId: string) => boolean;
  /** Matching calls per scope (account), for `nth`. */
  matched: Map<string, number>;
}

function compileTarget(target: string): CompiledRule['matches'] {
  if (target === '*') return () => true;
  const space = target.indexOf(' ');
  const method = space > 0 ? target.slice(0, space).toUpperCase() : null;
  const path = space > 0 ? target.slice(space + 1).trim() : target;
  if (!path.startsWith('/')) {
    const name = path.toLowerCase();
    return (m, template, operationId) =>
      (method === null || m === method) &&
      (operationId.toLowerCase() === name || lastLiteralSegment(template).toLowerCase() === name);
  }
  const pattern = new RegExp(
    `^${path
      .split('/')
      .map((segment) => (segment === '*' ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}$`,
    'i',
  );
  return (m, template) => (method === null || m === method) && pattern.test(template);
}

function lastLiteralSegment(template: string): string {
  const segments = template.split('/');
  for (let i = segments.length - 1; i >= 0; i--) if (!segments[i]!.startsWith('{')) return segments[i]!;
  return '';
}

export class FaultEngine {
  private rules: CompiledRule[] = [];
  private readonly callsPerRoute = new Map<string, number>();
  private source: FaultRule[] = [];

  constructor(
    private seed: number,
    rules: string | FaultRule[] = [],
  ) {
    this.configure(rules, seed);
  }

  configure(rules: string | FaultRule[], seed: number = this.seed): void {
    this.source = typeof rules === 'string' ? parseFaultSpec(rules) : rules.map((r) => validateFaultRule(r));
    this.rules = this.source.map((rule) => ({ rule, matches: compileTarget(rule.route), matched: new Map() }));
    this.seed = seed >>> 0;
    this.callsPerRoute.clear();
  }

  describe(): { seed: number; rules: FaultRule[]; spec: string } {
    return { seed: this.seed, rules: this.source, spec: this.source.map(formatFaultRule).join(',') };
  }

  /**
   * Decides the faults of one request. `routeKey` is "METHOD /Template"; `scope` (the account token) keeps
   * the counters of parallel accounts apart, so each account's own request sequence decides its faults.
   */
  plan(method: string, template: string, operationId: string, routeKey: string, scope = ''): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, before: null, after: null, slowBodyMs: 0 };
    if (this.rules.length === 0) return plan;
    const counterKey = `${scope}|${routeKey}`;
    const call = (this.callsPerRoute.get(counterKey) ?? 0) + 1;
    this.callsPerRoute.set(counterKey, call);
    const random = mulberry32(hash32(this.seed, `${routeKey}#${call}`));
    for (const compiled of this.rules) {
      if (!compiled.matches(method, template, operationId)) continue;
      const matched = (compiled.matched.get(scope) ?? 0) + 1;
      compiled.matched.set(scope, matched);
      const { rule } = compiled;
      // Always draw, so one rule's outcome never shifts the dice of the next.
      const dice = random();
      const spread = random();
      if (rule.nth !== undefined && matched !== rule.nth) continue;
      if (rule.probability !== undefined && dice >= rule.probability) continue;
      switch (rule.kind) {
        case 'latency':
          plan.latencyMs += Math.round(
            (rule.ms ?? 0) + spread * Math.max(0, (rule.maxMs ?? rule.ms ?? 0) - (rule.ms ?? 0)),
          );
          break;
        case 'slow-body':
          plan.slowBodyMs = Math.max(plan.slowBodyMs, rule.ms ?? 1000);
          break;
        default:
          if (rule.after) plan.after ??= rule;
          else plan.before ??= rule;
      }
    }
    return plan;
  }
}
