// The admin's calendar popup in the Buddhist Era, on Thai admin pages only (see
// amf/buddhist_era.py, which does the same on the server): "Today" and a picked day are
// written as 26/08/2562, a typed 2562 or 2019 opens the calendar on August 2019, and the
// calendar's caption reads "สิงหาคม 2562".
(function () {
  "use strict";
  if (!document.documentElement.lang.startsWith("th")) return;
  const OFFSET = 543;
  const FROM = 2400;

  if (typeof Date.prototype.strftime === "function") {
    const strftime = Date.prototype.strftime;
    Date.prototype.strftime = function (format) {
      const year = String(this.getFullYear() + OFFSET);
      return strftime.call(this, format.replace(/%Y/g, year).replace(/%y/g, year.slice(2)));
    };
  }
  if (typeof String.prototype.strptime === "function") {
    const strptime = String.prototype.strptime;
    String.prototype.strptime = function (format) {
      const date = strptime.call(this, format);
      let year = date.getUTCFullYear();
      if (year < 100) year += 2500;
      if (year >= FROM) date.setUTCFullYear(year - OFFSET);
      return date;
    };
  }
  const calendar = window.CalendarNamespace;
  if (calendar && typeof calendar.draw === "function") {
    const draw = calendar.draw;
    calendar.draw = function (month, year, divId, callback, selected) {
      draw.call(this, month, year, divId, callback, selected);
      const caption = document.querySelector(`#${divId} caption`);
      if (caption) {
        caption.textContent = caption.textContent.replace(/\d{4}$/, String(Number(year) + OFFSET));
      }
    };
  }
})();
