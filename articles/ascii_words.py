"""The words of ASCII text by a byte table: several times faster than a word pattern, for
the importer's usual (English) text. Callers keep their pattern for any other text."""


def spaces_except(keep):
    """A bytes.translate table: every byte made a space but the ASCII characters `keep` accepts."""
    return bytes(byte if byte < 128 and keep(chr(byte)) else ord(" ") for byte in range(256))


def ascii_words(text, table):
    """An ASCII text's runs of the characters the table keeps (bytes.translate is twice as
    fast as str.translate, encoding and decoding included)."""
    return text.encode().translate(table).decode().split()


LETTERS_AND_DIGITS = spaces_except(str.isalnum)
