from django.urls import path

from web.views import api, auth, bureau, filing, inspection, rectification, review
from web.views import dashboard as dash

urlpatterns = [
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("password/", auth.password_view, name="password"),
    path("lang/", auth.lang_view, name="lang"),
    path("", filing.home, name="home"),
    path("rounds/new/", bureau.round_new, name="round_new"),
    path("rounds/<int:round_id>/", bureau.round_page, name="round"),
    path("rounds/<int:round_id>/dashboard/", dash.board, name="dashboard"),
    path("rounds/<int:round_id>/dashboard/communities/", dash.communities, name="dash_list"),
    path("rounds/<int:round_id>/compare/", dash.compare, name="dash_compare"),
    path("communities/<int:community_id>/history/", dash.history, name="history"),
    path("rounds/<int:round_id>/clerks/", bureau.create_clerks, name="create_clerks"),
    path("rounds/<int:round_id>/passwords.csv", bureau.passwords_csv, name="passwords_csv"),
    path("rounds/<int:round_id>/assign/", inspection.assign, name="assign"),
    path("rounds/<int:round_id>/c/<int:community_id>/", filing.filing_page, name="filing"),
    path("rounds/<int:round_id>/c/<int:community_id>/check/", filing.field_check, name="field_check"),
    path("rounds/<int:round_id>/c/<int:community_id>/upload/", filing.upload, name="upload"),
    path("rounds/<int:round_id>/c/<int:community_id>/submit/", filing.submit, name="submit"),
    path("rounds/<int:round_id>/c/<int:community_id>/evidence/", filing.evidence_add, name="evidence_add"),
    path("rounds/<int:round_id>/c/<int:community_id>/form.xlsx", filing.form_xlsx, name="form_xlsx"),
    path("rounds/<int:round_id>/c/<int:community_id>/report.<str:fmt>", filing.draft_report, name="draft_report"),
    path("submissions/<int:submission_id>/report.<str:fmt>", filing.submission_report, name="submission_report"),
    path("submissions/<int:submission_id>/review/", review.review_page, name="review"),
    path("submissions/<int:submission_id>/rectification/", rectification.issue, name="rect_issue"),
    path("rectification/<int:item_id>/", rectification.act, name="rect_act"),
    path("evidence/<int:evidence_id>/", filing.evidence_file, name="evidence"),
    path("evidence/<int:evidence_id>/thumb.jpg", filing.evidence_thumb, name="evidence_thumb"),
    path("api/openapi.json", api.openapi, name="openapi"),
    path("api/rounds/<int:round_id>/status", api.round_status, name="api_round_status"),
    path("api/rounds/<int:round_id>/communities/<int:community_id>/submissions", api.submit, name="api_submit"),
    path("api/submissions/<int:submission_id>", api.submission, name="api_submission"),
]
