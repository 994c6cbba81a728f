"""The bilan's errors: each carries the French message shown to the user."""


class BilanError(Exception):
    """A bilan that cannot be shown or exported; ``str(error)`` is the French reason."""


class BilanNotFound(BilanError):
    """No reporting year N exists."""


class EmptyBilan(BilanError):
    """The reporting year exists but has no published text: nothing to export."""


class UnknownFormat(BilanError):
    """An export format that the bilan is not written in."""
