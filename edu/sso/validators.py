from __future__ import annotations

from typing import Any

from oauth2_provider.models import Application
from oauth2_provider.oauth2_validators import OAuth2Validator

from edu.sso.userinfo import user_info


class EduOAuth2Validator(OAuth2Validator):
    """OpenID Connect claims: the standard ones plus the HEMIS user-info fields."""

    oidc_claim_scope = None  # every claim for the openid scope

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        info = user_info(request.user)
        return {
            **info,
            "sub": info["uuid"],
            "given_name": info["firstname"],
            "family_name": info["surname"],
            "phone_number": info["phone"],
            "preferred_username": info["login"],
        }


def pkce_required(client_id: str) -> bool:
    """PKCE for public clients (no secret); confidential clients prove themselves with their secret."""
    return Application.objects.filter(client_id=client_id, client_type=Application.CLIENT_PUBLIC).exists()
