// The folders of src/ form no import cycle, and only the benchmarks and the CLI import bench/: capabilities
// depend one way (datasets/ reads every history format for ingest and bench alike). The files at the root of
// src/ are the composition root and the package entries, which import everything by design: left out.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const SRC = new URL('.', import.meta.url).pathname;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Top folder of a file under src/, or null for the root files. */
function folderOf(path: string): string | null {
  const parts = relative(SRC, path).split('/');
  return parts.length > 1 ? parts[0]! : null;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

interface Edge {
  from: string;
  to: string;
  file: string;
  specifier: string;
}

function folderEdges(includeTests: boolean): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    if (!includeTests && file.endsWith('.test.ts')) continue;
    const from = folderOf(file);
    if (from === null) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      const to = folderOf(resolve(dirname(file), specifier));
      if (to !== null && to !== from) edges.push({ from, to, file: relative(SRC, file), specifier });
    }
  }
  return edges;
}

/** Strongly connected groups of more than one folder (Tarjan). */
function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (!next.has(edge.from)) next.set(edge.from, new Set());
    next.get(edge.from)!.add(edge.to);
  }
  const nodes = [...new Set(edges.flatMap((edge) => [edge.from, edge.to]))];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return groups;
}

test('the folders of src/ import each other without a cycle', () => {
  const edges = folderEdges(false);
  const found = cycles(edges);
  const explain = found.map((group) => `${group.join(' ↔ ')}: ${edges.filter((edge) => group.includes(edge.from) && group.includes(edge.to)).map((edge) => `${edge.file} → ${edge.specifier}`).join('; ')}`);
  assert.deepEqual(explain, []);
});

test('only the benchmarks and the CLI import bench/ (tests included)', () => {
  const outside = folderEdges(true).filter((edge) => edge.to === 'bench' && edge.from !== 'cli');
  assert.deepEqual(outside.map((edge) => `${edge.file} → ${edge.specifier}`), []);
});
