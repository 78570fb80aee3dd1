"""References (extract/reference.py): an end written as a pronoun or a described phrase keeps its words as
written; what it stands for is read (the rules' antecedent, named in the candidate's note) or suggested to
the analyst, never stored silently. Every sentence is made up."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text, reference
from cyberstate.extract.candidates import candidates
from cyberstate.extract.core import country_mentions


def _extract(kb: KnowledgeBase, text: str) -> Any:
    return extract_text(text, kb.gazetteer(), country_mentions(kb.store))


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str | None, str, str]]:
    """(subject as written, subject's entity id, predicate, object as written) of every candidate."""
    return {
        (c["subject"]["text"], c["subject"]["id"], c["predicate"], c["object"].get("text") or c["object"]["name"])
        for c in _extract(kb, text).as_dict()["claims"]
    }


def _notes(kb: KnowledgeBase, text: str) -> list[str]:
    return [c.note or "" for c in candidates(_extract(kb, text), "doc", published=None, assertors={}).claims]


def test_a_resolved_reference_keeps_its_words_and_names_its_antecedent(galaxy_kb: KnowledgeBase) -> None:
    """ "The hackers" after APT41 is read as APT41 (its entity), written as the text writes it, and the note
    says what it was read as; the frames' described reading of the same words is not stated beside it."""
    text = "APT41 hit dozens of firms in 2019. The hackers also targeted video game companies."
    said = _said(galaxy_kb, text)
    apt41 = galaxy_kb.entity_id("APT41")
    assert ("The hackers", apt41, "targeted", "video game companies") in said
    assert ("The hackers", None, "targeted", "video game companies") not in said  # one statement, not two
    assert any("'The hackers' read as APT41" in n for n in _notes(galaxy_kb, text))


def test_they_after_people_keeps_its_word_with_each_person_in_the_note(galaxy_kb: KnowledgeBase) -> None:
    text = "Prosecutors charged Wei Jianguo and Xiaoming Tan. They also targeted shipping firms."
    notes = _notes(galaxy_kb, text)
    assert any("'They' read as Wei Jianguo" in n for n in notes)
    assert any("'They' read as Xiaoming Tan" in n for n in notes)


def test_a_described_subject_no_rule_reads_is_a_described_end(galaxy_kb: KnowledgeBase) -> None:
    """ "The attacks, which ..., targeted X": a deed written as a definite description (a bare head the
    frames leave) is the subject, as written, with no entity."""
    said = _said(galaxy_kb, "The attacks, which took place in early 2020, targeted Microsoft Exchange servers.")
    assert any(x[:3] == ("The attacks", None, "targeted") for x in said), said
    after_statement = _said(
        galaxy_kb,
        'The ministry said in a statement the attack started in 2021 and targeted "one of the internal networks".',
    )
    assert ("the attack", None, "targeted", "one of the internal networks") in after_statement


def test_a_described_subject_is_read_as_its_one_antecedent(galaxy_kb: KnowledgeBase) -> None:
    """The last operation named before a described deed, with no rival, is what it stands for: the stored
    end is that operation, the words stay "The attacks" and the note says where the antecedent is named.
    With a rival operation named, the end stays described, as written, with no entity."""
    one = (
        "Operation Harbour Lantern hit ports in 2020. The attacks, which lasted months, targeted Microsoft "
        "Exchange servers."
    )
    x = _extract(galaxy_kb, one)
    ends = [c.subject for c in x.claims if c.predicate == "targeted" and c.subject.text == "The attacks"]
    assert ends and all(isinstance(m, reference.Reference) and m.resolved for m in ends)
    assert ends[0].canonical == "Operation Harbour Lantern"
    note = next(n for n in _notes(galaxy_kb, one) if "'The attacks'" in n)
    assert "'The attacks' read as Operation Harbour Lantern, named in the sentence before" in note
    stored = candidates(x, "doc", published=None, assertors={})
    claim = next(c for c in stored.claims if "'The attacks'" in (c.note or ""))
    assert stored.entities[claim.subject].name == "Operation Harbour Lantern"
    assert not stored.entities[claim.subject].attrs.get("described")
    assert claim.evidence is not None and claim.evidence.text == one[one.index("The attacks") :]
    rival = (
        "Operation Harbour Lantern hit ports and Operation Grey Kettle hit banks. The attacks, which lasted "
        "months, targeted Microsoft Exchange servers."
    )
    ends = [c.subject for c in _extract(galaxy_kb, rival).claims if c.subject.text == "The attacks"]
    assert ends and all(isinstance(m, reference.Reference) and not m.resolved and m.entity is None for m in ends)
    assert ends[0].suggested is None


def test_described_people_are_the_counted_group_named_before(galaxy_kb: KnowledgeBase) -> None:
    """ "The individuals" / "these 8 defendants" after "eight Chinese nationals" are those eight: the end
    keeps its words, stands for the described group (one stored entity for both) and the note says so."""
    text = (
        "Prosecutors charged eight Chinese nationals in Denver last week. The individuals were members of "
        "APT31, the indictment says."
    )
    x = _extract(galaxy_kb, text)
    (member,) = [c for c in x.claims if c.predicate == "member_of_group"]
    assert isinstance(member.subject, reference.Reference) and member.subject.resolved
    assert (member.subject.text, member.subject.canonical) == ("The individuals", "eight Chinese nationals")
    notes = _notes(galaxy_kb, text)
    assert any("'The individuals' read as eight Chinese nationals, named in the sentence before" in n for n in notes)
    stored = candidates(x, "doc", published=None, assertors={})
    charged = next(c for c in stored.claims if c.predicate == "indicted")
    joined = next(c for c in stored.claims if c.predicate == "member_of_group")
    assert joined.subject == charged.object  # the same described entity, not a second one
    counted = text.replace("The individuals were", "These 8 defendants were")
    assert any("'These 8 defendants' read as eight Chinese nationals" in n for n in _notes(galaxy_kb, counted))


def test_described_people_stay_as_written_when_the_antecedent_is_not_clear(galaxy_kb: KnowledgeBase) -> None:
    """A count that disagrees, a person named by name in between, two groups, or a group named too far back:
    "the defendants" is left as written (a described end, no entity)."""
    for text in (
        "Prosecutors charged eight Chinese nationals last week. These 5 defendants were members of APT31.",
        "Prosecutors charged eight Chinese nationals last week. The court named Wei Jianguo as the leader. "
        "The defendants were members of APT31.",
        "Prosecutors charged eight Chinese nationals and Britain charged two Russian nationals last week. "
        "The defendants were members of APT31.",
        "Prosecutors charged eight Chinese nationals last week. The case was filed in Denver. The court sat "
        "in March. Hearings were held in May. The defendants were members of APT31.",
    ):
        ends = [c.subject for c in _extract(galaxy_kb, text).claims if c.predicate == "member_of_group"]
        assert ends and not any(isinstance(m, reference.Reference) for m in ends), text


def test_a_bare_deed_is_read_as_the_one_doer_the_text_told(galaxy_kb: KnowledgeBase) -> None:
    """ "Targets of the attacks included X": the attacks are the deeds of the one group the text told as a
    doer before (however far back), the words stay "the attacks" and the note says where the doer is named.
    A group only named (not told as a doer) is no rival; a second doer is, and then the attacks stay as
    written; with no doer told, too."""
    text = (
        "APT41 broke into dozens of shipping firms in 2019. Some analysts link APT41 to APT10. Investigators "
        "worked for months. Targets of the attacks included hospitals and universities."
    )
    said = _said(galaxy_kb, text)
    apt41 = galaxy_kb.entity_id("APT41")
    assert {("the attacks", apt41, "targeted", "hospitals"), ("the attacks", apt41, "targeted", "universities")} <= said
    assert any("'the attacks' read as APT41, named 3 sentences before" in n for n in _notes(galaxy_kb, text))
    for unclear in (
        "APT41 broke into shipping firms in 2019. APT10 broke into banks in 2020. Targets of the attacks "
        "included hospitals and universities.",
        "Targets of the attacks included hospitals and universities.",
    ):
        ends = [c.subject for c in _extract(galaxy_kb, unclear).claims if c.predicate == "targeted"]
        ends = [m for m in ends if m.text == "the attacks"]
        assert ends and all(isinstance(m, reference.Reference) and m.entity is None for m in ends), unclear


def test_people_counted_by_the_reference() -> None:
    """ "The two" is suggested only for a list of two people, and no one is suggested when someone else is
    named too."""
    from cyberstate.extract.mentions import Mention

    text = "Li Wei and Zhang Min were charged. The two then targeted banks."
    li = Mention(0, 6, "Li Wei", [], "person")
    zhang = Mention(11, 20, "Zhang Min", [], "person")
    s = text.index("The two")
    (m,) = reference.described_subjects(text, (s, len(text)), [], [li, zhang])
    assert (m.text, m.proposed_kind, m.suggested) == ("The two", "person", "Li Wei and Zhang Min")
    ma = Mention(0, 6, "Ma Lin", [], "person")
    (m,) = reference.described_subjects(
        "Ma Lin spoke. " + text,
        (s + 14, len(text) + 14),
        [],
        [ma] + [Mention(x.start + 14, x.end + 14, x.text, [], "person") for x in (li, zhang)],
    )
    assert m.suggested is None


def test_what_is_no_described_subject(galaxy_kb: KnowledgeBase) -> None:
    """A description followed by a noun ("the two countries", "The two-count indictment") or a coordination
    (", and"), one inside a clause ("the vulnerability that the hackers exploited"), or a role that names the
    people after it ("The other three hackers, A, B and C, ...": the frames' reading) is no described subject
    of this step."""
    for text in (
        "The two countries signed an agreement on trade.",
        "The two-count indictment alleges that Wei Jianguo hacked banks.",
        "Wei Jianguo was charged. He said the hackers, and the police, were wrong.",
        "He said the vulnerability that the hackers exploited was old.",
        "The other three hackers, Wei Jianguo, Tan Xiaoming and Zhao Lin, allegedly broke into banks.",
    ):
        x = _extract(galaxy_kb, text)
        assert not any(
            isinstance(end, reference.Reference) and not end.resolved for c in x.claims for end in (c.subject, c.object)
        ), text


def test_an_ambiguous_antecedent_is_the_entity_the_text_names_alone(galaxy_kb: KnowledgeBase) -> None:
    """ "Wicked Spider" is APT17 or APT41 in the store; after "APT41 ... also known as Barium and Wicked
    Spider, the hackers ...", "Their targets" are APT41's, the one the text names alone."""
    said = _said(
        galaxy_kb,
        "APT41 broke into several banks in 2019. Also known as Barium and Wicked Spider, the hackers stole data. "
        "Their targets include shipping firms and hospitals.",
    )
    apt41 = galaxy_kb.entity_id("APT41")
    assert {("Their", apt41, "targeted", "shipping firms"), ("Their", apt41, "targeted", "hospitals")} <= said
    assert not any(x[0] == "Their" and x[1] != apt41 for x in said)


def test_review_lists_what_a_reference_stands_for(cli: Any, galaxy_db: Path, tmp_path: Path) -> None:
    """Through the real commands: a reference's candidate, once ingested, is listed by `review` with its
    words as the evidence gives them and, in its note, what it was read as or may stand for."""
    db = tmp_path / "review.db"
    shutil.copy(galaxy_db, db)
    doc = tmp_path / "report.txt"
    doc.write_text(
        "APT41 hit dozens of firms in 2019. The hackers also targeted video game companies.\n\n"
        "Operation Harbour Lantern hit ports in 2020. The attacks, which lasted months, targeted Microsoft "
        "Exchange servers.\n",
        encoding="utf-8",
    )
    r = cli("ingest", doc, "--json", db=db)
    assert r.code == 0, r.stderr
    source = r.json()["documents"][0]["source"]
    notes = [c.get("note") or "" for c in cli("review", "--document", source, "--json", db=db).json()["candidates"]]
    assert any("'The hackers' read as APT41" in n for n in notes), notes
    assert any("'The attacks' read as Operation Harbour Lantern, named in the sentence before" in n for n in notes)


def test_a_pronoun_inside_a_sentence_is_the_group_named_last(galaxy_kb: KnowledgeBase) -> None:
    """ "..., but it later targeted X": the subject of a clause a conjunction opens, read as the group named
    last; "linked it to X": the object of a verb of attributing, the verb's own subject left out. Not when a
    body is named after the group (it may be whom "it" means), nor inside a quotation for a group outside it."""
    apt41 = galaxy_kb.entity_id("APT41")
    said = _said(galaxy_kb, "APT41 went quiet for a year, but it later targeted shipping firms in Greece.")
    assert ("it", apt41, "targeted", "shipping firms") in said
    linked = "Analysts followed APT41 for months. Officials later linked it to the Ministry of State Security."
    assert any(x[:3] == ("it", apt41, "linked_to") for x in _said(galaxy_kb, linked))
    assert any("'it' read as APT41, named in the sentence before" in n for n in _notes(galaxy_kb, linked))
    vendor = _said(galaxy_kb, "APT41 was first described by Microsoft, and it targeted shipping firms.")
    assert not any(x[0] == "it" for x in vendor)
    quoted = 'Analysts followed APT41 for months. "We linked it to the Ministry of State Security," an official said.'
    assert not any(x[0] == "it" for x in _said(galaxy_kb, quoted))


def test_a_pronoun_after_a_list_of_groups(galaxy_kb: KnowledgeBase) -> None:
    """ "APT40 and APT41 ... They targeted X": each group of the list at the sentence's start; a pronoun
    inside a sentence after the last of a list ("While they ...") is not read as that last one alone."""
    said = _said(galaxy_kb, "APT40 and APT41 were named in the report. They targeted shipping firms.")
    assert ("They", galaxy_kb.entity_id("APT40"), "targeted", "shipping firms") in said
    assert ("They", galaxy_kb.entity_id("APT41"), "targeted", "shipping firms") in said
    inner = "The report named APT40, APT31 and APT41. While they targeted shipping firms, nothing was stolen."
    assert not any(x[0] == "they" for x in _said(galaxy_kb, inner))


def test_a_pronoun_for_one_person_only(galaxy_kb: KnowledgeBase) -> None:
    """ "charged him": the one person named last; after two people, "him" is not read."""
    one = "Wei Jianguo worked for a firm in Chengdu. Prosecutors later charged him with fraud."
    assert any("'him' read as Wei Jianguo" in n for n in _notes(galaxy_kb, one))
    two = "Wei Jianguo and Xiaoming Tan worked for a firm in Chengdu. Prosecutors later charged him with fraud."
    assert not any("'him' read as" in n for n in _notes(galaxy_kb, two))


def test_a_plural_description_of_groups_is_a_described_subject_never_one_group(galaxy_kb: KnowledgeBase) -> None:
    """ "These groups mainly targeted X": a plural description of groups, an adverb before its verb, is the
    subject as written; several groups are not the one group named before, so it has no entity. The same words
    after a verb are no subject."""
    text = "Researchers tracked two clusters in May. These groups mainly targeted port authorities and customs offices."
    said = _said(galaxy_kb, text)
    assert ("These groups", None, "targeted", "port authorities") in said
    assert ("These groups", None, "targeted", "customs offices") in said
    after_one = _said(galaxy_kb, "APT41 hit firms in 2019. These groups mainly targeted port authorities.")
    assert ("These groups", None, "targeted", "port authorities") in after_one
    assert not any(x[0] == "These groups" and x[1] is not None for x in after_one)
    assert not any(
        x[0].lower() == "these groups"
        for x in _said(galaxy_kb, "Researchers tracked these groups mainly by their servers.")
    )


def test_the_agency_and_the_unit_point_back_to_the_last_body_of_their_kind(galaxy_kb: KnowledgeBase) -> None:
    """ "the agency" is the government agency named last before it, "the unit" the military unit; after a
    company or a threat group neither is read as it."""
    text = "The Department of Justice said on Monday that the agency has charged three Chinese nationals with hacking."
    assert any("'the agency' read as" in n and "Department of Justice" in n for n in _notes(galaxy_kb, text))
    vendor = "Mandiant said on Monday that the agency has charged three Chinese nationals with hacking."
    assert not any("'the agency' read as" in n for n in _notes(galaxy_kb, vendor))
    unit = galaxy_kb.entity_id("PLA Unit 61398")
    said = _said(galaxy_kb, "Analysts named PLA Unit 61398 in a report. The unit targeted steel makers in Ohio.")
    assert ("The unit", unit, "targeted", "steel makers") in said
    assert not any(
        x[0] == "The unit" for x in _said(galaxy_kb, "Analysts named APT1 in a report. The unit targeted steel makers.")
    )


def test_it_after_a_malware_opening_the_sentence_before_is_that_malware(galaxy_kb: KnowledgeBase) -> None:
    """ "X is a backdoor .... It has been used to target Y": "It" stands for the malware the sentence before
    opens with, not for the group named last; with another malware named between them, "It" is read as neither
    (a wrong antecedent is worse than none), and a sentence before that opens with a group keeps the group."""
    shadowpad = galaxy_kb.entity_id("ShadowPad")
    text = "ShadowPad is a modular backdoor sold to APT41. It has been used to target shipping firms in Norway."
    said = _said(galaxy_kb, text)
    assert ("It", shadowpad, "targeted", "shipping firms") in said, said
    assert any("'It' read as ShadowPad, named in the sentence before" in n for n in _notes(galaxy_kb, text))
    rival = "ShadowPad is a modular backdoor that loads PlugX. It has been used to target shipping firms in Norway."
    assert not any(x[0] == "It" for x in _said(galaxy_kb, rival))
    group = _said(galaxy_kb, "APT41 deployed ShadowPad in 2019. It is also tentatively linked to a breach in Peru.")
    assert any(x[:3] == ("It", galaxy_kb.entity_id("APT41"), "linked_to") for x in group), group


def test_the_malware_points_back_to_the_last_malware(galaxy_kb: KnowledgeBase) -> None:
    """ "The malware has been tied to X": the malware or tool named last before it; with none named, nothing."""
    text = "Analysts found ShadowPad on the servers in May. The malware has been tied to APT41."
    assert any("'The malware' read as ShadowPad" in n for n in _notes(galaxy_kb, text))
    assert not any(
        "'The malware' read as" in n
        for n in _notes(galaxy_kb, "Analysts found APT41 on the servers in May. The malware has been tied to APT41.")
    )
