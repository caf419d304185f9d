/* mgsite: the few things the pages do in the browser. Every page works
   without this file: the menu and the filters are then simply open. */
(function () {
  "use strict";

  // Disclosure buttons (the phone menu, the catalogue filters): the button
  // says whether its panel is open; the stylesheet shows or hides the panel.
  // Listened for on the document, so it keeps working after htmx swaps.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-disclosure]");
    if (!button) return;
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    if (button.dataset.closedLabel) {
      button.textContent = open ? button.dataset.openLabel : button.dataset.closedLabel;
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var button = document.querySelector(".menu-button[aria-expanded=true]");
    if (button) {
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
  });

  // The catalogue: a filter left empty stays out of the address.
  document.addEventListener("htmx:configRequest", function (event) {
    if (!event.detail.elt.closest || !event.detail.elt.closest("[data-filter-form]")) return;
    var parameters = event.detail.parameters;
    var empty = [];
    var source = event.detail.formData || parameters;
    if (source && typeof source.forEach === "function") {
      source.forEach(function (value, name) { if (value === "") empty.push(name); });
    } else {
      Object.keys(parameters).forEach(function (name) {
        if (parameters[name] === "") empty.push(name);
      });
    }
    empty.forEach(function (name) { delete parameters[name]; });
  });

  // Back and Forward: htmx puts back the results it kept; the controls are
  // set again from the address, which is what the results were filtered by.
  function syncFilters() {
    var form = document.querySelector("[data-filter-form]");
    if (!form) return;
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (control) {
      if (!control.name) return;
      var value = params.get(control.name);
      if (control.type === "checkbox" || control.type === "radio") {
        control.checked = params.getAll(control.name).indexOf(control.value) !== -1;
      } else if (control.tagName === "SELECT") {
        control.value = value === null ? "" : value;
        if (control.selectedIndex === -1) control.selectedIndex = 0;
      } else if (control.type !== "submit" && control.type !== "button") {
        control.value = value === null ? "" : value;
      }
    });
  }
  document.addEventListener("htmx:historyRestore", syncFilters);
  window.addEventListener("popstate", syncFilters);
  window.addEventListener("pageshow", syncFilters);
})();
