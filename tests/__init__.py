from . import test_national_id
from . import test_hijri
from . import test_beneficiary_registration
from . import test_periodic_review
from . import test_security
from . import test_ui
