#!/usr/bin/env node
// Style and layering checks that the compiler does not make.
//
// 1. Package boundaries: a package imports another `@petrel/*` package only when it declares it as
//    a dependency, only through its public entry (no deep imports), and never reaches into another
//    package with a relative path.
// 2. Engine layers: folders of packages/engine/src import downward only (see ENGINE_LAYERS).
// 3. Exhaustive switches: a `switch (x.kind)` (or `.form`) that has a `default:` must end it in
//    `assertNever(...)`.
// 4. No console output from library packages (spi, sql, engine, connectors): they report through
//    return values, errors and events.
//
// Usage: node scripts/lint.mjs        exits 1 when anything is found.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const problems = [];

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function packageDirs() {
  const dirs = [];
  for (const base of ['packages', 'packages/connectors']) {
    for (const name of readdirSync(join(root, base))) {
      const dir = join(root, base, name);
      if (existsSync(join(dir, 'package.json'))) dirs.push(dir);
    }
  }
  return dirs;
}

/** The subpaths (`./session` ...) a workspace package exports besides its entry. */
const exportedSubpathsByName = new Map();
for (const dir of packageDirs()) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  exportedSubpathsByName.set(pkg.name, new Set(Object.keys(pkg.exports ?? {}).filter((k) => k !== '.')));
}
function exportedSubpaths(name) {
  return exportedSubpathsByName.get(name) ?? new Set();
}

// Lower layers first. A file may import from its own layer or any layer before it.
const ENGINE_LAYERS = [
  ['type', 'config', 'session'],
  ['function'],
  ['ir', 'metadata'],
  ['planner/plan', 'planner/planner-context.ts', 'execution/execution-context.ts', 'query/query-execution.ts'],
  ['sql'],
  ['planner', 'execution'],
  ['connector', 'query', 'statement'],
  ['engine.ts', 'index.ts'],
];
// Pairs of sibling layers that must not import each other even within one layer.
const ENGINE_FORBIDDEN = [
  ['execution', 'planner', 'only planner/plan/** may be used by execution'],
  ['planner', 'execution', 'the planner must not depend on execution'],
];

function engineLayerOf(relPath) {
  let best = -1;
  let bestLen = -1;
  ENGINE_LAYERS.forEach((entries, layer) => {
    for (const entry of entries) {
      if ((relPath === entry || relPath.startsWith(entry + '/')) && entry.length > bestLen) {
        best = layer;
        bestLen = entry.length;
      }
    }
  });
  return best;
}

function topFolder(relPath) {
  if (relPath.startsWith('planner/plan/') || relPath === 'planner/planner-context.ts') return 'planner/plan';
  if (relPath === 'execution/execution-context.ts') return 'execution-context';
  return relPath.split('/')[0];
}

const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

for (const pkgDir of packageDirs()) {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const deps = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
  const srcDir = join(pkgDir, 'src');
  if (!existsSync(srcDir)) continue;
  const isLibrary = /^@petrel\/(spi|sql|engine|connector-)/.test(pkg.name);
  for (const file of walk(srcDir, [])) {
    const text = readFileSync(file, 'utf8');
    const rel = relative(root, file);
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec === undefined) continue;
      if (spec.startsWith('@petrel/')) {
        const [scope, name, ...rest] = spec.split('/');
        const target = `${scope}/${name}`;
        if (!deps.has(target) && target !== pkg.name) problems.push(`${rel}: imports ${target} without declaring it in ${pkg.name}'s dependencies`);
        if (rest.length > 0 && !exportedSubpaths(target).has(`./${rest.join('/')}`)) problems.push(`${rel}: deep import '${spec}'; import the package entry (or a subpath it exports) instead`);
      } else if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(srcDir + sep)) problems.push(`${rel}: relative import '${spec}' leaves the package's src`);
        if (pkg.name === '@petrel/engine' && !file.endsWith('.test.ts')) {
          const fromRel = relative(srcDir, file).split(sep).join('/');
          const toRel = relative(srcDir, target).split(sep).join('/').replace(/\.js$/, '.ts');
          const fromLayer = engineLayerOf(fromRel);
          const toLayer = engineLayerOf(toRel);
          if (fromLayer >= 0 && toLayer > fromLayer) problems.push(`${rel}: imports '${spec}' from a higher engine layer (${toRel})`);
          const fromTop = topFolder(fromRel);
          const toTop = topFolder(toRel);
          for (const [a, b, why] of ENGINE_FORBIDDEN) {
            if (fromTop === a && toTop === b) problems.push(`${rel}: imports '${spec}': ${why}`);
          }
        }
      }
    }
    if (isLibrary && !file.endsWith('.test.ts') && /\bconsole\.(log|info|warn|error|debug)\(/.test(text)) {
      problems.push(`${rel}: console output in a library package`);
    }
    checkSwitches(rel, text);
  }
}

function checkSwitches(rel, text) {
  const switchRe = /switch\s*\(([^)]*\.(?:kind|form))\)\s*\{/g;
  for (const m of text.matchAll(switchRe)) {
    // Find the matching closing brace of the switch body.
    let depth = 0;
    let i = m.index + m[0].length - 1;
    const start = i;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) break;
      }
    }
    const body = text.slice(start, i);
    // Only the switch's own default (nested switches are checked on their own).
    const defaultIdx = findOwnDefault(body);
    if (defaultIdx < 0) continue;
    const after = body.slice(defaultIdx, defaultIdx + 200);
    if (!/default:\s*(\{\s*)?(return\s+|throw\s+)?assertNever\(/.test(after)) {
      const line = text.slice(0, start).split('\n').length;
      problems.push(`${rel}:${line}: switch over ${m[1]} has a default that is not assertNever(...)`);
    }
  }
}

function findOwnDefault(body) {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 1 && body.startsWith('default:', i) && !/\w/.test(body[i - 1] ?? ' ')) return i;
  }
  return -1;
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`\n${problems.length} problem(s)`);
  process.exit(1);
}
console.log('lint: no problems');
