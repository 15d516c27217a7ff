from . import beneficiary_beneficiary_transition
from . import beneficiary_beneficiary_sign
from . import beneficiary_support_request_reason
from . import beneficiary_support_request_refer
from . import crm_lead_answer
from . import beneficiary_partner_request_decline
from . import beneficiary_beneficiary_anonymise
from . import beneficiary_support_request_done
