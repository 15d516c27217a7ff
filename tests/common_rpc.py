import json


class JsonRpcMixin:
    """Calls over JSON-RPC as the web client sends them, with the server's answer (for
    an ``HttpCase``): the attacks of the security tests go this way, not through the ORM."""

    def rpc(self, login, model, method, args, kwargs=None):
        """The JSON-RPC answer to ``model.method(*args, **kwargs)`` sent as ``login``."""
        self.authenticate(login, login)
        response = self.url_open(
            "/web/dataset/call_kw/%s/%s" % (model, method),
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.env.invalidate_all()
        return response.json()

    def call(self, login, model, method, args, kwargs=None):
        """The result of a call that must be accepted."""
        answer = self.rpc(login, model, method, args, kwargs)
        self.assertNotIn("error", answer, answer.get("error", {}).get("data", {}).get("message"))
        return answer.get("result")

    def refused(self, login, model, method, args, kwargs=None, message=None):
        """The error data of a call that must be refused (with ``message`` in it)."""
        answer = self.rpc(login, model, method, args, kwargs)
        self.assertIn("error", answer, "%s %s.%s was accepted" % (login, model, method))
        if message:
            self.assertIn(message, answer["error"]["data"]["message"])
        return answer["error"]["data"]
