// The migration tool a project is laid out for (which files run on "up", in which order), as `fklint check` does:
// Auto (detected from the files, and said why) or a chosen one. The checker gains this with its project API; until
// the loaded checker accepts `options.tool`, the picker stays hidden and folders keep only .sql and .py files.
import { $, state } from './state.js';

export const TOOLS = ['auto', 'plain', 'goose', 'dbmate', 'golang-migrate', 'diesel', 'flyway', 'sqitch', 'liquibase', 'drizzle', 'prisma', 'supabase', 'rails', 'laravel', 'typeorm', 'knex', 'sequelize'];

state.tool = 'auto';
state.toolSupported = false;

/** Asks the checker whether it lays projects out (an unknown option is an error in a checker without it). */
export async function detectToolSupport(ask) {
  try {
    const reply = await ask({ type: 'check', probe: true, sources: [{ name: 'probe.sql', text: '' }], options: { tool: 'auto' } });
    state.toolSupported = Boolean(reply.result && !reply.result.error);
  } catch {
    state.toolSupported = false;
  }
  $('tool-field').hidden = !state.toolSupported;
  return state.toolSupported;
}

/** The files of a folder worth reading: with the project API every text file a tool may use, else SQL and Python. */
export function wantedInFolder(name) {
  if (!state.toolSupported) return /\.(sql|py|[mc]?ts|prisma|rb|php)$/i.test(name);
  return /\.(sql|py|[mc]?ts|prisma|rb|php|js|mjs|cjs|plan|json|toml|xml|ya?ml|conf)$/i.test(name) && !/(^|\/)(node_modules|\.git)\//.test(name);
}

/** The check option for the tool, when the checker has it. */
export function toolOption() {
  return state.toolSupported ? { tool: state.tool } : {};
}

/** Says which tool the check laid the files out for, and why (from the result's summary). */
export function showTool(summary) {
  const el = $('tool-detected');
  const tool = state.toolSupported ? summary?.tool : null;
  el.hidden = !tool;
  el.textContent = tool ? `${tool.detected === false ? 'Laid out as' : 'Detected'}: ${tool.tool}${tool.evidence ? ` (${tool.evidence})` : ''}` : '';
}

for (const name of TOOLS) {
  const option = document.createElement('option');
  option.value = name;
  option.textContent = name === 'auto' ? 'Auto' : name;
  $('tool').append(option);
}
