// Keeps a background job's page up to date: asks for the job's status every second or so
// and reloads the page once the job has finished, which then shows its outcome. Without
// JavaScript the page's "Refresh" link does the same by hand.
(function () {
  "use strict";
  const panel = document.querySelector("[data-job-status]");
  if (!panel || !window.fetch) {
    return;
  }
  const url = panel.dataset.jobStatus;
  const state = panel.querySelector("[data-job-state]");
  const message = panel.querySelector("[data-job-message]");
  const count = panel.querySelector("[data-job-count]");
  const bar = panel.querySelector("progress");
  let delay = 1000;

  function show(status) {
    state.textContent = status.state_label;
    message.textContent = status.message;
    if (count) {
      count.textContent = status.count;
    }
    if (bar) {
      if (status.total) {
        bar.max = status.total;
        bar.value = status.done;
      } else {
        bar.removeAttribute("value");
      }
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (status) {
        if (status.finished) {
          window.location.reload();
          return;
        }
        show(status);
        delay = 1000;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        // The server may be restarting: ask less often, up to every 30 seconds.
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
