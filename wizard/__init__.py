from . import beneficiary_beneficiary_transition
from . import beneficiary_beneficiary_sign
