// The script of the views of package display/views (view.go): it replaces
// the still picture of a view with the picture and its controls, and shows
// the states that the cell computed, without a kernel. It is the setUp of
// the views' page (page.js), a function of the view's box and its data;
// setUp.fieldTexts, the texts that a view shows in each state, is there for
// the tests (jstest).
//
// A kind of view is a function in KINDS, by the kind that Go writes in the
// view's data: it gets the view's extra data and the parts of the page
// (see setUp), lays out its controls around the picture, and returns what
// shows its own readouts of a state.
(function () {
  "use strict";
  // Every rule starts with div.gograd-ui, to outweigh the notebooks' own
  // rules for pre, svg and the like in rendered outputs (JupyterLab's
  // ".jp-ThemedContainer .jp-RenderedHTMLCommon pre" among them). A view is
  // dark on white, its controls too (color-scheme), like its pictures,
  // whatever the notebook's theme (JupyterLab Dark's page is near black).
  var css = [
    "{font:13px/1.4 Helvetica,Arial,sans-serif;color:#222;background:#fff;color-scheme:light;padding:2px 6px}",
    " .gograd-controls{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:4px 0}",
    " .gograd-controls input[type=range]{flex:0 1 240px;min-width:100px;margin:0}",
    " .gograd-controls button{font:inherit;padding:2px 12px;cursor:pointer}",
    // Where the keyboard is: a ring that shows on any page, light or dark.
    " .gograd-controls :focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}",
    " .gograd-readouts{display:flex;flex-wrap:wrap;gap:2px 20px;font-family:monospace;margin:4px 0 8px}",
    " .gograd-agree{color:#176e2a;font-weight:bold}",
    " .gograd-differ{color:#b00000;font-weight:bold}",
    " pre.gograd-caption{margin:0 0 8px;padding:6px 8px;min-height:4.35em;white-space:pre-wrap;word-break:normal;" +
      "overflow-wrap:break-word;font:12px/1.45 monospace;color:#222;background:#f6f6f6;border:0;" +
      "border-left:3px solid #c77700;border-radius:0}",
    // A picture too large to fit the window with readable text scrolls in its box, under the
    // controls and the caption (setUp sets its height).
    " .gograd-picture{min-width:0;overflow:auto}",
    " .gograd-picture svg{display:block;max-width:none}"
  ].map(function (rule) { return "div.gograd-ui" + rule; }).join("") +
    // On a projector (JupyterLab's presentation mode, a class of its shell), the views' text as
    // large as its code, and the picture's text at least output.ProjectorTextPx (see fit).
    ".jp-mod-presentationMode div.gograd-ui,.jp-mod-presentationMode div.gograd-ui pre.gograd-caption" +
    "{font-size:var(--jp-code-presentation-font-size,16px)}" +
    ".jp-mod-presentationMode div.gograd-ui .gograd-picture svg" +
    "{min-width:var(--gograd-projected-width);min-height:var(--gograd-projected-height)}";

  // The kinds of view, by the kind in their data.
  var KINDS = { nudge: nudgeControls, steps: stepControls };

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  // fieldTexts returns, for every text of the picture that changes from
  // state to state, the node and which of its texts it is (fromEnd), and
  // its text in every state: what Go sent, unfolded.
  function fieldTexts(view) {
    return view.fields.map(function (f) {
      var values = unfold(f.changes, view.states);
      return { node: f.node, fromEnd: f.fromEnd, texts: values.map(function (v) { return f.prefix + v; }) };
    });
  }

  // setUp replaces the still picture in box with the view whose data is
  // view.
  function setUp(box, view) {
    var ui = element("div", "gograd-ui");
    ui.appendChild(element("style", "", css));
    var controls = element("div", "gograd-controls");
    var slider = element("input");
    slider.type = "range";
    slider.min = 0;
    slider.max = view.states - 1;
    slider.step = 1;
    slider.value = view.start;
    var picture = element("div", "gograd-picture");
    picture.style.maxHeight = "calc(" + view.fit.room + " + 20px)";
    picture.innerHTML = view.svg; // Graphviz's SVG, its labels escaped
    var svg = picture.querySelector("svg");
    var sizing = fit(svg, picture, view.fit);

    var nodes = {};
    var groups = svg.querySelectorAll("g.node");
    for (var i = 0; i < groups.length; i++) {
      nodes[groups[i].querySelector("title").textContent] = groups[i];
    }
    var fields = fieldTexts(view).map(function (f) {
      var texts = nodes[f.node].getElementsByTagName("text");
      return { text: texts[texts.length - f.fromEnd], texts: f.texts };
    });
    var marked = {}; // every node that some state marks
    (view.marks || []).forEach(function (m) {
      Object.keys(m).forEach(function (title) { marked[title] = true; });
    });

    var showExtra = KINDS[view.kind](view.extra, ui, controls, slider, picture);
    if (view.fit.fullSize) {
      // Full size: the picture at its own size, scrolling in its box; pressed again, fitted.
      var full = controls.appendChild(element("button", "", "Full size"));
      full.type = "button";
      full.setAttribute("aria-pressed", "false");
      full.addEventListener("click", function () {
        var on = full.getAttribute("aria-pressed") !== "true";
        full.setAttribute("aria-pressed", String(on));
        sizing.full(on);
        follow(picture, svg.querySelector("g.gograd-current"));
      });
    }
    var shown = -1;
    function show(s) {
      s = Math.max(0, Math.min(view.states - 1, s));
      if (s === shown) {
        return;
      }
      shown = s;
      slider.value = s;
      for (var i = 0; i < fields.length; i++) {
        fields[i].text.textContent = fields[i].texts[s];
      }
      if (view.marks) {
        Object.keys(marked).forEach(function (title) {
          var mark = view.marks[s][title];
          nodes[title].setAttribute("class", mark ? "node " + mark : "node");
        });
      }
      showExtra(s);
      follow(picture, svg.querySelector("g.gograd-current"));
    }
    slider.addEventListener("input", function () { show(Number(slider.value)); });
    ui.show = show;
    box.replaceChild(ui, box.querySelector(".gograd-still"));
    show(view.start);
  }

  // unfold turns state, value, state, value, … (each value holds from its
  // state on) into one value per state.
  function unfold(changes, states) {
    var values = [];
    for (var i = 0; i < changes.length; i += 2) {
      var until = i + 2 < changes.length ? changes[i + 2] : states;
      for (var s = changes[i]; s < until; s++) {
        values[s] = changes[i + 1];
      }
    }
    return values;
  }

  // fit scales the picture down to the width of its box and to the height
  // the window has room for, so that it fits on screen with its controls,
  // but not below the scale Go chose to keep its text readable (fitting,
  // the view's fit), or not at all while full(true). It sizes it again when
  // the box changes width (the box has none yet before the page lays it
  // out). In JupyterLab's presentation mode the style sheet keeps it at
  // least at fitting.projectorScale, which may be above 1 (css: the size at
  // that scale is a property of the svg). It returns { full: full }.
  function fit(svg, box, fitting) {
    var width = fitting.width, height = fitting.height, floor = fitting.minScale;
    var probe = element("div");
    probe.style.height = fitting.room;
    svg.style.setProperty("--gograd-projected-width", (width * fitting.projectorScale).toFixed(1) + "px");
    svg.style.setProperty("--gograd-projected-height", (height * fitting.projectorScale).toFixed(1) + "px");
    function size() {
      box.appendChild(probe);
      var room = probe.offsetHeight;
      box.removeChild(probe);
      var scale = Math.max(floor, Math.min(1, (box.clientWidth || width) / width, room / height));
      svg.style.width = (width * scale).toFixed(1) + "px";
      svg.style.height = (height * scale).toFixed(1) + "px";
    }
    size();
    if (window.ResizeObserver) {
      var last = -1;
      new ResizeObserver(function () {
        if (box.clientWidth !== last) {
          last = box.clientWidth;
          size();
        }
      }).observe(box);
    }
    return {
      full: function (on) {
        floor = on ? 1 : fitting.minScale;
        size();
      }
    };
  }

  // follow scrolls the picture's box, if the picture is taller or wider
  // than the box, so that the current Value (node) shows in it, centred.
  function follow(box, node) {
    if (!node || (box.scrollHeight <= box.clientHeight && box.scrollWidth <= box.clientWidth)) {
      return;
    }
    var b = box.getBoundingClientRect(), n = node.getBoundingClientRect();
    box.scrollTop += (n.top + n.bottom) / 2 - (b.top + b.bottom) / 2;
    box.scrollLeft += (n.left + n.right) / 2 - (b.left + b.right) / 2;
  }

  // nudgeControls makes the slider of an input and the readouts, and
  // returns what shows the readouts of a position.
  function nudgeControls(r, ui, controls, slider, picture) {
    var x = element("span");
    controls.appendChild(element("b", "", r.input + " ="));
    controls.appendChild(slider);
    controls.appendChild(x);
    var readouts = element("div", "gograd-readouts");
    var out = readouts.appendChild(element("span"));
    var grad = readouts.appendChild(element("span"));
    var slope = readouts.appendChild(element("span"));
    var verdict = readouts.appendChild(element("span"));
    ui.appendChild(controls);
    ui.appendChild(readouts);
    ui.appendChild(picture);
    var estimate = "(" + r.output + "(" + r.input + "+h) − " + r.output + "(" + r.input + "))/h = ";
    return function (s) {
      x.textContent = r.x[s];
      out.textContent = r.output + " = " + r.out[s];
      grad.textContent = r.input + ".grad = " + r.grad[s];
      slope.textContent = estimate + r.slope[s] + "  (h = " + r.h + ")";
      verdict.textContent = r.agree[s] ? "✓ agree" : "✗ differ";
      verdict.className = r.agree[s] ? "gograd-agree" : "gograd-differ";
    };
  }

  // stepControls makes the buttons and the caption of the steps of
  // backward, and returns what shows the caption of a step.
  function stepControls(steps, ui, controls, slider, picture) {
    var prev = element("button", "", "◀ Prev");
    var next = element("button", "", "Next ▶");
    var where = element("span");
    prev.type = next.type = "button";
    controls.appendChild(prev);
    controls.appendChild(next);
    controls.appendChild(slider);
    controls.appendChild(where);
    // The caption above the picture, which takes the cell's width.
    ui.appendChild(controls);
    var caption = ui.appendChild(element("pre", "gograd-caption"));
    ui.appendChild(picture);
    prev.addEventListener("click", function () { ui.show(Number(slider.value) - 1); });
    next.addEventListener("click", function () { ui.show(Number(slider.value) + 1); });
    var last = steps.captions.length - 1;
    return function (s) {
      caption.textContent = steps.captions[s];
      where.textContent = "step " + (s + 1) + " of " + (last + 1);
      prev.disabled = s === 0;
      next.disabled = s === last;
      // A button that becomes disabled loses the focus to the page (and the
      // notebook then takes the keys): hand it to the other button, or the slider.
      var focused = document.activeElement;
      if ((focused === next || focused === prev) && focused.disabled) {
        var other = focused === next ? prev : next;
        (other.disabled ? slider : other).focus();
      }
    };
  }
  setUp.fieldTexts = fieldTexts;
  return setUp;
})()
