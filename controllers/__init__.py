from . import portal
from . import beneficiary_apply
from . import portal_partner
from . import portal_suggestion
from . import portal_appeal
from . import portal_data_request
