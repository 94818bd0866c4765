"""The project's error for bad input: the shells turn it into one line and exit code 2."""


class InputError(Exception):
    """Bad input from the user: names the file or value and says what to do.

    Raised by the library for anything the user can fix (a missing file, a
    document with no English part, an unreadable encoding). Tracebacks are kept
    for our own bugs.
    """
