// Fit plotly figures to the room they have. The project's charts have a fixed width
// (900 px): they keep it where the window has room (the CSS lets them stand out of the
// text column) and are relaid out narrower on small screens, growing back on resize.
// plotly wraps a fixed-width figure in a div of that width: that wrapper is made fluid.
(function () {
  function room(div) {
    var box = div.closest('.jp-OutputArea-output') || document.body;
    return box.clientWidth;
  }
  function fit() {
    if (!window.Plotly) return;
    document.querySelectorAll('.plotly-graph-div').forEach(function (div) {
      if (!div._fullLayout) return;
      if (!div.dataset.ownWidth) div.dataset.ownWidth = (div.layout && div.layout.width) || 0;
      var own = Number(div.dataset.ownWidth);
      if (!own) return;  // autosized figures follow their container by themselves
      if (div.parentElement) div.parentElement.style.width = '100%';
      var width = Math.min(own, room(div));
      if (width > 0 && Math.abs(div._fullLayout.width - width) > 1) {
        window.Plotly.relayout(div, {width: width});
      }
    });
  }
  var timer = null;
  window.addEventListener('resize', function () { clearTimeout(timer); timer = setTimeout(fit, 150); });
  window.addEventListener('load', fit);
  window.briefingFitCharts = fit;
})();
