// Accessible names and roles the admin's widgets leave out (WCAG 2.1 A/AA, checked with
// axe-core by tests/amf/test_accessibility_browser.py). Runs on every admin page:
// - the Thai/English tabs (modeltranslation, jQuery UI): each tab is the link itself, not
//   a list item holding a link (no control inside a control), and named in words;
// - fields in table rows (tabular inlines, editable list columns) are named after their
//   column and row, since a table cell has no label of its own;
// - autocomplete boxes (select2) are named after their field's label.
(function () {
  "use strict";
  const labels = document.getElementById("admin-labels")?.dataset || {};
  const languageNames = { th: labels.languageTh || "ไทย", en: labels.languageEn || "English" };

  function setAttr(element, name, value) {
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim() : "";
  }

  // --- Translation tabs -------------------------------------------------------------
  function syncTabs(list) {
    for (const item of list.querySelectorAll(":scope > li")) {
      const link = item.querySelector("a");
      if (!link) continue;
      const selected = item.classList.contains("ui-tabs-active");
      const panel = (link.getAttribute("href") || "").replace(/^.*#/, "");
      setAttr(item, "role", "presentation");
      for (const name of ["aria-controls", "aria-labelledby", "aria-selected", "aria-expanded", "tabindex"]) {
        if (item.hasAttribute(name)) item.removeAttribute(name);
      }
      setAttr(link, "role", "tab");
      setAttr(link, "aria-selected", String(selected));
      setAttr(link, "tabindex", selected ? "0" : "-1");
      if (panel) setAttr(link, "aria-controls", panel);
      const code = link.textContent.trim();
      if (languageNames[code] && !link.dataset.language) {
        link.dataset.language = code;
        link.textContent = languageNames[code];
        setAttr(link, "lang", code);
      }
    }
  }

  // jQuery UI finds a tab's panel from the list item's aria-controls, which moves to the
  // link here; teach it to look there.
  function teachTabsWhereThePanelIs() {
    const jq = window.django && window.django.jQuery;
    const tabs = jq && jq.ui && jq.ui.tabs;
    if (!tabs || tabs.prototype.amfPanelFromLink) return;
    const panelFor = tabs.prototype._getPanelForTab;
    tabs.prototype._getPanelForTab = function (tab) {
      const id = jq(tab).find("a").first().attr("aria-controls");
      return id ? this.element.find(this._sanitizeSelector("#" + id)) : panelFor.call(this, tab);
    };
    tabs.prototype.amfPanelFromLink = true;
  }

  function fixTabs(root) {
    teachTabsWhereThePanelIs();
    for (const list of root.querySelectorAll(".ui-tabs-nav[role=tablist]")) {
      if (list.dataset.a11y) continue;
      list.dataset.a11y = "true";
      syncTabs(list);
      // jQuery UI moves the tab state on the list items at every switch.
      new MutationObserver(() => syncTabs(list)).observe(list, {
        subtree: true,
        attributes: true,
        attributeFilter: ["class", "tabindex", "aria-selected", "role"],
      });
      list.addEventListener("keydown", (event) => {
        const links = [...list.querySelectorAll("a[role=tab]")];
        const index = links.indexOf(event.target);
        if (index < 0) return;
        const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: links.length - 1 };
        if (!(event.key in moves)) return;
        event.preventDefault();
        event.stopPropagation();
        const next = links[(moves[event.key] + links.length) % links.length];
        next.click();
        next.focus();
      }, true);
    }
    const mainSwitch = root.querySelector("#modeltranslation-main-switch");
    if (mainSwitch && !mainSwitch.hasAttribute("aria-label")) {
      mainSwitch.setAttribute("aria-label", labels.languageSwitch || "Language of every field");
      for (const option of mainSwitch.options) {
        const code = option.textContent.trim();
        if (languageNames[code]) option.textContent = languageNames[code];
      }
    }
  }

  // --- Fields in table rows ----------------------------------------------------------
  function columnHeader(cell) {
    const table = cell.closest("table");
    const head = table && table.tHead;
    if (!head || !head.rows.length) return "";
    let column = 0;
    for (const sibling of cell.parentElement.cells) {
      if (sibling === cell) break;
      column += sibling.colSpan || 1;
    }
    let position = 0;
    for (const header of head.rows[0].cells) {
      position += header.colSpan || 1;
      if (position > column) return text(header);
    }
    return "";
  }

  function rowName(row) {
    const named = row.querySelector("th, td.original p, td.field-__str__");
    return text(named);
  }

  function nameTableFields(root) {
    const fields = root.querySelectorAll(
      "table td input:not([type=hidden]), table td select, table td textarea"
    );
    for (const field of fields) {
      if (field.labels?.length || field.hasAttribute("aria-label") || field.hasAttribute("aria-labelledby")) continue;
      if (field.closest("[id$=__prefix__]")) continue;
      const cell = field.closest("td");
      const parts = [columnHeader(cell), rowName(cell.parentElement)].filter(Boolean);
      if (parts.length) field.setAttribute("aria-label", parts.join(" – "));
    }
  }

  // --- Autocomplete boxes (select2) -------------------------------------------------
  function nameAutocompletes(root) {
    for (const box of root.querySelectorAll(".select2-container")) {
      const select = box.previousElementSibling;
      if (!select || select.tagName !== "SELECT") continue;
      const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
      const name = text(label) || select.getAttribute("aria-label") || "";
      if (!name) continue;
      const combobox = box.querySelector(".select2-selection");
      if (combobox) setAttr(combobox, "aria-label", name);
      const search = box.querySelector(".select2-search__field");
      if (search) setAttr(search, "aria-label", name);
      // The text showing the choice, empty while nothing is chosen.
      const shown = box.querySelector(".select2-selection__rendered[role=textbox]");
      if (shown) setAttr(shown, "aria-label", name);
      // The chosen items of a multiple choice are a list of list items only.
      const rendered = box.querySelector("ul.select2-selection__rendered");
      if (rendered) {
        setAttr(rendered, "role", "list");
        for (const child of rendered.children) setAttr(child, "role", child.tagName === "LI" ? "listitem" : "none");
      }
    }
  }

  function fixAll(root) {
    fixTabs(root);
    nameTableFields(root);
    nameAutocompletes(root);
  }

  function start() {
    fixAll(document);
    // Widgets appear later: select2 on focus and after "Add another", new inline rows.
    let pending = false;
    new MutationObserver(() => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        fixAll(document);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  // After the tabs and autocompletes, which start when the document is ready.
  const jq = window.django && window.django.jQuery;
  if (jq) jq(() => setTimeout(start, 0));
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
