"""Every state-changing route with who may use it and a form that would change something.

Shared by the CSRF test (sent without a valid token) and the malformed-input sweeps (sent
with broken values). `test_csrf.py` checks that every such route of the URL map is here.
"""

from __future__ import annotations

from tests.conftest import TEST_PASSWORD
from tests.security.world import EMAILS

NEW_PASSWORD = "mưa rơi trên mái ngói rêu phong"
# endpoint: (who sends it, URL template, a form that would change something if accepted)
POST_CASES: dict[str, tuple[str | None, str, dict]] = {
    "auth.login": (None, "/login", {"email": EMAILS["learner"], "password": TEST_PASSWORD}),
    "auth.login_2fa": (None, "/login/2fa", {"code": "123456"}),
    "auth.register": (None, "/register", {
        "full_name": "Kẻ Giả Mạo", "email": "forged@example.org", "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD, "consent": "y"}),
    "auth.activate": (None, "/activate/{activation_token}",
                      {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}),
    "auth.logout": ("learner", "/logout", {}),
    "auth.change_password": ("learner", "/account/password", {
        "current": TEST_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}),
    "auth.end_session": ("learner", "/account/sessions/{other_session}/end", {}),
    "auth.end_other_sessions": ("learner", "/account/sessions/end-others", {}),
    "auth.two_factor_start": ("learner", "/account/2fa/start", {}),
    "auth.two_factor_confirm": ("learner", "/account/2fa/confirm", {"code": "123456"}),
    "auth.two_factor_disable": ("learner", "/account/2fa/disable", {"current": TEST_PASSWORD}),
    "auth.recovery_codes_regenerate": ("learner", "/account/2fa/recovery-codes",
                                       {"current": TEST_PASSWORD}),
    "privacy.delete_account": ("citizen", "/account/delete",
                               {"current": TEST_PASSWORD, "confirm": "y"}),
    "core.set_language": ("learner", "/language", {"lang": "en", "next": "/"}),
    "learning.mark_done": ("learner", "/courses/{course_a}/units/{unit_a}/done", {}),
    "quiz.start": ("learner", "/quiz/{quiz_a}/start", {}),
    "quiz.answer": ("learner", "/quiz/attempts/{open_attempt}",
                    {"action": "submit", "q1": "0", "q2": "VNeID", "q3": "4"}),
    "preview.unit": ("trainer", "/preview/{course_a}/units/{quiz_unit_a}", {"q1": "0"}),
    "publishing.run": ("admin", "/admin/publishing/", {"publish": "y"}),
    "certificates.revoke": ("admin", "/admin/certificates/{their_cert}/revoke",
                            {"reason": "Giả mạo"}),
    "orgs.new_unit": ("admin", "/admin/orgs/new",
                      {"code": "X9", "name": "Đơn vị giả", "kind": "commune", "parent": ""}),
    "orgs.edit_unit": ("admin", "/admin/orgs/{unit_in_b}/edit",
                       {"name": "Đổi tên", "kind": "commune"}),
    "orgs.move_unit": ("admin", "/admin/orgs/{unit_in_b}/move", {"parent": "{unit_in_a}"}),
    "orgs.set_unit_active": ("admin", "/admin/orgs/{unit_in_b}/active", {"active": "0"}),
    "orgs.new_user": ("admin", "/admin/users/new", {
        "email": "forged@example.org", "full_name": "Kẻ Giả Mạo", "kind": "official",
        "unit": ""}),
    "orgs.edit_user": ("admin", "/admin/users/{person_in_b}", {
        "full_name": "Đổi tên", "kind": "official", "unit": "{unit_in_b}"}),
    "orgs.set_user_active": ("admin", "/admin/users/{person_in_b}/active", {"active": "0"}),
    "orgs.new_activation": ("admin", "/admin/users/{pending}/activation", {}),
    "orgs.set_user_roles": ("admin", "/admin/users/{person_in_b}/roles", {"roles": "admin"}),
    "orgs.add_user_scope": ("admin", "/admin/users/{person_in_b}/scopes",
                            {"unit": "{unit_in_b}"}),
    "orgs.remove_user_scope": ("admin", "/admin/users/{manager_b_id}/scopes/{district_b}/remove",
                               {}),
    "orgs.import_users": ("admin", "/admin/users/import", {}),
    "orgs.apply_import": ("admin", "/admin/users/import/apply", {"token": "x" * 40}),
    "orgs.download_links": ("manager_a", "/admin/users/import/{upload}/links.csv", {}),
    "orgs.create_assignment": ("admin", "/admin/assignments", {
        "course": "{course_b_id}", "unit": "{unit_in_a}", "audience": "all"}),
    "orgs.set_assignment_active": ("admin", "/admin/assignments/{assignment_b}/active",
                                   {"active": "0"}),
}
