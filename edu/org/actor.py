"""The acting user and the role (with its scope) they have switched to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from edu.org.roles import ScopeLevel

if TYPE_CHECKING:
    from edu.accounts.models import User
    from edu.org.models import RoleAssignment


@dataclass
class Actor:
    user: User
    assignment: RoleAssignment | None = None
    assignments: list[RoleAssignment] = field(default_factory=list)

    @property
    def role(self) -> str | None:
        return self.assignment.role if self.assignment else None

    @property
    def institution_id(self) -> int | None:
        return self.assignment.institution_id if self.assignment else None

    def has_role(self, *roles: str) -> bool:
        return self.assignment is not None and self.assignment.role in roles

    def require_role(self, *roles: str) -> RoleAssignment:
        """The active assignment if it is one of `roles`; otherwise the page does not exist."""
        if self.assignment is None or self.assignment.role not in roles:
            raise Http404
        return self.assignment

    def scope_q(
        self,
        *,
        institution: str | None = "institution",
        faculty: str | None = "faculty",
        department: str | None = "department",
    ) -> Q:
        """A filter that keeps rows inside the active role's scope.

        Pass the lookup paths from the queried model to its institution, faculty and department
        (None where the model has no such link; the scope then widens to the nearest level it has).
        Without an active role nothing is in scope.
        """
        a = self.assignment
        if a is None:
            return Q(pk__in=[])
        level = a.level
        if level == ScopeLevel.DEPARTMENT:
            if department:
                return Q(**{department: a.department_id})
            level = ScopeLevel.FACULTY
        if level == ScopeLevel.FACULTY:
            faculty_id = a.faculty_id
            if faculty and faculty_id:
                return Q(**{faculty: faculty_id})
            level = ScopeLevel.INSTITUTION
        if institution:
            return Q(**{institution: a.institution_id})
        return Q(pk__in=[])
