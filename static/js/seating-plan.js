// A seating plan is drawn at a size its names can be read at. Where the page is narrower,
// it shrinks to fit, down to 70 % of that size (a hall of about twelve seats a row on an
// office screen); wider still (a phone, a large hall) it scrolls, and opens scrolled to its
// centre, where the first in precedence sit, rather than at its empty left end.
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
  const pictures = document.querySelectorAll(".seating .picture");
  pictures.forEach(fit);
  window.addEventListener("resize", () => pictures.forEach(fit));
})();
