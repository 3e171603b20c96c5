// The script of training.Recorder's view (training_view.go): it replaces the
// still picture with the view of every recorded step, without a kernel. It
// is the setUp of the views' page (page.js), a function of the view's box,
// its data, the numbers shared with package output, and fail, which shows
// why the view could not start.
(function (box, d, units, fail) {
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
  ].map(function (rule) { return ".gograd-training-ui" + rule; }).join("");

  if (!window.DecompressionStream) {
    throw new Error("this browser has no DecompressionStream to unpack it");
  }
  unpack(d.packed).then(function (buf) { setUp(box, d, decode(d, buf)); }).catch(fail);

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

  function unpack(b64) {
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"))).arrayBuffer();
  }

  // decode reads the packed numbers (see trainingData.Packed): for each
  // layer its weights and gradients, then the scores, as [thing][step]
  // flattened, then the plane's levels.
  function decode(d, buf) {
    var data = new DataView(buf), at = 0, S = d.steps;
    function series(n, delta, scale, top) {
      var out = new Float64Array(n * S);
      for (var i = 0; i < n; i++) {
        var prev = 0;
        for (var k = 0; k < S; k++, at += 2) {
          var c = data.getInt16(at, true);
          if (delta) c = prev = ((prev + c) << 16) >> 16;
          out[i * S + k] = c === d.levels.notFinite ? NaN : c / top * (typeof scale === "number" ? scale : scale[k]);
        }
      }
      return out;
    }
    var layers = d.layers.map(function (l) {
      var n = l.rows * l.cols;
      return { w: series(n, true, l.wScale, d.levels.weights), g: series(n, false, l.gScale, d.levels.grads) };
    });
    var scores = series(d.points.length, true, d.scoreScale, d.levels.grads);
    var grid = d.plane ? new Uint8Array(buf, at, S * d.plane.cols * d.plane.rows) : null;
    return { layers: layers, scores: scores, grid: grid };
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

  function setUp(box, d, n) {
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
    d.layers.forEach(function (l, i) { drawers.push(heatMaps(d, l, n.layers[i], i, heats, heatRead)); });
    ui.appendChild(heatRead);

    function show(k) {
      k = Math.max(0, Math.min(S - 1, k));
      if (k === shown) return;
      shown = k;
      slider.value = k;
      where.textContent = "step " + k + " of " + S;
      status.textContent = "loss " + fmt(Number(d.loss[k]), 4) + "   accuracy " + Math.round(100 * Number(d.acc[k])) + "%";
      drawers.forEach(function (draw) { draw(k); });
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
    var p = d.plane, cells = p.cols * p.rows, height = Math.round(PLANE_PX * p.rows / p.cols);
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
    ["score ≤ −1", "(−1, 0]", "(0, 1)", "≥ 1"].forEach(function (text, i) {
      var swatch = legend.appendChild(el("span"));
      swatch.style.background = d.colors.grid[i];
      legend.appendChild(document.createTextNode(text));
    });
    var ring = legend.appendChild(el("span"));
    ring.style.cssText = "border-radius:50%;border:2.5px solid " + d.colors.points[2];
    legend.appendChild(document.createTextNode("wrong side"));
    var read = panel.appendChild(el("div", "gt-read", "Point at a point for its score and margin."));
    var pointed = -1, step = 0;
    var dots = d.points.map(function (pt, i) {
      var x = (Number(pt[0]) - p.x0) / (p.x1 - p.x0) * PLANE_PX, y = (p.y1 - Number(pt[1])) / (p.y1 - p.y0) * height;
      var c = svgEl("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 4, fill: d.colors.points[Number(d.labels[i]) > 0 ? 1 : 0] }, svg);
      c.addEventListener("mouseenter", function () { pointed = i; say(); });
      c.addEventListener("mouseleave", function () { pointed = -1; say(); });
      return c;
    });
    function say() {
      if (pointed < 0) return;
      var pt = d.points[pointed], y = Number(d.labels[pointed]), s = n.scores[pointed * d.steps + step];
      read.textContent = "point " + pointed + " (" + pt[0] + ", " + pt[1] + "), label " + (y > 0 ? "+1" : "-1") +
        ": score " + fmt(s, 4) + ", margin y·score " + fmt(y * s, 4) + (y * s < 1 ? " (< 1: it costs " + fmt(1 - y * s, 4) + ")" : " (≥ 1: no cost)");
    }
    return function (k) {
      step = k;
      var levels = n.grid.subarray(k * cells, (k + 1) * cells);
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
      dots.forEach(function (dot, i) {
        var wrong = (n.scores[i * d.steps + k] > 0) !== (Number(d.labels[i]) > 0);
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
    return function (k) {
      list.textContent = d.points.slice(0, 20).map(function (pt, i) {
        var y = Number(d.labels[i]), s = n.scores[i * d.steps + k];
        return "point " + i + " (" + pt.join(", ") + "), label " + y + ": score " + fmt(s, 4) +
          ((s > 0) !== (y > 0) ? "  wrong side" : "");
      }).join("\n") + (d.points.length > 20 ? "\n… and " + (d.points.length - 20) + " more" : "");
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
    var dots = [[loss, "#c00000", "loss"], [acc, "#008000", "accuracy"]].map(function (c, i) {
      var pts = c[0].map(function (v, k) { return x(k).toFixed(1) + "," + y(v).toFixed(1); }).join(" ");
      svgEl("polyline", { points: pts, fill: "none", stroke: c[1], "stroke-width": 2 }, svg);
      svgEl("text", { x: W - R - 4, y: T + 14 + 14 * i, "text-anchor": "end", style: "fill:" + c[1] }, svg).textContent = c[2];
      return svgEl("circle", { r: 4, fill: c[1], "class": "gt-" + c[2] }, svg);
    });
    return function (k) {
      marker.setAttribute("x1", x(k));
      marker.setAttribute("x2", x(k));
      dots[0].setAttribute("cx", x(k));
      dots[0].setAttribute("cy", y(loss[k]));
      dots[1].setAttribute("cx", x(k));
      dots[1].setAttribute("cy", y(acc[k]));
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
    return function (k) {
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
