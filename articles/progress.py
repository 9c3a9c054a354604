"""A one-line progress bar for terminals; silent anywhere else (CI logs, pipes)."""

import os


class TerminalProgress:
    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.total = 0
        self.done = 0

    @classmethod
    def for_stream(cls, stream):
        interactive = hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("CI")
        return cls(stream) if interactive else None

    def start(self, total):
        self.total, self.done = total, 0
        self.draw()

    def advance(self):
        self.done += 1
        if self.done == self.total or self.done % 25 == 0:
            self.draw()

    def draw(self):
        filled = self.WIDTH * self.done // self.total if self.total else self.WIDTH
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.write(f"\r[{bar}] {self.done}/{self.total}")

    def above(self, write_line):
        """Write a line where the bar is, then draw the bar again below it."""
        self.finish()
        write_line()
        self.draw()

    def finish(self):
        self.write("\r" + " " * (self.WIDTH + 30) + "\r")

    def write(self, text):
        # Unstyled: Django styles its stderr as errors, and the bar is none.
        self.stream.write(text, style_func=str, ending="")
        self.stream.flush()
