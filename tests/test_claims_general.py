"""General attribution shapes found missing on unseen stories (not tied to one story)."""

from __future__ import annotations

from briefing import extract_claims


def _triples(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(c.source, c.cue, c.content) for c in extract_claims(text)]


def test_generic_body_noun_resolves_to_a_commission() -> None:
    text = (
        "The Charity Commission has opened an inquiry into the network. "
        "The regulator said on Thursday it was examining contracts worth £2.3m."
    )
    claims = extract_claims(text)
    assert [c.source for c in claims] == ["Charity Commission"]
    assert claims[0].source_text == "The regulator"


def test_company_noun_still_skips_an_association() -> None:
    text = (
        "The British Retail Association criticised the plan. "
        "The company said it would cut 200 jobs."
    )
    assert extract_claims(text)[0].source != "British Retail Association"


def test_younger_namesake_resolves_to_full_name() -> None:
    text = (
        "Tom Hadley has farmed the land for 40 years. His son, Ben Hadley, runs the dairy. "
        '"We are selling the herd to save the farm," the younger Hadley said.'
    )
    assert ("Ben Hadley", "said", "We are selling the herd to save the farm") in _triples(text)


def test_freight_company_is_an_institution() -> None:
    text = (
        "Great Lakes Freight, which owns the yard, said it had hired extra security. "
        "The company said the thefts had delayed more than 40 trains."
    )
    assert _triples(text)[1] == (
        "Great Lakes Freight",
        "said",
        "the thefts had delayed more than 40 trains",
    )


def test_preposed_role_appositive_is_not_content() -> None:
    text = "Mr Crowe's solicitor, Helen Ashby, said her client would appeal the ruling."
    assert _triples(text) == [("Helen Ashby", "said", "her client would appeal the ruling")]


def test_possessive_tail_without_verb_still_trails() -> None:
    text = '"We will rebuild," Ashby said, her voice breaking.'
    assert _triples(text) == [("Ashby", "said", "We will rebuild")]


def test_restrictive_relative_clause_is_not_the_speaker() -> None:
    that = "The three opposition parties that backed Villalba said the count was flawed."
    assert _triples(that) == [("three opposition parties", "said", "the count was flawed")]
    who = "Residents who live near the plant said the smell had worsened."
    assert _triples(who) == [("Residents", "said", "the smell had worsened")]


def test_said_that_is_not_a_relative_clause() -> None:
    text = "The minister said that officials in the capital had ignored the warnings."
    claims = extract_claims(text)
    assert claims[0].source == "minister"
    assert claims[0].content == "officials in the capital had ignored the warnings"


def test_empty_and_hostile_input() -> None:
    assert extract_claims("") == []
    assert extract_claims("that who that who said said") == []


_LEAD = "The council said the vote was final. "


def test_colon_introduced_quote_after_an_appositive() -> None:
    text = _LEAD + (
        'Councilor David Marsh, who voted against it, put it bluntly: "You are changing '
        'the city with one vote."'
    )
    claim = extract_claims(text)[1]
    assert (claim.source, claim.cue, claim.kind) == ("David Marsh", "put it bluntly", "direct")
    assert claim.content == "You are changing the city with one vote"


def test_colon_after_a_thing_is_not_a_claim() -> None:
    for tail in ('The sign read: "Closed until further notice."', 'Three words: "Never again."'):
        assert len(extract_claims(_LEAD + tail)) == 1


def test_modal_verb_is_not_a_postposed_attribution() -> None:
    text = (
        "According to a study commissioned by the city, the new rules could add as many "
        "as 3,400 homes over the next decade."
    )
    assert [c.cue for c in extract_claims(text)] == ["According to"]


def test_data_that_show_after_the_content() -> None:
    text = "Crime fell by 4% last year, official figures show."
    assert _triples(text) == [("official figures", "show", "Crime fell by 4% last year")]


def test_sentence_ending_in_a_noun_is_not_a_frame() -> None:
    text = "Lawmakers asked for an un-redacted copy of the agency's investigative report."
    assert extract_claims(text) == []


def test_quoted_object_of_a_that_only_verb_is_not_a_claim() -> None:
    text = 'Judge Amanda Firth said the company had shown "a cavalier disregard" for the river.'
    assert [c.cue for c in extract_claims(text)] == ["said"]


def test_calls_something_a_quoted_label() -> None:
    text = _LEAD + 'Peter Kiprono, who runs the region, calls the cooperative "a good neighbour."'
    claim = extract_claims(text)[1]
    assert (claim.source, claim.cue, claim.kind) == ("Peter Kiprono", "calls", "mixed")
    assert claim.content.startswith('the cooperative "a good neighbour')


def test_calling_someone_is_not_always_a_claim() -> None:
    for tail in (
        'She called the police and said "help me" twice.',
        'The village is called "Little Lisbon."',
        'Voters feared what she calls a "war of words."',
    ):
        cues = [c.cue for c in extract_claims(_LEAD + tail)]
        assert "called" not in cues and "calls" not in cues, tail


def test_sentence_adverb_after_the_cue_is_not_content() -> None:
    for text in (
        "She said, however, that the plan would go ahead.",
        "She said, however, the plan would go ahead.",
    ):
        assert _triples(text)[0][2] == "the plan would go ahead", text


def test_named_recipient_before_a_bare_clause() -> None:
    text = "The mayor later told the BBC the plan was dead."
    assert _triples(text) == [("mayor", "told", "the plan was dead")]


def test_participle_after_a_role_or_pronoun_subject() -> None:
    lead = "Ana Lima, the minister, spoke on Monday. "
    for opener in ("The minister", "She"):
        claims = extract_claims(
            lead + f"{opener} criticised the plan, saying it would hurt farmers."
        )
        assert [(c.source, c.cue, c.content) for c in claims] == [
            ("Ana Lima", "saying", "it would hurt farmers")
        ]


def test_participle_after_a_thing_is_not_a_claim() -> None:
    text = "The new rules took effect on Monday, saying nothing about rents."
    assert extract_claims(text) == []


def test_colon_quote_after_a_role_subject() -> None:
    claims = extract_claims(_LEAD + 'The mayor was blunt: "We cannot afford this."')
    assert [(c.source, c.content) for c in claims[1:]] == [("mayor", "We cannot afford this")]
    assert len(extract_claims(_LEAD + 'The plan was simple: "Build more."')) == 1


def test_quoted_as_saying() -> None:
    claims = extract_claims(_LEAD + "Lima was quoted as saying the plan had failed.")[1:]
    assert [(c.source, c.content) for c in claims] == [("Lima", "the plan had failed")]
    assert extract_claims(_LEAD + "Lima was quoted in full.")[1:] == []


def test_attribution_inside_a_short_clause() -> None:
    claims = extract_claims("The plan, Lima said, had failed.")
    assert [(c.source, c.content) for c in claims] == [("Lima", "The plan had failed")]


def test_sentence_initial_common_noun_phrase_is_a_group() -> None:
    claims = extract_claims("Lawyers for the families said the ruling was a victory.")
    assert [c.source for c in claims] == ["Lawyers for the families"]


def test_a_surname_with_a_particle_resolves_at_a_sentence_start() -> None:
    quoted = (
        '"Nobody voted for this lightly," said Sanne de Wit, the union leader.\n'
        "De Wit said the talks had failed."
    )
    assert [c.source for c in extract_claims(quoted)] == ["Sanne de Wit", "Sanne de Wit"]
    introduced = "The union is led by Sanne de Wit.\nDe Wit said the talks had failed."
    assert [(c.source, c.source_text) for c in extract_claims(introduced)] == [
        ("Sanne de Wit", "De Wit")
    ]


def test_passive_told_by_names_the_agent() -> None:
    text = "The mayor had been told by engineers that the bridge was unsafe."
    assert _triples(text) == [("engineers", "told by", "the bridge was unsafe")]


def test_passive_by_with_a_name_in_an_aside() -> None:
    text = "Investors were assured by the chief executive, Ana Lima, that the deal would close."
    assert _triples(text) == [("Ana Lima", "assured by", "the deal would close")]


def test_passive_order_is_not_a_claim() -> None:
    assert extract_claims("She was told by police to leave the building.") == []


def test_it_said_follows_the_institution_that_spoke_last() -> None:
    text = (
        "Norvik Foods issued a statement on Monday. It said the recall was a precaution. "
        "The Food Standards Agency said it was investigating the plant. "
        "It said samples had been sent to a laboratory."
    )
    assert [c.source for c in extract_claims(text)] == [
        "Norvik Foods",
        "Food Standards Agency",
        "Food Standards Agency",
    ]
