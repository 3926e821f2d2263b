// A small Markdown renderer for the rules' documentation that builds DOM nodes only: every piece of text is a
// Text node, so nothing in the docs (or anywhere else) can inject markup. Supports what the rule docs use:
// headings, paragraphs, fenced code (```sql expect_diagnostic / valid), lists, `code`, **bold**, *emphasis*, and
// links, which are shown as text with their address (the page never navigates or connects anywhere).

const FENCE_LABELS = {
  expect_diagnostic: 'Reported',
  valid: 'Not reported',
};

function inline(doc, text) {
  const out = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push(doc.createTextNode(text.slice(last, m.index)));
    let el;
    if (m[1] !== undefined) {
      el = doc.createElement('code');
      el.textContent = m[1];
    } else if (m[2] !== undefined) {
      el = doc.createElement('strong');
      el.textContent = m[2];
    } else if (m[3] !== undefined) {
      el = doc.createElement('em');
      el.textContent = m[3];
    } else {
      el = doc.createElement('span');
      el.className = 'md-link';
      el.textContent = `${m[4]} (${m[5]})`;
    }
    out.push(el);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(doc.createTextNode(text.slice(last)));
  return out;
}

/** Renders `markdown` into a DocumentFragment of `doc`. `headingLevel` is the level its shallowest heading maps to. */
export function renderMarkdown(markdown, { doc = document, headingLevel = 3 } = {}) {
  const frag = doc.createDocumentFragment();
  const lines = String(markdown ?? '').replace(/\r\n?/g, '\n').split('\n');
  // The shallowest heading of the text becomes <h{headingLevel}>.
  const depths = lines.map((l) => /^(#{1,6})\s/.exec(l)?.[1].length).filter(Boolean);
  const top = depths.length ? Math.min(...depths) : 1;
  let para = [];
  let list = null;

  const flushPara = () => {
    if (para.length) {
      const p = doc.createElement('p');
      p.append(...inline(doc, para.join(' ')));
      frag.append(p);
      para = [];
    }
  };
  const flushList = () => {
    if (list) {
      frag.append(list);
      list = null;
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*(```+|~~~+)\s*([^`]*)$/.exec(line);
    if (fence) {
      flushPara();
      flushList();
      const body = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
      const info = fence[2].trim().split(/\s+/).filter(Boolean);
      const figure = doc.createElement('figure');
      figure.className = 'md-code';
      const label = info.map((w) => FENCE_LABELS[w]).find(Boolean);
      if (label) {
        const cap = doc.createElement('figcaption');
        cap.className = info.includes('valid') ? 'md-valid' : 'md-reported';
        cap.textContent = label;
        figure.append(cap);
      }
      const pre = doc.createElement('pre');
      const code = doc.createElement('code');
      if (info[0]) code.dataset.lang = info[0];
      code.textContent = body.join('\n');
      pre.append(code);
      figure.append(pre);
      frag.append(figure);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flushPara();
      flushList();
      const level = Math.min(6, headingLevel + heading[1].length - top);
      const el = doc.createElement(`h${level}`);
      el.append(...inline(doc, heading[2].trim()));
      frag.append(el);
      continue;
    }
    const item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flushPara();
      const ordered = /\d/.test(item[1]);
      if (!list || (list.tagName === 'OL') !== ordered) {
        flushList();
        list = doc.createElement(ordered ? 'ol' : 'ul');
      }
      const li = doc.createElement('li');
      li.append(...inline(doc, item[2]));
      list.append(li);
      continue;
    }
    if (line.trim() === '') {
      flushPara();
      flushList();
      continue;
    }
    if (list && /^\s+\S/.test(line)) {
      list.lastChild.append(doc.createTextNode(' '), ...inline(doc, line.trim()));
      continue;
    }
    flushList();
    para.push(line.replace(/^>\s?/, '').trim());
  }
  flushPara();
  flushList();
  return frag;
}
