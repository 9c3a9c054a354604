// Progressive enhancement: "copy" buttons appear only where the clipboard is available.
// Their messages come translated from data attributes on <body> (templates/base.html).
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button.copy")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const source = button.dataset.copyFrom && document.getElementById(button.dataset.copyFrom);
      const text = source ? source.textContent.trim() : button.dataset.copy;
      const label = button.textContent;
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = document.body.dataset.textCopied;
      } catch {
        button.textContent = document.body.dataset.textCopyFailed;
      }
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  }
});
