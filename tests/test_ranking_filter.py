"""Readings that are no statements (extract/filtering.py), on made-up sentences through the real extractor."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _targets(kb: KnowledgeBase, text: str) -> set[str]:
    claims = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {c["object"]["name"] for c in claims if c["predicate"] == "targeted"}


def test_a_charge_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    targets = _targets(
        galaxy_kb,
        "Prosecutors said they had indicted Chinese nationals Li Wei and Zhang Hao for computer hacking, theft of "
        "trade secrets, conspiracy and identity theft directed at Dutch and Belgian companies. APT41 conducted an "
        "extremely sophisticated campaign targeting large businesses in Canada, including a computer intrusion "
        "and data breach of a Toronto-based bank.",
    )
    assert "large businesses" in targets and "Canada" in targets  # the victims stay
    assert not targets & {"conspiracy", "computer intrusion", "identity theft"}


def test_an_adjective_cut_from_its_shared_head_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    targets = _targets(
        galaxy_kb,
        "The hackers targeted victims in at least 12 countries, striking organizations in the public and private "
        "sectors worldwide, the report said. APT41 is accused of hacking into the networks of various regional "
        "and Japan-based entities.",
    )
    # "various regional and Japan-based entities": a plural quantifier before a singular modifier joins it to the
    # next item's head (extract/phrases.py), so the whole phrase is the victim
    assert "various regional and Japan-based entities" in targets and "private sectors worldwide" in targets
    assert not targets & {"public", "various regional"}


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    claims = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["name"], c["predicate"], c["object"]["name"]) for c in claims if c["object"]}


def test_a_qualifier_does_not_act_a_group_is_no_victim_and_a_beneficiary_runs_no_one(
    galaxy_kb: KnowledgeBase,
) -> None:
    said = _said(
        galaxy_kb,
        "Leader of China-Based Spy Ring Indicted for Series of Intrusions, Including 2019 Breach of Insurer Acme "
        "Health Inc.\n\nThe US government filed charges today against three Chinese nationals for hacking into "
        "more than 60 firms across the world as part of a state-sponsored hacking group known as APT41. The "
        "indictment says the officers set up Hainan Xiandun and other front companies to conduct hacking for the "
        "benefit of China and its state-owned companies.",
    )
    assert ("three Chinese nationals", "targeted", "more than 60 firms") in said
    assert not any(s == "China" and p == "indicted" for s, p, _ in said)
    assert not any(p == "targeted" and o == "APT41" for _, p, o in said)
    assert not any(p == "operated_by" and o == "China" for _, p, o in said)


def test_a_described_end_loses_a_leading_time_or_preposition(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "The US government filed charges today against three Chinese nationals.")
    assert ("United States", "indicted", "three Chinese nationals") in said
    assert not any(o.startswith("today") for _, _, o in said)


def test_a_described_end_loses_the_time_words_it_runs_on_into(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The campaign targeted the Vatican's networks and other Catholic bodies months before the talks. Chinese "
        "hackers targeted Dutch banks so far this year, a report said.",
    )
    assert ("The campaign", "targeted", "Catholic bodies") in said
    assert ("Chinese hackers", "targeted", "Dutch banks") in said
    said = _said(galaxy_kb, "Chinese hackers targeted Dutch banks as well as insurers, a report said.")
    assert ("Chinese hackers", "targeted", "insurers") in said  # "as well as" joins two victims


def test_a_name_that_modifies_the_noun_after_it_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Prosecutors said the two men broke into the IT systems of dozens of firms. The intrusions have targeted "
        "trade secrets and other confidential information. The crew hacked computers in a dozen countries and gave "
        "China's intelligence service access to them. "
        "Officials say APT41 ran a campaign targeting U.S.-based journalists and telecommunications networks.",
    )
    targets = {o for _, p, o in said if p == "targeted"}
    assert "dozens of firms" in targets and "Telecoms" in targets  # the owner, and a sector's own networks
    assert not targets & {"IT", "Trade", "Intelligence", "United States"}


def test_who_reports_a_statement_is_no_party_to_it(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Ten groups, among them APT41, are the ones that Mandiant has publicly identified as being linked to the "
        "Ministry of State Security. The charging papers unsealed today outline the activities of a hacking group "
        "called APT10. Two men believed to be members of APT40 were named.",
    )
    assert not any(s == "Mandiant" for s, _, _ in said)
    assert not any(p == "indicted" for _, p, _ in said)
    assert ("Two men", "member_of_group", "APT40") in said  # a passive "believed to be" reports nothing


def test_an_end_that_names_nothing_is_no_party(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        '"APT41 was targeting hospitals across Spain and overseas, everyone from clinics to insurers," he said.',
    )
    targets = {o for _, p, o in said if p == "targeted"}
    assert "hospitals" in targets
    assert not targets & {"everyone", "overseas"}


def test_a_passive_read_as_an_active_verb_and_an_association_run_no_one(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        'Sanctions by the Office of Foreign Assets Control block "all property" controlled by Beijing Acme Trading '
        "Co., Ltd. or its owners.\n\nThe defendants worked for a company called Shanghai Acme Trading Co., Ltd. and "
        "acted in association with the Ministry of State Security.",
    )
    assert not any(p == "operated_by" for _, p, _ in said), said


def test_a_speaker_is_no_party_to_what_is_spoken_of(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        '"We urge the US to stop imposing illegal unilateral sanctions on Chinese firms," Wang Wenbin said.',
    )
    assert not any(o == "Wang Wenbin" for _, _, o in said), said


def test_who_reveals_a_deed_is_no_victim_of_it(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "A hacking group called APT41 has targeted dozens of Dutch hospitals with the likely aim of spying on them, "
        "Microsoft has revealed.",
    )
    assert ("APT41", "targeted", "dozens of Dutch hospitals") in said
    assert not any(o == "Microsoft" for _, _, o in said), said
    named = _said(
        galaxy_kb,
        "A hacking group called APT41 has targeted Microsoft and dozens of Dutch hospitals, officials revealed.",
    )
    assert ("APT41", "targeted", "Microsoft") in named  # a victim the list names stays


def test_a_one_word_name_that_runs_on_is_cut_from_a_longer_one(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The hackers stole plans held by the Ministry of State Security's Global Positioning Research Centre.",
    )
    assert not any(s == "Global" or o == "Global" for s, _, o in said), said


def test_a_vendor_that_finds_a_deed_did_not_do_it(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Microsoft discovered attacks on Acme Bank that it attributed to APT41.")
    assert not any(s == "Microsoft" and p == "targeted" for s, p, _ in said), said


def test_a_described_victim_does_not_act(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The indictment describes a spree of attacks on Canadian federal and state agencies, including the 2022 "
        "attack targeting the Ministry of State Security. The campaign included attacks on Mexican state agencies, "
        "including a 2021 attack targeting the Ministry of Public Security.",
    )
    assert not any(p == "targeted" and "agencies" in s for s, p, _ in said), said


def test_an_end_cut_from_a_clause_is_no_party(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "U.S. officials believe that the hackers may have gained access to payroll files, including tax records, "
        "though the full scope of the intrusion and the exact files taken are still under review. The operation, "
        "which has been running since at least 2019, has compromised private data, including tax records and, in "
        "some cases, the mail of senior judges. The European Union said a Chinese group hacked its networks and "
        "summons its envoy.",
    )
    objects = {o for _, p, o in said if p == "targeted"}
    assert "mail of senior judges" in objects  # the whole noun phrase after the aside stays
    assert not any(" are " in o or o.endswith(" and") or o.startswith("summons") for o in objects), said


def test_an_end_before_a_clause_stays(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Chinese hackers targeted the email accounts of senior judges, though officials declined to name them. "
        "The campaign has compromised phone records and diplomatic cables.",
    )
    assert ("Chinese hackers", "targeted", "senior judges") in said
    assert ("The campaign", "targeted", "diplomatic cables") in said


def test_a_deed_of_a_charge_called_groundless_is_not_asserted(galaxy_kb: KnowledgeBase) -> None:
    rejected = _said(
        galaxy_kb,
        "Some Dutch officials groundlessly accused China of launching cyberattacks against the Netherlands, the "
        "embassy said.",
    )
    assert not any(p == "targeted" for _, p, _ in rejected), rejected
    reported = _said(
        galaxy_kb,
        "Some Dutch officials accused China of launching cyberattacks against the Netherlands, the ministry said.",
    )
    assert ("China", "targeted", "Netherlands") in reported  # a charge the sentence does not reject stays


def test_where_the_victims_are_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Prosecutors say the two hackers also breached insurers based in Ohio, Texas, and Utah that made parts for "
        "the engine.",
    )
    objects = {o for _, p, o in said if p == "targeted"}
    assert "insurers" in objects
    assert not objects & {"Ohio", "Texas", "Utah"}, said


def test_victims_named_beside_places_stay(galaxy_kb: KnowledgeBase) -> None:
    objects = {
        o
        for _, p, o in _said(
            galaxy_kb, "Prosecutors say the two hackers also breached insurers, Ohio hospitals and Utah banks."
        )
        if p == "targeted"
    }
    assert {"Ohio hospitals", "Utah banks"} <= objects
    located = _said(galaxy_kb, "Prosecutors say the two hackers also breached insurers located in Canada.")
    assert ("the two hackers", "targeted", "Canada") in located  # a known country: the victims' country


def test_a_gerund_that_modifies_a_noun_is_no_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The researchers said the two men have links to an underground Dutch hacking forum that sold malware. "
        "Officials moved to seize APT41 hacking infrastructure.",
    )
    assert not any(p == "targeted" for _, p, _ in said), said


def test_a_gerund_before_a_group_or_a_charge_is_no_deed(galaxy_kb: KnowledgeBase) -> None:
    """ "the Chinese hacking organization Blue Heron", "called hacking accusations a smear": the gerund only
    qualifies the noun after it; with a plural object ("hacking organizations in the region"), or a noun the
    group word qualifies in turn ("targeting team members"), it stays a verb."""
    said = _said(
        galaxy_kb,
        "The Dutch harbour was also a target of the espionage campaign by the Chinese hacking organization Blue "
        "Heron, as reported by the port authority today. A Chinese Foreign Ministry spokesman called hacking "
        'accusations a "fabrication", but researchers stand by the findings.',
    )
    objects = {o for _, p, o in said if p == "targeted"}
    assert not any("Blue Heron" in o or "accusations" in o or "researchers" in o for o in objects), said
    assert "Dutch harbour" in objects  # the victim the sentence names stays
    said = _said(galaxy_kb, "The bulletin says APT41 spent 2019 hacking organizations in the Dutch harbour sector.")
    assert any(s == "APT41" and p == "targeted" for s, p, _ in said), said
    said = _said(galaxy_kb, "APT41 began targeting team members of the harbour authority.")  # "team" qualifies
    assert any(s == "APT41" and p == "targeted" and o.startswith("team members") for s, p, o in said), said


def test_a_machine_of_anyone_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "gained access to a system", "compromise victims' systems": a kind of machine, no one's in particular, is no
    victim; machines a participle gives an owner ("systems provided by X") stay one."""
    said = _said(
        galaxy_kb,
        "Once APT41 gained access to a system, the intruders stayed for months. "
        "APT41 used the botnet to compromise victims' systems.",
    )
    assert not any(p == "targeted" for _, p, _ in said), said
    said = _said(galaxy_kb, "APT41 breached systems provided by the Dutch harbour authority.")
    assert ("APT41", "targeted", "systems") in said, said


def test_a_gerund_with_its_object_is_a_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb, "The two men were accused of hacking computers at Dutch banks. APT41 began hacking banks in 2019."
    )
    assert ("The two men", "targeted", "computers") in said
    assert any(s == "APT41" and p == "targeted" and o.lower() == "banks" for s, p, o in said), said


def test_an_order_a_deed_breaches_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb, "The ministry said the attack on its network was an unacceptable breach of international norms."
    )
    assert not any(p == "targeted" and "norms" in o for _, p, o in said), said
    said = _said(galaxy_kb, "The hackers breached Dutch law firms and the norms committee of the parliament.")
    assert ("The hackers", "targeted", "Dutch law firms") in said  # "law" only qualifies the firms
    assert any(p == "targeted" and o.startswith("norms committee") for _, p, o in said), said


def test_a_deed_or_an_attempt_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The group hacked the defence ministry in an attempt to steal plans. Hackers linked to the army breached 20 "
        'ministries in an "incursion" to steal data.',
    )
    assert ("The group", "targeted", "the defence ministry") in said and (
        "Hackers",
        "targeted",
        "20 ministries",
    ) in said
    assert not any(p == "targeted" and ("attempt" in o or "incursion" in o) for _, p, o in said), said


def test_a_campaign_that_is_attacked_stays_a_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "The hackers spied on the election campaign of the mayor.")
    assert ("The hackers", "targeted", "the election campaign of the mayor") in said


def test_a_place_that_owns_the_victim_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Hackers on Sunday successfully pulled-off cyberattacks against Norway's two largest ports and the national "
        "rail operator.",
    )
    assert not any(p == "targeted" and o == "Norway" for _, p, o in said), said


def test_a_place_named_as_an_item_of_its_own_stays_a_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Hackers launched cyberattacks against Norway and its largest port.")
    assert ("Hackers", "targeted", "Norway") in said


def test_a_flaw_or_credentials_are_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The intruders targeted flaws in the routers sold by a Dutch vendor, the agency said. The breach made it "
        "easier for the intruders to gain access to the login credentials of pensioners.",
    )
    assert not any(p == "targeted" and ("flaws" in o or "credentials" in o) for _, p, o in said), said


def test_what_owns_the_flaw_stays_a_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "The intruders targeted the routers of a Dutch vendor.")
    assert ("The intruders", "targeted", "the routers of a Dutch vendor") in said


def test_a_deed_after_a_denial_is_not_asserted(galaxy_kb: KnowledgeBase) -> None:
    claims = extract_text(
        "The Chinese embassy has denied any involvement by state-backed hackers in the recent breach of Belgian banks.",
        galaxy_kb.gazetteer(),
        country_mentions(galaxy_kb.store),
    ).as_dict()["claims"]
    assert not any(c["predicate"] == "targeted" for c in claims), claims
    assert any(c["predicate"] == "attributed_to" and c["negated"] for c in claims), claims


def test_a_deed_denied_by_another_stays_negated(galaxy_kb: KnowledgeBase) -> None:
    claims = extract_text(
        "The Chinese foreign ministry rejected claims that APT41 hacked Belgian banks.",
        galaxy_kb.gazetteer(),
        country_mentions(galaxy_kb.store),
    ).as_dict()["claims"]
    assert any(c["subject"]["name"] == "APT41" and c["predicate"] == "targeted" and c["negated"] for c in claims), (
        claims
    )


def _readings(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    claims = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"]) for c in claims}


def test_the_bare_doers_behind_a_group_name_no_one(galaxy_kb: KnowledgeBase) -> None:
    # "the hackers behind X" describes X's doers by the tie itself; a described noun with words of its own stays
    assert not any(
        r[1] == "attributed_to" for r in _readings(galaxy_kb, "The identity of the hackers behind APT41 is unclear.")
    )
    assert ("APT41", "attributed_to", "the Chinese hackers") in _readings(
        galaxy_kb, "The identity of the Chinese hackers behind APT41 is unclear."
    )


def test_a_group_a_state_names_as_doer_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    # a dateline's country does not target the group a "hacking group named X" phrase names; a state turning its
    # means against a group, or acting on the group's own servers, may
    said = _readings(
        galaxy_kb,
        'OSLO, Norway -- A China-based hacking group named "APT41" has targeted dozens of Norwegian government '
        "agencies, researchers have revealed.",
    )
    assert ("APT41", "targeted", "dozens of Norwegian government agencies") in said
    assert not any(r[1] == "targeted" and r[2] == "APT41" for r in said), said
    assert ("FBI", "targeted", "APT41") in _readings(
        galaxy_kb, "The FBI targeted APT41's servers in a court-authorized operation."
    )
    assert ("Norway", "targeted", "APT41") in _readings(
        galaxy_kb, "Norway is increasingly using its cyber capabilities against APT41."
    )


def test_a_body_inside_a_prepositional_phrase_does_not_act(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Investigators said the intruders used a flaw in Integrity Technology Group's cameras to launch attacks on "
        "Kenyan ministries. Analysts said hackers working out of an office of Beijing's Ministry of State Security "
        "hacked Norwegian universities.",
    )
    # the cameras and the hackers are what the phrases are about: the company and the ministry only qualify them
    assert not any(p == "targeted" and s.startswith("Integrity Technology Group") for s, p, _ in said)
    assert ("Ministry of State Security", "targeted", "Norwegian universities") not in said


def test_a_body_heading_its_own_phrase_acts(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Integrity Technology Group hacked Kenyan ministries, investigators said. Beijing's Ministry of State "
        "Security hacked Norwegian universities, analysts said.",
    )
    assert any(s.startswith("Integrity Technology Group") and o == "Kenyan ministries" for s, _, o in said)
    assert ("Ministry of State Security", "targeted", "Norwegian universities") in said


def test_a_state_naming_a_body_is_no_end_of_its_own(galaxy_kb: KnowledgeBase) -> None:
    # "China's" and "Chinese" only qualify the ministry the tie reaches: the tie is to the ministry
    said = _said(
        galaxy_kb,
        "Working from Hainan Xiandun Technology Co. Ltd., a company with ties to China's Ministry of Public "
        "Security, Li and his partners built malware targeting routers.\n\nHackers Linked to Chinese Ministry of "
        "State Security",
    )
    assert any(s.startswith("Hainan Xiandun") and o == "Ministry of Public Security" for s, _, o in said), said
    assert ("Hackers", "linked_to", "Ministry of State Security") in said
    assert not any(p == "linked_to" and o == "China" for _, p, o in said), said


def test_a_state_named_apart_from_a_body_stays_an_end(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Hainan Xiandun Technology Co. Ltd., a company with ties to China and to the Ministry of Public Security, "
        "built malware.",
    )
    assert any(s.startswith("Hainan Xiandun") and (p, o) == ("linked_to", "China") for s, p, o in said), said


def test_no_object_past_the_comma_that_closes_the_cue(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Norwegian Space Agency hacked, Russia blamed\n\nA report said an actor operating from Russia hacked several "
        "US targets, including hospitals and universities.",
    )
    # a headline of two clauses and a noun with its list: the comma ends the cue's phrase
    assert not any(p == "targeted" and s.startswith("Norwegian Space Agency") for s, p, _ in said), said
    assert not any(p == "targeted" and s == "United States" for s, p, _ in said), said
    assert ("an actor", "targeted", "hospitals") in said


def test_an_aside_after_the_cue_leads_to_its_object(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "APT41 targeted, among others, Danish hospitals. APT41 has hacked, in recent months, Danish law firms. "
        "Russian hackers breached, looted, and leaked the networks of Swedish banks.",
    )
    assert ("APT41", "targeted", "Danish hospitals") in said and ("APT41", "targeted", "Danish law firms") in said
    # verbs in a series share the object after the last of them
    assert ("Russian hackers", "targeted", "Swedish banks") in said, said


def test_the_noun_targets_cues_no_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Operatives of the ministry went to great lengths to harass their U.S. targets and spread propaganda "
        "online. Suspected Russian hackers have intensified espionage activities against Danish targets since last "
        "year, with a particular focus on its shipping sector.",
    )
    # "their U.S. targets", "Danish targets": the noun, whose determiner or adjective comes before it
    assert not any(p == "targeted" and s == "United States" for s, p, _ in said), said
    assert not any(p == "targeted" and s == "espionage activities" for s, p, _ in said), said


def test_the_verb_targets_after_its_subject_or_an_adverb_stays(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "APT41 mainly targets Danish hospitals. China targets Norwegian banks. APT10's targets include Swedish "
        "insurers.",
    )
    assert ("APT41", "targeted", "Danish hospitals") in said and ("China", "targeted", "Norwegian banks") in said
    # the noun heading a clause that names the victims is left to the rules that read it
    assert any(s == "APT10" and p == "targeted" and "Swedish insurers" in o for s, p, o in said), said


def test_parties_set_apart_as_other_are_no_end_of_an_attribution(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb,
        "The tradecraft seen in these intrusions overlaps with other state-sponsored Chinese threat groups. An "
        "earlier study attributed the campaign to other threat actors such as APT28, but we consider it a separate "
        "group.",
    )
    # "other" names parties only by their contrast with the one spoken of
    assert not any(p == "attributed_to" and "other" in (s + o).split() for s, p, o in said), said
    assert ("the campaign", "attributed_to", "APT28") in said


def test_parties_named_without_other_stay_ends_of_an_attribution(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb,
        "The tradecraft seen in these intrusions overlaps with state-sponsored Chinese threat groups. Investigators "
        "attributed the intrusion to another Chinese hacking group.",
    )
    assert ("state-sponsored Chinese threat groups", "attributed_to", "China") in said, said
    # "another" names one more party of its own
    assert ("the intrusion", "attributed_to", "another Chinese hacking group") in said, said


def test_no_object_past_the_end_of_the_quotation_that_holds_the_cue(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        '"We see more and more cyber espionage against Norway," the Norwegian Police Security Service and the '
        "Danish Defence Intelligence Service said in their yearly report.",
    )
    # who speaks after the quotation is no victim of the deed inside it
    assert ("cyber espionage", "targeted", "Norway") in said, said
    assert not any(p == "targeted" and o != "Norway" for _, p, o in said), said


def test_a_cue_after_the_quotation_reaches_its_object(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        '"We saw it coming," the service said, adding that APT41 had hacked the Norwegian Police Security Service.',
    )
    assert any(s == "APT41" and p == "targeted" and "Norwegian Police" in o for s, p, o in said), said
    # a quoted term that a list goes on after is no speaker's quotation
    said = _said(
        galaxy_kb,
        'APT41 breached what it called "critical infrastructure," including the Danish harbour authority and '
        "Swedish banks.",
    )
    assert any(s == "APT41" and p == "targeted" and "Swedish banks" in o for s, p, o in said), said
