"""The demo database (`make demo`): a round per bundled standard over the example communities, a city bureau
account, one clerk per example community, an inspector. Every example is loaded into its clerk's draft and
submitted, except one per round left for the visitor to file (the first without an example audit record).

The rectification loop is shown on 蝶梦社区 (xuzhou-2017): its example audit record, pinned to the submitted
version, is the inspector's finished audit; the bureau granted one exemption and issued the notice from the
audited check; one item was answered with a photo and closed after the re-check (销号), one answered and kept
open with the inspector's comment, the rest are open.

    python -m web.demo --db out/demo.sqlite3 --logins out/demo-logins.txt
"""

from __future__ import annotations

import argparse
import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
AUDITS = EXAMPLES / "audits"
LOOP = "xuzhou-2017--diemeng"  # the example whose audit record starts the demo's rectification loop
PASSWORD = "demo-2026"  # the demo's only password: a demo database is never a real one


def build(db: Path, logins: Path) -> list[tuple[str, str, str]]:
    import web

    if db.exists():
        db.unlink()
    for extra in ("-wal", "-shm"):
        Path(str(db) + extra).unlink(missing_ok=True)
    web.setup(str(db), migrate=True)

    from checker import pipeline
    from web import filing, services
    from web.models import Account, Assignment

    made: list[tuple[str, str, str]] = []
    loop: tuple[Any, Any, Any] = (None, None, None)
    inspector = services.add_user("inspector", "inspector", PASSWORD)
    made.append(("inspector", PASSWORD, "核查员 / inspector"))
    by_standard: dict[str, list[Path]] = {}
    for path in sorted(EXAMPLES.glob("*.yaml")):
        by_standard.setdefault(path.name.split("--")[0], []).append(path)
    for standard_id, paths in sorted(by_standard.items()):
        loaded = [(path, pipeline.load(path)) for path in paths]
        roster = Path(str(db) + f".{standard_id}.roster.csv")
        out = io.StringIO()
        writer = csv.writer(out)
        place = list(CITY) if standard_id == EARLIER else ["", ""]  # the other examples lie in other provinces
        writer.writerow(["省", "市", "区", "街道", "社区"])
        for _, item in loaded:
            profile = item.assessment.profile
            writer.writerow([*place, profile.district, profile.street, profile.name])
        roster.write_text(out.getvalue(), encoding="utf-8")
        round_ = services.create_round(
            services.standard_version(standard_id), roster, "2026", date(date.today().year + 1, 12, 31)
        )
        roster.unlink()
        standard = round_.standard.load()
        spec = filing.form_spec(standard)
        left = next((path for path, _ in loaded if not (AUDITS / f"{path.stem}.audit.yaml").exists()), paths[0])
        for number, (path, item) in enumerate(loaded):
            community = round_.communities.get(
                name=item.assessment.profile.name, district=item.assessment.profile.district
            )
            username = f"{standard_id.split('-')[0]}-{path.stem.split('--')[1]}"
            user = services.add_user(username, "clerk", PASSWORD, community=community.path)
            made.append((username, PASSWORD, f"{community.path}（{standard.title}）"))
            inspector.account.assigned.add(community)
            if path == left:
                continue  # left for the visitor to fill in and submit
            doc, _, _ = pipeline.read_with_standard(path, standard)
            cells = filing.cells_from_data(services.validated_data(doc, standard), spec)
            cells["p.period"] = round_.period  # the examples describe 2018: filed in this round, for its period
            services.save_draft(round_, community, cells, 0, user)
            services.submit_document(round_, community, filing.read_cells(cells, spec), user, "form")
            planned_on = date(date.today().year + 1, 5, 10 + number)  # the bureau's plan for the site visit
            Assignment.objects.create(round=round_, community=community, inspector=inspector, planned_on=planned_on)
            if path.stem == LOOP:
                loop = (round_, community, user)
    # the city bureau is bound to 徐州市 (its node exists once the roster made it); every other standard's examples
    # lie in other provinces and cities, so one bureau over all of them looks after their rounds
    bureau = services.add_user("bureau", "bureau", PASSWORD, scope="/".join(CITY))
    services.add_user("all", "bureau", PASSWORD)
    made[:0] = [
        ("bureau", PASSWORD, "徐州市民政局 / city bureau (江苏省/徐州市)"),
        ("all", PASSWORD, "全部示例地区（含其他标准的示例社区） / bureau over every demo place"),
    ]
    made += _dashboard_demo(by_standard.get(EARLIER, []))
    _rectification(*loop, inspector, bureau)  # after the dashboard's reviews: 蝶梦's version is accepted, then audited
    assert Account.objects.count() == len(made)
    lines = ["演示账号 / demo logins (password for all: " + PASSWORD + ")"]
    lines += [f"  {name:<28} {what}" for name, _, what in made]
    lines += [
        "整改闭环演示 / the rectification loop: 蝶梦社区 (xuzhou-diemeng) — 已实地核查，已下发整改通知，"
        "1 项已销号、其余待整改 / audited, notice issued, one item closed, the others open"
    ]
    logins.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return made


EARLIER = "xuzhou-2017"  # the standard whose round gets a previous one (five communities in four districts)
CITY = ("江苏省", "徐州市")  # where EARLIER's example communities are (the city bureau's scope)


def _dashboard_demo(paths: list[Path]) -> list[tuple[str, str, str]]:
    """For the dashboard (#15): an earlier, closed round of the same standard in which every example community
    filed a weaker version (every third 是 answered 否), reviews that return one version and accept another in the
    current round, and a district bureau (泉山区) beside the city's, so the city compares its districts and the
    two rounds and the district sees only its own."""
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from checker import pipeline
    from web import filing, review, rollup, services
    from web.models import Round

    if not paths:
        return []
    current = Round.objects.get(standard__standard_id=EARLIER)
    earlier = Round.objects.create(
        standard=current.standard, period="2025", deadline=date(current.deadline.year - 2, 12, 31), state=Round.CLOSED
    )
    earlier.communities.set(current.communities.all())
    standard = current.standard.load()
    spec = filing.form_spec(standard)
    for path in paths:
        profile = pipeline.load(path).assessment.profile
        doc, _, _ = pipeline.read_with_standard(path, standard)
        weaker = _weaker(filing.cells_from_data(services.validated_data(doc, standard), spec))
        weaker["p.period"] = earlier.period
        community = earlier.communities.get(name=profile.name, district=profile.district)
        clerk = get_user_model().objects.get(account__community=community)
        services.save_draft(earlier, community, weaker, 0, clerk)
        services.submit_document(earlier, community, filing.read_cells(weaker, spec), clerk, "form")
    rollup.rebuild(earlier)  # the round was made here, not by create_round: its figures from its records
    request = RequestFactory().post("/")
    request.user = get_user_model().objects.get(username="bureau")
    versions = list(current.submissions.order_by("community__district", "community__name"))
    for version, action in zip(versions, ("accept", "return"), strict=False):
        review.review(version, action, "" if action == "accept" else "请补充佐证材料", {}, request)
    services.add_user("quanshan", "bureau", PASSWORD, scope="泉山区")
    return [("quanshan", PASSWORD, "泉山区民政局 / district bureau (泉山区)")]


def _weaker(cells: dict[str, str]) -> dict[str, str]:
    """The same answers with every third 是 turned into 否: last year's version, with more gaps."""
    found, yes = dict(cells), 0
    for field, value in cells.items():
        if field.endswith(".value") and value == "是":
            yes += 1
            if yes % 3 == 0:
                found[field] = "否"
    return found


def _rectification(round_: Any, community: Any, clerk: Any, inspector: Any, bureau: Any) -> None:
    """蝶梦社区 audited, an exemption granted, the notice issued from the audited check; one item closed after the
    re-check, one kept open with a comment, the rest open. Through the app's own functions, as a user would."""
    import yaml

    from web import exemptions, inspection, rectification
    from web.models import Audit, Submission

    submission = Submission.objects.filter(round=round_, community=community).order_by("-number").first()
    assert submission is not None
    text = (AUDITS / f"{LOOP}.audit.yaml").read_text(encoding="utf-8")
    text = text.replace(yaml.safe_load(text)["assessment"]["sha256"], submission.sha256)  # pinned to the version
    # kept as the inspector's finished audit the way the app keeps one: read back with the library's reader,
    # the version moved accepted → audited, the roll-ups given the verified result
    inspection._keep(inspection.start_for(submission, inspector), text, Audit.APP, inspector, None)
    today = date.today()
    exemptions.grant(
        community,
        submission.round.standard.load(),
        {
            "requirement": "XZ-F-301",
            "justification": "辖区内 200 米处已有彭城街道社区卫生服务中心，经区卫健委同意不再单独设置社区卫生服务站",
            "approved_by": "云龙区民政局",
            "reference": "云民复〔2026〕15号",
            "granted_on": date(today.year, 1, 1).isoformat(),
            "expires_on": date(today.year + 1, 12, 31).isoformat(),
        },
        bureau,
    )
    notice = rectification.issue(submission, bureau, today, authority="云龙区民政局")
    closed, kept_open = list(notice.items.order_by("deadline", "id"))[:2]
    rectification.move(closed, "answer", clerk, "已按要求整改，附整改后照片。", photos=[_photo("整改后.png")])
    rectification.move(closed, "close", inspector, "回头看：现场已整改到位，同意销号。")
    rectification.move(kept_open, "answer", clerk, "已制定整改方案，正在落实。")
    rectification.move(kept_open, "reopen", inspector, "回头看：尚未落实到位，请继续整改并附照片。")


def _photo(name: str) -> Any:
    """A small picture standing in for a photo taken on site."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), (222, 235, 247))
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 120, 560, 400), fill=(31, 78, 121))
    draw.rectangle((120, 160, 520, 240), fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=Path("out/demo.sqlite3"))
    parser.add_argument("--logins", type=Path, default=Path("out/demo-logins.txt"))
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    made = build(args.db.resolve(), args.logins)
    print(f"demo database: {args.db} ({len(made)} accounts); logins in {args.logins}")


if __name__ == "__main__":
    main()
