// The script of training.Recorder's view (training_view.go): it replaces the
// still picture with the view of every recorded step, without a kernel.
// It is a function of packed, the decoder of packed numbers (package
// internal/page's packed.js), that returns the setUp of the views' page
// (page.js): a function of the view's box, its data, and fail, which shows
// why the view could not start.
// What a step shows is decided in Go and sent (the boundary's levels, the
// points on the wrong side, the legend, the points' costs): the script
// draws it. setUp.stepShown and setUp.pointSays, what the view shows of a
// step and says of a point, are there for the tests (jstest).
(function (packed) {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var PLANE_PX = 400; // the plane's width on the page
  var HEAT_PX = 150; // a heat map's longer side, unless its cells would be smaller than
  var CELL_PX = [9, 28]; // the smallest and the largest cell
  var PLAY_MS = 80; // between two steps when playing
  var css = [
    "{font:13px/1.4 Helvetica,Arial,sans-serif;color:var(--jp-content-font-color1,#222)}",
    " h4{margin:2px 0 6px;font-size:14px}",
    " .gt-controls{display:flex;flex-wrap:wrap;align-items:center;gap:10px;margin:4px 0}",
    " .gt-controls input{width:320px;margin:0}",
    " .gt-controls button{font:inherit;padding:2px 12px;min-width:6em;cursor:pointer}",
    " .gt-controls :focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}",
    " .gt-row{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:flex-start;margin:6px 0}",
    " .gt-mono{font-family:monospace;white-space:pre}",
    " .gt-plane{position:relative;line-height:0}",
    " .gt-plane canvas,.gt-heat canvas{display:block}",
    " .gt-heat canvas{image-rendering:pixelated}",
    " .gt-plane svg{position:absolute;left:0;top:0}",
    " .gt-plane circle{cursor:pointer}",
    " .gt-heat canvas{cursor:crosshair;outline:1px solid #8888}",
    " .gt-heat figure{margin:0}",
    " .gt-heat figcaption{font-size:11px;margin-top:2px}",
    " .gt-read{min-height:2.8em;font-family:monospace;font-size:12px}",
    " .gt-legend{font-size:11px;margin:4px 0}",
    " .gt-legend span{display:inline-block;width:10px;height:10px;margin:0 3px 0 8px;vertical-align:-1px;box-sizing:border-box}",
    " svg text{fill:currentColor;font-size:11px}"
  ].map(function (rule) { return ".gograd-training-ui" + rule; }).join("") +
    // On a projector (JupyterLab's presentation mode), the view's text as large as the notebook's
    // code, and its small print (captions, legend, axes) no smaller than the 14 px of
    // output.ProjectorTextPx (docs/TEACHING.md).
    [
      "{font-size:var(--jp-code-presentation-font-size,16px)}",
      " h4{font-size:var(--jp-code-presentation-font-size,16px)}",
      " .gt-heat figcaption{font-size:14px}",
      " .gt-read{font-size:14px}",
      " .gt-legend{font-size:14px}",
      " svg text{font-size:14px}"
    ].map(function (rule) { return ".jp-mod-presentationMode .gograd-training-ui" + rule; }).join("");

  // stepShown returns what the view shows of step k, from the view's data
  // d and its unpacked numbers n: the status line, the points on the wrong
  // side, and the plane's level in each cell (null without a plane).
  function stepShown(d, n, k) {
    var P = d.points.length, wrong = [];
    for (var i = 0; i < P; i++) {
      if (n.wrong[k * P + i]) wrong.push(i);
    }
    var cells = d.plane ? d.plane.cols * d.plane.rows : 0;
    return {
      status: "loss " + fmt(Number(d.loss[k]), 4) + "   accuracy " + Math.round(100 * Number(d.acc[k])) + "%" +
        (d.heldOut ? "   held-out " + Math.round(100 * Number(d.heldOut[k])) + "%" : ""),
      wrong: wrong,
      levels: d.plane ? n.grid.subarray(k * cells, (k + 1) * cells) : null
    };
  }

  // pointSays is what the view says of point i at step k.
  function pointSays(d, n, i, k) {
    var pt = d.points[i], y = Number(d.labels[i]), s = n.scores[i * d.steps + k];
    var text = "point " + i + " (" + pt.join(", ") + "), label " + (y > 0 ? "+1" : "-1") + ": score " + fmt(s, 4) +
      (n.wrong[k * d.points.length + i] ? ", on the wrong side" : "");
    if (d.costs) text += ", cost " + fmt(n.costs[i * d.steps + k], 4);
    return text;
  }

  function setUp(box, d, fail) {
    packed.unpack(d.packed).then(function (n) { draw(box, d, n); }).catch(fail);
  }
  setUp.stepShown = stepShown;
  setUp.pointSays = pointSays;
  return setUp;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function svgEl(tag, attrs, parent) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (a) { e.setAttribute(a, attrs[a]); });
    return parent ? parent.appendChild(e) : e;
  }

  function rgb(hex) {
    var v = parseInt(hex.slice(1), 16);
    return [v >> 16, (v >> 8) & 255, v & 255];
  }

  // diverging is the colour of t in [-1, 1]: blue below 0, white at 0, red above.
  function diverging(t) {
    if (t !== t) return [150, 150, 150];
    var a = Math.min(1, Math.abs(t)), to = t < 0 ? [33, 102, 172] : [178, 24, 43];
    return to.map(function (c) { return Math.round(255 + (c - 255) * a); });
  }

  function fmt(x, digits) {
    return x === x && Math.abs(x) !== Infinity ? x.toPrecision(digits) : String(x);
  }

  // draw makes the view of d, whose packed numbers are n, in box.
  function draw(box, d, n) {
    var S = d.steps, shown = -1, timer = null;
    var ui = el("div", "gograd-training-ui");
    ui.appendChild(el("style", "", css));
    ui.appendChild(el("h4", "", d.title));
    var controls = ui.appendChild(el("div", "gt-controls"));
    var play = controls.appendChild(el("button", "", "▶ Play"));
    play.type = "button";
    var slider = controls.appendChild(el("input"));
    slider.type = "range";
    slider.min = 0;
    slider.max = S - 1;
    slider.step = 1;
    var where = controls.appendChild(el("span", "gt-mono"));
    var status = controls.appendChild(el("span", "gt-mono gt-status"));
    var row = ui.appendChild(el("div", "gt-row"));
    var drawers = [];
    drawers.push(d.plane ? planePanel(d, n, row) : samples(d, n, row));
    drawers.push(curves(d, row));
    var heats = ui.appendChild(el("div", "gt-row gt-heat"));
    var heatRead = el("div", "gt-read", "Point at a weight for its value and gradient.");
    d.layers.forEach(function (l, i) { drawers.push(heatMaps(d, l, { w: n["w" + i], g: n["g" + i] }, i, heats, heatRead)); });
    ui.appendChild(heatRead);

    function show(k) {
      k = Math.max(0, Math.min(S - 1, k));
      if (k === shown) return;
      shown = k;
      slider.value = k;
      where.textContent = "step " + k + " of " + S;
      var step = stepShown(d, n, k);
      status.textContent = step.status;
      drawers.forEach(function (drawStep) { drawStep(step, k); });
    }
    function pause() {
      clearInterval(timer);
      timer = null;
      play.textContent = "▶ Play";
    }
    play.addEventListener("click", function () {
      if (timer) return pause();
      if (shown === S - 1) show(0);
      play.textContent = "❚❚ Pause";
      timer = setInterval(function () {
        show(shown + 1);
        if (shown === S - 1) pause();
      }, PLAY_MS);
    });
    slider.addEventListener("input", function () { pause(); show(Number(slider.value)); });
    box.replaceChild(ui, box.querySelector(".gograd-still"));
    show(S - 1);
  }

  // planePanel draws the boundary with the points, and says a point's
  // score and margin when pointed at.
  function planePanel(d, n, row) {
    var p = d.plane, height = Math.round(PLANE_PX * p.rows / p.cols);
    var panel = row.appendChild(el("div"));
    panel.style.width = PLANE_PX + "px";
    var box = panel.appendChild(el("div", "gt-plane"));
    var canvas = box.appendChild(el("canvas"));
    canvas.width = p.cols;
    canvas.height = p.rows;
    canvas.style.width = PLANE_PX + "px";
    canvas.style.height = height + "px";
    var ctx = canvas.getContext("2d"), image = ctx.createImageData(p.cols, p.rows);
    var colors = d.colors.grid.map(rgb);
    var svg = svgEl("svg", { width: PLANE_PX, height: height, viewBox: "0 0 " + PLANE_PX + " " + height }, box);
    var legend = panel.appendChild(el("div", "gt-legend"));
    d.legend.slice(0, -1).forEach(function (text, i) {
      var swatch = legend.appendChild(el("span"));
      swatch.style.background = d.colors.grid[i];
      legend.appendChild(document.createTextNode(text));
    });
    var ring = legend.appendChild(el("span"));
    ring.style.cssText = "border-radius:50%;border:2.5px solid " + d.colors.points[2];
    legend.appendChild(document.createTextNode(d.legend[d.legend.length - 1]));
    var read = panel.appendChild(el("div", "gt-read", "Point at a point for its score."));
    var pointed = -1, step = 0;
    var dots = d.points.map(function (pt, i) {
      var x = (Number(pt[0]) - p.x0) / (p.x1 - p.x0) * PLANE_PX, y = (p.y1 - Number(pt[1])) / (p.y1 - p.y0) * height;
      var c = svgEl("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 4, fill: d.colors.points[Number(d.labels[i]) > 0 ? 1 : 0] }, svg);
      c.addEventListener("mouseenter", function () { pointed = i; say(); });
      c.addEventListener("mouseleave", function () { pointed = -1; say(); });
      return c;
    });
    function say() {
      if (pointed >= 0) read.textContent = pointSays(d, n, pointed, step);
    }
    return function (shown, k) {
      step = k;
      var levels = shown.levels;
      for (var r = 0; r < p.rows; r++) {
        for (var c = 0; c < p.cols; c++) {
          var color = colors[levels[r * p.cols + c]], at = ((p.rows - 1 - r) * p.cols + c) * 4; // row 0 at the bottom
          image.data[at] = color[0];
          image.data[at + 1] = color[1];
          image.data[at + 2] = color[2];
          image.data[at + 3] = 255;
        }
      }
      ctx.putImageData(image, 0, 0);
      var wrongs = {};
      shown.wrong.forEach(function (i) { wrongs[i] = true; });
      dots.forEach(function (dot, i) {
        var wrong = !!wrongs[i];
        dot.setAttribute("class", wrong ? "gt-wrong" : "");
        dot.setAttribute("stroke", wrong ? d.colors.points[2] : "none");
        dot.setAttribute("stroke-width", wrong ? 2.5 : 0);
      });
      say();
    };
  }

  // samples lists the points' scores, for a network without a plane to
  // draw them on.
  function samples(d, n, row) {
    var list = row.appendChild(el("pre", "gt-mono gt-samples"));
    list.style.margin = "0";
    return function (shown, k) {
      list.textContent = d.points.slice(0, 20).map(function (pt, i) { return pointSays(d, n, i, k); }).join("\n") +
        (d.points.length > 20 ? "\n… and " + (d.points.length - 20) + " more" : "");
    };
  }

  // curves draws the loss and the accuracy over the steps, with the step
  // shown marked on them.
  function curves(d, row) {
    var W = 340, H = 230, L = 36, R = 10, T = 10, B = 30, S = d.steps;
    var loss = d.loss.map(Number), acc = d.acc.map(Number);
    var top = Math.max(1, Math.min(1e6, Math.max.apply(null, loss.filter(isFinite))));
    var svg = svgEl("svg", { width: W, height: H, "class": "gt-curves" }, row);
    var x = function (k) { return L + (W - L - R) * (S > 1 ? k / (S - 1) : 0.5); };
    var y = function (v) { return T + (H - T - B) * (1 - Math.max(0, Math.min(1, v / top))); };
    // The plot area is white in any theme, as the pictures are: the curves' labels, in their
    // colours, read on white (on JupyterLab Dark's near black, red and green do not).
    svgEl("rect", { x: L, y: T, width: W - L - R, height: H - T - B, fill: "#fff", stroke: "#999" }, svg);
    var tick = Math.pow(10, Math.floor(Math.log10(top)));
    if (top / tick < 2.5) tick /= 2;
    else if (top / tick > 5) tick *= 2;
    for (var v = 0; v <= top * (1 + 1e-9); v += tick) {
      svgEl("text", { x: L - 4, y: y(v) + 4, "text-anchor": "end" }, svg).textContent = +v.toPrecision(3);
      svgEl("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#8884" }, svg);
    }
    [0, S - 1].forEach(function (k) {
      svgEl("text", { x: x(k), y: H - B + 14, "text-anchor": "middle" }, svg).textContent = k;
    });
    svgEl("text", { x: (L + W - R) / 2, y: H - 4, "text-anchor": "middle" }, svg).textContent = "step";
    var marker = svgEl("line", { y1: T, y2: H - B, stroke: "#888", "stroke-dasharray": "3 3" }, svg);
    // The curves Go sent: the loss, the accuracy, and the held-out accuracy if there are held-out points.
    var series = [[loss, "#c00000", "loss", "gt-loss"], [acc, "#008000", "accuracy", "gt-accuracy"]];
    if (d.heldOut) series.push([d.heldOut.map(Number), "#6a3d9a", "held-out accuracy", "gt-held-out"]);
    series.forEach(function (c) {
      var pts = c[0].map(function (v, k) { return x(k).toFixed(1) + "," + y(v).toFixed(1); }).join(" ");
      svgEl("polyline", { points: pts, fill: "none", stroke: c[1], "stroke-width": 2 }, svg);
    });
    // The names go over all the curves, with a white halo that keeps them readable where a curve runs.
    series.forEach(function (c, i) {
      svgEl("text", { x: W - R - 4, y: T + 14 + 14 * i, "text-anchor": "end",
        style: "fill:" + c[1] + ";stroke:#fff;stroke-width:3px;paint-order:stroke" }, svg).textContent = c[2];
    });
    var dots = series.map(function (c) { return svgEl("circle", { r: 4, fill: c[1], "class": c[3] }, svg); });
    return function (shown, k) {
      marker.setAttribute("x1", x(k));
      marker.setAttribute("x2", x(k));
      dots.forEach(function (dot, i) {
        dot.setAttribute("cx", x(k));
        dot.setAttribute("cy", y(series[i][0][k]));
      });
    };
  }

  // heatMaps draws layer i's weights and gradients, a row per neuron and
  // a column per input and the bias, each with its legend, and says a
  // weight's value and gradient when pointed at.
  function heatMaps(d, l, nl, li, parent, read) {
    var S = d.steps, size = l.rows * l.cols, pointed = -1, step = 0;
    var cell = Math.max(CELL_PX[0], Math.min(CELL_PX[1], Math.floor(HEAT_PX / Math.max(l.rows, l.cols))));
    var block = parent.appendChild(el("div"));
    block.appendChild(el("div", "", "layer " + li + ": " + l.rows + " " + l.act + " neuron" + (l.rows > 1 ? "s" : "") +
      ", " + (l.cols - 1) + " input" + (l.cols > 2 ? "s" : "") + " + bias"));
    var pair = block.appendChild(el("div", "gt-row"));
    var maps = [["weights", nl.w, function () { return l.wScale; }], ["gradients", nl.g, function (k) { return l.gScale[k]; }]].map(function (m) {
      var fig = pair.appendChild(el("figure"));
      var canvas = fig.appendChild(el("canvas"));
      canvas.width = l.cols;
      canvas.height = l.rows;
      canvas.style.width = l.cols * cell + "px";
      canvas.style.height = l.rows * cell + "px";
      canvas.addEventListener("mousemove", function (e) {
        var r = canvas.getBoundingClientRect();
        var c = Math.floor((e.clientX - r.left) / r.width * l.cols), row = Math.floor((e.clientY - r.top) / r.height * l.rows);
        pointed = Math.max(0, Math.min(l.rows - 1, row)) * l.cols + Math.max(0, Math.min(l.cols - 1, c));
        say();
      });
      canvas.addEventListener("mouseleave", function () { pointed = -1; });
      var legend = fig.appendChild(el("figcaption"));
      var bar = legend.appendChild(el("span"));
      bar.style.cssText = "display:inline-block;width:48px;height:8px;margin:0 4px;vertical-align:middle;" +
        "background:linear-gradient(to right,rgb(" + diverging(-1) + "),#fff,rgb(" + diverging(1) + "))";
      var ends = [el("span"), el("span")];
      legend.insertBefore(ends[0], bar);
      legend.appendChild(ends[1]);
      legend.appendChild(document.createTextNode(" " + m[0]));
      return { values: m[1], scale: m[2], ends: ends, ctx: canvas.getContext("2d"), image: canvas.getContext("2d").createImageData(l.cols, l.rows) };
    });
    function say() {
      if (pointed < 0) return;
      read.textContent = (l.labels[pointed] || "layer " + li + " parameter " + pointed) + " = " +
        fmt(nl.w[pointed * S + step], 5) + ", grad " + fmt(nl.g[pointed * S + step], 4) + "  (step " + step + ")";
    }
    return function (shown, k) {
      step = k;
      maps.forEach(function (m) {
        var scale = m.scale(k);
        for (var i = 0; i < size; i++) {
          var color = diverging(m.values[i * S + k] / scale);
          m.image.data.set([color[0], color[1], color[2], 255], 4 * i);
        }
        m.ctx.putImageData(m.image, 0, 0);
        m.ends[0].textContent = fmt(-scale, 2);
        m.ends[1].textContent = "+" + fmt(scale, 2);
      });
      say();
    };
  }
})
