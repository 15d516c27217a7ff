from . import hijri
from . import saudi
