"""Reads for the student's own documents, resources and electives, and the public verification."""

from __future__ import annotations

import uuid
from collections import defaultdict

from django.db.models import Q, QuerySet
from django.http import Http404

from edu.core.access import get_in_scope_or_404
from edu.university.models import CurriculumSubject, IssuedDocument, Resource, Student


def issued_documents(*, student: Student) -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.filter(student=student)


def document_by_token(*, token: str) -> IssuedDocument:
    try:
        value = uuid.UUID(str(token))
    except ValueError:
        raise Http404 from None
    document = IssuedDocument.objects.filter(token=value).select_related("institution").first()
    if document is None:
        raise Http404
    return document


def student_resources(*, student: Student, semester: str) -> dict[int, list[Resource]]:
    result: dict[int, list[Resource]] = defaultdict(list)
    for r in Resource.objects.filter(
        Q(curriculum_subject__curriculum_id=student.curriculum_id), curriculum_subject__semester=semester
    ).select_related("topic"):
        result[r.curriculum_subject_id].append(r)
    return dict(result)


def access_student_resource_by_id(*, student: Student, pk: object) -> Resource:
    return get_in_scope_or_404(Resource.objects.filter(Q(curriculum_subject__curriculum_id=student.curriculum_id)), pk)


def access_elective_by_id(*, student: Student, pk: object) -> CurriculumSubject:
    return get_in_scope_or_404(
        CurriculumSubject.objects.filter(Q(curriculum_id=student.curriculum_id), subject_type="12").select_related(
            "subject"
        ),
        pk,
    )
