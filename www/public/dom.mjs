// A small element builder: h("p", { class: "hint" }, "text", child). Attributes starting with
// "on" become listeners; null, undefined and false children and attributes are skipped.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(
    ...children.flat(Infinity).filter((child) => child !== undefined && child !== null && child !== false),
  );
  return element;
}

/** Text for screen readers only (the visual cue is an icon or a colour). */
export function srOnly(text) {
  return h("span", { class: "sr-only" }, text);
}
