// Validates an action.yml with GitHub's own parser (@actions/workflow-parser) and prints one JSON document:
// { "errors": [ "..."], "action": <the YAML as plain JSON> } so the Java tests can apply further policy checks.
// Usage: node validate-action.mjs path/to/action.yml
import { register } from 'node:module';
import { readFileSync } from 'node:fs';

register('./json-import-hook.mjs', import.meta.url);

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate-action.mjs ACTION_YML');
  process.exit(2);
}
const content = readFileSync(file, 'utf8');
const { parseAction } = await import('@actions/workflow-parser/actions/action-parser');
const { NoOperationTraceWriter } = await import('@actions/workflow-parser');
const { parse } = await import('yaml');

const result = parseAction({ name: file, content }, new NoOperationTraceWriter());
const errors = result.context.errors.getErrors().map(e => e.message);
let action = null;
try {
  action = parse(content);
} catch (e) {
  errors.push('yaml: ' + e.message);
}
process.stdout.write(JSON.stringify({ errors, action }) + '\n');
