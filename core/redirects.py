"""Where a redirect after a form lands on its page.

A form that comes back refused opens at its error summary because it posts to
« #erreurs-… » (the summary takes the focus). A browser keeps that fragment across a
redirect whose address has none: a successful post would then land on the next page at
a fragment that is not there. Such redirects name their own fragment.
"""

from urllib.parse import urlsplit


def landing_at(url: str, fragment: str = "contenu") -> str:
    """``url`` with ``fragment`` (the page's main content by default), unless it has one.

    >>> landing_at("/saisie/"), landing_at("/saisie/?annee=2023#indicateur-5")
    ('/saisie/#contenu', '/saisie/?annee=2023#indicateur-5')
    """
    if urlsplit(url).fragment:
        return url
    return f"{url.split('#')[0]}#{fragment}"
