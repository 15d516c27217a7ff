"""One batch per call for the scheduled jobs: one home for their batch-and-progress shape.

A job hands ``run_batch`` its queues in order of priority, each an ``(empty recordset of
the model, with the environment to search with), domain, order, handler)``. Up to
``batch_size`` records in all are taken, queue by queue, and given to the queue's handler,
which must take them out of its domain (flag, close, anonymise). What is left is counted
(only when the batch is full: otherwise nothing is left) and reported with
``ir.cron._notify_progress``: Odoo's cron runner then commits the batch and calls the job
again while records remain, so a crash loses one batch at most and a long backlog never
holds one transaction.
"""

from collections.abc import Callable
from typing import NamedTuple


class Queue(NamedTuple):
    model: object  # an empty recordset: its environment (sudo, context) searches
    domain: list
    order: str
    handle: Callable


def run_batch(env, queues, batch_size):
    """Handle one batch of ``queues`` (see the module) and report the progress.

    :return: ``(handled, remaining)``: the number of records handled per queue, in the
        order of ``queues``, and the number left for the next calls
    """
    handled, remaining = [], 0
    for queue in queues:
        left = batch_size - sum(handled)
        if left <= 0:
            handled.append(0)
            remaining += queue.model.search_count(queue.domain)
            continue
        due = queue.model.search(queue.domain, limit=left, order=queue.order)
        if len(due) == left:
            remaining += queue.model.search_count(queue.domain) - len(due)
        if due:
            queue.handle(due)
        handled.append(len(due))
    env["ir.cron"]._notify_progress(done=sum(handled), remaining=remaining)
    return handled, remaining
