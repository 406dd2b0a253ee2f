// A seating plan is drawn at a size its names can be read at. Where the page is narrower,
// it shrinks to fit, down to 70 % of that size (a hall of about twelve seats a row on an
// office screen); wider still (a phone, a large hall) it scrolls, and opens scrolled to its
// centre, where the first in precedence sit, rather than at its empty left end.
//
// For those who may move people, a seat dragged with the mouse onto another swaps the two,
// through the page's own "Swap two seats" form (which works without this script, and on
// phones, where a finger scrolls the plan instead).
(function () {
  "use strict";
  const SMALLEST = 0.7;
  function fit(picture) {
    const svg = picture.querySelector("svg");
    if (!svg) return;
    const natural = svg.viewBox.baseVal.width;
    const room = picture.clientWidth - 16;
    svg.style.width = `${Math.max(Math.min(natural, room), natural * SMALLEST)}px`;
    svg.style.height = "auto";
    picture.scrollLeft = (picture.scrollWidth - picture.clientWidth) / 2;
  }
  function draggable(picture, swap) {
    let from = null;
    picture.classList.add("movable");
    picture.addEventListener("pointerdown", (event) => {
      const seat = event.pointerType === "mouse" && event.target.closest("g[data-seat]");
      if (!seat) return;
      from = seat;
      seat.classList.add("dragging");
      event.preventDefault();
    });
    document.addEventListener("pointerup", (event) => {
      if (!from) return;
      const under = document.elementFromPoint(event.clientX, event.clientY);
      const to = under && under.closest(".seating g[data-seat]");
      from.classList.remove("dragging");
      if (to && to !== from) {
        swap.elements.first.value = from.dataset.seat;
        swap.elements.second.value = to.dataset.seat;
        swap.submit();
      }
      from = null;
    });
  }
  const swapAction = document.querySelector(".seating input[name=action][value=swap]");
  const pictures = document.querySelectorAll(".seating .picture");
  pictures.forEach(fit);
  if (swapAction) pictures.forEach((picture) => draggable(picture, swapAction.form));
  window.addEventListener("resize", () => pictures.forEach(fit));
})();
