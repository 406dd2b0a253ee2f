/* A delegate's own programme: sessions saved in this browser (localStorage), no account.
   Enhances server-rendered pages: buttons start hidden and are shown only when this runs. */
(function () {
  "use strict";

  function storageKey(forum) {
    return "amf:saved-sessions:" + forum;
  }

  function load(forum) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storageKey(forum)) || "[]");
      return Array.isArray(saved) ? saved.map(String) : [];
    } catch (error) {
      return [];
    }
  }

  function save(forum, ids) {
    try {
      window.localStorage.setItem(storageKey(forum), JSON.stringify(ids));
    } catch (error) {
      /* Private browsing may refuse storage; the button then simply does not stick. */
    }
  }

  function idList(forum) {
    return load(forum)
      .map(Number)
      .filter(function (id) { return id > 0; })
      .sort(function (a, b) { return a - b; })
      .join(",");
  }

  function myProgrammeUrl(base, forum) {
    var url = new URL(base, window.location.href);
    var ids = idList(forum);
    /* Commas left as they are: the address stays readable when shared. */
    url.search = ids ? "?sessions=" + ids : "";
    return url;
  }

  function updateLinks(forum) {
    document.querySelectorAll("a[data-my-programme]").forEach(function (link) {
      if (link.getAttribute("data-my-programme") === forum) {
        link.href = myProgrammeUrl(link.href, forum).toString();
      }
    });
  }

  function show(button, box, saved) {
    button.setAttribute("aria-pressed", saved ? "true" : "false");
    button.querySelector(".star__icon").textContent = saved ? "★" : "☆";
    button.querySelector(".star__label").textContent =
      box.getAttribute(saved ? "data-label-on" : "data-label-off");
  }

  var page = document.querySelector("[data-my-programme-page]");

  /* The forum and the button labels sit once on the enclosing [data-agenda] element. */
  document.querySelectorAll("[data-agenda] button[data-star]").forEach(function (button) {
    var box = button.closest("[data-agenda]");
    var forum = box.getAttribute("data-forum");
    var id = button.getAttribute("data-star");
    show(button, box, load(forum).indexOf(id) !== -1);
    button.hidden = false;
    button.addEventListener("click", function () {
      var ids = load(forum);
      var at = ids.indexOf(id);
      if (at === -1) {
        ids.push(id);
      } else {
        ids.splice(at, 1);
      }
      save(forum, ids);
      show(button, box, at === -1);
      updateLinks(forum);
      if (page) {
        window.location.replace(myProgrammeUrl(window.location.href, forum).toString());
      }
    });
  });

  document.querySelectorAll("a[data-my-programme]").forEach(function (link) {
    updateLinks(link.getAttribute("data-my-programme"));
  });

  if (page && !page.hasAttribute("data-asked")) {
    var forum = page.getAttribute("data-forum");
    if (idList(forum)) {
      window.location.replace(myProgrammeUrl(window.location.href, forum).toString());
    }
  }
})();
