// Node 20 refuses `import x from "./file.json"` without an import attribute, which
// @actions/workflow-parser's compiled ESM uses for its schemas. This loader hook adds the attribute.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json') && !(context.importAttributes && context.importAttributes.type)) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return nextLoad(url, context);
}
