// Where notes follow their paragraph (narrow screens), a link to #note-N scrolls the note to
// the top and its passage out of sight. Show the passage and its note together instead: as
// much of the passage as fits above the whole note.
function showNoteWithPassage() {
  const match = /^#note-(\d+)$/.exec(window.location.hash);
  if (!match) return;
  const note = document.getElementById(`note-${match[1]}`);
  const passage = document.getElementById(`passage-${match[1]}`);
  if (!note || !passage || getComputedStyle(note).float !== "none") return;
  const margin = 16;
  const passageTop = passage.getBoundingClientRect().top + window.scrollY - margin;
  const noteBox = note.getBoundingClientRect();
  const noteTop = noteBox.top + window.scrollY - margin;
  const noteBottom = noteBox.bottom + window.scrollY + margin;
  const top = Math.min(noteTop, Math.max(passageTop, noteBottom - window.innerHeight));
  window.scrollTo({ top, behavior: "instant" });
}

window.addEventListener("load", showNoteWithPassage);
window.addEventListener("hashchange", showNoteWithPassage);
