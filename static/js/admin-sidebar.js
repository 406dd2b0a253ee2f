// The admin's left-hand list of models starts closed on screens narrower than 1600 px, so
// that office laptops (1280–1366 px) give lists and forms the whole width. Django's own
// toggle («) still opens it, and the choice is kept (nav_sidebar.js reads it afterwards,
// which is why this runs at once rather than deferred).
(function () {
  "use strict";
  const key = "django.admin.navSidebarIsOpen";
  try {
    if (localStorage.getItem(key) === null && window.innerWidth < 1600) {
      localStorage.setItem(key, "false");
    }
  } catch (error) {
    // Storage refused (private mode): Django's default applies.
  }
})();
