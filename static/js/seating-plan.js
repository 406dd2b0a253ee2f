// A seating plan wider than the screen (a phone) opens scrolled to its centre, where the
// head table's first in precedence sit, rather than at its empty left end.
(function () {
  "use strict";
  for (const picture of document.querySelectorAll(".seating .picture")) {
    picture.scrollLeft = (picture.scrollWidth - picture.clientWidth) / 2;
  }
})();
