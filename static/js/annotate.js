// Editors annotate by selecting: words selected within one paragraph of the article bring up
// an "Annotate" link to the note form, the article, paragraph, quote and its context filled in.
// Without JavaScript each paragraph's tools keep an "Annotate ¶N" link.
const CONTEXT_CHARS = 32;

function textNodes(paragraph) {
  // The paragraph's own words: the note markers inserted after noted passages are not text.
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement.closest(".note-ref") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

function offsetIn(nodes, container, offset) {
  let total = 0;
  for (const node of nodes) {
    if (node === container) return total + offset;
    total += node.length;
  }
  return null;
}

function selectedPassage() {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount !== 1) return null;
  const range = selection.getRangeAt(0);
  const paragraph = range.startContainer.parentElement?.closest(".reading-text .block > p");
  if (!paragraph || !paragraph.contains(range.endContainer)) return null;
  const nodes = textNodes(paragraph);
  const start = offsetIn(nodes, range.startContainer, range.startOffset);
  const end = offsetIn(nodes, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  const text = nodes.map((node) => node.data).join("");
  const quote = text.slice(start, end);
  if (!quote.trim()) return null;
  return {
    paragraph: paragraph.closest(".block").id.slice(1),
    quote,
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
    box: range.getBoundingClientRect(),
  };
}

document.addEventListener("DOMContentLoaded", () => {
  const reading = document.querySelector(".reading-text[data-annotate]");
  if (!reading) return;
  const link = document.createElement("a");
  link.className = "annotate-selection";
  link.textContent = document.body.dataset.textAnnotate;
  link.hidden = true;
  document.body.append(link);

  function update() {
    const passage = selectedPassage();
    if (!passage) {
      link.hidden = true;
      return;
    }
    const params = new URLSearchParams({
      paragraph: passage.paragraph,
      quote: passage.quote,
      prefix: passage.prefix,
      suffix: passage.suffix,
    });
    link.href = `${reading.dataset.annotate}&${params}`;
    link.style.top = `${window.scrollY + passage.box.bottom + 8}px`;
    link.style.left = `${window.scrollX + Math.max(8, passage.box.left)}px`;
    link.hidden = false;
  }

  document.addEventListener("selectionchange", () => window.requestAnimationFrame(update));
});
