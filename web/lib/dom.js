// A tiny element builder. Every string child becomes a Text node: user data is never parsed as HTML.
// Attributes go through setAttribute (never `style`, never `on*` strings); `on: {click: fn}` adds listeners.
const SVG_NS = 'http://www.w3.org/2000/svg';

function build(doc, ns, tag, attrs, children) {
  const el = ns ? doc.createElementNS(ns, tag) : doc.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'on') {
        for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
      } else if (key === 'class') {
        el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
      } else if (key === 'text') {
        el.textContent = String(value);
      } else if (key === 'style' || /^on/i.test(key)) {
        throw new Error(`dom.js: refusing attribute ${key}`);
      } else if (key === 'hidden' || key === 'disabled' || key === 'readonly') {
        if (value) el.setAttribute(key, '');
      } else {
        el.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(typeof child === 'object' ? child : String(child));
  }
  return el;
}

/** h('div', {class: 'x'}, 'text', h('b', null, 'bold')) */
export function h(tag, attrs, ...children) {
  return build(document, null, tag, attrs, children);
}

/** The same for SVG elements. */
export function s(tag, attrs, ...children) {
  return build(document, SVG_NS, tag, attrs, children);
}

export function clear(el) {
  el.replaceChildren();
  return el;
}
