"""The sign-in page, in the member's language: a form that works without any script,
and on a phone's width."""

from __future__ import annotations

from html import escape

from present.i18n import t

VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
{viewport}
<title>Ladder</title>
<style>
body {{ background: #0c181f; color: #eee; font-family: sans-serif; margin: 0; }}
main {{ max-width: 22rem; margin: 12vh auto; padding: 1.5rem; background: #12232d; }}
h1 {{ font-size: 1.4rem; }}
label {{ display: block; margin-top: 1rem; }}
input {{ width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; }}
button {{ margin-top: 1.2rem; width: 100%; padding: .7rem; font-size: 1rem; }}
.problem {{ color: #ff8a80; }}
nav {{ margin-top: 1rem; font-size: .9rem; }}
nav a {{ color: #9cd; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{intro}</p>
{problem}
<form method="post" action="signin?lang={lang}">
<label for="member">{name}</label>
<input id="member" name="member" autocomplete="username" value="{member}" required>
<label for="password">{password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" id="signin">{signin}</button>
</form>
<nav><a href="signin?lang={other}">{other_name}</a></nav>
</main>
</body>
</html>
"""


def signin_page(lang: str, *, member: str = "", problem: str = "") -> str:
    """The page, with what the member typed kept and what went wrong said."""
    other = "en" if lang == "fi" else "fi"
    return PAGE.format(
        viewport=VIEWPORT,
        lang=lang,
        title=escape(t("seat.title", lang)),
        intro=escape(t("seat.intro", lang)),
        name=escape(t("seat.name", lang)),
        password=escape(t("seat.password", lang)),
        signin=escape(t("seat.signin", lang)),
        member=escape(member),
        problem=f'<p class="problem" id="problem">{escape(problem)}</p>' if problem else "",
        other=other,
        other_name="In English" if other == "en" else "Suomeksi",
    )


def language(accept: str, asked: str | None) -> str:
    """fi or en: as asked (`?lang=`), else the browser's first of the two."""
    if asked in ("fi", "en"):
        return asked
    for part in accept.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in ("fi", "en"):
            return code
    return "fi"


# The words textual-serve's own page (its app_index.html) says, in English only:
# (as it writes them, as we write them with ours in place of {}, the key of ours)
SERVE_PAGE_WORDS = (
    (">Start</button>", ">{}</button>", "seat.start"),
    ('"message">Session ended.</div>', '"message">{}</div>', "seat.ended"),
    (">Restart</button>", ">{}</button>", "seat.restart"),
)


def serve_page(html: str, lang: str) -> str:
    """textual-serve's page around a seat in the member's language: its start and
    its "session ended" dialogues, and the page's own `lang`."""
    html = html.replace("<html>", f'<html lang="{lang}">', 1)
    html = html.replace("<head>", f"<head>\n{VIEWPORT}", 1)  # a phone lays it out at its width
    for english, ours, key in SERVE_PAGE_WORDS:
        html = html.replace(english, ours.format(escape(t(key, lang))))
    return html
