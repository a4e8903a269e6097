"""The demo database (`make demo`): a round per bundled standard over the example communities, a city bureau
account, one clerk per example community, an inspector. Every example is loaded into its clerk's draft and
submitted, except the first of each round, left for the visitor to file.

    python -m web.demo --db out/demo.sqlite3 --logins out/demo-logins.txt
"""

from __future__ import annotations

import argparse
import csv
import io
from datetime import date
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
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
    from web.models import Account

    made: list[tuple[str, str, str]] = []
    services.add_user("bureau", "bureau", PASSWORD)
    made.append(("bureau", PASSWORD, "民政局（全市） / city bureau"))
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
        writer.writerow(["区", "街道", "社区"])
        for _, item in loaded:
            profile = item.assessment.profile
            writer.writerow([profile.district, profile.street, profile.name])
        roster.write_text(out.getvalue(), encoding="utf-8")
        round_ = services.create_round(
            services.standard_version(standard_id), roster, "2026", date(date.today().year + 1, 12, 31)
        )
        roster.unlink()
        standard = round_.standard.load()
        spec = filing.form_spec(standard)
        for number, (path, item) in enumerate(loaded):
            community = round_.communities.get(
                name=item.assessment.profile.name, district=item.assessment.profile.district
            )
            username = f"{standard_id.split('-')[0]}-{path.stem.split('--')[1]}"
            user = services.add_user(username, "clerk", PASSWORD, community=community.path)
            made.append((username, PASSWORD, f"{community.path}（{standard.title}）"))
            inspector.account.assigned.add(community)
            if number == 0:
                continue  # left for the visitor to fill in and submit
            doc, _, _ = pipeline.read_with_standard(path, standard)
            cells = filing.cells_from_data(services.validated_data(doc, standard), spec)
            services.save_draft(round_, community, cells, 0, user)
            services.submit_document(round_, community, filing.read_cells(cells, spec), user, "form")
    assert Account.objects.count() == len(made)
    lines = ["演示账号 / demo logins (password for all: " + PASSWORD + ")"]
    lines += [f"  {name:<28} {what}" for name, _, what in made]
    logins.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return made


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
