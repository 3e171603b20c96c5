// The start of every view's script (page.go): it finds the view's box and
// hands it, with its data, to the view's own script, which replaces the
// still picture with the view. Go appends ("KEY", "CLASS", SETUP) to this
// function expression: the key and the class of the box, and the view's
// script, a function of the box, its data and fail, which shows why a view
// could not start (for errors that come later than setUp's return).
(function (key, boxClass, setUp) {
  "use strict";
  var READY = "data-gograd-ready";
  var selector = "div." + boxClass + "[data-" + boxClass + '="' + key + '"]';
  var script = document.currentScript;

  // find returns the view's box: the element just before the script where
  // the script runs in place (JupyterLab, an HTML export), or else the
  // first box with this key not yet set up, as in the classic Notebook,
  // which runs an output's scripts right after adding the output to the
  // page. Two identical views share a key and take a box each.
  function find() {
    var box = script && script.previousElementSibling;
    if (box && box.matches(selector) && !box.hasAttribute(READY)) {
      return box;
    }
    var boxes = document.querySelectorAll(selector);
    for (var i = 0; i < boxes.length; i++) {
      if (!boxes[i].hasAttribute(READY)) {
        return boxes[i];
      }
    }
    return null;
  }

  // keepKeys keeps the keys that a view's controls answer (the arrows,
  // Page Up and Down, Home and End move a slider; Space and Enter press a
  // button) from the command-mode shortcuts of JupyterLab and Notebook 7,
  // which would otherwise take them: an arrow selects the next cell, and the
  // focus leaves the view. Lumino, which runs both, matches a shortcut's
  // selector against the focused element and its ancestors, from the focused
  // element up, and stops at an element marked data-lm-suppress-shortcuts:
  // the mark must be on the control itself, which the notebook's selectors
  // (".jp-Notebook.jp-mod-commandMode :focus") match. Notebook 7 looks for
  // shortcuts before the key reaches the view, so stopping the event in the
  // view would be too late. While a control has the focus, the notebook's
  // shortcuts wait: Tab, Shift+Tab or a click leave the view.
  function keepKeys(box) {
    box.addEventListener("focusin", function (e) {
      e.target.setAttribute("data-lm-suppress-shortcuts", "true");
    });
  }

  var tries = 0;
  (function start() {
    var box = find();
    if (!box) {
      if (++tries < 100) {
        setTimeout(start, 50); // the output is not on the page yet
      }
      return;
    }
    box.setAttribute(READY, "");
    keepKeys(box);
    function fail(e) {
      var error = document.createElement("p");
      error.textContent = "This view could not start: " + e;
      error.style.color = "#b00000";
      box.appendChild(error);
    }
    try {
      setUp(box, JSON.parse(box.querySelector('script[type="application/json"]').textContent), fail);
    } catch (e) {
      fail(e);
    }
  })();
})
