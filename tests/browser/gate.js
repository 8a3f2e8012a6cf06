// The browser layout gate (issue 12): what a person sees of every widget, measured in the DOM.
//
// Evaluated once per page (Voila, JupyterLab, or a synthetic set_content() page); it defines
// window.__gate. All geometry is in CSS px of the layout viewport; TOL_PX absorbs sub-pixel
// rounding. gate.py drives it; the functions it calls:
//
//   roots()               top-level widget views, tagged data-gate-root="0..n-1" in page order
//   controls(i)           the operable controls of widget i (tagged data-gate-control="k",
//                         their row or group tagged data-gate-box="k")
//   initial(i)            widget i at rest: its layout problems, every control a click cannot
//                         reach, and every control that cannot share the screen with the
//                         widget's figure; then scroll its top into view
//   prepare(i, k)         before acting on control k: remember the outputs, skip it if hidden
//                         or disabled, focus/scroll it and say how to act (key, point to click,
//                         or a <select> change done here); confirm() checks the press arrived
//   settleAfter(get, required, i, k)   wait for the kernel (settle), then after(i, k): what
//                         changed, scroll as a person would to see the control and the change
//                         together, whether both are visible, and the layout problems
//   layoutProblems(el)    labels/options/controls that overlap a sibling, spill out of their
//                         box, or are clipped (overflow hidden, ellipsis, a <select> or <input>
//                         too narrow for its text); a list of {kind, where, detail}
//   pageOverflow(sels)    sideways page scroll (the document, or the surface's page scroller)
//   settle(get, required) wait until the kernel has answered every message sent so far
(() => {
  if (window.__gate) return;
  const TOL_PX = 2;
  const GLYPH_PX = 0.5;         // a <select> or text box cuts a glyph at any overflow
  const FIGURE_FRACTION = 0.6;   // the top 60 % of a figure must be visible (and all its width)
  const TEXT_REGION_PX = 240;    // of a changed text region (no figure): its first 240 px

  const rectOf = el => el.getBoundingClientRect();
  const shown = el => {
    const r = rectOf(el);
    if (r.width < 1 || r.height < 1) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && parseFloat(cs.opacity || '1') > 0;
  };
  const clean = s => (s || '').replace(/\s+/g, ' ').trim();
  const say = el => {
    const text = clean(el.innerText || el.value || el.getAttribute('aria-label') || '');
    const cls = (typeof el.className === 'string' ? el.className : '')
      .split(/\s+/).filter(c => c && !c.startsWith('lm-') && !c.startsWith('p-')).slice(0, 2);
    const name = el.tagName.toLowerCase() + (cls.length ? '.' + cls.join('.') : '');
    return text ? `${name} "${text.length > 48 ? text.slice(0, 47) + '…' : text}"` : name;
  };
  const isInline = el => {
    const d = getComputedStyle(el).display;
    return d === 'inline' || d === 'contents';
  };
  const inFlow = el => {
    const cs = getComputedStyle(el);
    return cs.position !== 'absolute' && cs.position !== 'fixed' && cs.display !== 'none' &&
      cs.display !== 'contents' && cs.display !== 'inline' && cs.float === 'none';
  };
  // Parts of a widget whose internals legitimately overlap (slider rails and handles).
  const OPAQUE_PARTS = '.noUi-target, select, svg, canvas, video, math, mjx-container, .MathJax';
  const inOpaquePart = el => !!(el.parentElement && el.parentElement.closest(OPAQUE_PARTS));
  const scrolls = (el, axis) => {
    const cs = getComputedStyle(el);
    const v = axis === 'x' ? cs.overflowX : cs.overflowY;
    return v === 'auto' || v === 'scroll' || v === 'overlay';
  };
  const clips = (el, axis) => {
    const cs = getComputedStyle(el);
    const v = axis === 'x' ? cs.overflowX : cs.overflowY;
    return v === 'hidden' || v === 'clip';
  };

  // -- widget roots and controls -------------------------------------------------------------
  function roots() {
    const found = Array.from(document.querySelectorAll('.jupyter-widgets'))
      .filter(el => el.parentElement && !el.parentElement.closest('.jupyter-widgets'));
    found.forEach((el, i) => el.setAttribute('data-gate-root', String(i)));
    return found.map((el, i) => ({index: i, name: say(el), hasFigure: !!figureOf(el)}));
  }
  function root(i) {
    return document.querySelector(`[data-gate-root="${i}"]`);
  }
  function figureOf(rootEl) {
    // The widget's figure: a hook class if the markup gives one, else its largest image.
    const hooked = rootEl.querySelector('img.anatomy-figure, .anatomy-figure img');
    if (hooked) return hooked;
    let best = null, area = 0;
    rootEl.querySelectorAll('img').forEach(img => {
      const r = rectOf(img);
      if (r.width * r.height > area) { best = img; area = r.width * r.height; }
    });
    return best;
  }

  // Buttons that write files or start an animation are not pressed by the gate.
  const SKIP_BUTTON = /\b(export|download|save|print)\b/i;
  function controls(rootIndex) {
    const rootEl = root(rootIndex);
    const list = [];
    const add = (el, kind, box, label) => {
      const k = list.length;
      el.setAttribute('data-gate-control', String(k));
      (box || el).setAttribute('data-gate-box', String(k));
      list.push({index: k, kind, label: clean(label).slice(0, 60)});
    };
    const labelNear = el => {
      const row = el.closest('.widget-inline-hbox, .widget-hbox, .widget-checkbox, label') || el;
      let text = clean(row.innerText);
      if (!text) {
        const prev = row.previousElementSibling;
        text = prev ? clean(prev.innerText) : '';
      }
      return text || el.getAttribute('aria-label') || el.getAttribute('title') || '';
    };
    const all = rootEl.querySelectorAll(
      '[role=slider], select, input[type=checkbox], .widget-radio-box, ' +
      '.widget-toggle-buttons, button, input[type=text], textarea');
    all.forEach(el => {
      if (!shown(el) && !el.matches('.widget-radio-box, .widget-toggle-buttons')) return;
      if (el.closest('.widget-play')) return;       // animation: would never settle
      if (el.matches('[role=slider]')) {
        const box = el.closest('.widget-hslider, .widget-vslider, .widget-slider') || el;
        const row = box.parentElement && box.parentElement.closest('.widget-hbox');
        add(el, 'slider', row && row.querySelectorAll('[role=slider]').length === 1 ? row : box,
            el.getAttribute('aria-label') || labelNear(box));
      } else if (el.matches('select')) {
        const box = el.closest('.widget-dropdown, .widget-select, .widget-select-multiple') || el;
        add(el, el.multiple ? 'multiselect' : 'dropdown', box, labelNear(box));
      } else if (el.matches('input[type=checkbox]')) {
        const box = el.closest('.widget-checkbox, label') || el;
        add(el, 'checkbox', box, labelNear(el));
      } else if (el.matches('.widget-radio-box')) {
        const group = el.closest('.widget-radio') || el;
        add(el, 'radio', group, clean((el.querySelector('label') || el).innerText));
      } else if (el.matches('.widget-toggle-buttons')) {
        add(el, 'toggle', el.closest('.widget-toggle-buttons') || el, clean(el.innerText));
      } else if (el.matches('button')) {
        if (el.closest('.widget-toggle-buttons')) return;
        const text = clean(el.innerText) || el.getAttribute('aria-label') || '';
        if (SKIP_BUTTON.test(text)) return;
        add(el, 'button', el, text);
      } else if (el.matches('input[type=text], textarea')) {
        add(el, 'text', el.closest('.widget-text, .widget-textarea') || el, labelNear(el));
      }
    });
    return list;
  }

  // -- layout problems -------------------------------------------------------------------------
  function textRect(el) {
    // Union of the rects of the text that `el` lays out itself (not inside block children).
    let box = null;
    const walk = node => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          if (!child.textContent.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(child);
          for (const r of range.getClientRects()) {
            if (r.width < 0.5 || r.height < 0.5) continue;
            box = box ? {left: Math.min(box.left, r.left), top: Math.min(box.top, r.top),
                         right: Math.max(box.right, r.right),
                         bottom: Math.max(box.bottom, r.bottom)}
                      : {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
          }
        } else if (child.nodeType === Node.ELEMENT_NODE && isInline(child)) {
          walk(child);
        }
      }
    };
    walk(el);
    return box;
  }
  let measureCanvas = null;
  function textWidth(text, el) {
    measureCanvas = measureCanvas || document.createElement('canvas');
    const ctx = measureCanvas.getContext('2d');
    const cs = getComputedStyle(el);
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    return ctx.measureText(text).width;
  }
  function contentBox(el) {
    const r = rectOf(el), cs = getComputedStyle(el);
    const px = v => parseFloat(v) || 0;
    return {
      left: r.left + px(cs.borderLeftWidth) + px(cs.paddingLeft),
      right: r.right - px(cs.borderRightWidth) - px(cs.paddingRight),
      top: r.top + px(cs.borderTopWidth) + px(cs.paddingTop),
      bottom: r.bottom - px(cs.borderBottomWidth) - px(cs.paddingBottom),
    };
  }
  function overlapPx(a, b) {
    return [Math.min(a.right, b.right) - Math.max(a.left, b.left),
            Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)];
  }

  function layoutProblems(rootEl) {
    const problems = [];
    const seen = new Set();
    const report = (kind, el, detail) => {
      const key = kind + '|' + say(el) + '|' + detail;
      if (seen.has(key)) return;
      seen.add(key);
      problems.push({kind, where: say(el), detail});
    };
    const elements = [rootEl, ...rootEl.querySelectorAll('*')]
      .filter(el => !inOpaquePart(el) && shown(el));
    for (const el of elements) {
      const tag = el.tagName;
      // 1. A <select> or text box too narrow for the text it shows.
      if (tag === 'SELECT' && !el.multiple && el.selectedIndex >= 0) {
        const text = el.options[el.selectedIndex].text;
        const room = contentBox(el);
        const need = textWidth(text, el);
        if (need > room.right - room.left + GLYPH_PX) {
          report('clipped', el, `shows ${Math.round(room.right - room.left)} px of ` +
                 `${Math.round(need)} px of text "${clean(text).slice(0, 40)}"`);
        }
        continue;
      }
      if (tag === 'SELECT' && el.multiple) {
        const room = contentBox(el);
        for (const opt of el.options) {
          const need = textWidth(opt.text, el);
          if (need > room.right - room.left + GLYPH_PX) {
            report('clipped', el, `option "${clean(opt.text).slice(0, 40)}" needs ` +
                   `${Math.round(need)} px, the list is ${Math.round(room.right - room.left)} px`);
            break;
          }
        }
        continue;
      }
      if (tag === 'INPUT' && /^(text|number|search|email|)$/.test(el.type) && el.value) {
        const room = contentBox(el);
        const need = textWidth(el.value, el);
        if (need > room.right - room.left + GLYPH_PX) {
          report('clipped', el, `value "${el.value.slice(0, 30)}" needs ${Math.round(need)} px, ` +
                 `the box shows ${Math.round(room.right - room.left)} px`);
        }
        continue;
      }
      if (isInline(el)) continue;
      // 2. Text that spills out of its own box (paints over the next option) or is clipped.
      const text = textRect(el);
      if (text) {
        const box = rectOf(el);
        const cb = contentBox(el);
        const spillX = Math.max(box.left - text.left, text.right - box.right);
        const spillY = Math.max(box.top - text.top, text.bottom - box.bottom);
        const clipX = clips(el, 'x') || getComputedStyle(el).textOverflow === 'ellipsis';
        const clipY = clips(el, 'y');
        const hiddenX = Math.max(cb.left - text.left, text.right - cb.right);
        const hiddenY = Math.max(cb.top - text.top, text.bottom - cb.bottom);
        if ((clipX && hiddenX > TOL_PX && !scrolls(el, 'x')) ||
            (clipX && el.scrollWidth > el.clientWidth + TOL_PX && !scrolls(el, 'x'))) {
          report('clipped', el, `text cut off: ${Math.round(Math.max(hiddenX,
                 el.scrollWidth - el.clientWidth))} px hidden (overflow or ellipsis)`);
        } else if (clipY && hiddenY > TOL_PX && !scrolls(el, 'y')) {
          report('clipped', el, `text cut off: ${Math.round(hiddenY)} px hidden vertically`);
        } else if (!clipX && !scrolls(el, 'x') && spillX > TOL_PX) {
          report('overflow', el, `text runs ${Math.round(spillX)} px outside its box`);
        } else if (!clipY && !scrolls(el, 'y') && spillY > TOL_PX) {
          report('overflow', el, `text runs ${Math.round(spillY)} px below/above its box ` +
                 '(paints over what follows)');
        }
      }
      // 3. Children that overlap each other, or stick out of a widget box.
      const kids = Array.from(el.children).filter(c => shown(c) && inFlow(c) && !inOpaquePart(c));
      // A widget row or column is not a scroll area, even though ipywidgets gives its boxes
      // `overflow: auto`: a child reaching past its edge is cut off (or needs a sideways
      // swipe inside the row), which is what a person sees as a clipped control.
      if (kids.length && (el === rootEl || el.classList.contains('widget-box') ||
                          el.classList.contains('widget-container'))) {
        const box = rectOf(el);
        const scrolling = scrolls(el, 'x') || scrolls(el, 'y');
        for (const kid of kids) {
          const r = rectOf(kid);
          const out = Math.max(box.left - r.left, r.right - box.right,
                               box.top - r.top, r.bottom - box.bottom);
          if (out > TOL_PX) {
            report('overflow', kid, `reaches ${Math.round(out)} px past the edge of ` +
                   `${say(el)}` + (scrolling ? ' (cut off; the row scrolls)' : ''));
          }
        }
      }
      const textKids = kids.length > 1 ? kids : [];
      for (let i = 0; i < textKids.length; i++) {
        const a = rectOf(textKids[i]);
        const ta = textRect(textKids[i]);
        for (let j = i + 1; j < textKids.length; j++) {
          const b = rectOf(textKids[j]);
          const [ox, oy] = overlapPx(a, b);
          if (ox > TOL_PX && oy > TOL_PX) {
            report('overlap', textKids[i], `overlaps ${say(textKids[j])} by ` +
                   `${Math.round(ox)}×${Math.round(oy)} px`);
            continue;
          }
          const tb = textRect(textKids[j]);
          for (const [t, other, who] of [[ta, b, textKids[j]], [tb, a, textKids[i]]]) {
            if (!t) continue;
            const [tx, ty] = overlapPx(t, other);
            if (tx > TOL_PX && ty > TOL_PX) {
              report('overlap', who === textKids[j] ? textKids[i] : textKids[j],
                     `its text paints over ${say(who)} by ${Math.round(tx)}×${Math.round(ty)} px`);
            }
          }
        }
      }
    }
    return problems;
  }

  // -- what changed, and can it be seen ----------------------------------------------------------
  function regions(rootEl) {
    return Array.from(rootEl.querySelectorAll(
      'img, .widget-html-content, .widget-output, [role=status]'));
  }
  function hash(text) {
    let h = 0;
    for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
    return `${text.length}:${h}`;
  }
  function signature(el) {
    return hash(el.tagName === 'IMG' ? el.getAttribute('src') || '' : el.innerHTML);
  }
  let marked = null;
  function mark(rootIndex) {
    const rootEl = root(rootIndex);
    marked = {rootIndex, regions: regions(rootEl), signatures: regions(rootEl).map(signature)};
  }
  function changedSinceMark(rootEl, controlIndex) {
    const box = rootEl.querySelector(`[data-gate-box="${controlIndex}"]`);
    return regions(rootEl).filter(el => {
      const i = marked.regions.indexOf(el);
      if (i >= 0 && marked.signatures[i] === signature(el)) return false;
      return !(box && box.contains(el));
    });
  }
  const WINDOW = () => ({left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight});
  const cut = (a, r, x, y) => ({left: x ? Math.max(a.left, r.left) : a.left,
                                right: x ? Math.min(a.right, r.right) : a.right,
                                top: y ? Math.max(a.top, r.top) : a.top,
                                bottom: y ? Math.min(a.bottom, r.bottom) : a.bottom});
  const hides = (p, axis) => scrolls(p, axis) || clips(p, axis);
  function scrollerOf(el) {
    // What a person scrolls to move `el` up and down: Voila's #rendered_cells, JupyterLab's
    // notebook panel, or the document.
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (scrolls(p, 'y') && p.scrollHeight > p.clientHeight + 1) return p;
    }
    return document.scrollingElement || document.documentElement;
  }
  function visibleArea(el) {
    // The part of the window where `el` can be seen right now: every ancestor that hides
    // overflow cuts it.
    let area = WINDOW();
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = hides(p, 'x'), y = hides(p, 'y');
      if (x || y) area = cut(area, rectOf(p), x, y);
    }
    return area;
  }
  function screenFor(el) {
    // The area `el` can be scrolled into: the window cut by the scroller's box vertically, and
    // by every ancestor that hides overflow horizontally (those do not move when scrolling).
    let area = WINDOW();
    const scroller = scrollerOf(el);
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const y = p === scroller || (scrolls(p, 'y') && p.contains(scroller));
      const x = hides(p, 'x');
      if (x || y) area = cut(area, rectOf(p), x, y);
    }
    return area;
  }
  function targetOf(rootEl, changedEls) {
    // What the user must see: the figure if it changed, else the first changed text region.
    const fig = figureOf(rootEl);
    if (fig && changedEls.includes(fig)) return {el: fig, kind: 'figure'};
    const outer = changedEls.filter(el => shown(el) &&
                                          !changedEls.some(o => o !== el && o.contains(el)));
    if (!outer.length) return null;
    outer.sort((a, b) => rectOf(a).top - rectOf(b).top);
    return {el: outer[0], kind: 'text'};
  }
  function needRect(target) {
    // The part of the target that must be on screen: a figure's top 60 % (full width); a text
    // region's first 240 px (all of it when shorter).
    const r = rectOf(target.el);
    const h = target.kind === 'figure' ? FIGURE_FRACTION * r.height
                                       : Math.min(r.height, TEXT_REGION_PX);
    return {left: r.left, right: r.right, top: r.top, bottom: r.top + h};
  }
  function scrollBy(el, dy) {
    const scroller = scrollerOf(el);
    if (scroller === document.scrollingElement || scroller === document.documentElement) {
      window.scrollBy(0, dy);
    } else {
      scroller.scrollTop += dy;
    }
  }
  function place(control, target) {
    // Scroll as a person would to see both: the top of the control-and-target span at the top
    // of the visible area; when the span is taller than the area, the control at the top.
    const area = screenFor(control);
    const c = rectOf(control);
    let top = c.top;
    if (target) {
      const t = needRect(target);
      const span = Math.max(c.bottom, t.bottom) - Math.min(c.top, t.top);
      if (span <= area.bottom - area.top) top = Math.min(c.top, t.top);
      else if (t.top < c.top) top = c.bottom - (area.bottom - area.top);
    }
    scrollBy(control, top - area.top - 4);
  }
  function seen(control, target) {
    // After place(): is the control on screen, and the needed part of the target?
    const ca = visibleArea(control);
    const c = rectOf(control);
    const out = {control: say(control),
                 controlVisible: c.top >= ca.top - TOL_PX && c.bottom <= ca.bottom + TOL_PX};
    if (!target) return out;
    const area = visibleArea(target.el);
    const t = needRect(target), r = rectOf(target.el);
    out.target = `${target.kind} ${say(target.el)}`;
    out.visible = out.controlVisible && t.top >= area.top - TOL_PX &&
      t.bottom <= area.bottom + TOL_PX && t.left >= area.left - TOL_PX &&
      t.right <= area.right + TOL_PX;
    out.geometry = `control at ${Math.round(c.top)}–${Math.round(c.bottom)} px, ` +
      `${target.kind} at ${Math.round(r.top)}–${Math.round(r.bottom)} px ` +
      `(x ${Math.round(r.left)}–${Math.round(r.right)}), visible area ` +
      `${Math.round(area.top)}–${Math.round(area.bottom)} px (x ${Math.round(area.left)}–` +
      `${Math.round(area.right)})`;
    return out;
  }
  function controlBox(rootEl, k) {
    return rootEl.querySelector(`[data-gate-box="${k}"]`) ||
      rootEl.querySelector(`[data-gate-control="${k}"]`);
  }
  function after(rootIndex, controlIndex) {
    // Called once the kernel has answered: what changed, can it be seen with the control, and
    // the layout of the widget in its new state.
    const rootEl = root(rootIndex);
    const control = controlBox(rootEl, controlIndex);
    const changedEls = changedSinceMark(rootEl, controlIndex);
    const target = targetOf(rootEl, changedEls);
    place(control, target);
    const view = seen(control, target);
    view.changed = changedEls.length;
    view.problems = layoutProblems(rootEl);
    return view;
  }
  function covered(rootEl) {
    // Every option, check box and button whose centre a click cannot reach because something
    // else paints there (a wrapped option's text over the next option's radio button).
    const out = [];
    rootEl.querySelectorAll('input[type=radio], input[type=checkbox], button').forEach(el => {
      if (!shown(el) || el.closest('.widget-play')) return;
      el.scrollIntoView({block: 'center', inline: 'nearest'});
      const hit = hits(el);
      if (hit) {
        const label = el.closest('label') || el;
        out.push({kind: 'covered', where: say(label),
                  detail: `a click on it lands on ${hit}`});
      }
    });
    return out;
  }
  function initial(rootIndex) {
    // The widget at rest: its layout; every control a click cannot reach; for a widget with a
    // figure, every control that cannot share the screen with the figure; then its top at the
    // top of the screen.
    const rootEl = root(rootIndex);
    const blocked = covered(rootEl);
    const area = screenFor(rootEl);
    scrollBy(rootEl, rectOf(rootEl).top - area.top - 4);
    const fig = figureOf(rootEl);
    const apart = [];
    if (fig) {
      const target = {el: fig, kind: 'figure'};
      rootEl.querySelectorAll('[data-gate-box]').forEach(box => {
        if (!shown(box)) return;
        const c = rectOf(box), t = needRect(target), a = screenFor(fig);
        const span = Math.max(c.bottom, t.bottom) - Math.min(c.top, t.top);
        const wide = t.left < a.left - TOL_PX || t.right > a.right + TOL_PX;
        if (span > a.bottom - a.top + TOL_PX || wide) {
          apart.push(`${say(box)}: control and the figure's top ` +
                     `${Math.round(FIGURE_FRACTION * 100)} % span ${Math.round(span)} px, ` +
                     `${Math.round(a.bottom - a.top)} px visible` +
                     (wide ? `; figure x ${Math.round(t.left)}–${Math.round(t.right)} px ` +
                             `outside ${Math.round(a.left)}–${Math.round(a.right)}` : ''));
        }
      });
    }
    return {problems: layoutProblems(rootEl).concat(blocked), apart};
  }

  function hits(el) {
    // null if a click at the centre of `el` reaches it (or its label); else what it reaches.
    const r = rectOf(el);
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit) return 'nothing (its centre is off screen)';
    if (el === hit || el.contains(hit)) return null;
    const labels = el.labels ? Array.from(el.labels) : [];
    const own = el.closest('label');
    if (own) labels.push(own);
    if (labels.some(l => l.contains(hit))) return null;
    return say(hit);
  }

  function prepare(rootIndex, k) {
    // Everything before a person's action on control k of widget i, in one call: remember the
    // outputs, skip a control that is hidden or disabled in this state, and say how to act.
    // Clicks are real mouse clicks at the returned point, after a hit test; a control that
    // something else covers is pressed with el.click() and reported.
    const rootEl = root(rootIndex);
    const el = rootEl.querySelector(`[data-gate-control="${k}"]`);
    if (!el) return {skip: 'gone'};
    if (!shown(el) || el.disabled || el.closest('[disabled]')) return {skip: 'hidden or disabled'};
    mark(rootIndex);
    const kind = el.matches('[role=slider]') ? 'slider'
      : el.matches('select') ? 'select'
      : el.matches('input[type=text], textarea') ? 'text' : 'click';
    if (kind === 'slider') {
      el.scrollIntoView({block: 'center'});
      el.focus();
      expect(el, 'keydown');
      const now = parseFloat(el.getAttribute('aria-valuenow'));
      const top = parseFloat(el.getAttribute('aria-valuemax'));
      return {key: now >= top ? 'ArrowLeft' : 'ArrowRight'};
    }
    if (kind === 'select') {
      const n = el.options.length;
      if (n < 2) return {skip: 'one option'};
      let i = el.selectedIndex;
      for (let t = 0; t < n; t++) { i = (i + 1) % n; if (!el.options[i].disabled) break; }
      el.scrollIntoView({block: 'center'});
      Array.from(el.options).forEach((o, j) => { o.selected = j === i; });
      el.dispatchEvent(new Event('input', {bubbles: true}));
      el.dispatchEvent(new Event('change', {bubbles: true}));
      return {done: `option ${i + 1}`};
    }
    if (kind === 'text') {
      el.scrollIntoView({block: 'center'});
      return {fill: '1'};
    }
    let target = el, done = 'press';
    if (el.matches('.widget-radio-box')) {
      const radios = Array.from(el.querySelectorAll('input[type=radio]'));
      if (!radios.length) return {skip: 'no options'};
      const checked = radios.findIndex(r => r.checked);
      target = radios[(checked + 1) % radios.length];
      done = `option ${(checked + 1) % radios.length + 1}`;
    } else if (el.matches('.widget-toggle-buttons')) {
      target = el.querySelector('button:not(.mod-active)');
      if (!target) return {skip: 'no other choice'};
      done = 'other choice';
    } else if (el.matches('input[type=checkbox]')) {
      done = 'toggle';
    }
    target.scrollIntoView({block: 'center'});
    const covered = hits(target);
    if (covered) {
      target.click();
      return {done: 'forced press', covered};
    }
    expect(target, 'click');
    const r = rectOf(target);
    return {x: r.left + r.width / 2, y: r.top + r.height / 2, done};
  }
  // Did the person's key press or click reach the control? (JupyterLab can move the page or
  // take the focus between the hit test and the press: it scrolls the active cell into view
  // and focuses the notebook after a click.) If not, press it again from the DOM.
  let pending = null;
  function expect(target, type) {
    pending = {target, type, fired: false};
    const p = pending;
    target.addEventListener(type, () => { p.fired = true; }, {once: true, capture: true});
  }
  function confirm() {
    if (!pending || pending.fired) return {ok: true};
    const {target, type} = pending;
    pending = null;
    if (type === 'keydown') {
      target.scrollIntoView({block: 'center'});
      target.focus();
      expect(target, 'keydown');
      return {ok: false, refocused: true};
    }
    target.click();
    return {ok: false, clicked: true};
  }
  async function settleAfter(getKernel, required, rootIndex, k) {
    const rounds = await settle(getKernel, required);
    const view = after(rootIndex, k);
    view.rounds = rounds;
    return view;
  }

  // -- the page ----------------------------------------------------------------------------------
  function pageOverflow(scrollerSelectors) {
    const out = [];
    const doc = document.scrollingElement || document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) {
      out.push(`the page is ${doc.scrollWidth} px wide in a ${window.innerWidth} px window ` +
               '(horizontal scroll)');
    }
    for (const sel of scrollerSelectors || []) {
      document.querySelectorAll(sel).forEach(el => {
        if (shown(el) && el.scrollWidth > el.clientWidth + 1) {
          out.push(`${say(el)} scrolls sideways: ${el.scrollWidth} px of content in ` +
                   `${el.clientWidth} px`);
        }
      });
    }
    // Who makes it wide: elements (not inside a box that scrolls) reaching past the right edge.
    if (out.length) {
      const culprits = [];
      document.querySelectorAll('.jupyter-widgets, img, table, pre, .jp-OutputArea-output')
        .forEach(el => {
          if (culprits.length >= 4 || !shown(el)) return;
          const r = rectOf(el);
          let p = el.parentElement, inner = false;
          for (; p && p !== document.body; p = p.parentElement) {
            if (scrolls(p, 'x') && p.scrollWidth > p.clientWidth &&
                !(scrollerSelectors || []).some(s => p.matches(s))) { inner = true; break; }
          }
          if (!inner && r.right > window.innerWidth + 1 &&
              !culprits.some(c => c.contains(el))) culprits.push(el);
        });
      if (culprits.length) out.push('wider than the window: ' + culprits.map(say).join('; '));
    }
    return out;
  }

  // -- waiting for the kernel ------------------------------------------------------------------------
  // Changes inside widget views only: JupyterLab's own chrome (the kernel status icon
  // changes with every request) must not keep settle() waiting.
  let mutations = 0;
  const inWidget = node => {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    return !!(el && (el.closest('.jupyter-widgets') ||
                     (el.querySelector && el.querySelector('.jupyter-widgets'))));
  };
  new MutationObserver(records => {
    for (const r of records) {
      if (inWidget(r.target) || Array.from(r.addedNodes).some(inWidget)) mutations += 1;
    }
  }).observe(document.body, {subtree: true, childList: true, attributes: true,
                             characterData: true});
  async function frames(n) {
    for (let i = 0; i < n; i++) await new Promise(r => requestAnimationFrame(() => r()));
  }
  async function settle(getKernel, required, maxRounds) {
    // A kernel_info request is answered after every message the front end sent before it
    // (the kernel handles its shell messages in order), and the reply's idle status arrives
    // after their outputs. Repeat until a round trip brings no DOM change: a widget that held
    // a message back (one update in flight per widget) sends it when the first reply arrives,
    // so a round that changed the page is always followed by another.
    // (Voila refuses execute requests from the page; kernel_info is allowed everywhere.)
    const kernel = getKernel();
    if (required && !kernel) throw new Error('the gate found no kernel connection to wait for');
    const rounds = maxRounds || 6;
    for (let waited = 0; kernel && kernel.connectionStatus !== 'connected'; waited += 50) {
      if (waited > 60000) throw new Error('the kernel did not connect in 60 s');
      await new Promise(r => setTimeout(r, 50));
    }
    for (let round = 0; round < rounds; round++) {
      const before = mutations;
      if (kernel) await kernel.requestKernelInfo();
      await frames(1);
      const pending = Array.from(document.images).filter(img => !img.complete);
      if (pending.length) {
        await Promise.all(pending.map(img => img.decode().catch(() => null)));
        await frames(1);
      }
      if (mutations === before) return round + 1;
    }
    return rounds;
  }

  window.__gate = {roots, root, controls, layoutProblems, mark, after, initial, figureOf, hits,
                   prepare, confirm, settleAfter,
                   pageOverflow, settle, say, TOL_PX, FIGURE_FRACTION, TEXT_REGION_PX};
})();
