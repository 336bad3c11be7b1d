// Live reload for `mkdocs serve`, loaded as a file so that the Content-Security-Policy, which
// allows no inline script, needs no exception. It does what MkDocs' own inline script does: ask
// the server, in a long poll, for a build newer than the one this page came from, and reload.
(function () {
  var script = document.currentScript;
  var epoch = parseFloat(script.dataset.epoch);
  var request = script.dataset.request;
  var req, timeout;

  function poll() {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    req.open("GET", "/livereload/" + epoch + "/" + request);
    req.send();
  }

  function stop() {
    if (req) req.abort();
    if (timeout) clearTimeout(timeout);
    req = timeout = undefined;
  }

  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") poll();
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll();
    else stop();
  });
  window.addEventListener("beforeunload", stop);
})();
