// The page's analysis worker: the wasm checker runs here, off the main thread.
// Messages in:  {type: 'init', id} | {type: 'check', id, sources, options, probe?} | {type: 'graph', id, view}
// Messages out: {type: 'ready'|'result'|'graph'|'error', id, ...}
import { loadEngine, checkSources, call } from './lib/engine.js';
import { layoutGraph } from './lib/graph-layout.js';

let last = null; // the last check: {sources, options, result, fk (the module that checked)}

self.addEventListener('message', async (event) => {
  const msg = event.data || {};
  const reply = (data) => self.postMessage({ id: msg.id, ...data });
  try {
    const t0 = performance.now();
    const fk = await loadEngine();
    const loadMs = performance.now() - t0;
    if (msg.type === 'init') {
      reply({ type: 'ready', version: fk.version(), rules: call(fk, 'rules'), loadMs });
    } else if (msg.type === 'check') {
      // The module with every front end loads (once) only when the check needs it; its load counts as load time.
      const start = performance.now();
      const { engine, result, loadMs: fullLoadMs } = await checkSources(msg.sources, msg.options);
      const checkMs = performance.now() - start - fullLoadMs;
      // A probe (does the checker accept an option?) is not the page's input: the diagram stays on the last real check.
      if (!msg.probe) last = { sources: msg.sources, options: msg.options, result, fk: engine };
      reply({ type: 'result', result, timing: { check: checkMs, load: fullLoadMs } });
    } else if (msg.type === 'graph') {
      if (!last) return reply({ type: 'graph', layout: null });
      const start = performance.now();
      // One schema() per check, however often the diagram is laid out again (another table, the whole graph).
      last.schema ??= call(last.fk, 'schema', last.sources, last.options);
      const schema = last.schema;
      const schemaMs = performance.now() - start;
      if (schema.error) return reply({ type: 'graph', layout: null, error: schema.error.message });
      const layout = layoutGraph(perDatabase(schema), last.result.findings || [], msg.view || {}, databaseOf(last.options));
      reply({ type: 'graph', layout, timing: { schema: schemaMs, layout: performance.now() - start - schemaMs } });
    } else {
      reply({ type: 'error', message: `unknown message type ${msg.type}` });
    }
  } catch (err) {
    reply({ type: 'error', message: String(err?.message || err) });
  }
});

/** The database of a file, from the check's options ('' when it names none). */
function databaseOf(options) {
  const byFile = new Map();
  for (const db of options?.databases || []) for (const file of db.files) byFile.set(file, db.name);
  return (file) => byFile.get(file) || '';
}

// With databases, each database has its own tables: the database prefixes the schema, so `main:public.users` and
// `tripwire:public.users` are two nodes of the diagram.
function perDatabase(schema) {
  const tag = (database, name) => (database ? `${database}:${name}` : name);
  return {
    ...schema,
    tables: schema.tables.map((t) => ({ ...t, schema: tag(t.database, t.schema) })),
    foreign_keys: schema.foreign_keys.map((fk) => ({ ...fk, schema: tag(fk.database, fk.schema), ref_schema: tag(fk.database, fk.ref_schema) })),
  };
}
