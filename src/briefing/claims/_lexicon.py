"""Small word lists the claim rules are built from.

Everything the rule engine knows about English attribution is here, so a reader can
see (and extend) it in one place: reporting verbs with their inflections and British
and American spellings, hedges that mark unattributed claims, titles, pronouns, and
a compact table of first names used to guess a speaker's gender for pronouns.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "ADVERBS",
    "BOUNDARY_WORDS",
    "CLAUSE_MARKERS",
    "CUE_FORMS",
    "DETERMINERS",
    "DOCUMENT_NOUNS",
    "FEMALE_NAMES",
    "FEMALE_TITLES",
    "FEMALE_WORDS",
    "HEDGE_ADVERBS",
    "INSTITUTION_NOUNS",
    "MALE_NAMES",
    "MALE_TITLES",
    "MALE_WORDS",
    "ORG_WORDS",
    "PASSIVE_HEDGE_VERBS",
    "PRONOUNS",
    "RECIPIENT_VERBS",
    "SAY_LIKE",
    "SURNAME_PARTICLES",
    "THAT_ONLY",
    "TITLES",
    "alternation",
    "words",
]


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (keeps the word lists compact)."""
    return frozenset(text.split())


_Trie = dict[str, "_Trie"]  # each character leads on; "" marks where an option ends


def alternation(options: list[str]) -> str:
    """A regular expression matching exactly the strings in ``options``, factored by
    shared prefixes: "a(?:gency|irline)" rather than "agency|airline".

    Python's regex engine tries the branches of an alternation one after the other
    at each position it searches from, so a long word list is slow to search for;
    factored, each position costs a character or two. Put it where no option can be
    followed by a letter (a ``\\b`` after it): then at most one option matches at a
    position, and the order of the branches cannot change a match.
    """
    trie: _Trie = {}
    for option in options:
        node = trie
        for char in option:
            node = node.setdefault(char, {})
        node[""] = {}
    return _factored(trie)


def _factored(node: _Trie) -> str:
    branches = [re.escape(char) + _factored(rest) for char, rest in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"  # an option ends here, another goes on
    return body


def _inflect(base: str, third: str, past: str, ing: str, *more: str) -> tuple[str, ...]:
    return (base, third, past, ing, *more)


# Reporting verbs: base form -> every form that may appear. "Say-like" verbs may take
# a bare clause ("said the plan failed"); the rest need "that" or a clear clause.
_VERBS: Final[dict[str, tuple[str, ...]]] = {
    "say": _inflect("say", "says", "said", "saying"),
    "tell": _inflect("tell", "tells", "told", "telling"),
    "add": _inflect("add", "adds", "added", "adding"),
    "warn": _inflect("warn", "warns", "warned", "warning"),
    "caution": _inflect("caution", "cautions", "cautioned", "cautioning"),
    "argue": _inflect("argue", "argues", "argued", "arguing"),
    "insist": _inflect("insist", "insists", "insisted", "insisting"),
    "reiterate": _inflect("reiterate", "reiterates", "reiterated", "reiterating"),
    "emphasise": _inflect(
        "emphasise",
        "emphasises",
        "emphasised",
        "emphasising",
        "emphasize",
        "emphasizes",
        "emphasized",
        "emphasizing",
    ),
    "stress": _inflect("stress", "stresses", "stressed", "stressing"),
    "write": _inflect("write", "writes", "wrote", "writing", "written"),
    "confirm": _inflect("confirm", "confirms", "confirmed", "confirming"),
    "deny": _inflect("deny", "denies", "denied", "denying"),
    "believe": _inflect("believe", "believes", "believed", "believing"),
    "claim": _inflect("claim", "claims", "claimed", "claiming"),
    "note": _inflect("note", "notes", "noted", "noting"),
    "explain": _inflect("explain", "explains", "explained", "explaining"),
    "acknowledge": _inflect("acknowledge", "acknowledges", "acknowledged", "acknowledging"),
    "admit": _inflect("admit", "admits", "admitted", "admitting"),
    "concede": _inflect("concede", "concedes", "conceded", "conceding"),
    "announce": _inflect("announce", "announces", "announced", "announcing"),
    "allege": _inflect("allege", "alleges", "alleged", "alleging"),
    "assert": _inflect("assert", "asserts", "asserted", "asserting"),
    "contend": _inflect("contend", "contends", "contended", "contending"),
    "declare": _inflect("declare", "declares", "declared", "declaring"),
    "estimate": _inflect("estimate", "estimates", "estimated", "estimating"),
    "predict": _inflect("predict", "predicts", "predicted", "predicting"),
    "report": _inflect("report", "reports", "reported", "reporting"),
    "reveal": _inflect("reveal", "reveals", "revealed", "revealing"),
    "suggest": _inflect("suggest", "suggests", "suggested", "suggesting"),
    "testify": _inflect("testify", "testifies", "testified", "testifying"),
    "state": _inflect("state", "states", "stated", "stating"),
    "maintain": _inflect("maintain", "maintains", "maintained", "maintaining"),
    "complain": _inflect("complain", "complains", "complained", "complaining"),
    "conclude": _inflect("conclude", "concludes", "concluded", "concluding"),
    "recall": _inflect("recall", "recalls", "recalled", "recalling"),
    "reply": _inflect("reply", "replies", "replied", "replying"),
    "respond": _inflect("respond", "responds", "responded", "responding"),
    "counter": _inflect("counter", "counters", "countered", "countering"),
    "vow": _inflect("vow", "vows", "vowed", "vowing"),
    "promise": _inflect("promise", "promises", "promised", "promising"),
    "pledge": _inflect("pledge", "pledges", "pledged", "pledging"),
    "observe": _inflect("observe", "observes", "observed", "observing"),
    "remark": _inflect("remark", "remarks", "remarked", "remarking"),
    "continue": _inflect("continue", "continues", "continued", "continuing"),
    "assure": _inflect("assure", "assures", "assured", "assuring"),
    "inform": _inflect("inform", "informs", "informed", "informing"),
    "tweet": _inflect("tweet", "tweets", "tweeted", "tweeting"),
    "disclose": _inflect("disclose", "discloses", "disclosed", "disclosing"),
    "indicate": _inflect("indicate", "indicates", "indicated", "indicating"),
    "signal": _inflect("signal", "signals", "signalled", "signalling", "signaled", "signaling"),
    "hint": _inflect("hint", "hints", "hinted", "hinting"),
    "mention": _inflect("mention", "mentions", "mentioned", "mentioning"),
    "think": _inflect("think", "thinks", "thought", "thinking"),
    "find": _inflect("find", "finds", "found", "finding"),
    "show": _inflect("show", "shows", "showed", "showing", "shown"),
    "accuse": _inflect("accuse", "accuses", "accused", "accusing"),
    "agree": _inflect("agree", "agrees", "agreed", "agreeing"),
    "point out": ("point out", "points out", "pointed out", "pointing out"),
    "forecast": ("forecast", "forecasts", "forecasted", "forecasting"),
}

#: Every inflected cue form -> its verb (base form).
CUE_FORMS: Final[dict[str, str]] = {form: base for base, forms in _VERBS.items() for form in forms}

#: Verbs that report speech with a bare clause as readily as with "that".
SAY_LIKE: Final = words(
    """say tell add warn argue insist claim write believe estimate predict report
    confirm note stress emphasise reiterate explain caution acknowledge admit announce
    state concede contend maintain assert allege think testify tweet recall counter
    declare reply"""
)

#: Verbs whose object is the person spoken to: "told reporters that ...".
RECIPIENT_VERBS: Final = words("tell warn assure inform remind caution")

#: Verbs that never introduce a claim without "that" (the object is usually a thing).
THAT_ONLY: Final = words(
    """find show agree accuse reveal disclose indicate signal hint mention vow promise
    pledge suggest deny complain observe remark respond continue"""
)

#: Adverbs that may sit between a hedge-free subject and its cue: "has also said".
ADVERBS: Final = words(
    """also later earlier previously repeatedly again then further publicly privately
    separately once still already recently initially originally subsequently first
    has have had would will could did does do is was were being been has not had
    never often frequently flatly angrily bluntly simply firmly quickly immediately
    openly reportedly"""
)

#: Hedges marking a claim with no source: "The firm is reportedly preparing a bid."
HEDGE_ADVERBS: Final = words("reportedly reputedly allegedly purportedly supposedly")
#: Passive reporting verbs: "is said to", "it is understood that".
PASSIVE_HEDGE_VERBS: Final = words(
    "said understood believed thought reported rumoured rumored alleged expected"
)

PRONOUNS: Final[dict[str, str]] = {
    "he": "m",
    "she": "f",
    "they": "p",
    "it": "n",
    "we": "p",
    "i": "s",
}

DETERMINERS: Final = words(
    """the a an its his her their our this that these those one two three four five
    several some many other another both all most each every no any its"""
)

#: Words that end a subject phrase when walking left from a cue.
BOUNDARY_WORDS: Final = words(
    """that which who whom whose and but or nor while when as because if after before
    since although though where whereas so than then yet unless until whether what
    is was were are has had have be been being do does did not also to for with
    said says told"""
)

#: Words that show a phrase is a clause (has a finite verb) rather than a noun phrase.
CLAUSE_MARKERS: Final = words(
    """is was were are am be been has had have will would could should can may might
    must shall did does do isn't wasn't weren't aren't hasn't hadn't haven't won't
    wouldn't couldn't shouldn't can't didn't doesn't don't it's that's there's"""
)

#: Words that begin a surname ("Sanne de Wit", "Ali bin Salem"); capitalised at the
#: start of a sentence ("De Wit said") they still belong to the surname.
SURNAME_PARTICLES: Final = words(
    """de da di del della der den du van von ter ten la le al el bin ibn ben dos das"""
)

#: Titles and roles kept in ``source_text`` but not part of a person's name.
TITLES: Final = words(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sen sen. senator rep
    rep. representative gov gov. governor president vice prime minister chancellor
    judge justice mayor councillor councilor councilwoman councilman gen gen. general
    adm adm. admiral col col. colonel lt lt. lieutenant capt capt. captain sgt sgt.
    sergeant cmdr cmdr. commander maj maj. major inspector detective chief
    commissioner superintendent supt supt. secretary ambassador rev rev. reverend
    father sister brother bishop archbishop cardinal pope king queen prince princess
    sir dame lord lady coach attorney prosecutor chairman chairwoman chair ceo
    director dean speaker officer deputy trooper sheriff pastor rabbi imam sheikh
    president-elect premier emir sultan coroner magistrate auditor treasurer
    spokesman spokeswoman spokesperson economist analyst lawyer executive
    chancellor-elect vice-president vice-chair"""
)

MALE_TITLES: Final = words(
    "mr mr. sir lord king prince father brother councilman chairman spokesman"
)
FEMALE_TITLES: Final = words(
    """mrs mrs. ms ms. miss dame lady queen princess sister councilwoman chairwoman
    spokeswoman"""
)
#: Role nouns that give a gender: "the spokeswoman said".
MALE_WORDS: Final = words("man spokesman chairman businessman father son husband brother")
FEMALE_WORDS: Final = words(
    "woman spokeswoman chairwoman businesswoman mother daughter wife sister"
)

#: Nouns for institutions: "the company said" refers to the last institution named.
INSTITUTION_NOUNS: Final = words(
    """company firm group airline carrier operator retailer chain maker manufacturer
    utility club party union ministry agency regulator council authority organisation
    organization department government hospital university school court team charity
    trust commission committee board consortium network newspaper broadcaster startup
    lender developer insurer bank exchange embassy office service police army
    military prosecutor's department authorities federation association league
    institute observatory lab laboratory business employer"""
)
#: Documents that "say" things: "the report said" refers to the last one cited.
DOCUMENT_NOUNS: Final = words(
    """statement report survey study paper letter filing document review analysis
    audit memo communiqué communique release ruling judgment judgement complaint
    indictment affidavit lawsuit petition notice data figures"""
)

#: Last words of capitalised names that make them institutions, not people.
ORG_WORDS: Final = words(
    """department ministry ministries office agency authority authorities bank
    company corporation corp corp. inc inc. ltd ltd. plc llc group council committee
    commission court courts police service services university college institute
    hospital party union association federation board bureau embassy government
    parliament congress senate assembly airline airlines airways fund foundation
    organisation organization administration house force forces army navy agency
    command network times post journal news press reuters guardian tribune herald
    telegraph bbc cnn ap afp club team league center centre clinic trust society
    church school schools network cabinet staff department's ministry's coalition
    campaign secretariat foods food terminals terminal telecom telecoms energy
    systems holdings motors pharma pharmaceuticals technologies technology partners
    capital media industries industry logistics airport port railways railway rail
    insurance bancorp securities group's consortium observatory laboratory labs
    institute's alliance movement front freight shipping tribunal inspectorate
    watchdog mission"""
)

# A compact table of common first names (international, as wire copy names them).
MALE_NAMES: Final = words(
    """aaron abdul adam adrian ahmed alan albert alejandro alex alexander ali andre
    andrew andrés angelo anthony antonio arjun arthur ben benjamin bernard bill bob
    boris brian bruce carl carlos charles chris christian christopher colin daniel
    david dennis diego dmitri donald douglas edward emmanuel eric ernesto felipe
    fernando francis francisco frank gabriel gareth gary george gerald giorgio graham
    gregory hamid hans harold harry hassan henry hiroshi hugo ian ibrahim ivan jack
    jacob james jamal jason javier jean jeffrey jerome jim joe johan john jonathan
    jorge jose josé joseph juan julian kamal karim keith kenji kenneth kevin khalid
    kofi kwame larry lars leon liam lucas luis luke malik marco marcus mario mark
    martin matthew michael miguel mikhail mohamed mohammed muhammad nathan neil
    nicholas nikolai noah oliver omar oscar pablo patrick paul pedro peter philip
    pierre rafael rahul rajesh ramon raymond ricardo richard robert roberto roger
    ronald ryan samuel scott sean sergei simon stefan stephen steve steven tariq
    thomas tim timothy tom tomas tony victor vincent walter william yusuf yuri
    tobias elias mateo hugh rowan declan felix viktor anders olaf kai ravi sanjay
    amir youssef tunde chidi obi emeka femi jomo kwesi samir nabil fabio luca
    matteo enzo rui joão joao tiago gustavo eduardo sebastián sebastian dominic
    callum ewan angus rhys dylan owen ethan mason logan caleb isaac joel tarmo
    marten mart jaan toomas andrus priit rein indrek erik henrik lars jens mikkel
    magnus bjorn björn sven nils per ole jan pieter koen bram joost sander thijs
    wim dirk luc marc yves andrej andrei milan tomas jakub piotr pawel marek
    stanislav vladimir oleksandr taras giorgi levan arman aziz farid reza mehdi
    kwabena kojo yaw chinedu oluwaseun segun ade musa bongani sipho thabo tendai
    themba jabari baraka otieno kamau wanjala haruto takeshi hiroki jun min
    seo-jun wei jian hao raj vikram arun amit deepak manoj suresh rohan ramesh
    carlos rodrigo andres hector julio alvaro ignacio esteban joaquin cristian
    santiago matias nicolas emilio rick dan sam greg ted ken jeff brad chad kyle
    derek shawn troy wayne dale glen craig dean neil ross iain alasdair fergus
    hamish seamus ciaran niall padraig eoin cormac daniel tomasz"""
)
FEMALE_NAMES: Final = words(
    """abigail ada adriana agnes aisha alice alicia amanda amelia amina ana anna
    andrea angela anita ann anne annette barbara beatriz bella betty brenda camila
    carla carmen caroline catherine charlotte chloe christina claire clara cristina
    daniela deborah diana donna dorothy elena elizabeth ella ellen emily emma erin
    eva fatima fiona florence frances gabriela grace hannah heather helen ines inés
    ingrid irene isabel isabella jane janet jennifer jessica joan joanna josephine
    joyce judith julia julie karen katherine kathleen kelly keiko laura lauren leila
    linda lisa lucia lucy maria marie marta martha mary megan melissa michelle
    mila miriam monica nadia nancy naomi natalia natasha nicole nina noor olga olivia
    patricia paula priya rachel rebecca rosa ruth sabrina samantha sandra sara sarah
    sharon sofia sophia sophie stephanie susan tanya teresa valentina valeria
    victoria wendy yasmin yuki zainab zara zoe priyanka lena greta freya astrid
    ingrid hana yara layla leyla ngozi amara chiamaka wanjiru akosua esi adwoa
    folake funmi nomvula thandiwe beatrice margaret helena marina irina svetlana
    lucía sofía camille amélie chantal margot elise renata paola giulia chiara
    francesca aoife siobhan niamh mairead bridget eleanor harriet imogen rosalind
    mariana fernanda luisa ximena gloria pilar kadri helena piret marju liis kersti
    tiina triin kati maarja signe sanne anouk femke lotte sanna ingrid maja hilde
    ellen lise kari solveig sigrid astrid karin birgit anneli ulla joanne dana
    denise orla sinead grainne nuala chipo chipo tendai nokuthula lindiwe zanele
    ama abena efua adaeze ifeoma ngozi nneka aisha halima fadumo wambui njeri
    achieng akinyi nkechi yetunde sakura yui aiko mei xin li na hui ying ji-woo
    anjali pooja sunita kavita neha divya lakshmi meera shreya claudia silvia
    veronica monika katarzyna agnieszka magdalena zuzana petra jana lenka eva
    alena marketa ivana dragana milica jelena tatiana yelena oksana nino tamar
    ani mariam rania dina salma yasmine samira nour lina rasha hiba ines ines
    sandra teresa nadia claire hannah joanne rachel grace lena"""
)
