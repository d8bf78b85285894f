"""Reading articles: files, standard input, encodings, HTML, furniture, bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefing
from briefing import Article, ConfigError, InputError, ReadOptions, parse_article, read_article
from briefing._decode import _C1_OR_CONTROL, _control_count, normalise_text
from briefing._furniture import isolate_story
from briefing.article import DEFAULT_MAX_BYTES, looks_like_html
from conftest import data_path, shared_data, subprocess_env

STORY = (
    "Farmers in the valley planted sorghum this year after the rains failed, officials said.\n"
    "\n"
    '“We had no choice,” said one farmer. "Maize needs water we do not have."\n'
)


def articles(name: str) -> Path:
    return data_path(f"articles/{name}")


# --- options -----------------------------------------------------------------------


def test_read_options_defaults_and_validation() -> None:
    options = ReadOptions()
    assert options.max_bytes == DEFAULT_MAX_BYTES == 5_000_000
    assert options.strip_furniture is True
    assert options.html is None
    with pytest.raises(AttributeError):
        options.max_bytes = 1  # type: ignore[misc]
    with pytest.raises(ConfigError, match="max_bytes must be positive"):
        ReadOptions(max_bytes=0)
    with pytest.raises(ConfigError, match="max_bytes must be an integer"):
        ReadOptions(max_bytes=2.5)  # type: ignore[arg-type]


def test_public_names_are_exported() -> None:
    for name in ("ReadOptions", "parse_article", "read_article"):
        assert name in briefing.__all__
    assert briefing.__all__ == sorted(briefing.__all__)


# --- bad input ---------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    with pytest.raises(InputError, match=r"notes\.txt: no such file$"):
        read_article(path)
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "notes.txt" / "inside.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r": is a directory, not a file$"):
        read_article(tmp_path)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"pipe: is a named pipe \(FIFO\), not a regular file"):
        read_article(fifo)


def test_device_is_refused() -> None:
    with pytest.raises(InputError, match="is a device or socket, not a regular file"):
        read_article("/dev/null")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.txt: the file is empty$"):
        read_article(path)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \n\t\r\n\xc2\xa0 \n")
    with pytest.raises(InputError, match=r"blank\.txt: the file holds only whitespace$"):
        read_article(path)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match=r"photo\.jpg: looks like a binary file, not text$"):
        read_article(path)


def test_control_characters_mean_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"abc\x01\x02\x03def\x04\x05" * 50)
    with pytest.raises(InputError, match="looks like a binary file"):
        read_article(path)


def test_control_count_is_the_patterns() -> None:
    # looks_binary_text counts controls in the UTF-8 bytes; every code point, lone
    # surrogates included, must count as the pattern counts it.
    everything = "".join(map(chr, range(0x110000)))
    assert _control_count(everything) == len(_C1_OR_CONTROL.findall(everything))


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF) | st.sampled_from("\x85\x9f\xc2")))
def test_control_count_matches_the_pattern_on_any_text(text: str) -> None:
    assert _control_count(text) == len(_C1_OR_CONTROL.findall(text))


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    # 0x81 and 0x8d are undefined in CP1252 and invalid as UTF-8 here.
    path.write_bytes(b"Some text \x81\x8d\x90 and more")
    with pytest.raises(InputError, match=r"bad\.txt: cannot decode the text \(not UTF-8"):
        read_article(path)


def test_non_western_bytes_are_not_read_as_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("北京今天下雨了，气温很低。".encode("gbk") * 5)
    with pytest.raises(InputError, match="cannot decode the text"):
        read_article(path)


def test_file_over_limit_is_refused_from_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1_240_000)  # 6.2 MB
    with pytest.raises(
        InputError, match=r"big\.txt: 6\.2 MB is over the 5\.0 MB limit \(ReadOptions\.max_bytes\)$"
    ):
        read_article(path)


def test_huge_file_is_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024**3)  # sparse: no disk used, 21.5 GB by stat

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr("briefing.article.open", no_open, raising=False)
    with pytest.raises(InputError, match=r"21474\.8 MB is over the 5\.0 MB limit"):
        read_article(path)


def test_small_limits_are_shown_in_small_units(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    with pytest.raises(InputError, match=r"story\.txt: \d+ bytes is over the 50 bytes limit"):
        read_article(path, options=ReadOptions(max_bytes=50))
    with pytest.raises(InputError, match=r"1\.0 kB is over the 999 bytes limit"):
        parse_article(b"x" * 1000, options=ReadOptions(max_bytes=999))
    with pytest.raises(InputError, match="over the 10 characters limit"):
        parse_article("x" * 11, options=ReadOptions(max_bytes=10))


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(STORY, encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Tests may run as root, for whom chmod 000 changes nothing.
    monkeypatch.setattr("briefing.article.open", denied, raising=False)
    with pytest.raises(InputError, match=r"secret\.txt: permission denied$"):
        read_article(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(STORY, encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_article(path)


def test_nul_in_path() -> None:
    with pytest.raises(InputError, match="not a valid file name"):
        read_article("bad\x00name.txt")


def test_parse_article_bad_content() -> None:
    with pytest.raises(InputError, match=r"^<string>: the input is empty$"):
        parse_article("")
    with pytest.raises(InputError, match=r"^<string>: the input is empty$"):
        parse_article(b"")
    with pytest.raises(InputError, match=r"^memo: the input holds only whitespace$"):
        parse_article(" \n\u00a0\u200b\n", origin="memo")
    with pytest.raises(InputError, match="looks like binary data"):
        parse_article("text\x00more text")
    with pytest.raises(TypeError):
        parse_article(12)  # type: ignore[arg-type]


def test_error_messages_are_one_line(tmp_path: Path) -> None:
    cases = [tmp_path / "missing", tmp_path, tmp_path / "e.txt"]
    (tmp_path / "e.txt").write_bytes(b"")
    for case in cases:
        with pytest.raises(InputError) as caught:
            read_article(case)
        assert "\n" not in str(caught.value)
        assert str(case) in str(caught.value)


# --- standard input ----------------------------------------------------------------


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_reads_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    # CP1252 bytes: they must be decoded by briefing, not by the text wrapper.
    fake_stdin(monkeypatch, STORY.replace("“", "").replace("”", "").encode("cp1252"))
    article = read_article("-")
    assert article.origin == "<stdin>"
    assert article.text.startswith("Farmers in the valley")


def test_stdin_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, b"")
    with pytest.raises(InputError, match=r"^<stdin>: the input is empty$"):
        read_article("-")
    fake_stdin(monkeypatch, b"a" * 101)
    with pytest.raises(InputError, match=r"^<stdin>: over the 100 bytes limit"):
        read_article("-", options=ReadOptions(max_bytes=100))
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match="no standard input"):
        read_article("-")


def test_dash_path_object_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("-").write_text(STORY, encoding="utf-8")
    assert read_article(Path("-")).origin == "-"


# --- encodings and normalisation ---------------------------------------------------


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_bytes(STORY.encode("utf-8"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    assert read_article(plain).text == read_article(bom).text == STORY.strip()
    assert not read_article(bom).text.startswith("\ufeff")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    data = STORY.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(encoding) + data
    path.write_bytes(data)
    assert read_article(path).text == STORY.strip()


def test_cp1252_and_latin1_fall_back(tmp_path: Path) -> None:
    text = (
        "Le café de la gare a rouvert lundi, après deux ans de travaux, a déclaré le maire.\n"
        "« C’est une renaissance », a-t-il dit – avec un sourire naïf.\n"
    )
    path = tmp_path / "cafe.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_article(path).text == text.strip()
    latin = "Señora Muñoz, 54, said the façade would be repaired by Friday afternoon."
    assert parse_article(latin.encode("latin-1")).text == latin


def test_damaged_utf8_keeps_the_good_characters() -> None:
    text = "Zoë and Søren met in Málaga, where the café’s owner said “hello” to them. " * 20
    data = text.encode("utf-8")
    data = data[:40] + b"\xff" + data[41:]
    article = parse_article(data)
    assert "\ufffd" in article.text
    assert article.text.count("Málaga") == 20
    assert "Ã" not in article.text


def test_line_endings_and_spaces_are_normalised_quotes_kept() -> None:
    raw = (
        'The minister said\u00a0on Monday that “the plan” and "the budget" were ready.\r\n'
        "\r\nShe said it’s the ‘final’ version, which officials confirmed on Tuesday.\r"
        "The committee will vote on the plan\u202fnext week, the spokesman said.\u2028"
    )
    article = parse_article(raw.encode("utf-8"))
    assert "\r" not in article.text
    assert "\u00a0" not in article.text and "\u202f" not in article.text
    assert "said on Monday" in article.text
    for quote in ("“the plan”", '"the budget"', "it’s", "‘final’"):
        assert quote in article.text
    assert article.text.split("\n")[1:3] == [
        "",
        "She said it’s the ‘final’ version, which officials confirmed on Tuesday.",
    ]


# --- HTML --------------------------------------------------------------------------


def test_html_detection() -> None:
    assert looks_like_html("<!DOCTYPE html><p>x</p>")
    assert looks_like_html("\n  <html lang='en'><body>hi</body></html>")
    assert looks_like_html("<div><p>One</p><p>Two</p><p>Three</p><span>x</span></div>")
    assert not looks_like_html(STORY)
    assert not looks_like_html("The rule is that a < b and b > c in every case here.")
    assert not looks_like_html("He typed <b> by mistake. " * 40)


def test_html_page_furniture_gone_body_intact() -> None:
    article = read_article(articles("page_bridge.html"))
    assert article.title == "Old rail bridge to reopen for cyclists and walkers"
    assert article.byline == "Priya Natarajan"
    assert article.published == "2026-05-18"
    assert article.dateline == "HARTWELL, May 18"
    paragraphs = article.text.split("\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("HARTWELL, May 18 — A Victorian railway bridge")
    assert paragraphs[2].startswith("“People have been asking us")
    assert paragraphs[-1] == "Work on the deck begins in June."
    for furniture in (
        "Login",
        "Register",
        "cookies",
        "Advertisement",
        "Share on",
        "Related stories",
        "Canal towpath",
        "All rights reserved",
        "Privacy",
        "By Priya",
    ):
        assert furniture not in article.text


def test_htm_suffix_and_title() -> None:
    article = read_article(articles("page_vaccines.htm"))
    assert article.title == "Clinics extend hours for winter vaccines"
    assert article.published is None  # "Copyright 2026" is not a publication date
    assert article.text.startswith("Health clinics across the region")
    assert article.text.endswith("walk-ins are accepted after 6 p.m.")
    assert "Subscribe" not in article.text and "Sign in" not in article.text


def test_html_without_article() -> None:
    with pytest.raises(
        InputError, match=r"page_menu_only\.html: no article text found in the HTML"
    ):
        read_article(articles("page_menu_only.html"))
    with pytest.raises(InputError, match="no article text found in the HTML"):
        parse_article("<html><body></body></html>")


def test_short_html_brief_is_an_article() -> None:
    article = parse_article("<html><body><p>The minister has resigned.</p></body></html>")
    assert article.text == "The minister has resigned."


def test_html_forced_and_refused(tmp_path: Path) -> None:
    fragment = "<p>" + STORY.replace("\n\n", "</p><p>") + "</p>"
    assert parse_article(fragment, html=True).text.startswith("Farmers in the valley")
    kept = parse_article(fragment, html=False)
    assert kept.text.startswith("<p>Farmers")
    path = tmp_path / "story.html"
    path.write_text(STORY, encoding="utf-8")
    assert read_article(path, options=ReadOptions(html=False)).text == STORY.strip()


def test_html_bytes_in_cp1252() -> None:
    html = (
        "<html><body><article><p>Le café a rouvert lundi après deux ans de travaux, "
        "a déclaré le maire de la commune.</p></article></body></html>"
    )
    assert "café a rouvert" in parse_article(html.encode("cp1252")).text


def test_importing_briefing_and_reading_text_does_not_import_trafilatura() -> None:
    code = (
        "import sys, briefing; briefing.parse_article('A story of eight words or more, said he.');"
        "print('trafilatura' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env()
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


# --- scraped plain text ------------------------------------------------------------


@pytest.mark.parametrize("name", ["scraped_sorghum", "scraped_harbour", "scraped_council"])
def test_scraped_pages_keep_exactly_the_body(name: str) -> None:
    article = read_article(articles(f"{name}.txt"))
    expected = articles(f"{name}.expected.txt").read_text(encoding="utf-8").strip()
    assert article.text == expected
    page = articles(f"{name}.txt").read_text(encoding="utf-8").split("\n")
    body = set(expected.split("\n"))
    furniture = [line for line in page if line.strip() and line not in body]
    assert len(furniture) >= 15
    for line in furniture:
        assert line not in article.text.split("\n")


def test_scraped_page_metadata() -> None:
    sorghum = read_article(articles("scraped_sorghum.txt"))
    assert sorghum.title == "Kenyan farmers turn to drought-resistant sorghum as rains fail"
    assert sorghum.byline == "Jane Doe, Staff Reporter"
    assert sorghum.dateline == "NAIROBI, Kenya (Reuters)"
    assert sorghum.published == "4 September 2026"
    harbour = read_article(articles("scraped_harbour.txt"))
    assert (
        harbour.title == "Lisbon harbour strike ends after pay deal, leaving a backlog of 200 ships"
    )
    assert harbour.byline == "Ana Ribeiro and Tom Hale"
    assert harbour.dateline == "LISBON, Sept. 4"
    assert harbour.text.startswith("LISBON, Sept. 4 — Dock workers")  # kept in the text too
    council = read_article(articles("scraped_council.txt"))
    # The headline sits under a "Trending News" list, right above the byline.
    assert council.title == "Council votes to close Eastbrook library despite protests"
    assert council.byline == "MARCUS OKAFOR"
    assert council.published == "March 12, 2026"


def test_clean_story_with_headline_loses_only_the_headline() -> None:
    path = articles("clean_titled.txt")
    original = path.read_text(encoding="utf-8")
    article = read_article(path)
    headline, _, body = original.partition("\n")
    assert article.title == headline
    assert article.text == body.strip()
    assert article.dateline == "ZERMATT, Switzerland (AP)"
    assert article.byline is None and article.published is None


def test_clean_story_comes_through_unchanged() -> None:
    path = articles("clean_untitled.txt")
    article = read_article(path)
    assert article.text == path.read_text(encoding="utf-8").strip()
    assert article.title is None
    assert article.text.endswith("Only the sign will stay.")


def test_strip_furniture_off_keeps_everything() -> None:
    path = articles("scraped_sorghum.txt")
    article = read_article(path, options=ReadOptions(strip_furniture=False))
    assert article.text == path.read_text(encoding="utf-8").strip()
    assert article.title is None


def test_page_of_furniture_only() -> None:
    with pytest.raises(InputError, match="no article text found"):
        parse_article("Menu\nSearch\nLogin | Register\nAdvertisement\n© 2026 Herald")


def test_short_text_without_prose_is_kept() -> None:
    assert parse_article("Storm warning for the north coast").text == (
        "Storm warning for the north coast"
    )
    assert parse_article("Kenya").text == "Kenya"


def test_article_to_dict_has_published() -> None:
    article = parse_article("Title here\n\n" + STORY)
    data = article.to_dict()
    assert data["title"] == "Title here"
    assert set(data) == {"text", "title", "byline", "dateline", "origin", "published"}
    assert Article(**data) == article


# --- hostile input -----------------------------------------------------------------

_LINES = st.sampled_from(
    [
        "Menu",
        "Advertisement",
        "By Jane Doe",
        "Related stories",
        "Published 4 September 2026",
        "LONDON (Reuters) - The minister said on Monday that the plan was ready to go.",
        "A short line",
        "",
        "<p>",
        "\u00a0",
        "Comments (3)",
        "\r",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), st.lists(_LINES, max_size=30).map("\n".join)))
def test_hostile_text_gives_an_article_or_input_error(text: str) -> None:
    try:
        article = parse_article(text)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert article.text.strip()
        assert article.text == article.text.strip()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_hostile_bytes_give_an_article_or_input_error(data: bytes) -> None:
    try:
        article = parse_article(data)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert article.text.strip()


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_hostile_html_gives_an_article_or_input_error(text: str) -> None:
    try:
        parse_article("<html><body><p>" + text + "</p></body></html>")
    except InputError as error:
        assert "\n" not in str(error)


# --- real news text ----------------------------------------------------------------


def test_clean_corpora_lose_nothing() -> None:
    """SummEval/CNN-DM sources and XSum documents come through (almost) untouched."""
    summeval = shared_data("summeval-cnndm/summeval.jsonl")
    with summeval.open(encoding="utf-8") as lines:
        sources = [json.loads(line)["src"] for line in lines]
    assert len(sources) == 100
    for source in sources:
        assert parse_article(source).text == source.strip()
    dropped: list[str] = []
    with shared_data("xsum-hf-sample/sample.json").open(encoding="utf-8") as lines:
        documents = [json.loads(line)["document"] for line in lines]
    for document in documents:
        story = isolate_story(normalise_text(document))
        assert parse_article(document).text == story.text
        dropped.extend(story.dropped)
    # BBC "Media playback is not supported" notices (3) and a rugby team sheet's
    # last line, "Referee: David Wilkinson (Ireland)".
    assert len(dropped) == 4
    assert sum("Media playback" in line for line in dropped) == 3


def test_polnear_texts_keep_their_body() -> None:
    folder = shared_data("polnear/dev/text")
    dropped: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        original = normalise_text(path.read_text(encoding="utf-8"))
        article = read_article(path)
        story = isolate_story(original)
        dropped.extend(story.dropped)
        assert article.title is None  # their headlines end with a full stop
        kept = [line for line in original.split("\n") if line.strip()]
        assert [line for line in kept if line.strip() not in story.dropped] == [
            line for line in article.text.split("\n") if line.strip()
        ]
    # "Read the rest here.", '"Follow Pam Key on Twitter @pamkeyNEN."' and a
    # "[Video: ...]" embed caption: links and credits, not story text.
    assert len(dropped) == 3
    assert "Read the rest here." in dropped
