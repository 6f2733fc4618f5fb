from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from edu.core.admin import InstitutionScopedAdmin
from edu.journal.models import JournalEntry


@admin.register(JournalEntry)
class JournalEntryAdmin(InstitutionScopedAdmin):
    """Read-only: the journal is never edited."""

    list_display = ["created_at", "actor_label", "actor_role", "ip", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["actor_label", "object_repr", "object_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
