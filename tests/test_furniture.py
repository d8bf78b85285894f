"""Line classes and body isolation for scraped text (briefing._furniture)."""

from __future__ import annotations

import pytest

from briefing._furniture import classify_line, find_dateline, isolate_story

PARAGRAPH = (
    "The council voted on Tuesday to close the library at the end of June, "
    "overruling a petition signed by more than 3,000 residents."
)
PARAGRAPH_2 = (
    "Residents said they would appeal the decision at the next county meeting, "
    "which is due to take place on April 2."
)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Login Register", "boundary"),
        ("Login | Register", "boundary"),
        ("Sign in", "boundary"),
        ("Menu", "boundary"),
        ("Search", "boundary"),
        ("Home > World > Africa", "boundary"),
        ("News › Local › Politics", "boundary"),
        ("Home | News | Sport | Opinion", "boundary"),
        ("Advertisement", "inline"),
        ("ADVERTISEMENT", "inline"),
        ("Story continues below advertisement", "inline"),
        ("Share this article", "inline"),
        ("Share on Facebook", "inline"),
        ("Facebook Twitter WhatsApp Email", "inline"),
        ("Show comments", "boundary"),
        ("Comments (12)", "boundary"),
        ("48 comments", "boundary"),
        ("Trending News", "list"),
        ("Most read", "list"),
        ("Related stories", "list"),
        ("Related articles", "list"),
        ("More from Business", "list"),
        ("You may also like", "list"),
        ("© 2026 The Coastal Herald. All rights reserved.", "boundary"),
        ("Copyright 2026 Atlantic Ledger Media", "boundary"),
        ("Copyright The Valley Courier", "boundary"),
        ("We use cookies to improve your experience on our site.", "boundary"),
        ("Accept all cookies", "boundary"),
        ("Sign up for our newsletter", "boundary"),
        ("Subscribe", "boundary"),
        ("Subscribe now for $1 a week", "boundary"),
        ("Read more", "inline"),
        ("Read more: Why ports are running out of crane operators", "inline"),
        ("Read the rest here.", "inline"),
        ("Click here to read the full council minutes", "inline"),
        ("Follow us on Twitter", "boundary"),
        ('"Follow Pam Key on Twitter @pamkeyNEN."', "boundary"),
        ("Tags: Portugal, Shipping, Labour", "boundary"),
        ("Image caption: Sorghum fields near Machakos", "inline"),
        ("Image caption Sorghum fields near Machakos", "inline"),
        ("Photo: Jane Doe/Reuters", "inline"),
        ("(Photo by Rui Costa/Getty Images)", "inline"),
        ("Media playback is not supported on this device", "inline"),
        ("By Jane Doe", "byline"),
        ("By Jane Doe, Staff Reporter", "byline"),
        ("By JANE DOE and JOHN ROE", "byline"),
        ("Published 4 September 2026", "date"),
        ("Updated 10:32 GMT", "date"),
        ("March 12, 2026", "date"),
        ("2 November 2014 Last updated at 17:20 GMT", "date"),
        ("2026-09-04", "date"),
        (PARAGRAPH, "prose"),
        ("She added:", "sentence"),
        ("Only the mayor stayed home.", "sentence"),
        ("Council votes to close Eastbrook library", "short"),
        ("The backlog at a glance", "short"),
    ],
)
def test_classify_line(line: str, kind: str) -> None:
    assert classify_line(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, officials said the fire had been contained.",
        "Copyright law was changed in 2019, the court said, and publishers objected.",
        "Search teams found the missing climbers on Sunday, police said.",
        "Home prices rose by 4 percent in the year to March, the agency said.",
        "Share prices fell sharply after the announcement, traders said on Monday.",
        "Read more than 500 pages of the report and you find the same thing, he said.",
        "Most read the statement as a retreat, though the minister denied it.",
        "Subscribers to the service will pay 10 percent more from June, the company said.",
    ],
)
def test_story_sentences_are_not_furniture(line: str) -> None:
    assert classify_line(line) == "prose"


@pytest.mark.parametrize("line", ["By then the crowd had gone home", "By Friday's deadline"])
def test_by_and_a_time_is_not_a_byline(line: str) -> None:
    assert classify_line(line) == "short"


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("LISBON, Sept. 4 — Dock workers returned.", "LISBON, Sept. 4"),
        ("NAIROBI, Kenya (Reuters) - Farmers said.", "NAIROBI, Kenya (Reuters)"),
        ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON (AP)"),
        ("NEWPORT NEWS, Va. - In a tradition he has kept", "NEWPORT NEWS, Va."),
        ("(CNN) -- One of the biggest TV events", "(CNN)"),
        ("LONDON — Ministers met.", "LONDON"),
        ("The council said - and meant it.", None),
        ("NATO - the alliance - met.", "NATO"),
        ("A - B testing is common.", None),
        ("", None),
    ],
)
def test_find_dateline(paragraph: str, dateline: str | None) -> None:
    assert find_dateline(paragraph) == dateline


def test_clean_text_is_unchanged() -> None:
    text = f"{PARAGRAPH}\n\n{PARAGRAPH_2}\n\nOnly the mayor stayed home."
    story = isolate_story(text)
    assert story.text == text
    assert story.dropped == ()
    assert story.title is None


def test_headline_first_line_becomes_title() -> None:
    story = isolate_story(f"Library to close in June\n\n{PARAGRAPH}\n\n{PARAGRAPH_2}")
    assert story.title == "Library to close in June"
    assert story.text == f"{PARAGRAPH}\n\n{PARAGRAPH_2}"


def test_headline_with_full_stop_stays_in_text() -> None:
    text = f"Library to close in June.\n\n{PARAGRAPH}"
    assert isolate_story(text).text == text


def test_short_lines_inside_the_story_stay() -> None:
    stats = "Key figures\n200\nships waiting\n9 days\nof stoppage\n€40m\ncost per day"
    text = f"{PARAGRAPH}\n{stats}\n{PARAGRAPH_2}"
    assert isolate_story(text).text == text


def test_related_list_is_dropped_with_its_items() -> None:
    text = (
        f"{PARAGRAPH}\nRelated stories\nMaize prices climb\nDairy farms hit by drought\n"
        f"{PARAGRAPH_2}"
    )
    story = isolate_story(text)
    assert story.text == f"{PARAGRAPH}\n{PARAGRAPH_2}"
    assert story.dropped == ("Related stories", "Maize prices climb", "Dairy farms hit by drought")


def test_teaser_after_a_footer_is_not_body() -> None:
    teaser = "Scientists say the comet will be visible from Europe next week, weather permitting."
    text = f"{PARAGRAPH}\n{PARAGRAPH_2}\nComments (3)\nMost read\nComet returns\n{teaser}"
    story = isolate_story(text)
    assert story.text == f"{PARAGRAPH}\n{PARAGRAPH_2}"
    assert teaser in story.dropped


def test_longest_run_wins() -> None:
    promo = "Get unlimited access to every story for just one dollar a week, cancel anytime."
    text = f"{promo}\nMenu\nSign in\nSearch\nLibrary to close in June\n{PARAGRAPH}\n{PARAGRAPH_2}"
    story = isolate_story(text)
    assert story.text == f"{PARAGRAPH}\n{PARAGRAPH_2}"
    assert story.title == "Library to close in June"


def test_removing_a_line_leaves_one_blank_line() -> None:
    story = isolate_story(f"{PARAGRAPH}\n\nAdvertisement\n\n{PARAGRAPH_2}")
    assert story.text == f"{PARAGRAPH}\n\n{PARAGRAPH_2}"


def test_metadata_lines_inside_the_body_are_text() -> None:
    text = f"{PARAGRAPH}\n6:05 p.m.\n{PARAGRAPH_2}"
    story = isolate_story(text)
    assert story.text == text
    assert story.published is None


def test_nothing_but_furniture() -> None:
    story = isolate_story("Menu\nSearch\nAdvertisement\nComments (3)")
    assert story.text == ""
    assert not story.has_prose


def test_no_prose_keeps_non_furniture_lines() -> None:
    story = isolate_story("Storm warning\nMenu\nRoads closed on the coast")
    assert story.text == "Storm warning\nRoads closed on the coast"
    assert not story.has_prose


def test_title_above_share_buttons_without_byline() -> None:
    text = f"Menu\nLibrary to close in June\nShare this article\nAdvertisement\n{PARAGRAPH}"
    story = isolate_story(text)
    assert story.title == "Library to close in June"
    assert story.text == PARAGRAPH
    assert story.dropped == ("Menu", "Share this article", "Advertisement")


def test_byline_with_date() -> None:
    story = isolate_story(f"Library to close\nBy Jane Doe | March 12, 2026\n{PARAGRAPH}")
    assert story.byline == "Jane Doe"
    assert story.published == "March 12, 2026"
    assert story.title == "Library to close"
