// A shared paragraph's page opens at that paragraph, its address ending in #pN as a
// permalink's would; unless the reader already asked for another place on the page.
document.addEventListener("DOMContentLoaded", () => {
  const shared = document.querySelector(".block.shared");
  if (!shared || location.hash) return;
  history.replaceState(null, "", `#${shared.id}`);
  shared.scrollIntoView({ block: "start" });
});
