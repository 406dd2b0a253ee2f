// The section list of a long change page (templates/admin/includes/section_nav.html):
// following a link opens the section it leads to when the section is folded, also when the
// page is opened at that address (…/change/#sessions-group).
(function () {
  "use strict";
  function open(hash) {
    const target = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
    const details = target && (target.matches("details") ? target : target.querySelector("details"));
    if (details) details.open = true;
  }
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-opens-section]");
    if (link) open(link.hash);
  });
  window.addEventListener("hashchange", () => open(location.hash));
  open(location.hash);
})();
