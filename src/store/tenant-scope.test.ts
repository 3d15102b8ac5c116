// Static guard for the tenant rule: every SQL statement in the store that reads or writes a user table names
// user_id. A statement that must span users says so with the marker "all users:" in an SQL comment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { USER_KEYED_TABLES } from './tables.ts';

const root = new URL('.', import.meta.url).pathname;
const touchesUserTable = new RegExp(`\\b(from|update|into|join)\\s+(${USER_KEYED_TABLES.join('|')})\\b`, 'i');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** String and template literals of a file (template holes kept as text; good enough to find SQL). */
function literals(source: string): string[] {
  return [...source.matchAll(/`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'/g)].map((match) => match[0]);
}

test('every store statement that touches a user table filters or keys by user_id', () => {
  const offenders: string[] = [];
  let checked = 0;
  for (const file of sourceFiles(root)) {
    for (const literal of literals(readFileSync(file, 'utf8'))) {
      if (!touchesUserTable.test(literal)) continue;
      checked++;
      if (!/user_id/.test(literal) && !/all users:/.test(literal)) offenders.push(`${file.slice(root.length)}: ${literal.replace(/\s+/g, ' ').slice(0, 120)}`);
    }
  }
  assert.ok(checked > 40, `found only ${checked} statements; the scan is broken`);
  assert.deepEqual(offenders, []);
});

test('the scan catches an unscoped statement', () => {
  const sql = '`select * from memories where id = $1`';
  assert.ok(touchesUserTable.test(literals(sql)[0]!) && !/user_id/.test(sql));
});
