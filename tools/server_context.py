"""Flags that only server code can set (threat model, principle 6).

Odoo's ``env.context`` comes from the client over RPC: any key in it may have been sent by
the person calling. What must not be in a client's hands — "these writes are an action's
own", "this read is the system's, do not log it", "this export is an export" — goes
through ``server_context`` instead: a ``ContextVar`` of the running request or job, set
by the server code around the calls it makes and gone when they return.
"""

import contextlib
import contextvars
from types import MappingProxyType

_VALUES = contextvars.ContextVar("beneficiary_server_context", default=MappingProxyType({}))


@contextlib.contextmanager
def server_context(**values):
    """Run the enclosed calls with ``values`` added to the server's own flags."""
    token = _VALUES.set(MappingProxyType({**_VALUES.get(), **values}))
    try:
        yield
    finally:
        _VALUES.reset(token)


def server_value(key, default=None):
    """The value of the server's flag ``key`` in the running calls."""
    return _VALUES.get().get(key, default)
