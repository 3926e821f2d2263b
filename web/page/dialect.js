// The dialect picker: Auto (the checker detects the dialect and says why) or a chosen one, remembered like the theme.
import { $, state, DIALECT_NAMES } from './state.js';

// The picker's choices; `auto` lets the checker detect the dialect from the SQL (and say why).
const DIALECTS = ['auto', 'postgres', 'mysql', 'sqlite'];
const DIALECT_KEY = 'fklint-dialect';

/** The dialect chosen on an earlier visit (kept like the theme), else auto. */
export function storedDialect() {
  try {
    const stored = localStorage.getItem(DIALECT_KEY);
    return DIALECTS.includes(stored) ? stored : 'auto';
  } catch {
    return 'auto'; // storage disabled
  }
}

/** Sets the picker; `remember` keeps the choice for the next visit (a share link's dialect is not a choice). */
export function setDialect(dialect, { remember = false } = {}) {
  state.dialect = DIALECTS.includes(dialect) ? dialect : 'auto';
  $('dialect').value = state.dialect;
  if (!remember) return;
  try {
    if (state.dialect === 'auto') localStorage.removeItem(DIALECT_KEY);
    else localStorage.setItem(DIALECT_KEY, state.dialect);
  } catch {
    /* storage disabled */
  }
}

/** In Auto, says what was detected next to the picker, with the evidence as small text and a tooltip. */
export function showDetected(summary) {
  const el = $('dialect-detected');
  const detected = state.dialect === 'auto' ? summary?.detected : null;
  el.hidden = !detected;
  if (!detected) {
    el.textContent = '';
    el.removeAttribute('title');
    return;
  }
  const markers = detected.evidence.filter((e) => e.dialect === detected.dialect);
  const why = markers.length
    ? markers.slice(0, 2).map((e) => `${e.marker} ×${e.count}`).join(', ')
    : 'no markers: the default';
  el.textContent = `Detected: ${DIALECT_NAMES[detected.dialect] || detected.dialect} (${why})`;
  const all = detected.evidence.map((e) => `${DIALECT_NAMES[e.dialect] || e.dialect}: ${e.marker} ×${e.count}`);
  el.title = all.length
    ? `Evidence, strongest first:\n${all.join('\n')}${detected.confident ? '' : '\n(not conclusive: pick the dialect to be sure)'}`
    : 'Nothing in the SQL points to a dialect: checked as PostgreSQL. Pick the dialect to be sure.';
}
