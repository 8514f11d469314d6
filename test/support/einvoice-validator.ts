// Validates CII e-invoices with the official rule sets in ../shared/einvoice (see its SOURCE.md):
// - XSD (UN/CEFACT CII D16B) with xmllint (Debian libxml2-utils),
// - EN 16931 CII Schematron and XRechnung CII Schematron with Saxon-HE (Debian libsaxonhe-java, Java 17).
// The Schematron files are compiled to XSLT once per machine (cached in the OS temp dir, keyed by content hash)
// by our own compiler, test/support/schematron-to-xslt.xsl. A failed assert with flag fatal/error is an error.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

export const SHARED_EINVOICE_DIR = process.env.BELEGFLUSS_EINVOICE_DIR ?? path.resolve(repoRoot, '../shared/einvoice');
const CII_XSD = path.join(
  SHARED_EINVOICE_DIR,
  'en16931-cii/schema/CII/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd',
);
const EN16931_SCH = path.join(SHARED_EINVOICE_DIR, 'en16931-cii/schematron/EN16931-CII-validation-preprocessed.sch');
const XRECHNUNG_SCH = path.join(SHARED_EINVOICE_DIR, 'xrechnung-cii/cii/XRechnung-CII-validation.sch');
const XRECHNUNG_COMMON = path.join(SHARED_EINVOICE_DIR, 'xrechnung-cii/common.sch');
const COMPILER_XSL = path.join(here, 'schematron-to-xslt.xsl');
const SAXON_JARS = ['/usr/share/java/Saxon-HE.jar', '/usr/share/java/saxon9he.jar'];

export type RuleSet = 'xsd' | 'en16931' | 'xrechnung';

export interface ValidationIssue {
  ruleSet: RuleSet;
  /** Rule id (BR-CO-10, …), or null for XSD messages. */
  id: string | null;
  /** fatal / error / warning / information */
  flag: string;
  location: string | null;
  message: string;
}

export interface ValidationReport {
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, cmd);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

function saxonJar(): string | null {
  return SAXON_JARS.find((j) => existsSync(j)) ?? null;
}

/** What is missing to run the validation; empty when everything is there. */
export function missingEinvoiceTools(): string[] {
  const missing: string[] = [];
  if (!which('xmllint')) missing.push('xmllint (apt-get install libxml2-utils)');
  if (!which('java')) missing.push('java (apt-get install default-jre-headless)');
  if (!saxonJar()) missing.push('Saxon-HE (apt-get install libsaxonhe-java)');
  for (const file of [CII_XSD, EN16931_SCH, XRECHNUNG_SCH]) {
    if (!existsSync(file)) missing.push(`rule file ${file} (shared/einvoice)`);
  }
  return missing;
}

function hashFiles(files: string[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

async function saxon(args: string[]): Promise<void> {
  const jar = saxonJar();
  if (!jar) throw new Error('Saxon-HE not found (apt-get install libsaxonhe-java)');
  await run('java', ['-Xss8m', '-cp', jar, 'net.sf.saxon.Transform', ...args], { maxBuffer: 64 * 1024 * 1024 });
}

const compiled = new Map<string, Promise<string>>();

/** Compiles a Schematron file to XSLT once (cache in the OS temp dir, keyed by the content of all inputs). */
function compileSchematron(sch: string, includes: string[]): Promise<string> {
  const key = hashFiles([COMPILER_XSL, sch, ...includes]);
  let pending = compiled.get(key);
  if (!pending) {
    pending = (async () => {
      const dir = path.join(os.tmpdir(), 'belegfluss-schematron');
      mkdirSync(dir, { recursive: true });
      const target = path.join(dir, `${path.basename(sch, '.sch')}-${key}.xsl`);
      if (existsSync(target)) return target;
      const tmp = `${target}.${process.pid}.tmp`;
      await saxon([`-xsl:${COMPILER_XSL}`, `-s:${sch}`, `-o:${tmp}`]);
      renameSync(tmp, target);
      return target;
    })();
    compiled.set(key, pending);
  }
  return pending;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1]?.toLowerCase() === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e] ?? _;
  });
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1] ?? '') : null;
}

/** Reads the SVRL our compiled stylesheets produce: failed asserts and successful reports. */
export function parseSvrl(svrl: string, ruleSet: RuleSet): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const re = /<svrl:(failed-assert|successful-report)\b([^>]*)>([\s\S]*?)<\/svrl:\1>/g;
  for (let m = re.exec(svrl); m; m = re.exec(svrl)) {
    const attrs = m[2] ?? '';
    const text = /<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(m[3] ?? '')?.[1] ?? '';
    issues.push({
      ruleSet,
      id: attr(attrs, 'id'),
      flag: attr(attrs, 'flag') ?? 'error',
      location: attr(attrs, 'location'),
      message: decode(text).replace(/\s+/g, ' ').trim(),
    });
  }
  return issues;
}

function parseXmllint(stderr: string, files: Map<string, string>): Map<string, ValidationIssue[]> {
  const out = new Map<string, ValidationIssue[]>();
  for (const name of files.keys()) out.set(name, []);
  for (const line of stderr.split('\n')) {
    if (line.trim() === '' || / validates$/.test(line)) continue;
    const match = [...files.entries()].find(([, file]) => line.startsWith(file));
    const name = match?.[0];
    if (!name) continue;
    if (/ fails to validate$/.test(line)) continue;
    out
      .get(name)
      ?.push({ ruleSet: 'xsd', id: null, flag: 'fatal', location: null, message: line.slice(match[1].length) });
  }
  return out;
}

export interface BatchItem {
  name: string;
  xml: string;
  xrechnung?: boolean;
}

/**
 * Validates several CII documents with one JVM per rule set. Returns a report per item name.
 * XSD and EN 16931 always; XRechnung where `xrechnung` is set.
 */
export async function validateCiiBatch(items: BatchItem[]): Promise<Map<string, ValidationReport>> {
  const missing = missingEinvoiceTools();
  if (missing.length > 0) throw new Error(`e-invoice validation tools missing: ${missing.join(', ')}`);
  const names = new Set(items.map((i) => i.name));
  if (names.size !== items.length) throw new Error('batch item names must be unique');

  const work = mkdtempSync(path.join(os.tmpdir(), 'belegfluss-cii-'));
  try {
    const all = path.join(work, 'all');
    const xr = path.join(work, 'xr');
    mkdirSync(all);
    mkdirSync(xr);
    const files = new Map<string, string>();
    items.forEach((item, i) => {
      const file = `doc-${i}.xml`;
      writeFileSync(path.join(all, file), item.xml);
      if (item.xrechnung) writeFileSync(path.join(xr, file), item.xml);
      files.set(item.name, path.join(all, file));
    });

    const issues = new Map<string, ValidationIssue[]>(items.map((i) => [i.name, []]));
    const fileToName = new Map(items.map((item, i) => [`doc-${i}.xml`, item.name]));

    // XSD: xmllint exits 3 when a file fails to validate; its verdicts and messages are on stderr either way.
    // Any other failure (schema not compiling, …) must not pass silently: every file needs a verdict.
    const xsd = await run('xmllint', ['--noout', '--schema', CII_XSD, ...files.values()], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((e: { stderr?: string; code?: number }) => {
      if (e.code === 3 && e.stderr !== undefined) return { stderr: e.stderr };
      throw e;
    });
    for (const file of files.values()) {
      if (!xsd.stderr.includes(`${file} validates`) && !xsd.stderr.includes(`${file} fails to validate`)) {
        throw new Error(`xmllint gave no verdict for ${file}:\n${xsd.stderr}`);
      }
    }
    for (const [name, list] of parseXmllint(xsd.stderr, files)) issues.get(name)?.push(...list);

    const runSchematron = async (ruleSet: RuleSet, sch: string, includes: string[], input: string) => {
      if (readdirSync(input).length === 0) return;
      const xsl = await compileSchematron(sch, includes);
      const out = path.join(work, `out-${ruleSet}`);
      mkdirSync(out);
      await saxon([`-xsl:${xsl}`, `-s:${input}`, `-o:${out}`]);
      for (const file of readdirSync(input)) {
        const svrlFile = path.join(out, file);
        const svrl = existsSync(svrlFile) ? readFileSync(svrlFile, 'utf8') : '';
        if (!svrl.includes('<svrl:schematron-output')) throw new Error(`no SVRL report for ${file} (${ruleSet})`);
        issues.get(fileToName.get(file)!)?.push(...parseSvrl(svrl, ruleSet));
      }
    };
    await runSchematron('en16931', EN16931_SCH, [], all);
    await runSchematron('xrechnung', XRECHNUNG_SCH, [XRECHNUNG_COMMON], xr);

    const reports = new Map<string, ValidationReport>();
    for (const [name, list] of issues) {
      reports.set(name, {
        errors: list.filter((i) => i.flag === 'fatal' || i.flag === 'error'),
        warnings: list.filter((i) => i.flag !== 'fatal' && i.flag !== 'error'),
      });
    }
    return reports;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Validates one CII document; see validateCiiBatch. */
export async function validateCii(xml: string, opts: { xrechnung?: boolean } = {}): Promise<ValidationReport> {
  const reports = await validateCiiBatch([{ name: 'doc', xml, xrechnung: opts.xrechnung }]);
  return reports.get('doc')!;
}

/** One line per issue, for assertion messages. */
export function formatIssues(issues: ValidationIssue[]): string {
  return issues
    .map((i) => `[${i.ruleSet}${i.id ? ` ${i.id}` : ''} ${i.flag}] ${i.message}${i.location ? ` @ ${i.location}` : ''}`)
    .join('\n');
}
