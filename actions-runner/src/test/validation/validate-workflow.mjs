// Validates a workflow file with GitHub's own parser (@actions/workflow-parser) and prints one JSON document:
// { "errors": [ "..."], "workflow": <the YAML as plain JSON> } so the Java tests can apply further policy checks.
// Usage: node validate-workflow.mjs path/to/workflow.yml
import { register } from 'node:module';
import { readFileSync } from 'node:fs';

register('./json-import-hook.mjs', import.meta.url);

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate-workflow.mjs WORKFLOW_YML');
  process.exit(2);
}
const content = readFileSync(file, 'utf8');
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser');
const { parse } = await import('yaml');

const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
const errors = parsed.context.errors.getErrors().map(e => e.message);
if (parsed.value !== undefined) {
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  for (const e of template.errors || []) {
    errors.push(e.Message || e.message || String(e));
  }
}
let workflow = null;
try {
  workflow = parse(content);
} catch (e) {
  errors.push('yaml: ' + e.message);
}
process.stdout.write(JSON.stringify({ errors, workflow }) + '\n');
