// Progressive enhancement of the list filters: a submitted form leaves its empty fields out of
// the address (`?q=&date_after=` would be noise in every shared link), and on a wide screen
// the filters panel is open (on a phone it is one tap away).
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-drop-empty]")) {
    form.addEventListener("submit", () => {
      for (const input of form.querySelectorAll("input, select")) {
        if (input.value === "") input.disabled = true;
      }
    });
  }
  // The browser restores disabled fields' state on Back: enable them again.
  window.addEventListener("pageshow", () => {
    for (const input of document.querySelectorAll("form[data-drop-empty] [disabled]")) {
      input.disabled = false;
    }
  });
  const panel = document.querySelector("details.filters-panel");
  if (panel && window.matchMedia("(min-width: 52rem)").matches) panel.open = true;
});
