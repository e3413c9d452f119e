"""A deterministic synthetic caseload for demonstrations, tests and training.

Everything here is invented. Names are drawn at random from pools of forenames and
surnames from many languages, so no real person is described. Phone numbers come only from
Ofcom's drama ranges, crime references start ``SYN/``, IMEIs are random with a correct Luhn
digit, and postcodes use real outward codes with arbitrary inward codes.

``make_caseload(subjects, seed, today)`` returns the same documents, byte for byte, for the
same arguments: it uses its own ``random.Random(seed)`` and gives every list item an explicit
id (the models' default ids are random). Dates are relative to ``today`` so the caseload always
looks current.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Sequence
from typing import Any

from stdnum import luhn

from ..model import (AccountStatus, ActionStatus, AddressType, AliasType,
                     AtRiskGroup, BreachOutcome, CheckResult, ConditionCategory, ConditionKind,
                     DeviceCategory, DeviceStatus, DisclosureDecision, DvdsRoute, Frequency, Gender,
                     Imminence, InvestigationStatus, MappaCategory, MappaLevel, OrderStatus,
                     OrderType, Pillar, Provenance, RelationshipCheckType, RelationshipSource,
                     RelationshipToVictim, ReviewOutcome, ReviewTrigger, RiskLevel, RiskTool,
                     SexOffenderNotification, SocialPlatform, StalkerType, SubjectFile,
                     TacticalOptionType, Team, VehicleRelation, VisitOutcome, VisitType,
                     add_months, add_years)
from ..model.enums import PILLAR_OPTIONS
from ..model.rules import today_london
from ..reference import reference

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "demo_author_for", "make_caseload"]

DEMO_PASSWORD = "spmp-demo"

#: (username, display name, role): three coordinators, two supervisors, one officer.
DEMO_USERS: list[tuple[str, str, str]] = [
    ("mhowell", "Megan Howell", "coordinator"),
    ("tnowicki", "Tomasz Nowicki", "coordinator"),
    ("abalogun", "Adaeze Balogun", "coordinator"),
    ("srahman", "Shireen Rahman", "supervisor"),
    ("gpryce", "Gethin Pryce", "supervisor"),
    ("cobrien", "Ciara O'Brien", "officer"),
]

_COORDINATORS = [u for u in DEMO_USERS if u[2] == "coordinator"]
_SUPERVISORS = [u for u in DEMO_USERS if u[2] == "supervisor"]


def demo_author_for(subject_index: int) -> str:
    """The username of the coordinator who writes the demo plan for subject ``subject_index``."""
    return _COORDINATORS[subject_index % len(_COORDINATORS)][0]


# ---------------------------------------------------------------------------------------------
# Name pools. Forenames: (name, native-script form or None). Surnames: (male form, female
# form, native male, native female). Combined at random within a culture.

_Fn = tuple[str, str | None]
_Sn = tuple[str, str, str | None, str | None]


def _sn(m: str, f: str | None = None, nm: str | None = None, nf: str | None = None) -> _Sn:
    return (m, f or m, nm, nf or nm)


def _plain(names: str) -> list[_Fn]:
    return [(n.strip(), None) for n in names.split(",")]


_CULTURES: dict[str, dict[str, Any]] = {
    "english": {
        "male": _plain("Callum, Darren, Jamie, Stuart, Nathan, Lewis, Craig, Reece, Kieran, Dominic"),
        "female": _plain("Gemma, Leanne, Chloe, Rebecca, Zoë, Hollie, Kirsty, Danielle, Amber"),
        "surnames": [_sn(s) for s in ("Whitlock", "Harrowby", "Pendleton", "Ashworth", "Thwaite",
                                      "Blackmore", "Cartwright", "Fairbrother", "Hebblethwaite",
                                      "Lumb", "Ollerenshaw", "Tattersall")],
    },
    "welsh": {
        "male": _plain("Dafydd, Rhodri, Gruffydd, Iolo, Emyr, Gwilym, Llewelyn, Tomos, Siôn, Meirion"),
        "female": _plain("Siân, Angharad, Eleri, Gwenllïan, Ffion, Nerys, Rhiannon, Carys, Heledd"),
        "surnames": [_sn("Pritchard"), _sn("Prosser"), _sn("Llewelyn"), _sn("Cadwaladr"),
                     _sn("Bowen"), _sn("Treharne"), _sn("Gwynfor")],
        "patronymics": [_sn("ap Gruffydd", "ferch Gruffydd"), _sn("ap Rhys", "ferch Rhys"),
                        _sn("ap Iorwerth", "ferch Iorwerth"), _sn("ap Dafydd", "ferch Dafydd")],
    },
    "polish": {
        "male": _plain("Łukasz, Grzegorz, Paweł, Michał, Przemysław, Jędrzej, Krzysztof"),
        "female": _plain("Małgorzata, Bożena, Agnieszka, Joanna, Jadwiga, Urszula"),
        "surnames": [_sn("Wiśniewski", "Wiśniewska"), _sn("Brzęczyszczykiewicz"),
                     _sn("Kołodziej"), _sn("Dąbrowski", "Dąbrowska"), _sn("Zieliński", "Zielińska"),
                     _sn("Gołębiowski", "Gołębiowska"), _sn("Żółtowski", "Żółtowska"),
                     _sn("Więckowski", "Więckowska")],
    },
    "irish": {
        "male": _plain("Seán, Pádraig, Cathal, Eoin, Ciarán, Tadhg, Oisín"),
        "female": _plain("Siobhán, Aoife, Niamh, Gráinne, Órla, Caoimhe"),
        "surnames": [_sn("Ó Ceallaigh", "Ní Cheallaigh"), _sn("Ó Briain", "Ní Bhriain"),
                     _sn("Mac Cárthaigh", "Nic Cárthaigh"), _sn("Ó Súilleabháin", "Ní Shúilleabháin"),
                     _sn("Ó Dálaigh", "Ní Dhálaigh")],
        "anglicised": {"Ó Ceallaigh": "Kelly", "Ní Cheallaigh": "Kelly", "Ó Briain": "O'Brien",
                       "Ní Bhriain": "O'Brien", "Mac Cárthaigh": "McCarthy",
                       "Nic Cárthaigh": "McCarthy", "Ó Súilleabháin": "O'Sullivan",
                       "Ní Shúilleabháin": "O'Sullivan", "Ó Dálaigh": "Daly", "Ní Dhálaigh": "Daly"},
    },
    "romanian": {
        "male": _plain("Ștefan, Ionuț, Răzvan, Bogdan, Mihăiță, Cătălin"),
        "female": _plain("Ioana, Andreea, Mădălina, Cristina, Roxana, Alexandra"),
        "surnames": [_sn(s) for s in ("Stănescu", "Țurcanu", "Dumitrașcu", "Mocanu", "Bălănescu",
                                      "Constantinescu", "Pârvulescu")],
    },
    "hungarian": {
        "male": _plain("Ödön, Gergő, Bálint, Levente, Zsombor, Csaba"),
        "female": _plain("Zsófia, Réka, Erzsébet, Tünde, Boglárka, Enikő"),
        "surnames": [_sn(s) for s in ("Szőke", "Szűcs", "Bánfalvi", "Gyöngyösi", "Tőkés",
                                      "Halászi", "Pölöskei")],
    },
    "vietnamese": {
        "male": _plain("Văn Minh, Đức Anh, Quang Huy, Minh Tuấn, Thành Long"),
        "female": _plain("Thị Lan, Ngọc Anh, Thu Hà, Thị Hương, Bảo Trâm"),
        "surnames": [_sn(s) for s in ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng")],
    },
    "arabic": {
        "male": [("Omar", "عمر"), ("Khalid", "خالد"), ("Yusuf", "يوسف"), ("Tariq", "طارق"),
                 ("Samir", "سمير"), ("Karim", "كريم")],
        "female": [("Layla", "ليلى"), ("Nour", "نور"), ("Rania", "رانيا"), ("Huda", "هدى"),
                   ("Salma", "سلمى")],
        "surnames": [_sn("Al-Husseini", nm="الحسيني"), _sn("Haddad", nm="حداد"),
                     _sn("Mansour", nm="منصور"), _sn("Al-Khatib", nm="الخطيب"),
                     _sn("Darwish", nm="درويش"), _sn("Al-Masri", nm="المصري")],
    },
    "cyrillic": {
        "male": [("Dmitriy", "Дмитрий"), ("Oleksandr", "Олександр"), ("Andriy", "Андрій"),
                 ("Sergei", "Сергей"), ("Bogdan", "Богдан"), ("Yaroslav", "Ярослав")],
        "female": [("Natalia", "Наталья"), ("Olena", "Олена"), ("Irina", "Ирина"),
                   ("Oksana", "Оксана"), ("Svetlana", "Светлана")],
        "surnames": [_sn("Volkov", "Volkova", "Волков", "Волкова"),
                     _sn("Sokolov", "Sokolova", "Соколов", "Соколова"),
                     _sn("Kovalenko", nm="Коваленко"), _sn("Shevchuk", nm="Шевчук"),
                     _sn("Morozov", "Morozova", "Морозов", "Морозова"),
                     _sn("Hrytsenko", nm="Гриценко")],
    },
    "greek": {
        "male": [("Dimitrios", "Δημήτριος"), ("Giorgos", "Γιώργος"), ("Nikos", "Νίκος"),
                 ("Stavros", "Σταύρος"), ("Thanasis", "Θανάσης")],
        "female": [("Eleni", "Ελένη"), ("Katerina", "Κατερίνα"), ("Sofia", "Σοφία"),
                   ("Despina", "Δέσποινα")],
        "surnames": [_sn("Papadopoulos", "Papadopoulou", "Παπαδόπουλος", "Παπαδοπούλου"),
                     _sn("Georgiou", nm="Γεωργίου"),
                     _sn("Konstantinidis", "Konstantinidou", "Κωνσταντινίδης", "Κωνσταντινίδου"),
                     _sn("Karagiannis", "Karagianni", "Καραγιάννης", "Καραγιάννη")],
    },
    "iberian": {
        "male": _plain("Joaquín, Íñigo, João, Gonçalo, Sebastián, Rodrigo, Tiago"),
        "female": _plain("Inês, María José, Conceição, Begoña, Lucía, Mafalda"),
        "surnames": [_sn(s) for s in ("García Núñez", "Gonçalves", "Magalhães", "Peña Ortiz",
                                      "Araújo", "Ibáñez", "Ferreira-Lindqvist", "Sobral")],
    },
    "nigerian": {
        "male": _plain("Olúwaseun, Babátúndé, Chukwuemeka, Obinna, Ikenna, Adéwálé, Chidiebere"),
        "female": _plain("Adaeze, Ngozi, Fọláké, Chiamaka, Olúwakẹ́mi, Ifeoma"),
        "surnames": [_sn(s) for s in ("Adébáyọ̀", "Okonkwo-Eze", "Ògúnlẹ́yẹ", "Nwachukwu",
                                      "Ọláòṣebìkan", "Onyekachi", "Ezeani")],
    },
    "south_asian": {
        "male": _plain("Arjun, Harpreet, Imran, Rajesh, Gurdeep, Asif, Venkatesh, Tanvir"),
        "female": _plain("Priya, Sunita, Ayesha, Navdeep, Farzana, Lakshmi, Rukhsana"),
        "surnames": [_sn(s) for s in ("Sandhu", "Chaudhry", "Ramanathan", "Bhattacharya",
                                      "Dhaliwal", "Siddiqui", "Rahman", "Mistry")],
    },
    "turkish": {
        "male": _plain("Çağrı, Barış, Oğuz, Emre, Gökhan, Serkan"),
        "female": _plain("Şebnem, Gülşen, Ayşe, Özlem, Müge, Pınar"),
        "surnames": [_sn(s) for s in ("Yılmaz", "Öztürk", "Şahin", "Çelik", "Aydoğdu",
                                      "Karabağlı", "Güneş")],
    },
}
_CULTURE_NAMES = list(_CULTURES)

_FOLD = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ø": "o", "ß": "ss"})

_ANGLICISED_FORENAMES = {"Łukasz": "Luke", "Grzegorz": "Greg", "Paweł": "Paul", "Michał": "Michael",
                         "Krzysztof": "Chris", "Małgorzata": "Margaret", "Joanna": "Jo",
                         "Ștefan": "Steven", "Bogdan": "Bob", "Gergő": "Greg", "Csaba": "Chaz",
                         "Yusuf": "Joe", "João": "John", "Sebastián": "Seb",
                         "Olúwaseun": "Seun", "Chukwuemeka": "Emeka", "Babátúndé": "Tunde",
                         "Çağrı": "Charlie", "Oğuz": "Oz", "Ayşe": "Aisha", "Dafydd": "Dave",
                         "Harpreet": "Harry", "Văn Minh": "Vincent", "Dimitrios": "Jimmy",
                         "Giorgos": "George", "Oleksandr": "Alex", "Sergei": "Serge"}


def _fold(text: str) -> str:
    """ASCII form of a Latin-script name: Wiśniewski -> Wisniewski."""
    text = text.translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# ---------------------------------------------------------------------------------------------
# Places, courts, officers: all invented (outward codes are real, inward codes arbitrary).

_PLACES = [  # (town, outward code, station, court area)
    ("Abertawe", "SA1", "Swansea Central", "Swansea"), ("Cardiff", "CF24", "Cardiff Bay", "Cardiff"),
    ("Newport", "NP20", "Newport Central", "Newport (South East Wales)"),
    ("Wrexham", "LL11", "Wrexham", "Wrexham"), ("Bristol", "BS5", "Trinity Road", "Bristol"),
    ("Leeds", "LS9", "Elland Road", "Leeds"), ("Bradford", "BD7", "Trafalgar House", "Bradford"),
    ("Manchester", "M14", "Longsight", "Manchester and Salford"),
    ("Birmingham", "B11", "Sparkhill", "Birmingham"), ("Sheffield", "S2", "Snig Hill", "Sheffield"),
    ("Leicester", "LE2", "Euston Street", "Leicester"), ("Nottingham", "NG7", "Radford Road", "Nottingham"),
    ("London", "E17", "Chingford", "Thames"), ("London", "SE15", "Peckham", "Camberwell Green"),
    ("London", "N15", "Tottenham", "Highbury Corner"), ("Liverpool", "L8", "St Anne Street", "Liverpool"),
    ("Luton", "LU1", "Luton", "Luton and South Bedfordshire"), ("Coventry", "CV6", "Stoney Stanton Road", "Coventry"),
]
_STREETS = ["Heol y Bryn", "Larkspur Close", "Tannery Row", "Quarry Bank Lane", "Ffordd Penrhiw",
            "Kestrel Way", "Mill Leat Road", "Coppergate Mews", "Saltings Terrace", "Lon Gwenyn",
            "Osier Walk", "Ropewalk Street", "Cinderhill Avenue", "Bramblefield Drive", "Wharfedale Rise",
            "Clos yr Onnen", "Hobart Gardens", "Vetch Close", "Pennywort Crescent", "Lamplighter Yard",
            "Gorsedd Place", "Foundry Lane", "Tinplate Street", "Heron Reach"]
_BOUNDARY_ROADS = ["Station Approach", "the railway line", "the river embankment path", "Market Street",
                   "the ring road", "Canal Side", "Castle Hill", "the northern bypass", "Chapel Lane",
                   "Victoria Parade", "the park's eastern boundary", "High Street"]
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_OFFICERS = ["PC Owain Treharne", "PC Kasia Lewandowska", "DC Abimbola Hart", "PC Ruairí Breen",
             "PS Nadia Qureshi", "PC Emyr Watkins", "DC Hollie Stanton", "PC Tomás Ferreira",
             "PC Duc Anh Tran", "PCSO Gethin Morse", "PC Marta Szabó", "DC Femi Adeyinka"]
_DECISION_MAKERS = ["DI Rhiannon Vaughan-Price", "DI Marek Jabłoński", "DCI Folasade Ilori",
                    "DI Cormac Ó Faoláin"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
_NETWORKS = ["EE", "Vodafone UK", "O2", "Three", "giffgaff", "Lebara", "Tesco Mobile", "VOXI"]
_MEMORY_FIRST = "ABCDEFGHJKLMNOPRSTUVWXY"  # no I, Q, Z
_RANDOM_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXYZ"  # no I, Q
_PREFIX_LETTERS = "ABCDEFGHJKLMNPRSTVWXY"
_NI_CODES = ["IA", "IB", "IG", "IJ", "IL", "AZ", "BZ", "CZ", "DZ", "FZ", "GZ", "HZ", "JZ", "KZ",
             "LZ", "MZ", "NZ", "OI", "PZ", "RZ", "SZ", "TZ", "UZ", "WZ", "XI", "YZ"]

_DEVICES: dict[DeviceCategory, list[tuple[str, str]]] = {
    DeviceCategory.PHONE: [("Samsung", "Galaxy A15"), ("Samsung", "Galaxy A35"), ("Apple", "iPhone 13"),
                           ("Apple", "iPhone 15"), ("Motorola", "moto g54"), ("Google", "Pixel 7a"),
                           ("Xiaomi", "Redmi Note 13"), ("Nokia", "105 4G"), ("Doro", "6820")],
    DeviceCategory.TABLET: [("Apple", "iPad (9th generation)"), ("Samsung", "Galaxy Tab A9"),
                            ("Amazon", "Fire HD 10")],
    DeviceCategory.LAPTOP: [("Lenovo", "IdeaPad 3"), ("HP", "15s"), ("Dell", "Inspiron 15"),
                            ("Apple", "MacBook Air M2"), ("Acer", "Aspire 5")],
    DeviceCategory.DESKTOP: [("Dell", "OptiPlex 3000"), ("HP", "Pavilion TP01"), ("Custom build", "")],
    DeviceCategory.CONSOLE: [("Sony", "PlayStation 5"), ("Microsoft", "Xbox Series S"), ("Nintendo", "Switch")],
    DeviceCategory.SMART_WATCH: [("Apple", "Watch SE"), ("Garmin", "Forerunner 55"), ("Samsung", "Galaxy Watch6")],
    DeviceCategory.ROUTER: [("BT", "Smart Hub 2"), ("Virgin Media", "Hub 5"), ("TP-Link", "Archer AX55")],
}
_BASIC_PHONES = {"105 4G", "6820"}
_CARS = [("Ford", "Focus"), ("Vauxhall", "Corsa"), ("Volkswagen", "Golf"), ("Toyota", "Yaris"),
         ("Nissan", "Qashqai"), ("BMW", "1 Series"), ("Kia", "Sportage"), ("Peugeot", "208"),
         ("Skoda", "Octavia"), ("Ford", "Transit Custom"), ("Honda", "Jazz"), ("Dacia", "Sandero")]
_COLOURS = ["Blue", "Black", "Silver", "Grey", "White", "Red", "Green", "Bronze"]

_LEVEL_WEIGHTS = [(RiskLevel.VERY_HIGH, 10), (RiskLevel.HIGH, 25), (RiskLevel.MEDIUM, 35),
                  (RiskLevel.LOW, 30)]
_VISIT_MONTHS = {RiskLevel.VERY_HIGH: 1, RiskLevel.HIGH: 2, RiskLevel.MEDIUM: 3, RiskLevel.LOW: 6}
_VISIT_FREQUENCY = {RiskLevel.VERY_HIGH: Frequency.FORTNIGHTLY, RiskLevel.HIGH: Frequency.MONTHLY,
                    RiskLevel.MEDIUM: Frequency.EVERY_3_MONTHS, RiskLevel.LOW: Frequency.EVERY_6_MONTHS}

# Orders other than SPO/ISPO: every one appears in each block of 24 subjects.
_OTHER_TYPES = [t for t in OrderType if t not in (OrderType.SPO, OrderType.ISPO)]
_STANDALONE_OK = {OrderType.SCPO, OrderType.ISCPO, OrderType.FMPO, OrderType.FGMPO, OrderType.STPO,
                  OrderType.ISTPO, OrderType.STRO, OrderType.ISTRO, OrderType.DAPO, OrderType.DAPN}
_NO_VICTIM_TYPES = {OrderType.SCPO, OrderType.ISCPO, OrderType.STPO, OrderType.ISTPO,
                    OrderType.STRO, OrderType.ISTRO}
_REVIEW_BUCKETS = ["overdue", "soon", "future", "future", "none", "future", "future", "soon",
                   "future", "overdue"]


def _weighted(rng: random.Random, pairs: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


class _Person:
    """A generated name with its culture, gender and alias material."""

    def __init__(self, rng: random.Random, culture: str, gender: Gender, patronymic: bool = False) -> None:
        pool = _CULTURES[culture]
        female = gender is Gender.FEMALE
        forename, native_fn = rng.choice(pool["female" if female else "male"])
        surnames = pool["patronymics"] if patronymic and "patronymics" in pool else pool["surnames"]
        m, f, nm, nf = rng.choice(surnames)
        if forename in m:  # no "Gruffydd ap Gruffydd"
            m, f, nm, nf = next(x for x in surnames if forename not in x[0])
        self.culture, self.gender = culture, gender
        self.forenames, self.surname = forename, (f if female else m)
        self.native = f"{native_fn} {nf if female else nm}" if native_fn and nm else None
        self.anglicised_surname = pool.get("anglicised", {}).get(self.surname)

    @property
    def full(self) -> str:
        return f"{self.forenames} {self.surname}"

    @property
    def first(self) -> str:
        return self.forenames.split()[0] if self.culture != "vietnamese" else self.forenames.split()[-1]


_PRONOUNS = {True: {"he": "she", "him": "her", "his": "her", "He": "She", "His": "Her"},
             False: {"he": "he", "him": "him", "his": "his", "He": "He", "His": "His"}}


def _sentence(text: str) -> str:
    """First letter upper case and a full stop; the rest as written (TecSOS, MARAC)."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


# ---------------------------------------------------------------------------------------------
# Wording pools.

_OPENINGS = {
    RelationshipToVictim.EX_INTIMATE: [
        "{S} and {V} were in a relationship for {n} years; {V_first} ended it in {ended}.",
        "{S} lived with {V} for {n} years. After the relationship ended in {ended} {s_he} refused to accept that it was over.",
        "{S} had a brief relationship with {V}, which {V_first} ended in {ended}.",
    ],
    RelationshipToVictim.ACQUAINTANCE: [
        "{S} knew {V} through work; they had been colleagues for {n} years.",
        "{S} met {V} at a gym they both attended and became fixated on {v_him} after a handful of conversations.",
        "{S} was a neighbour of {V} until a dispute over parking in {ended}.",
    ],
    RelationshipToVictim.STRANGER: [
        "{S} had no previous connection with {V}; {s_he} first noticed {v_him} on a bus route in {ended}.",
        "{S} first saw {V} at the shop where {v_he} works and had never spoken to {v_him} before.",
    ],
    RelationshipToVictim.FAMILY: [
        "{V} is a relative of {S}; the family had been estranged since {ended}.",
        "{S} is the {rel_word} of {V} and turned against {v_him} after a family bereavement in {ended}.",
    ],
    RelationshipToVictim.PUBLIC_FIGURE: [
        "{V} presents a programme on local radio; {S} has never met {v_him}.",
        "{V} is a local councillor whom {S} blames for losing {s_his} tenancy.",
    ],
}
_BEHAVIOURS = [
    "Over the following {m} months {s_he} sent more than {k} messages and voicemails, many of them overnight.",
    "{s_He} repeatedly attended {V_first}'s home address and waited outside {v_his} workplace at the end of {v_his} shift.",
    "After being blocked, {s_he} created at least {c} new social media accounts to follow {V_first} and comment on {v_his} posts.",
    "{s_He} contacted {V_first}'s friends and family to find out where {v_he} was living.",
    "{s_He} left letters and gifts on {V_first}'s car and at {v_his} parents' home.",
    "{s_He} turned up at the gym and the supermarket {V_first} uses, apparently knowing {v_his} routine.",
    "A tracking device was found under {V_first}'s car; {s_he} admitted buying one online.",
    "{s_He} made repeated silent calls from withheld numbers and ordered goods in {V_first}'s name.",
    "{s_He} posted photographs of {V_first} taken without {v_his} knowledge, with comments about where {v_he} had been.",
]
_IMPACTS = [
    "{V_first} has changed {v_his} route to work and no longer goes out alone after dark.",
    "{V_first} has moved address twice and reports severe anxiety and loss of sleep.",
    "{V_first} describes being in constant fear that {S_first} will appear without warning.",
    "{V_first} has had to take extended sick leave and has withdrawn from social media.",
]
_LEGAL = [
    "{s_He} was arrested for stalking (Protection from Harassment Act 1997 s2A); the CPS did not authorise a charge and the force applied for an order.",
    "{s_He} was convicted of stalking involving fear of violence (s4A) and the order was made on conviction.",
    "A police information notice had no effect, and the force applied for an order to protect {V_first}.",
    "{s_He} was charged with harassment; the force applied for an interim order while the case is heard.",
]
_INDEX_OFFENCES = {
    "stalking": ["Stalking (PHA 1997 s2A)", "Stalking involving fear of violence (PHA 1997 s4A)",
                 "Harassment (PHA 1997 s2)", "Sending a communication with intent to cause distress",
                 "Criminal damage to the victim's car", "Breach of a non-molestation order"],
    "sexual": ["Sexual communication with a child (SOA 2003 s15A)",
               "Making indecent photographs of children (PCA 1978 s1)", "Voyeurism (SOA 2003 s67)",
               "Exposure (SOA 2003 s66)"],
    "organised": ["Conspiracy to supply a controlled drug of Class A", "Money laundering (POCA 2002 s327)",
                  "Holding a person in slavery or servitude (MSA 2015 s1)",
                  "Arranging travel with a view to exploitation (MSA 2015 s2)"],
    "family": ["Forced marriage concerns reported by the school", "Risk of female genital mutilation identified by health visitor",
               "Controlling or coercive behaviour (SCA 2015 s76)", "Assault occasioning actual bodily harm"],
}
_SAFEGUARDING = [
    "TecSOS alarm issued", "IDVA referral accepted", "ISAC referral to the stalking advocacy service",
    "safety plan reviewed monthly with the victim", "target hardening (door and window locks) completed",
    "address marker set for a priority response", "doorbell camera fitted", "victim briefed on the order's terms and how to report a breach",
    "MARAC referral made", "workplace security team briefed with the victim's consent",
    "child's school informed and collection arrangements agreed", "victim supported to change phone number",
]
_PROTECTIVE = [
    "Stable employment and a supportive sibling.", "Engages with probation and attends appointments.",
    "Has moved to a different town from the victim.", "Abstinent from alcohol for over a year.",
    "Taking prescribed medication and under the care of the community mental health team.",
    "Responds well to firm boundaries set at visits.", "New partner is aware of the order.",
    "No breaches recorded since the order was made.",
]
_SCENARIOS = [
    "Renewed contact with {V} after a trigger such as {v_his} new relationship, escalating to confrontation at {v_his} home or workplace; harm would be psychological (fear, alarm, distress) with a risk of physical assault.",
    "{S_first} monitors {V} through proxy accounts and mutual friends, then turns up where {v_he} is expected to be; the likely harm is serious psychological harm and a loss of {v_his} sense of safety.",
    "If {S_first} loses {s_his} accommodation or relapses into drinking, {s_he} is likely to seek out {V} to blame {v_him}, with threats and damage to property.",
    "Around significant dates (anniversaries, court hearings) {S_first} is likely to send letters or gifts to {V}; harm is psychological, with a low chance of violence unless {s_he} is refused.",
    "{S_first} uses third parties to pass messages to {V}, making breaches hard to prove; harm is cumulative distress and isolation.",
]
_THEMED_SCENARIOS = {
    "fmpo": ["{V} is taken abroad during the school holidays and forced into a marriage; harm is serious "
             "physical, sexual and psychological harm, with isolation from support.",
             "Pressure from relatives to agree to a marriage escalates to threats and confinement at home."],
    "fgmpo": ["{V} is taken abroad, or to someone in the UK, to undergo female genital mutilation; the harm "
              "is serious, lasting physical and psychological harm."],
    "domestic": ["{S_first} returns to {V}'s address after drinking, leading to threats, damage and assault; "
                 "harm is physical and psychological, with any children in the home exposed to it.",
                 "Controlling behaviour resumes through money, phone checks and isolation from friends."],
    "sexual": ["{S_first} seeks contact with {V} online or through family members, leading to sexual "
               "communication or abuse."],
}
_GROUP_SCENARIOS = {
    AtRiskGroup.CHILDREN: "Online contact with children through gaming platforms or social media, leading to sexual communication or grooming.",
    AtRiskGroup.PUBLIC: "Targeting a new person in the community with the same pattern of fixation and unwanted contact.",
    AtRiskGroup.KNOWN_ADULT: "A new partner becomes the focus of controlling and jealous behaviour, repeating the pattern seen with previous partners.",
    AtRiskGroup.STAFF: "Abusive and threatening contact with staff who enforce the order, especially after a refused request.",
}
_INVESTIGATION_SUMMARIES = [
    "Suspected breach: message passed to the victim through a mutual friend.",
    "Victim reported seeing the subject near {v_his} workplace; CCTV requested.",
    "New social media account found following the victim; attribution enquiries with the platform.",
    "Report of criminal damage to the victim's car overnight; forensic examination requested.",
    "Anonymous letter delivered to the victim's parents' address; handwriting comparison ongoing.",
    "Intelligence that the subject has a second, undeclared phone.",
]
_STRATEGIES = [
    "Monthly open-source review of the subject's declared social media accounts.",
    "Device inspection at each home visit, checking browsing history is retained.",
    "Quarterly liaison with probation to share compliance information.",
    "Check ANPR hits against the exclusion zone each month.",
    "Confirm the subject's notified address with the housing provider.",
    "Refer to MAPPA for consideration at level 2 if further concerns arise.",
    "Verify sign-on compliance with the station front counter weekly.",
    "Review the order's terms with the CPS ahead of the renewal date.",
]
_VISIT_NOTES = {
    VisitOutcome.SEEN_COMPLIANT: ["Subject seen at home, devices inspected, no concerns.",
                                  "Seen with partner present; address and vehicle details confirmed.",
                                  "Compliant; history retained on the phone and laptop."],
    VisitOutcome.SEEN_CONCERNS_IDENTIFIED: ["Browsing history on the laptop had been cleared; referred to the OIC.",
                                            "Subject evasive about a second phone seen on the table."],
    VisitOutcome.NO_REPLY: ["No reply; calling card left.", "Lights on but no answer; neighbours not spoken to."],
    VisitOutcome.ACCESS_REFUSED: ["Subject refused entry and would not show devices; reminded of the requirement."],
    VisitOutcome.NOT_RESIDING_AT_ADDRESS: ["Landlord states the subject left two weeks ago; enquiries to trace."],
    VisitOutcome.NEW_INFORMATION_NOTIFIED: ["Subject notified a new phone number and a new relationship."],
    VisitOutcome.ARRESTED: ["Arrested on suspicion of breaching the order after victim's report earlier that day."],
    VisitOutcome.ABORTED_SAFETY: ["Aborted: dog loose at the address and subject aggressive at the window."],
    VisitOutcome.SUBJECT_IN_CUSTODY_OR_HOSPITAL: ["Subject admitted to hospital under the Mental Health Act."],
}
_VISIT_WEIGHTS = [(VisitOutcome.SEEN_COMPLIANT, 60), (VisitOutcome.SEEN_CONCERNS_IDENTIFIED, 10),
                  (VisitOutcome.NO_REPLY, 12), (VisitOutcome.ACCESS_REFUSED, 3),
                  (VisitOutcome.NOT_RESIDING_AT_ADDRESS, 3), (VisitOutcome.NEW_INFORMATION_NOTIFIED, 6),
                  (VisitOutcome.ARRESTED, 2), (VisitOutcome.ABORTED_SAFETY, 2),
                  (VisitOutcome.SUBJECT_IN_CUSTODY_OR_HOSPITAL, 2)]
_BREACH_WEIGHTS = [(BreachOutcome.UNDER_INVESTIGATION, 15), (BreachOutcome.NO_BREACH_FOUND, 8),
                   (BreachOutcome.NFA_INSUFFICIENT_EVIDENCE, 15), (BreachOutcome.NFA_REASONABLE_EXCUSE, 4),
                   (BreachOutcome.NFA_PUBLIC_INTEREST, 3), (BreachOutcome.CHARGED, 15),
                   (BreachOutcome.CONVICTED, 18), (BreachOutcome.ACQUITTED, 4), (BreachOutcome.CAUTIONED, 5),
                   (BreachOutcome.WANTED_OUTSTANDING, 4), (BreachOutcome.FURTHER_OFFENCES_CHARGED, 5),
                   (BreachOutcome.VARIATION_SOUGHT, 4)]


# ---------------------------------------------------------------------------------------------


class _SubjectBuilder:
    """Builds one subject's file as plain data; ``make_caseload`` validates it."""

    def __init__(self, rng: random.Random, today: dt.date, plate_day: dt.date, index: int,
                 culture: str, round_: int, extra: OrderType | None, crime_counter: list[int]) -> None:
        self.rng, self.today, self.plate_day, self.n = rng, today, plate_day, index + 1
        self.index, self.culture, self.round, self.extra = index, culture, round_, extra
        self.crime_counter = crime_counter
        self.sid = f"SUB-{self.n:04d}"
        self.tag = f"{self.n:04d}"
        self.counters: dict[str, int] = {}

    # helpers -------------------------------------------------------------------------------

    def id(self, prefix: str) -> str:
        k = self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}-{self.tag}-{k}"

    def days_ago(self, lo: int, hi: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(lo, hi))

    def between(self, a: dt.date, b: dt.date) -> dt.date:
        if b <= a:
            return a
        return a + dt.timedelta(days=self.rng.randint(0, (b - a).days))

    def crime_ref(self, on: dt.date) -> str:
        self.crime_counter[0] += 1
        return f"SYN/CR/{self.crime_counter[0]:04d}/{on.year % 100:02d}"

    def phone(self) -> str:
        if self.rng.random() < 0.85:
            return f"+447700900{self.rng.randint(0, 999):03d}"
        return f"+4420794600{self.rng.randint(0, 99):02d}"

    def imei(self, used: set[str]) -> str:
        while True:
            payload = self.rng.choice(["35", "86"]) + "".join(str(self.rng.randint(0, 9)) for _ in range(12))
            value = payload + luhn.calc_check_digit(payload)
            if value not in used:
                used.add(value)
                return value

    def postcode(self, outward: str) -> str:
        r = self.rng
        return f"{outward} {r.randint(0, 9)}{r.choice(_INWARD_LETTERS)}{r.choice(_INWARD_LETTERS)}"

    def vrm(self) -> str:
        r = self.rng
        kind = _weighted(r, [("current", 80), ("prefix", 7), ("suffix", 3), ("dateless", 3), ("ni", 7)])
        if kind == "current":
            latest = self.plate_day.year % 100
            while True:
                yy = r.randint(max(2, latest - 18), latest)
                age = yy if r.random() < 0.5 else yy + 50
                march, september = _latest_issued(self.plate_day)
                if 2 <= age <= march or 51 <= age <= september:
                    break
            return (f"{r.choice(_MEMORY_FIRST)}{r.choice(_MEMORY_FIRST)}{age:02d}"
                    f"{''.join(r.choice(_RANDOM_LETTERS) for _ in range(3))}")
        if kind == "prefix":
            return f"{r.choice(_PREFIX_LETTERS)}{r.randint(1, 999)}{''.join(r.choice('ABCDEFGHJKLMNPRSTUVWXY') for _ in range(3))}"
        if kind == "suffix":
            return f"{''.join(r.choice('ABCDEFGHJKLMNPRSTUVWXY') for _ in range(3))}{r.randint(1, 999)}{r.choice(_PREFIX_LETTERS)}"
        if kind == "dateless":
            letters = "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXY") for _ in range(3))
            return f"{r.randint(1, 999)}{letters}" if r.random() < 0.5 else f"{letters}{r.randint(1, 99)}"
        return f"{r.choice('ABCDEFGHJKLMNPRSTUVWXY')}{r.choice(_NI_CODES)}{r.randint(1, 9999)}"

    def level(self) -> RiskLevel:
        return _weighted(self.rng, _LEVEL_WEIGHTS)

    # the subject -----------------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        r = self.rng
        gender = Gender.FEMALE if r.random() < 0.18 else Gender.MALE
        patronymic = self.culture == "welsh" and (self.round % 2 == 0 or r.random() < 0.4)
        self.person = _Person(r, self.culture, gender, patronymic)
        self.place = r.choice(_PLACES)
        self.orders_plan()
        self.victims = self.make_victims()
        self.make_orders()
        subject = self.make_subject()
        part1 = self.make_part1()
        part2 = self.make_part2()
        part3 = self.make_part3(part2)
        relationships = self.make_relationships()
        history, next_due = self.make_history()
        plan = {
            "subject": subject, "protected_persons": [v["model"] for v in self.victims],
            "orders": self.orders, "part1": part1, "part2": part2, "part3": part3,
            "relationships": relationships, "next_review_due": next_due,
        }
        return {"plan": plan, "history": history}

    def orders_plan(self) -> None:
        """Which order types this subject is under."""
        r = self.rng
        types: list[OrderType] = []
        extra = self.extra
        standalone = extra in _STANDALONE_OK and r.random() < 0.5
        if not standalone:
            if self.index % 24 == 16 or r.random() < 0.12:
                if r.random() < 0.4:
                    types.append(OrderType.ISPO)  # superseded interim, then the full order
                    types.append(OrderType.SPO)
                else:
                    types.append(OrderType.ISPO)
            else:
                types.append(OrderType.SPO)
        if extra is not None:
            types.append(extra)
            if extra is OrderType.SHPO and r.random() < 0.6:
                types.append(OrderType.RSO_NOTIFICATION)
            if extra is OrderType.RSO_NOTIFICATION and r.random() < 0.5:
                types.insert(len(types) - 1, OrderType.SHPO)
        self.types = types
        self.sexual = any(t in types for t in (OrderType.SHPO, OrderType.ISHPO, OrderType.SRO,
                                              OrderType.ISRO, OrderType.RSO_NOTIFICATION))
        self.stalking = any(t in types for t in (OrderType.SPO, OrderType.ISPO))
        if self.stalking:
            self.kind = "stalking"
        elif any(t in types for t in (OrderType.FMPO, OrderType.FGMPO, OrderType.DAPO, OrderType.DAPN)):
            self.kind = "family" if any(t in types for t in (OrderType.FMPO, OrderType.FGMPO)) else "domestic"
        elif self.sexual:
            self.kind = "sexual"
        else:
            self.kind = "organised"

    def make_victims(self) -> list[dict[str, Any]]:
        r = self.rng
        if self.kind == "organised":
            self.relationship = RelationshipToVictim.STRANGER
            return []
        if self.kind in ("family", "domestic"):
            count = 1
        elif self.kind == "sexual" and not self.stalking:
            count = r.choice([0, 1])
        else:
            count = _weighted(r, [(1, 70), (2, 25), (3, 5)])
        out = []
        if self.kind == "family":
            rel = RelationshipToVictim.FAMILY
        elif self.kind == "domestic":
            rel = RelationshipToVictim.EX_INTIMATE
        else:
            rel = _weighted(r, [(RelationshipToVictim.EX_INTIMATE, 55), (RelationshipToVictim.ACQUAINTANCE, 22),
                                (RelationshipToVictim.STRANGER, 12), (RelationshipToVictim.FAMILY, 6),
                                (RelationshipToVictim.PUBLIC_FIGURE, 5)])
        self.relationship = rel
        for k in range(count):
            v_rel = rel if k == 0 else _weighted(r, [(rel, 2), (RelationshipToVictim.FAMILY, 1),
                                                      (RelationshipToVictim.ACQUAINTANCE, 1)])
            if rel is RelationshipToVictim.EX_INTIMATE and k == 0:
                vg = Gender.MALE if self.person.gender is Gender.FEMALE else Gender.FEMALE
                if r.random() < 0.08:
                    vg = self.person.gender
            else:
                vg = Gender.FEMALE if r.random() < 0.7 else Gender.MALE
            culture = self.culture if r.random() < 0.35 else r.choice(_CULTURE_NAMES)
            p = _Person(r, culture, vg)
            if self.kind == "family":
                age = r.randint(6, 19)
            else:
                age = r.randint(19, 64)
            dob = self.today - dt.timedelta(days=age * 365 + r.randint(0, 364))
            prefs = r.choice([
                "Prefers contact through the IDVA; safe word agreed.",
                "Text first, then call; do not leave voicemails.",
                "Contact through the stalking advocate (ISAC) only.",
                "Calls to the work mobile during office hours; never visit at home unannounced.",
                "Contact through the child's social worker.", "",
            ])
            theme = self.kind
            if self.kind == "family":
                theme = "fmpo" if OrderType.FMPO in self.types else "fgmpo"
            out.append({"person": p, "rel": v_rel, "theme": theme, "model": {
                "id": self.id("PP"), "name": p.full, "relationship": v_rel, "date_of_birth": dob,
                "contact_preferences": prefs}})
        if not out:
            self.relationship = RelationshipToVictim.STRANGER
        return out

    def family_child(self, theme: str) -> dict[str, Any]:
        """A child in the subject's family protected by an FMPO or FGMPO made alongside other orders."""
        r = self.rng
        p = _Person(r, self.culture, Gender.FEMALE if r.random() < 0.85 else Gender.MALE)
        age = r.randint(6, 17) if theme == "fgmpo" else r.randint(14, 19)
        v = {"person": p, "rel": RelationshipToVictim.FAMILY, "theme": theme, "model": {
            "id": self.id("PP"), "name": p.full, "relationship": RelationshipToVictim.FAMILY,
            "date_of_birth": self.today - dt.timedelta(days=age * 365 + r.randint(0, 364)),
            "contact_preferences": "Contact through the child's social worker."}}
        self.victims.append(v)
        return v

    # orders ----------------------------------------------------------------------------------

    def make_orders(self) -> None:
        r = self.rng
        self.orders: list[dict[str, Any]] = []
        anchor = self.days_ago(30, 1095)  # the main order's date
        convicted = anchor - dt.timedelta(days=r.randint(0, 400)) if self.stalking else anchor
        main_done = False
        for t in self.types:
            if t is OrderType.ISPO and OrderType.SPO in self.types:
                spo_made = anchor
                made = spo_made - dt.timedelta(days=r.randint(35, 120))
                self.add_order(t, made, end=spo_made, status=OrderStatus.SUPERSEDED)
                continue
            if t.is_interim:
                made = self.days_ago(1, 60) if t is not OrderType.DAPN else self.days_ago(0, 25)
            elif t is OrderType.RSO_NOTIFICATION or t is OrderType.SHPO:
                made = convicted  # made on conviction, with notification from the same day
            elif not main_done:
                made, main_done = anchor, True
            else:
                made = self.between(anchor, self.today - dt.timedelta(days=10))
            self.add_order(t, made)

    def end_for(self, t: OrderType, made: dt.date) -> tuple[dt.date | None, OrderStatus]:
        r = self.rng
        status = _weighted(r, [(OrderStatus.IN_FORCE, 85), (OrderStatus.VARIED, 10), (OrderStatus.RENEWED, 5)])
        if t is OrderType.DAPN:
            end = made + dt.timedelta(days=2)
            return end, (OrderStatus.INTERIM_IN_FORCE if end >= self.today else OrderStatus.EXPIRED)
        if t.is_interim:
            return made + dt.timedelta(days=r.randint(60, 180)), OrderStatus.INTERIM_IN_FORCE
        lo, hi = reference().duration_limits(t.value, made)
        if t is OrderType.RSO_NOTIFICATION:
            years = r.choice([None, None, 5, 7, 10])
        elif hi:
            years = r.randint(max(lo or 1, 3), hi)
        else:
            choices: list[int | None] = [None, lo or 2, (lo or 2) + 1, (lo or 2) + 3]
            years = r.choice(choices)
        if years is None:
            return None, status
        end = add_years(made, years)
        if end < self.today + dt.timedelta(days=30):  # keep the caseload current
            extra = years + 2
            end = add_years(made, extra if not hi else hi)
            if end < self.today + dt.timedelta(days=30):
                return (None, status) if not hi else (end, OrderStatus.EXPIRED)
        return end, status

    def add_order(self, t: OrderType, made: dt.date, end: dt.date | None = None,
                  status: OrderStatus | None = None) -> None:
        r = self.rng
        if status is None:
            end, status = self.end_for(t, made)
        served: dt.date | None = min(made + dt.timedelta(days=r.choice([0, 0, 0, 1, 2, 5])), self.today)
        if t is OrderType.ISPO and status is OrderStatus.INTERIM_IN_FORCE and r.random() < 0.2:
            served = None
        if t is OrderType.RSO_NOTIFICATION:
            served = made
        order_id = self.id("ORD")
        conditions = self.conditions_for(t, made, end)
        town, _, station, area = self.place
        if t in (OrderType.FMPO, OrderType.FGMPO):
            court = f"Family Court at {town if town != 'Abertawe' else 'Swansea'}"
        elif t is OrderType.DAPN:
            court = f"Notice given by a superintendent ({station})"
        elif t in (OrderType.SHPO, OrderType.STPO, OrderType.RSO_NOTIFICATION, OrderType.RESTRAINING_ORDER,
                   OrderType.SCPO, OrderType.ISCPO):
            court = f"{town if town not in ('Abertawe', 'London') else ('Swansea' if town == 'Abertawe' else 'Southwark')} Crown Court"
        else:
            court = f"{area} Magistrates' Court"
        notes = ""
        if t is OrderType.RSO_NOTIFICATION:
            notes = ("Notification requirements " + ("for an indefinite period" if end is None else
                     f"until {end.strftime('%d/%m/%Y')}") + " following conviction; annual notification at "
                     f"{station} police station.")
        elif status is OrderStatus.SUPERSEDED:
            notes = "Interim order superseded when the full order was made."
        elif status is OrderStatus.VARIED:
            notes = "Varied on the chief officer's application to extend the exclusion zone."
        elif t is OrderType.ISPO and OrderType.SPO not in self.types:
            notes = "Full hearing listed; interim order until the application is determined."
        self.orders.append({
            "id": order_id, "order_type": t, "court": court,
            "case_number": "" if t is OrderType.DAPN else f"SYN/{made.year}/{r.randint(1, 9999):04d}",
            "date_made": made, "date_served": served, "end_date": end, "status": status,
            "conditions": conditions, "notes": notes,
        })

    def cond(self, kind: ConditionKind, category: ConditionCategory, wording: str,
             victims: Sequence[dict[str, Any]] = (), start: dt.date | None = None,
             end: dt.date | None = None) -> dict[str, Any]:
        return {"id": self.id("CON"), "kind": kind, "category": category, "wording": wording,
                "start_date": start, "end_date": end,
                "protected_person_ids": [v["model"]["id"] for v in victims]}

    def conditions_for(self, t: OrderType, made: dt.date, end: dt.date | None) -> list[dict[str, Any]]:
        r = self.rng
        P, R = ConditionKind.PROHIBITION, ConditionKind.REQUIREMENT
        C = ConditionCategory
        vs = [v for v in self.victims if v["theme"] == self.kind or self.kind == "family"]
        if t in (OrderType.FMPO, OrderType.FGMPO):
            theme = t.value.lower()
            vs = [v for v in self.victims if v["theme"] == theme] or [self.family_child(theme)]
        names = " or ".join(v["person"].full for v in vs) if vs else ""
        town, _, station, _ = self.place
        day = r.choice(_DAYS)
        out: list[dict[str, Any]] = []
        defendant = "respondent" if t in (OrderType.FMPO, OrderType.FGMPO, OrderType.DAPO, OrderType.DAPN) else "defendant"

        def zone() -> str:
            a, b, c, d = r.sample(_BOUNDARY_ROADS, 4)
            return (f"The {defendant} is prohibited from entering the area of {town} bounded by {a}, {b}, "
                    f"{c} and {d}, as shown edged red on the map annexed to this order, including travelling "
                    "through it in a vehicle.")

        if t in (OrderType.SPO, OrderType.ISPO, OrderType.RESTRAINING_ORDER):
            if vs:
                out.append(self.cond(P, C.NO_CONTACT, (
                    f"The defendant is prohibited from contacting {names} directly or indirectly by any "
                    "means, including via third parties or social media."), vs))
                if r.random() < 0.7:
                    out.append(self.cond(P, C.EXCLUSION_ZONE, zone(), vs))
                if r.random() < 0.5:
                    metres = r.choice([50, 100, 200, 250])
                    out.append(self.cond(P, C.PROXIMITY, (
                        f"The defendant is prohibited from approaching within {metres} metres of {names}, "
                        "and from watching, following, loitering near or keeping under surveillance any "
                        "place where the defendant knows or believes that person to be living, working or "
                        "studying."), vs))
            if t is not OrderType.RESTRAINING_ORDER:
                pool = [
                    (P, C.SOCIAL_MEDIA_REFERENCE,
                     f"The defendant is prohibited from posting, sharing or publishing anything that refers "
                     f"to {names or 'any protected person'}, by name or by description, on any social media "
                     "platform, website or messaging service.", True),
                    (P, C.DEVICE_HISTORY,
                     "The defendant must not use any device capable of accessing the internet unless it "
                     "retains and displays its browsing history, and must not delete that history.", False),
                    (R, C.ACCOUNT_PASSWORD_ACCESS,
                     "The defendant must make any device capable of accessing the internet available for "
                     "inspection on request by a police officer, and must give the officer any password, "
                     "PIN or passcode needed to access it or any social media account.", False),
                    (P, C.OTHER,
                     f"The defendant is prohibited from taking, recording or keeping any photograph or video "
                     f"of {names or 'any protected person'}.", True),
                    (R, C.PROGRAMME,
                     "The defendant must attend and engage with an assessment for a perpetrator programme "
                     "(such as MASIP) as arranged by the police and, if assessed as suitable, attend and "
                     "complete that programme.", False),
                    (R, C.MH_ASSESSMENT,
                     "The defendant must attend and engage with a mental health assessment arranged by the "
                     "community mental health team within 28 days of service of this order.", False),
                    (R, C.PROGRAMME,
                     "The defendant must attend and engage with an assessment for a drug and alcohol "
                     "programme within 21 days of service of this order.", False),
                    (R, C.SURRENDER_DEVICE,
                     f"The defendant must surrender to a police officer at {station} police station, within "
                     "48 hours of service of this order, any mobile telephone or SIM card used to contact "
                     f"{names or 'the protected person'}.", True),
                    (P, C.OTHER,
                     f"The defendant is prohibited from making any application to the family or civil courts "
                     f"concerning {names or 'any protected person'} without the prior permission of a judge.", True),
                ]
                k = 2 if t is OrderType.ISPO else r.randint(2, 5)
                for kind, cat, text, linked in r.sample(pool, k):
                    out.append(self.cond(kind, cat, text, vs if linked else ()))
                if t is OrderType.SPO and r.random() < 0.4:
                    start = made + dt.timedelta(days=r.randint(1, 14))
                    cend = add_months(start, r.choice([6, 12]))
                    if end is None or cend <= end:
                        out.append(self.cond(R, C.SIGN_ON, (
                            f"The defendant must sign on at {station} police station every {day} between "
                            f"10:00 and 12:00 for the first {(cend.year - start.year) * 12 + cend.month - start.month}"
                            " months of this order."), (), start, cend))
                    else:
                        out.append(self.cond(R, C.SIGN_ON, (
                            f"The defendant must sign on at {station} police station every {day} between "
                            "10:00 and 12:00.")))
        elif t in (OrderType.SHPO, OrderType.ISHPO, OrderType.SRO, OrderType.ISRO):
            out.append(self.cond(P, C.DEVICE_HISTORY, (
                "The defendant is prohibited from using any device capable of accessing the internet unless "
                "it has the capacity to retain and display the history of internet use, and must make any "
                "such device available on request for inspection by a police officer.")))
            out.append(self.cond(P, C.OTHER, (
                "The defendant is prohibited from having any unsupervised contact or communication of any "
                "kind with any child under the age of 16, other than such as is inadvertent and not "
                "reasonably avoidable in the course of daily life, or with the consent of the child's parent "
                "or guardian who knows of the defendant's convictions and with the approval of children's "
                "social care.")))
            if t in (OrderType.SHPO, OrderType.SRO) and r.random() < 0.5:
                out.append(self.cond(P, C.OTHER, (
                    "The defendant is prohibited from using any cloud storage, encryption or file-wiping "
                    "software unless it has been notified to the police within 3 days of installation.")))
            if t is OrderType.SHPO and r.random() < 0.4:
                out.append(self.cond(P, C.TRAVEL, (
                    "The defendant is prohibited from travelling to any country outside the United Kingdom.")))
                out.append(self.cond(R, C.PASSPORT_SURRENDER, (
                    f"The defendant must surrender all passports held to a police officer at {station} police "
                    "station within 3 days of this order being made.")))
        elif t in (OrderType.SCPO, OrderType.ISCPO):
            out.append(self.cond(P, C.OTHER, (
                "The defendant is prohibited from possessing or using more than one mobile telephone and one "
                "SIM card, and must notify the police of the number and IMEI of any device within 3 days "
                "of acquiring it.")))
            out.append(self.cond(R, C.OTHER, (
                "The defendant must notify the police of every bank, building society or credit card account "
                "held in the defendant's name or for the defendant's benefit within 7 days of its opening.")))
            out.append(self.cond(P, C.OTHER, "The defendant is prohibited from holding more than £1,000 in cash."))
            if t is OrderType.SCPO and r.random() < 0.5:
                start = made
                cend = add_months(made, 12)
                if end is None or cend <= end:
                    out.append(self.cond(R, C.ELECTRONIC_MONITORING, (
                        "The defendant must wear an electronic monitoring tag and must not interfere with its "
                        "working for the first 12 months of this order."), (), start, cend))
        elif t in (OrderType.STPO, OrderType.ISTPO, OrderType.STRO, OrderType.ISTRO):
            out.append(self.cond(P, C.OTHER, (
                "The defendant is prohibited from employing, engaging or arranging work for any other person, "
                "directly or through an agency or labour provider, without giving the police 7 days' notice.")))
            out.append(self.cond(P, C.TRAVEL, (
                "The defendant is prohibited from arranging or facilitating the travel of any other person "
                "into or within the United Kingdom.")))
            if r.random() < 0.6:
                out.append(self.cond(R, C.OTHER, (
                    "The defendant must notify the police of the name and address of any person living at the "
                    "defendant's address within 3 days of that person moving in.")))
        elif t in (OrderType.FMPO, OrderType.FGMPO):
            if t is OrderType.FMPO:
                out.append(self.cond(P, C.OTHER, (
                    f"The respondent is forbidden from arranging, or taking part in arranging, any ceremony of "
                    f"marriage, religious or civil, for {names or 'the protected person'}, in the United Kingdom or abroad."), vs))
            else:
                out.append(self.cond(P, C.OTHER, (
                    f"The respondent is forbidden from arranging for {names or 'the protected person'} to be "
                    "examined by any person for the purpose of female genital mutilation, or from aiding or "
                    "procuring any such act."), vs))
            out.append(self.cond(P, C.TRAVEL, (
                f"The respondent is forbidden from taking or causing {names or 'the protected person'} to be "
                "taken out of England and Wales."), vs))
            out.append(self.cond(R, C.PASSPORT_SURRENDER, (
                f"The respondent must surrender to the police all passports and travel documents of "
                f"{names or 'the protected person'} within 48 hours of service of this order."), vs))
        elif t in (OrderType.DAPO, OrderType.DAPN):
            out.append(self.cond(P, C.NO_CONTACT, (
                f"The {defendant} is prohibited from molesting {names or 'the person protected'} and from "
                "contacting that person directly or indirectly by any means."), vs))
            out.append(self.cond(P, C.EXCLUSION_ZONE, (
                f"The {defendant} is prohibited from entering, or coming within 100 metres of, the address of "
                f"{names or 'the person protected'} known to the {defendant} (recorded in the restricted annex)."), vs))
            if t is OrderType.DAPO:
                out.append(self.cond(R, C.PROGRAMME, (
                    "The respondent must attend and complete a domestic abuse behaviour change programme as "
                    "directed by the responsible person.")))
                if r.random() < 0.5:
                    cend = add_months(made, 6)
                    if end is None or cend <= end:
                        out.append(self.cond(R, C.ELECTRONIC_MONITORING, (
                            "The respondent must submit to electronic monitoring of compliance with the "
                            "exclusion requirement for 6 months."), (), made, cend))
        return out

    # subject ---------------------------------------------------------------------------------

    def make_subject(self) -> dict[str, Any]:
        r, p = self.rng, self.person
        town, outward, _, _ = self.place
        age = r.randint(19, 68)
        dob = self.today - dt.timedelta(days=age * 365 + r.randint(0, 364))
        aliases: list[dict[str, Any]] = []
        first_order = min(o["date_made"] for o in self.orders)
        notified = min(first_order + dt.timedelta(days=r.randint(0, 3)), self.today)
        if p.native:
            aliases.append({"name": p.native, "alias_type": AliasType.ALIAS, "notified_on": notified})
        folded = _fold(p.full)
        if folded != p.full and p.culture not in ("arabic", "cyrillic", "greek"):
            fn = _ANGLICISED_FORENAMES.get(p.forenames, _fold(p.forenames))
            sn = p.anglicised_surname or _fold(p.surname)
            aliases.append({"name": f"{fn} {sn}", "alias_type": AliasType.ALIAS, "notified_on": notified})
        elif p.forenames in _ANGLICISED_FORENAMES and r.random() < 0.6:
            aliases.append({"name": _ANGLICISED_FORENAMES[p.forenames], "alias_type": AliasType.NICKNAME,
                            "notified_on": notified})
        if p.gender is Gender.FEMALE and r.random() < 0.4:
            other = _Person(r, p.culture, Gender.FEMALE)
            aliases.append({"name": f"{p.forenames} {other.surname}", "alias_type": AliasType.MAIDEN,
                            "notified_on": notified})
        if r.random() < 0.35:
            aliases.append({"name": f"{_fold(p.first).lower()}_{r.randint(10, 99)}", "alias_type": AliasType.ONLINE,
                            "notified_on": self.between(notified, self.today)})
        addresses = [{
            "address_type": AddressType.HOME, "line1": f"{r.randint(1, 180)} {r.choice(_STREETS)}",
            "line2": r.choice(["", "", "", f"Flat {r.randint(1, 12)}"]), "town": town,
            "postcode": self.postcode(outward), "from_date": self.days_ago(200, 1800),
            "to_date": None, "verified": r.random() < 0.8}]
        if r.random() < 0.2:
            t2, o2, _, _ = r.choice(_PLACES)
            addresses.append({"address_type": AddressType.SECONDARY, "line1": f"{r.randint(1, 99)} {r.choice(_STREETS)}",
                              "line2": "", "town": t2, "postcode": self.postcode(o2),
                              "from_date": self.days_ago(30, 400), "to_date": None, "verified": False})
        elif r.random() < 0.04:
            addresses = [{"address_type": AddressType.NO_FIXED_ABODE,
                          "line1": r.choice(["Regularly found at the bus station", "Sleeps in a car near the retail park",
                                             "Sofa-surfing; regularly found at the day centre"]),
                          "line2": "", "town": town, "postcode": "", "from_date": self.days_ago(10, 120),
                          "to_date": None, "verified": False}]
        rso = OrderType.RSO_NOTIFICATION in self.types
        if rso:
            mappa_cat, mappa_level = MappaCategory.CATEGORY_1, r.choice([MappaLevel.LEVEL_1, MappaLevel.LEVEL_1, MappaLevel.LEVEL_2])
            rso_order = next(o for o in self.orders if o["order_type"] is OrderType.RSO_NOTIFICATION)
            son = SexOffenderNotification.INDEFINITE if rso_order["end_date"] is None else SexOffenderNotification.FIXED_PERIOD
        else:
            son = SexOffenderNotification.NOT_SUBJECT
            mappa_cat = _weighted(r, [(MappaCategory.NOT_MAPPA, 70), (MappaCategory.CATEGORY_2, 8),
                                      (MappaCategory.CATEGORY_3, 12), (MappaCategory.CATEGORY_4, 10)])
            mappa_level = (MappaLevel.NOT_APPLICABLE if mappa_cat is MappaCategory.NOT_MAPPA
                           else r.choice([MappaLevel.LEVEL_1, MappaLevel.LEVEL_2, MappaLevel.LEVEL_2, MappaLevel.LEVEL_3]))
        height = r.randint(155, 195) / 100
        description = ", ".join([
            f"{'Female' if p.gender is Gender.FEMALE else 'Male'}, {height:.2f} m",
            r.choice(["slim build", "medium build", "stocky build", "heavy build"]),
            r.choice(["short dark hair", "shaved head", "long fair hair", "greying hair tied back",
                      "curly black hair", "receding brown hair"]),
        ]) + r.choice(["", "", "; tattoo of a swallow on the left hand", "; scar through the right eyebrow",
                       "; wears glasses", "; pierced left ear",
                       "; beard" if p.gender is Gender.MALE else "; nose stud"]) + "."
        markers = r.sample(["Violence", "Stalking / harassment", "Weapons", "Mental health", "Drugs",
                            "Suicidal", "Sexual offences"], r.choice([0, 1, 1, 2]))
        if self.sexual and "Sexual offences" not in markers:
            markers.append("Sexual offences")
        pnc_year = (first_order.year - r.randint(0, 12)) % 100
        return {
            "id": self.sid, "surname": p.surname, "forenames": p.forenames, "aliases": aliases,
            "date_of_birth": dob, "gender": p.gender, "description": description, "addresses": addresses,
            "pnc_id": f"{pnc_year:02d}/{r.randint(1, 9999999)}{r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}",
            "visor_ref": f"SYN-VISOR-{r.randint(10000, 99999)}" if (rso or mappa_cat is not MappaCategory.NOT_MAPPA) else "",
            "force_ref": f"SYN-NOM-{self.tag}", "ni_number": "",
            "mappa_category": mappa_cat, "mappa_level": mappa_level, "sex_offender_notification": son,
            "lead_officer": r.choice(_OFFICERS), "warning_markers": markers,
        }

    # part 1 ----------------------------------------------------------------------------------

    def words(self, victim: dict[str, Any] | None = None) -> dict[str, Any]:
        p = self.person
        s = _PRONOUNS[p.gender is Gender.FEMALE]
        v = victim["person"] if victim else None
        vf = v.gender is Gender.FEMALE if v else True
        vp = _PRONOUNS[vf]
        r = self.rng
        return {
            "S": p.full, "S_first": p.first, "s_he": s["he"], "s_him": s["him"], "s_his": s["his"],
            "s_He": s["He"], "V": v.full if v else "the victim", "V_first": v.first if v else "the victim",
            "v_he": vp["he"], "v_him": vp["him"], "v_his": vp["his"],
            "n": r.randint(2, 9), "m": r.randint(3, 18), "k": r.choice([80, 150, 300, 400, 600, 1200]),
            "c": r.randint(2, 9), "ended": self.days_ago(400, 1500).strftime("%B %Y"),
            "rel_word": r.choice(["brother", "cousin", "uncle", "brother-in-law"]) if p.gender is Gender.MALE
            else r.choice(["sister", "cousin", "aunt", "sister-in-law"]),
        }

    def make_part1(self) -> dict[str, Any]:
        r = self.rng
        v0 = self.victims[0] if self.victims else None
        w = self.words(v0)
        if self.kind == "stalking" and v0:
            sentences = [r.choice(_OPENINGS[self.relationship])]
            sentences += r.sample(_BEHAVIOURS, r.randint(1, 3))
            sentences.append(r.choice(_IMPACTS))
            sentences.append(r.choice(_LEGAL))
            others = [v for v in self.victims[1:] if v["theme"] == "stalking"]
            if others:
                sentences.append(f"{{s_He}} also targeted {' and '.join(v['person'].full for v in others)}, "
                                 "who supported {V_first}.")
            for v in self.victims:
                if v["theme"] in ("fmpo", "fgmpo"):
                    what = "forced marriage" if v["theme"] == "fmpo" else "FGM"
                    sentences.append(f"A separate {what} protection order protects {v['person'].full}, "
                                     f"a child in {{s_his}} family.")
            summary = " ".join(s.format(**w) for s in sentences)
            typology = {
                RelationshipToVictim.EX_INTIMATE: [StalkerType.REJECTED] * 4 + [StalkerType.RESENTFUL, StalkerType.NOT_ASSESSED],
                RelationshipToVictim.ACQUAINTANCE: [StalkerType.RESENTFUL, StalkerType.INTIMACY_SEEKING, StalkerType.INCOMPETENT_SUITOR],
                RelationshipToVictim.STRANGER: [StalkerType.PREDATORY, StalkerType.INTIMACY_SEEKING, StalkerType.INCOMPETENT_SUITOR],
                RelationshipToVictim.FAMILY: [StalkerType.RESENTFUL, StalkerType.NOT_ASSESSED],
                RelationshipToVictim.PUBLIC_FIGURE: [StalkerType.INTIMACY_SEEKING, StalkerType.RESENTFUL],
            }[self.relationship]
            stalker = r.choice(typology)
            offences = r.sample(_INDEX_OFFENCES["stalking"], r.randint(1, 3))
        elif self.kind == "family":
            concerns = ([
                "Relatives overseas had been told a wedding was being arranged.",
                "Travel abroad was booked for the school holidays without explanation, and the child said "
                "an engagement had been mentioned.",
            ] if OrderType.FMPO in self.types else [
                "A health visitor learned that a 'ceremony' abroad was being planned for the child.",
                "An older sibling disclosed to a teacher that the child was to be 'cut' during a family visit abroad.",
            ])
            summary = (f"Children's social care and the school raised concerns that {w['V']} was at risk from "
                       f"{w['S']}, a family member. " + r.choice(concerns)
                       + " The order was made on the application of the local authority, with police support.")
            stalker, offences = StalkerType.NOT_ASSESSED, r.sample(_INDEX_OFFENCES["family"], 1)
        elif self.kind == "domestic":
            summary = (f"{w['S']} and {w['V']} were in a relationship for {w['n']} years. Police attended "
                       "repeated domestic incidents; the most recent involved "
                       + r.choice(["threats to kill and damage to the front door.",
                                   "controlling behaviour over money and phone use.",
                                   "an assault in front of the children."])
                       + " A notice was given and an order sought to protect the victim.")
            stalker, offences = StalkerType.NOT_ASSESSED, r.sample(_INDEX_OFFENCES["family"][2:], 2)
        elif self.kind == "sexual":
            summary = (f"{w['S']} was convicted of sexual offences involving online contact with children. "
                       + r.choice(["Devices seized on arrest held indecent images.",
                                   "Covert online investigation identified sexualised chat with decoy accounts.",
                                   "A parent reported messages sent to a 13-year-old through a gaming platform."])
                       + " The order restricts internet use and contact with children.")
            stalker, offences = StalkerType.NOT_ASSESSED, r.sample(_INDEX_OFFENCES["sexual"], r.randint(1, 2))
        else:
            summary = (f"{w['S']} was identified as a controller in an organised network. "
                       + r.choice(["Workers were housed in overcrowded properties and paid in cash below the minimum wage.",
                                   "Intelligence links the subject to the supply of drugs through county lines.",
                                   "Vulnerable adults were recruited through social media and their bank accounts used."])
                       + " The order restricts the subject's communications, finances and contact with others.")
            stalker, offences = StalkerType.NOT_ASSESSED, r.sample(_INDEX_OFFENCES["organised"], r.randint(1, 2))
        safeguarding = []
        for v in self.victims:
            opts = r.sample(_SAFEGUARDING, r.randint(2, 4))
            safeguarding.append({
                "protected_person_id": v["model"]["id"], "options": _sentence("; ".join(opts)),
                "owner": r.choice(_OFFICERS + ["IDVA service", "Paladin ISAC", "Victim Support"]),
                "status": _weighted(r, [(ActionStatus.IN_PROGRESS, 55), (ActionStatus.COMPLETED, 30),
                                        (ActionStatus.NOT_STARTED, 15)]),
            })
        return {"summary": summary, "index_offences": "; ".join(offences), "stalking_typology": stalker,
                "relationship_to_victims": self.relationship, "safeguarding": safeguarding}

    # part 2 ----------------------------------------------------------------------------------

    def make_part2(self) -> dict[str, Any]:
        r = self.rng
        first_made = min(o["date_made"] for o in self.orders)
        v0 = self.victims[0] if self.victims else None
        w = self.words(v0)
        # breaches drive some investigations; decided here so history can reuse them
        self.breach_plan: list[tuple[dt.date, str]] = []
        breach_orders = [o for o in self.orders if o["conditions"] and o["order_type"] is not OrderType.RSO_NOTIFICATION]
        n_breaches = _weighted(r, [(0, 50), (1, 30), (2, 14), (3, 6)]) if breach_orders else 0
        if (self.today - first_made).days < 20:
            n_breaches = 0
        for _ in range(n_breaches):
            on = self.between(first_made + dt.timedelta(days=7), self.today - dt.timedelta(days=3))
            self.breach_plan.append((on, self.crime_ref(on)))
        self.breach_plan.sort()
        investigations = []
        for on, ref in self.breach_plan[:3]:
            investigations.append({
                "reference": ref, "opened_on": on,
                "summary": "Reported breach of the order; see the breach record.",
                "status": _weighted(r, [(InvestigationStatus.OPEN, 3), (InvestigationStatus.CHARGED, 2),
                                        (InvestigationStatus.NO_FURTHER_ACTION, 2), (InvestigationStatus.CONVICTED, 2)]),
                "officer": r.choice(_OFFICERS)})
        for _ in range(max(0, r.randint(0, 3) - len(investigations))):
            on = self.between(first_made, self.today)
            investigations.append({
                "reference": self.crime_ref(on), "opened_on": on,
                "summary": r.choice(_INVESTIGATION_SUMMARIES).format(**w),
                "status": _weighted(r, [(InvestigationStatus.OPEN, 3), (InvestigationStatus.NO_FURTHER_ACTION, 3),
                                        (InvestigationStatus.CLOSED, 1), (InvestigationStatus.CHARGED, 1)]),
                "officer": r.choice(_OFFICERS)})
        investigations.sort(key=lambda i: i["opened_on"])
        for k, inv in enumerate(investigations):
            inv["id"] = f"INV-{self.tag}-{k + 1}"
        strategies = []
        for text in r.sample(_STRATEGIES, r.randint(1, 3)):
            status = _weighted(r, [(ActionStatus.IN_PROGRESS, 5), (ActionStatus.NOT_STARTED, 2),
                                   (ActionStatus.COMPLETED, 2)])
            due = self.today + dt.timedelta(days=r.randint(-60, 120)) if r.random() < 0.85 else None
            strategies.append({"id": self.id("STR"), "description": text,
                               "owner": r.choice(_OFFICERS + [c[1] for c in _COORDINATORS]),
                               "due": due, "status": status})
        devices = []
        used: set[str] = set()
        cats = [DeviceCategory.PHONE] + [
            _weighted(r, [(DeviceCategory.PHONE, 3), (DeviceCategory.LAPTOP, 3), (DeviceCategory.TABLET, 2),
                          (DeviceCategory.CONSOLE, 2), (DeviceCategory.DESKTOP, 1), (DeviceCategory.SMART_WATCH, 1),
                          (DeviceCategory.ROUTER, 1)]) for _ in range(r.randint(0, 3))]
        for cat in cats:
            make, model = r.choice(_DEVICES[cat])
            basic = model in _BASIC_PHONES
            discovered = r.random() < 0.15
            d: dict[str, Any] = {
                "id": self.id("DEV"), "category": cat, "make": make, "model": model,
                "imei": "", "imei_2": "", "serial_number": "", "phone_number": "", "network": "",
                "provenance": Provenance.DISCOVERED if discovered else Provenance.DECLARED,
                "date_notified": self.between(first_made, self.today),
                "internet_capable": not basic, "history_retaining": not basic,
                "last_inspected": None, "status": DeviceStatus.ACTIVE, "notes": ""}
            if cat is DeviceCategory.PHONE or (cat in (DeviceCategory.TABLET, DeviceCategory.SMART_WATCH) and r.random() < 0.3):
                d["imei"] = self.imei(used)
                if cat is DeviceCategory.PHONE and not basic and r.random() < 0.25:
                    d["imei_2"] = self.imei(used)
                d["phone_number"] = self.phone()
                d["network"] = r.choice(_NETWORKS)
            else:
                d["serial_number"] = f"SYN{r.randint(10**7, 10**8 - 1)}"
            if cat is DeviceCategory.ROUTER:
                d["internet_capable"], d["history_retaining"] = True, False
                d["notes"] = "Router logs requested from the ISP with the subject's consent."
            if discovered:
                d["notes"] = "Found at a visit; not previously declared. Referred for a breach investigation."
                if r.random() < 0.5:
                    d["status"] = DeviceStatus.SEIZED
            elif r.random() < 0.08:
                d["status"] = r.choice([DeviceStatus.SURRENDERED, DeviceStatus.DISPOSED, DeviceStatus.RETURNED])
            if not basic and cat not in (DeviceCategory.ROUTER,) and r.random() < 0.06:
                d["history_retaining"] = False
                d["notes"] = (d["notes"] + " Private browsing used; subject warned.").strip()
            if r.random() < 0.6:
                d["last_inspected"] = self.between(d["date_notified"], self.today)
            devices.append(d)
        accounts = []
        first = _fold(self.person.first).lower().replace(" ", "")
        for plat in r.sample([SocialPlatform.FACEBOOK, SocialPlatform.INSTAGRAM, SocialPlatform.X_TWITTER,
                              SocialPlatform.TIKTOK, SocialPlatform.SNAPCHAT, SocialPlatform.WHATSAPP,
                              SocialPlatform.TELEGRAM, SocialPlatform.DISCORD, SocialPlatform.OTHER],
                             _weighted(r, [(0, 15), (1, 30), (2, 30), (3, 15), (4, 10)])):
            discovered = r.random() < 0.2
            handle = f"{first}.syn{r.randint(10, 999)}"
            acc = {"id": self.id("ACC"), "platform": plat,
                   "handle": handle if plat in (SocialPlatform.WHATSAPP,) else f"@{handle}",
                   "display_name": r.choice([self.person.full, self.person.first, ""]),
                   "profile_url": f"https://forum.example.org/u/{handle}" if plat is SocialPlatform.OTHER else "",
                   "platform_user_id": str(r.randint(10**9, 10**12)) if r.random() < 0.4 else "",
                   "provenance": Provenance.DISCOVERED if discovered else Provenance.DECLARED,
                   "status": _weighted(r, [(AccountStatus.ACTIVE, 70), (AccountStatus.PRIVATE, 15),
                                           (AccountStatus.SUSPENDED, 5), (AccountStatus.DELETED, 10)]),
                   "date_found": self.between(first_made, self.today),
                   "notes": "Found by open-source review; not declared." if discovered else ""}
            if plat is SocialPlatform.WHATSAPP and devices and devices[0]["phone_number"]:
                acc["handle"] = devices[0]["phone_number"]
            accounts.append(acc)
        vehicles = []
        for _ in range(_weighted(r, [(0, 45), (1, 45), (2, 10)])):
            make, model = r.choice(_CARS)
            vehicles.append({"id": self.id("VEH"), "vrm": self.vrm(), "make": make, "model": model,
                             "colour": r.choice(_COLOURS), "vin": "",
                             "relation": _weighted(r, [(VehicleRelation.OWNER, 4), (VehicleRelation.KEEPER, 2),
                                                       (VehicleRelation.USER, 2), (VehicleRelation.ACCESS, 1)]),
                             "anpr_marker": r.random() < 0.5,
                             "date_seen": self.between(first_made, self.today) if r.random() < 0.6 else None,
                             "notes": ""})
        return {"investigations": investigations, "strategies": strategies, "devices": devices,
                "social_accounts": accounts, "vehicles": vehicles}

    # part 3 ----------------------------------------------------------------------------------

    def make_part3(self, part2: dict[str, Any]) -> dict[str, Any]:
        r = self.rng
        first_made = min(o["date_made"] for o in self.orders)
        risks = []
        for v in self.victims:
            level = self.level()
            w = self.words(v)
            risks.append({
                "id": self.id("RSK"), "group": AtRiskGroup.SPECIFIC_VICTIM,
                "protected_person_id": v["model"]["id"], "level": level,
                "imminence": self.imminence(level),
                "scenario": r.choice(_THEMED_SCENARIOS.get(v["theme"], _SCENARIOS)).format(**w),
                "protective_factors": " ".join(r.sample(_PROTECTIVE, r.randint(1, 3)))})
        groups: list[AtRiskGroup] = []
        if self.sexual:
            groups.append(AtRiskGroup.CHILDREN)
        if not self.victims:
            groups.append(AtRiskGroup.PUBLIC if self.kind != "organised" or r.random() < 0.5 else AtRiskGroup.KNOWN_ADULT)
        elif r.random() < 0.25:
            groups.append(r.choice([AtRiskGroup.KNOWN_ADULT, AtRiskGroup.PUBLIC, AtRiskGroup.STAFF]))
        for g in groups:
            level = self.level()
            scenario = _GROUP_SCENARIOS.get(g, _GROUP_SCENARIOS[AtRiskGroup.PUBLIC])
            if self.kind == "organised" and g is not AtRiskGroup.CHILDREN:
                scenario = ("Recruitment and exploitation of vulnerable adults for labour or drug supply, "
                            "with threats and debt bondage used to control them.")
            risks.append({"id": self.id("RSK"), "group": g, "protected_person_id": None, "level": level,
                          "imminence": self.imminence(level), "scenario": scenario,
                          "protective_factors": " ".join(r.sample(_PROTECTIVE, r.randint(0, 2)))})
        self.level_overall = max((x["level"] for x in risks), key=lambda lv: lv.rank)
        tool = (r.choice([RiskTool.S_DASH, RiskTool.S_DASH, RiskTool.SRP, RiskTool.SAM, RiskTool.PROFESSIONAL_JUDGEMENT])
                if self.kind == "stalking" else
                RiskTool.ARMS if self.sexual else RiskTool.DASH if self.kind == "domestic"
                else r.choice([RiskTool.OASYS_ROSH, RiskTool.PROFESSIONAL_JUDGEMENT]))
        assessed = self.between(max(first_made, self.today - dt.timedelta(days=365)), self.today)
        return {"tool": tool, "assessed_on": assessed, "assessor": r.choice(_OFFICERS + [c[1] for c in _COORDINATORS]),
                "risks": risks, "tactical_options": self.tactics(part2)}

    def imminence(self, level: RiskLevel) -> Imminence:
        options = {
            RiskLevel.VERY_HIGH: [Imminence.IMMINENT, Imminence.COULD_HAPPEN_ANY_TIME],
            RiskLevel.HIGH: [Imminence.COULD_HAPPEN_ANY_TIME, Imminence.COULD_HAPPEN_ANY_TIME, Imminence.IMMINENT],
            RiskLevel.MEDIUM: [Imminence.UNLIKELY_UNLESS_CIRCUMSTANCES_CHANGE, Imminence.COULD_HAPPEN_ANY_TIME],
            RiskLevel.LOW: [Imminence.NOT_INDICATED, Imminence.UNLIKELY_UNLESS_CIRCUMSTANCES_CHANGE],
        }[level]
        return self.rng.choice(options)

    def tactics(self, part2: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        r, lv = self.rng, self.level_overall
        T = TacticalOptionType
        cats = {c["category"] for o in self.orders for c in o["conditions"]}
        out: dict[str, list[dict[str, Any]]] = {p.value.lower(): [] for p in Pillar}

        def add(pillar: Pillar, option: TacticalOptionType, detail: str = "", owner: str | None = None,
                frequency: Frequency = Frequency.ONCE, due: dt.date | None = None,
                status: ActionStatus | None = None) -> None:
            assert option in PILLAR_OPTIONS[pillar]
            out[pillar.value.lower()].append({
                "id": self.id("TAC"), "option": option, "detail": detail,
                "owner": owner or r.choice(_OFFICERS), "frequency": frequency, "due": due,
                "status": status or _weighted(r, [(ActionStatus.IN_PROGRESS, 5), (ActionStatus.NOT_STARTED, 2),
                                                  (ActionStatus.COMPLETED, 2)])})

        soon = self.today + dt.timedelta(days=r.randint(3, 45))
        team = r.choice(["Neighbourhood team", "Response", "Ancillary order unit"])
        add(Pillar.SUPERVISION, r.choice([T.HOME_VISIT_UNANNOUNCED, T.HOME_VISIT_UNANNOUNCED, T.HOME_VISIT_ANNOUNCED]),
            "Check compliance with each condition and inspect devices.", f"{team} ({self.place[2]})",
            _VISIT_FREQUENCY[lv], soon, ActionStatus.IN_PROGRESS)
        if r.random() < 0.2:
            add(Pillar.SUPERVISION, T.JOINT_VISIT_PROBATION, "Joint visit with the probation practitioner.",
                "Probation", Frequency.EVERY_3_MONTHS, soon + dt.timedelta(days=14))
        mon: list[tuple[TacticalOptionType, str, Frequency]] = [
            (T.COMPLIANCE_CHECK, "Check notified details against PNC and the order.", Frequency.MONTHLY),
            (T.PNC_WARNING_MARKER, "Warning marker on PNC/PND naming the order and the protected persons.", Frequency.ONCE),
            (T.INTELLIGENCE_CHECKS, "Monthly intelligence and RMS checks for new reports.", Frequency.MONTHLY),
        ]
        if ConditionCategory.DEVICE_HISTORY in cats or ConditionCategory.ACCOUNT_PASSWORD_ACCESS in cats:
            mon.append((T.DEVICE_INSPECTION, "Inspect internet-capable devices and check history is retained.", _VISIT_FREQUENCY[lv]))
        if part2["social_accounts"]:
            mon.append((T.SOCIAL_MEDIA_REVIEW, "Authorised open-source review of declared accounts.", Frequency.MONTHLY))
        if part2["vehicles"]:
            mon.append((T.ANPR_MARKER, "ANPR marker on the subject's vehicle(s).", Frequency.ONCE))
        if ConditionCategory.SIGN_ON in cats:
            mon.append((T.SIGN_ON, "Confirm weekly sign-on with the front counter.", Frequency.WEEKLY))
        if ConditionCategory.ELECTRONIC_MONITORING in cats:
            mon.append((T.ELECTRONIC_MONITORING, "Review monitoring alerts with the provider.", Frequency.WEEKLY))
        if any(o["end_date"] and (o["end_date"] - self.today).days < 120 for o in self.orders):
            mon.append((T.APPLY_VARY_RENEW, "Order ends soon: consider an application to renew.", Frequency.ONCE))
        for opt, detail, freq in r.sample(mon, min(len(mon), r.randint(1, 3))):
            add(Pillar.MONITORING_CONTROL, opt, detail, frequency=freq,
                due=self.today + dt.timedelta(days=r.randint(-10, 60)))
        if ConditionCategory.PROGRAMME in cats or r.random() < 0.3:
            opt = T.PERPETRATOR_PROGRAMME if ConditionCategory.PROGRAMME in cats else r.choice(
                [T.MH_SUBSTANCE_REFERRAL, T.INTERVENTION_REQUIREMENT, T.PERPETRATOR_PROGRAMME])
            add(Pillar.INTERVENTIONS, opt, "Referral made; attendance monitored.",
                r.choice(["Probation", "Community mental health team", "MASIP practitioner"]))
        if self.victims:
            vs = [T.VICTIM_UPDATE, T.SAFETY_PLAN, T.TARGET_HARDENING, T.ALARM, T.IDVA_ISAC_REFERRAL,
                  T.MARAC_MAPPA_REFERRAL]
            if lv is RiskLevel.VERY_HIGH:
                vs.append(T.OSMAN_WARNING)
            if self.kind == "family":
                vs.append(T.CHILD_SAFEGUARDING_REFERRAL)
            for opt in r.sample(vs, r.randint(1, 3)):
                add(Pillar.VICTIM_SAFETY, opt, "", r.choice(_OFFICERS + ["IDVA service", "Paladin ISAC"]),
                    Frequency.MONTHLY if opt is T.VICTIM_UPDATE else Frequency.ONCE)
        if self.sexual and r.random() < 0.5:
            add(Pillar.VICTIM_SAFETY, T.CHILD_SAFEGUARDING_REFERRAL, "Children's social care informed of the order.")
        add(Pillar.CONTINGENCY, T.BREACH_PLAN, "Arrest for breach; inform the protected person the same day.", "Response")
        for opt, detail in r.sample([(T.ABSCOND_PLAN, "Circulate as wanted on PNC; notify the protected person."),
                                     (T.NOT_AT_ADDRESS_PLAN, "Check secondary addresses and known associates within 24 hours."),
                                     (T.ARREST_FOR_BREACH, "Powers of arrest briefed to the response team.")], r.randint(0, 2)):
            add(Pillar.CONTINGENCY, opt, detail, "Response")
        return out

    # relationships -------------------------------------------------------------------------------

    def make_relationships(self) -> list[dict[str, Any]]:
        r = self.rng
        if r.random() >= 1 / 3:
            return []
        first_made = min(o["date_made"] for o in self.orders)
        pg = Gender.MALE if self.person.gender is Gender.FEMALE else Gender.FEMALE
        partner = _Person(r, r.choice(_CULTURE_NAMES), pg)
        known = self.between(max(first_made, self.today - dt.timedelta(days=700)), self.today)
        source = _weighted(r, [(RelationshipSource.SELF_DISCLOSED, 5), (RelationshipSource.INTELLIGENCE, 3),
                               (RelationshipSource.DISCOVERED, 2)])
        recent = (self.today - known).days < 21
        decision = DisclosureDecision.PENDING if recent or r.random() < 0.2 else _weighted(
            r, [(DisclosureDecision.DISCLOSE, 5), (DisclosureDecision.NO_DISCLOSURE, 3), (DisclosureDecision.REFERRED, 2)])
        checks = []
        for ct in r.sample(list(RelationshipCheckType), r.randint(2, 5)):
            pending = decision is DisclosureDecision.PENDING and r.random() < 0.5
            checks.append({"check_type": ct,
                           "checked_on": None if pending else self.between(known, min(known + dt.timedelta(days=10), self.today)),
                           "result": CheckResult.PENDING if pending else _weighted(
                               r, [(CheckResult.NOTHING_RELEVANT, 3), (CheckResult.RELEVANT_INFORMATION, 1)]),
                           "notes": ""})
        rel: dict[str, Any] = {
            "id": self.id("REL"), "partner_name": partner.full,
            "started_on": known - dt.timedelta(days=r.randint(7, 120)) if r.random() < 0.7 else None,
            "source": source, "known_on": known, "children_in_household": r.random() < 0.3,
            "checks": checks, "decision": decision, "dvds_route": DvdsRoute.NONE, "decision_maker": "",
            "decided_on": None, "rationale": "", "disclosed_on": None, "disclosed_to": "",
            "disclosed_in_person": False, "safeguarding_actions": ""}
        if decision is not DisclosureDecision.PENDING:
            decided = self.between(known, min(known + dt.timedelta(days=28), self.today))
            rel.update(decision_maker=r.choice(_DECISION_MAKERS), decided_on=decided)
            if decision is DisclosureDecision.DISCLOSE:
                rel.update(dvds_route=r.choice([DvdsRoute.RIGHT_TO_KNOW, DvdsRoute.RIGHT_TO_KNOW, DvdsRoute.RIGHT_TO_ASK]),
                           rationale=("History of stalking a former partner and a pressing need to protect the "
                                      "new partner; disclosure necessary and proportionate."),
                           disclosed_on=self.between(decided, min(decided + dt.timedelta(days=7), self.today)),
                           disclosed_to=partner.full, disclosed_in_person=True,
                           safeguarding_actions="Safety plan offered; IDVA details given.")
            elif decision is DisclosureDecision.NO_DISCLOSURE:
                rel.update(rationale="Checks found nothing that meets the threshold for disclosure; keep under review.")
            else:
                rel.update(rationale="Referred to the MARAC for a multi-agency decision.",
                           safeguarding_actions="MARAC referral submitted.")
        return [rel]

    # history -----------------------------------------------------------------------------------

    def make_history(self) -> tuple[dict[str, Any], dt.date | None]:
        r = self.rng
        lv = self.level_overall
        first_made = min(o["date_made"] for o in self.orders)
        start = max(first_made, self.today - dt.timedelta(days=730))
        interval = reference().review_interval_months(lv.value, self.today)
        bucket = _REVIEW_BUCKETS[(self.index * 7 + self.round) % len(_REVIEW_BUCKETS)]
        if bucket == "overdue":
            target = self.today - dt.timedelta(days=r.randint(1, 45))
        elif bucket == "soon":
            target = self.today + dt.timedelta(days=r.randint(0, 14))
        else:
            target = self.today + dt.timedelta(days=r.randint(15, 30 * interval + 15))
        reviewers = [u[1] for u in _SUPERVISORS + _COORDINATORS]
        # completed scheduled reviews walk back from the target in steps of the interval
        dues: list[dt.date] = []
        d = add_months(target, -interval)
        while d >= start and len(dues) < 10:
            if d < self.today:
                dues.append(d)
            d = add_months(d, -interval)
        dues.reverse()
        reviews = []
        for k, due in enumerate(dues):
            done = min(due + dt.timedelta(days=r.randint(-7, 5)), self.today)
            nxt = dues[k + 1] if k + 1 < len(dues) else target
            if nxt <= done:
                nxt = done + dt.timedelta(days=1)
            reviews.append({"due_on": due, "completed_on": done, "reviewer": r.choice(reviewers),
                            "trigger": ReviewTrigger.SCHEDULED,
                            "outcome": _weighted(r, [(ReviewOutcome.NO_CHANGE, 50), (ReviewOutcome.PLAN_AMENDED, 20),
                                                     (ReviewOutcome.VISIT_FREQUENCY_CHANGED, 8),
                                                     (ReviewOutcome.RISK_DECREASED, 8), (ReviewOutcome.RISK_INCREASED, 6),
                                                     (ReviewOutcome.MAPPA_REFERRAL, 4), (ReviewOutcome.APPLY_VARY, 4)]),
                            "next_review_due": nxt,
                            "notes": r.choice(["", "", "Compliant with all conditions since the last review.",
                                               "Victim updated; no new concerns.", "Visit frequency confirmed."])})
        if bucket == "overdue":
            reviews.append({"due_on": target, "completed_on": None, "reviewer": "", "trigger": ReviewTrigger.SCHEDULED,
                            "outcome": None, "next_review_due": None, "notes": ""})
        # breaches, each followed by a triggered review
        breaches = []
        cond_orders = [o for o in self.orders if o["conditions"] and o["order_type"] is not OrderType.RSO_NOTIFICATION]
        for on, ref in self.breach_plan:
            live = [o for o in cond_orders if o["date_made"] <= on] or cond_orders
            order = r.choice(live)
            cond = r.choice(order["conditions"])
            outcome = _weighted(r, _BREACH_WEIGHTS)
            if (self.today - on).days < 30:
                outcome = BreachOutcome.UNDER_INVESTIGATION
            breaches.append({"id": self.id("BRE"), "order_id": order["id"], "condition_id": cond["id"],
                             "occurred_on": on, "crime_reference": ref, "outcome": outcome,
                             "notes": r.choice(["Reported by the protected person.", "Found at a home visit.",
                                                "ANPR activation inside the exclusion zone.",
                                                "Identified by social media review.", ""])})
            done = min(on + dt.timedelta(days=r.randint(1, 10)), self.today)
            reviews.append({"due_on": min(on + dt.timedelta(days=7), max(done, on)), "completed_on": done,
                            "reviewer": r.choice(reviewers), "trigger": ReviewTrigger.BREACH,
                            "outcome": r.choice([ReviewOutcome.RISK_INCREASED, ReviewOutcome.PLAN_AMENDED,
                                                 ReviewOutcome.NO_CHANGE, ReviewOutcome.APPLY_VARY]),
                            "next_review_due": None, "notes": "S-DASH re-run and victim updated after the breach."})
        reviews.sort(key=lambda x: (x["completed_on"] or x["due_on"], x["due_on"]))
        # the newest completed review carries the next date, so the store's calculation agrees
        done_reviews = [x for x in reviews if x["completed_on"]]
        if done_reviews:
            last = max(done_reviews, key=lambda x: x["completed_on"])
            last["next_review_due"] = target if target > last["completed_on"] else last["completed_on"] + dt.timedelta(days=1)
        for k, x in enumerate(reviews):
            x["id"] = f"REV-{self.tag}-{k + 1}"
        # visits: past ones at the level's frequency, one or two planned
        visits = []
        step = _VISIT_MONTHS[lv]
        d = add_months(self.today, -step)
        past: list[dt.date] = []
        while d >= start and len(past) < 12:
            past.append(d + dt.timedelta(days=r.randint(-6, 6)))
            d = add_months(d, -step)
        for day in sorted(x for x in past if start <= x < self.today):
            outcome = _weighted(r, _VISIT_WEIGHTS)
            missed = r.random() < 0.04
            hour, minute = r.randint(7, 20), r.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
            visits.append({
                "planned_on": day,
                "visited_at": None if missed else dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC),
                "visit_type": _weighted(r, [(VisitType.UNANNOUNCED, 6), (VisitType.ANNOUNCED, 3),
                                            (VisitType.JOINT_WITH_PROBATION, 1)]),
                "team": _weighted(r, [(Team.ANCILLARY_ORDER_UNIT, 4), (Team.NEIGHBOURHOOD, 4), (Team.RESPONSE, 2)]),
                "officer": r.choice(_OFFICERS), "outcome": None if missed else outcome,
                "notes": "Not carried out: no officer available; rebook." if missed else r.choice(_VISIT_NOTES[outcome])})
        for k in range(r.choice([1, 1, 2])):
            day = self.today + dt.timedelta(days=r.randint(1, 20) + 21 * k)
            visits.append({"planned_on": day, "visited_at": None,
                           "visit_type": r.choice([VisitType.UNANNOUNCED, VisitType.ANNOUNCED]),
                           "team": r.choice(list(Team)), "officer": r.choice(_OFFICERS + [""]),
                           "outcome": None, "notes": ""})
        for k, x in enumerate(visits):
            x["id"] = f"VIS-{self.tag}-{k + 1}"
        next_due = None if bucket == "none" else target
        return {"reviews": reviews, "visits": visits, "breaches": breaches}, next_due


def _latest_issued(on: dt.date) -> tuple[int, int]:
    yy = on.year % 100
    march = yy if on.month >= 3 else yy - 1
    september = yy + 50 if on.month >= 9 else yy + 49
    return march, september


def make_caseload(subjects: int = 24, seed: int = 1, today: dt.date | None = None) -> list[SubjectFile]:
    """A synthetic caseload of ``subjects`` files, the same for the same seed and ``today``.

    ``today`` (default: today in Europe/London) anchors every date: orders made over the last
    three years, history over the last two, some reviews overdue and some due within 14 days.
    """
    if subjects < 0:
        raise ValueError("subjects must be zero or more")
    today = today or today_london()
    plate_day = min(today, today_london())
    rng = random.Random(seed)
    cultures = list(_CULTURE_NAMES)
    rng.shuffle(cultures)
    extras = list(_OTHER_TYPES)
    rng.shuffle(extras)
    crime_counter = [0]
    out = []
    for i in range(subjects):
        k = i % 24
        extra = extras[k] if k < len(extras) else None
        if i >= 24 and extra is not None and rng.random() < 0.35:
            extra = None  # later blocks have fewer second orders; the first has every type
        builder = _SubjectBuilder(rng, today, plate_day, i, cultures[i % len(cultures)], i // len(cultures),
                                  extra, crime_counter)
        out.append(SubjectFile.model_validate(builder.build()))
    return out
