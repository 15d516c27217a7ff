from . import controllers
from . import models
from . import wizard
from .tools.database_outage import post_load
