// Breaking changes of the published schema: compares the previous commit's SDL with this one's using GraphQL
// Inspector, and fails unless each breaking change is named (by its path, e.g. `Member.email`) on a line this commit
// adds to schema/CHANGELOG.md.
// Usage: node breaking.mjs PREVIOUS.graphql CURRENT.graphql ADDED-CHANGELOG-LINES.txt
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { diff, CriticalityLevel } from '@graphql-inspector/core';

const [previousFile, currentFile, addedFile] = process.argv.slice(2);
if (!previousFile || !currentFile || !addedFile) {
  console.error('usage: node breaking.mjs PREVIOUS.graphql CURRENT.graphql ADDED-CHANGELOG-LINES.txt');
  process.exit(2);
}

const load = (file) => buildSchema(readFileSync(file, 'utf8'));
const changes = await diff(load(previousFile), load(currentFile));
const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
const added = readFileSync(addedFile, 'utf8');

for (const change of changes) {
  const mark = change.criticality.level === CriticalityLevel.Breaking ? 'BREAKING' : change.criticality.level.toLowerCase();
  console.log(`${mark.padEnd(12)} ${change.path ?? ''}  ${change.message}`);
}

const unnamed = breaking.filter((c) => !added.includes(c.path ?? c.message));
console.log(`schema changes: ${changes.length}, breaking: ${breaking.length}, breaking and not in schema/CHANGELOG.md: ${unnamed.length}`);
if (unnamed.length > 0) {
  console.error('Breaking schema changes must be announced: add a line to schema/CHANGELOG.md in this commit naming each of:');
  for (const change of unnamed) console.error(`  ${change.path ?? change.message}  (${change.message})`);
  process.exit(1);
}
