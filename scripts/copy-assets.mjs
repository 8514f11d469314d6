#!/usr/bin/env node
// Second step of `npm run build`: tsc emits only JavaScript (and imported JSON), but the running service also
// reads files that sit next to its modules (the admin UI's CSS and script via import.meta.url). This copies every
// non-TypeScript file of src/ into the build's output directory, keeping the layout.
//
// Usage: node scripts/copy-assets.mjs [outDir]   (default: compilerOptions.outDir of tsconfig.build.json)

import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

// Sources, tests and notes are not runtime files.
const SKIP = [/\.tsx?$/, /\.md$/i];

function outDirOf() {
  if (process.argv[2]) return resolve(process.argv[2]);
  const config = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
  const outDir = config.compilerOptions?.outDir;
  if (!outDir) throw new Error('tsconfig.build.json names no compilerOptions.outDir; pass the output directory.');
  return resolve(root, outDir);
}

function* runtimeFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* runtimeFiles(path);
    else if (entry.isFile() && !SKIP.some((re) => re.test(entry.name))) yield path;
  }
}

const outDir = outDirOf();
let copied = 0;
for (const file of runtimeFiles(src)) {
  const target = join(outDir, relative(src, file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
  copied++;
}
console.log(`copy-assets: ${copied} file(s) from src/ to ${relative(root, outDir) || '.'}`);
