from . import hijri
from . import saudi
from . import deadline
from . import bidi
