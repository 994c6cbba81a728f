"""Open data: the published figures by arrondissement, in the values' formats.

The same four files as the funding amounts (``indicators.opendata.funding_files``): a
standard CSV, a CSV for French spreadsheets (decimal comma), a JSON file with its schema
and its Table Schema; the rows of the plan of the address, figures about people
protected (``indicators.opendata.arrondissements``).
"""

from indicators.opendata import arrondissement_schema as schema
from indicators.opendata.arrondissements import arrondissement_records
from indicators.opendata.funding_files import Dataset

ARRONDISSEMENT_FIGURES = Dataset(
    stem="chiffres-par-arrondissement",
    key="chiffres",
    columns=schema.ARRONDISSEMENT_COLUMNS,
    description=schema.ARRONDISSEMENT_DESCRIPTION,
    records=arrondissement_records,
    numbers=("valeur",),
)
