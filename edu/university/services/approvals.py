"""Maker–checker handlers of the university's data kinds (registered with the regulation app)."""

from __future__ import annotations

from django.urls import reverse

from edu.org.roles import Role
from edu.regulation.models import ApprovalKind
from edu.regulation.services import ApprovalHandler, approval_handler_register


def register_handlers() -> None:
    from edu.university.services.movement import decree_apply_approved, decree_reject_approval
    from edu.university.services.performance import final_sheet_approve, final_sheet_reject

    approval_handler_register(
        ApprovalHandler(
            kind=ApprovalKind.MOVEMENT_ORDER,
            checker_roles=frozenset({Role.DEAN, Role.ACADEMIC_OFFICE, Role.MANAGEMENT}),
            apply=decree_apply_approved,
            reject=decree_reject_approval,
            url=lambda object_id: reverse("university:decree", args=[object_id]),
        )
    )
    approval_handler_register(
        ApprovalHandler(
            kind=ApprovalKind.FINAL_GRADES,
            checker_roles=frozenset({Role.HEAD_OF_DEPARTMENT, Role.DEAN}),
            apply=final_sheet_approve,
            reject=final_sheet_reject,
            url=lambda object_id: reverse("university:final_sheet", args=[object_id]),
        )
    )
