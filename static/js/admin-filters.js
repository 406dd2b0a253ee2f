// On screens narrower than 1500 px (office laptops), a list's filters become a bar of
// drop-downs above the list (css/admin.css), so the list itself gets the page's width.
// Each filter opens on its own, shows the chosen value in its button, and closes on
// Escape or a click elsewhere.
(function () {
  "use strict";
  const narrow = window.matchMedia("(max-width: 1499px)");
  const panel = document.getElementById("changelist-filter");
  if (!panel) return;
  const filters = [...panel.querySelectorAll("details[data-filter-title]")];

  for (const filter of filters) {
    const chosen = filter.querySelector("li.selected a");
    const first = filter.querySelector("li a");
    if (chosen && chosen !== first) {
      const value = document.createElement("span");
      value.className = "filter-choice";
      value.textContent = chosen.textContent.trim();
      filter.querySelector("summary").append(value);
      filter.classList.add("filter-active");
    }
  }

  function closeAll(except) {
    for (const filter of filters) if (filter !== except) filter.open = false;
  }

  function layout() {
    panel.classList.toggle("filter-bar", narrow.matches);
    if (narrow.matches) closeAll(null);
  }
  layout();
  narrow.addEventListener("change", layout);

  for (const filter of filters) {
    filter.addEventListener("toggle", () => {
      if (narrow.matches && filter.open) closeAll(filter);
    });
  }
  document.addEventListener("click", (event) => {
    if (narrow.matches && !panel.contains(event.target)) closeAll(null);
  });
  document.addEventListener("keydown", (event) => {
    if (!narrow.matches || event.key !== "Escape") return;
    const open = filters.find((filter) => filter.open);
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
    }
  });
})();
