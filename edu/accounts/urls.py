from django.urls import path

from edu.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup_phone, name="signup"),
    path("signup/verify/", views.signup_verify, name="signup_verify"),
    path("signup/profile/", views.signup_profile, name="signup_profile"),
    path("code/<str:purpose>/resend/", views.code_resend, name="code_resend"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("reset/", views.reset_phone, name="reset"),
    path("reset/verify/", views.reset_verify, name="reset_verify"),
    path("profile/", views.profile, name="profile"),
    path("profile/edit/", views.profile_edit, name="profile_edit"),
    path("profile/password/", views.password_change, name="password_change"),
    path("profile/photo/", views.photo_change, name="photo"),
    path("profile/photo/file/", views.photo_file, name="photo_file"),
]
