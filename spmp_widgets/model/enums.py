"""Enumerations of the SPMP domain (domain.md §6.2), each member with a plain-English label."""

from __future__ import annotations

from enum import Enum

__all__ = [
    "AccountStatus", "ActionStatus", "AddressType", "AliasType", "AtRiskGroup", "BreachOutcome",
    "CheckResult", "Classification", "ConditionCategory", "ConditionKind", "DeviceCategory",
    "DeviceStatus", "DisclosureDecision", "DvdsRoute", "Frequency", "Gender", "Imminence",
    "InvestigationStatus", "LabelledEnum", "MappaCategory", "MappaLevel", "OrderStatus",
    "OrderType", "Pillar", "PlanStatus", "Provenance", "RelationshipCheckType",
    "RelationshipSource", "RelationshipToVictim", "ReviewOutcome", "ReviewTrigger", "RiskLevel",
    "RiskTool", "SexOffenderNotification", "SocialPlatform", "StalkerType", "TacticalOptionType",
    "Team", "VehicleRelation", "VisitOutcome", "VisitType", "VrmFormat",
]


class LabelledEnum(str, Enum):
    """A string enum whose members read well to people (``.label``)."""

    @property
    def label(self) -> str:
        labels = getattr(type(self), "__labels__", None)
        if callable(labels):
            labels = labels()
        if labels and self.value in labels:
            return labels[self.value]
        return self.value.replace("_", " ").capitalize()

    def __str__(self) -> str:
        return self.value


class OrderType(LabelledEnum):
    SPO = "SPO"
    ISPO = "ISPO"
    SCPO = "SCPO"
    ISCPO = "ISCPO"
    FMPO = "FMPO"
    FGMPO = "FGMPO"
    STPO = "STPO"
    ISTPO = "ISTPO"
    STRO = "STRO"
    ISTRO = "ISTRO"
    SHPO = "SHPO"
    ISHPO = "ISHPO"
    SRO = "SRO"
    ISRO = "ISRO"
    DAPO = "DAPO"
    DAPN = "DAPN"
    RSO_NOTIFICATION = "RSO_NOTIFICATION"
    RESTRAINING_ORDER = "RESTRAINING_ORDER"

    @staticmethod
    def __labels__() -> dict[str, str]:
        return ORDER_TYPE_LABELS

    @property
    def short(self) -> str:
        """The code police use (SPO, SHPO...), in words where there is none."""
        return {"RSO_NOTIFICATION": "RSO notification",
                "RESTRAINING_ORDER": "Restraining order"}.get(self.value, self.value)

    @property
    def is_interim(self) -> bool:
        return self.value in {"ISPO", "ISCPO", "ISTPO", "ISTRO", "ISHPO", "ISRO", "DAPN"}


ORDER_TYPE_LABELS = {
    "SPO": "Stalking Protection Order",
    "ISPO": "Interim Stalking Protection Order",
    "SCPO": "Serious Crime Prevention Order",
    "ISCPO": "Interim Serious Crime Prevention Order",
    "FMPO": "Forced Marriage Protection Order",
    "FGMPO": "FGM Protection Order",
    "STPO": "Slavery and Trafficking Prevention Order",
    "ISTPO": "Interim Slavery and Trafficking Prevention Order",
    "STRO": "Slavery and Trafficking Risk Order",
    "ISTRO": "Interim Slavery and Trafficking Risk Order",
    "SHPO": "Sexual Harm Prevention Order",
    "ISHPO": "Interim Sexual Harm Prevention Order",
    "SRO": "Sexual Risk Order",
    "ISRO": "Interim Sexual Risk Order",
    "DAPO": "Domestic Abuse Protection Order",
    "DAPN": "Domestic Abuse Protection Notice",
    "RSO_NOTIFICATION": "Sex offender notification (SOA 2003 Part 2)",
    "RESTRAINING_ORDER": "Restraining order",
}

LEGISLATION = {
    "SPO": "Stalking Protection Act 2019 s1", "ISPO": "Stalking Protection Act 2019 s5",
    "SCPO": "Serious Crime Act 2007 Part 1", "ISCPO": "Serious Crime Act 2007 (as amended 2025)",
    "FMPO": "Family Law Act 1996 Part 4A", "FGMPO": "Female Genital Mutilation Act 2003 Sch 2",
    "STPO": "Modern Slavery Act 2015 s14", "ISTPO": "Modern Slavery Act 2015 s21",
    "STRO": "Modern Slavery Act 2015 s23", "ISTRO": "Modern Slavery Act 2015 s28",
    "SHPO": "Sentencing Act 2020 s343 / Sexual Offences Act 2003 s103A",
    "ISHPO": "Sexual Offences Act 2003 s103F", "SRO": "Sexual Offences Act 2003 s122A",
    "ISRO": "Sexual Offences Act 2003 s122E", "DAPO": "Domestic Abuse Act 2021 s27",
    "DAPN": "Domestic Abuse Act 2021 s22", "RSO_NOTIFICATION": "Sexual Offences Act 2003 Part 2",
    "RESTRAINING_ORDER": "Sentencing Act 2020 s359",
}


class OrderStatus(LabelledEnum):
    APPLIED = "APPLIED"
    INTERIM_IN_FORCE = "INTERIM_IN_FORCE"
    IN_FORCE = "IN_FORCE"
    VARIED = "VARIED"
    RENEWED = "RENEWED"
    DISCHARGED = "DISCHARGED"
    EXPIRED = "EXPIRED"
    QUASHED_ON_APPEAL = "QUASHED_ON_APPEAL"
    SUPERSEDED = "SUPERSEDED"

    @property
    def in_force(self) -> bool:
        return self in {OrderStatus.INTERIM_IN_FORCE, OrderStatus.IN_FORCE, OrderStatus.VARIED,
                        OrderStatus.RENEWED}


class ConditionKind(LabelledEnum):
    PROHIBITION = "PROHIBITION"
    REQUIREMENT = "REQUIREMENT"


class ConditionCategory(LabelledEnum):
    NO_CONTACT = "NO_CONTACT"
    EXCLUSION_ZONE = "EXCLUSION_ZONE"
    PROXIMITY = "PROXIMITY"
    SOCIAL_MEDIA_REFERENCE = "SOCIAL_MEDIA_REFERENCE"
    DEVICE_HISTORY = "DEVICE_HISTORY"
    SURRENDER_DEVICE = "SURRENDER_DEVICE"
    ACCOUNT_PASSWORD_ACCESS = "ACCOUNT_PASSWORD_ACCESS"
    SIGN_ON = "SIGN_ON"
    PROGRAMME = "PROGRAMME"
    MH_ASSESSMENT = "MH_ASSESSMENT"
    TRAVEL = "TRAVEL"
    PASSPORT_SURRENDER = "PASSPORT_SURRENDER"
    ELECTRONIC_MONITORING = "ELECTRONIC_MONITORING"
    OTHER = "OTHER"

    __labels__ = {
        "NO_CONTACT": "No contact", "EXCLUSION_ZONE": "Exclusion zone",
        "PROXIMITY": "Approach / proximity", "SOCIAL_MEDIA_REFERENCE": "Social media reference",
        "DEVICE_HISTORY": "Device must keep history", "SURRENDER_DEVICE": "Surrender device",
        "ACCOUNT_PASSWORD_ACCESS": "Access to accounts and passwords", "SIGN_ON": "Sign on at station",
        "PROGRAMME": "Programme attendance", "MH_ASSESSMENT": "Mental health assessment",
        "TRAVEL": "Travel", "PASSPORT_SURRENDER": "Passport surrender",
        "ELECTRONIC_MONITORING": "Electronic monitoring", "OTHER": "Other",
    }


class RiskLevel(LabelledEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    VERY_HIGH = "VERY_HIGH"

    @property
    def rank(self) -> int:
        return ["LOW", "MEDIUM", "HIGH", "VERY_HIGH"].index(self.value)


class Imminence(LabelledEnum):
    IMMINENT = "IMMINENT"
    COULD_HAPPEN_ANY_TIME = "COULD_HAPPEN_ANY_TIME"
    UNLIKELY_UNLESS_CIRCUMSTANCES_CHANGE = "UNLIKELY_UNLESS_CIRCUMSTANCES_CHANGE"
    NOT_INDICATED = "NOT_INDICATED"


class AtRiskGroup(LabelledEnum):
    SPECIFIC_VICTIM = "SPECIFIC_VICTIM"
    KNOWN_ADULT = "KNOWN_ADULT"
    CHILDREN = "CHILDREN"
    PUBLIC = "PUBLIC"
    STAFF = "STAFF"
    PRISONERS = "PRISONERS"


class RiskTool(LabelledEnum):
    S_DASH = "S_DASH"
    DASH = "DASH"
    SAM = "SAM"
    SRP = "SRP"
    ARMS = "ARMS"
    OASYS_ROSH = "OASYS_ROSH"
    PROFESSIONAL_JUDGEMENT = "PROFESSIONAL_JUDGEMENT"

    __labels__ = {"S_DASH": "S-DASH", "DASH": "DASH", "SAM": "SAM", "SRP": "Stalking Risk Profile",
               "ARMS": "ARMS", "OASYS_ROSH": "OASys RoSH",
               "PROFESSIONAL_JUDGEMENT": "Professional judgement"}


class MappaCategory(LabelledEnum):
    NOT_MAPPA = "NOT_MAPPA"
    CATEGORY_1 = "CATEGORY_1"
    CATEGORY_2 = "CATEGORY_2"
    CATEGORY_3 = "CATEGORY_3"
    CATEGORY_4 = "CATEGORY_4"

    __labels__ = {"NOT_MAPPA": "Not MAPPA", "CATEGORY_1": "Category 1", "CATEGORY_2": "Category 2",
               "CATEGORY_3": "Category 3", "CATEGORY_4": "Category 4"}


class MappaLevel(LabelledEnum):
    NOT_APPLICABLE = "NOT_APPLICABLE"
    LEVEL_1 = "LEVEL_1"
    LEVEL_2 = "LEVEL_2"
    LEVEL_3 = "LEVEL_3"

    __labels__ = {"NOT_APPLICABLE": "Not applicable", "LEVEL_1": "Level 1", "LEVEL_2": "Level 2",
               "LEVEL_3": "Level 3"}


class SexOffenderNotification(LabelledEnum):
    NOT_SUBJECT = "NOT_SUBJECT"
    FIXED_PERIOD = "FIXED_PERIOD"
    INDEFINITE = "INDEFINITE"
    ENDED = "ENDED"

    __labels__ = {"NOT_SUBJECT": "Not subject to notification",
               "FIXED_PERIOD": "Subject to notification (fixed period)",
               "INDEFINITE": "Subject to notification (indefinite)", "ENDED": "Notification ended"}


class StalkerType(LabelledEnum):
    NOT_ASSESSED = "NOT_ASSESSED"
    REJECTED = "REJECTED"
    RESENTFUL = "RESENTFUL"
    INTIMACY_SEEKING = "INTIMACY_SEEKING"
    INCOMPETENT_SUITOR = "INCOMPETENT_SUITOR"
    PREDATORY = "PREDATORY"


class RelationshipToVictim(LabelledEnum):
    EX_INTIMATE = "EX_INTIMATE"
    ACQUAINTANCE = "ACQUAINTANCE"
    STRANGER = "STRANGER"
    FAMILY = "FAMILY"
    PUBLIC_FIGURE = "PUBLIC_FIGURE"

    __labels__ = {"EX_INTIMATE": "Ex-intimate partner"}


class Pillar(LabelledEnum):
    SUPERVISION = "SUPERVISION"
    MONITORING_CONTROL = "MONITORING_CONTROL"
    INTERVENTIONS = "INTERVENTIONS"
    VICTIM_SAFETY = "VICTIM_SAFETY"
    CONTINGENCY = "CONTINGENCY"

    __labels__ = {"SUPERVISION": "Supervision", "MONITORING_CONTROL": "Monitoring and control",
               "INTERVENTIONS": "Interventions and treatment", "VICTIM_SAFETY": "Victim safety",
               "CONTINGENCY": "Contingency"}


class TacticalOptionType(LabelledEnum):
    HOME_VISIT_ANNOUNCED = "HOME_VISIT_ANNOUNCED"
    HOME_VISIT_UNANNOUNCED = "HOME_VISIT_UNANNOUNCED"
    OFFICE_MEETING = "OFFICE_MEETING"
    JOINT_VISIT_PROBATION = "JOINT_VISIT_PROBATION"
    COMPLIANCE_CHECK = "COMPLIANCE_CHECK"
    DEVICE_INSPECTION = "DEVICE_INSPECTION"
    SOCIAL_MEDIA_REVIEW = "SOCIAL_MEDIA_REVIEW"
    PNC_WARNING_MARKER = "PNC_WARNING_MARKER"
    ANPR_MARKER = "ANPR_MARKER"
    INTELLIGENCE_CHECKS = "INTELLIGENCE_CHECKS"
    SIGN_ON = "SIGN_ON"
    ELECTRONIC_MONITORING = "ELECTRONIC_MONITORING"
    APPLY_VARY_RENEW = "APPLY_VARY_RENEW"
    ARREST_FOR_BREACH = "ARREST_FOR_BREACH"
    PERPETRATOR_PROGRAMME = "PERPETRATOR_PROGRAMME"
    MH_SUBSTANCE_REFERRAL = "MH_SUBSTANCE_REFERRAL"
    INTERVENTION_REQUIREMENT = "INTERVENTION_REQUIREMENT"
    VICTIM_UPDATE = "VICTIM_UPDATE"
    SAFETY_PLAN = "SAFETY_PLAN"
    TARGET_HARDENING = "TARGET_HARDENING"
    ALARM = "ALARM"
    IDVA_ISAC_REFERRAL = "IDVA_ISAC_REFERRAL"
    OSMAN_WARNING = "OSMAN_WARNING"
    DVDS_RIGHT_TO_KNOW = "DVDS_RIGHT_TO_KNOW"
    MARAC_MAPPA_REFERRAL = "MARAC_MAPPA_REFERRAL"
    CHILD_SAFEGUARDING_REFERRAL = "CHILD_SAFEGUARDING_REFERRAL"
    ABSCOND_PLAN = "ABSCOND_PLAN"
    BREACH_PLAN = "BREACH_PLAN"
    NOT_AT_ADDRESS_PLAN = "NOT_AT_ADDRESS_PLAN"
    OTHER = "OTHER"

    __labels__ = {
        "PNC_WARNING_MARKER": "PNC/PND warning marker", "ANPR_MARKER": "ANPR / vehicle marker",
        "APPLY_VARY_RENEW": "Apply to vary or renew the order", "ALARM": "Alarm (e.g. TecSOS)",
        "IDVA_ISAC_REFERRAL": "IDVA / ISAC referral", "OSMAN_WARNING": "Threat-to-life (Osman) warning",
        "DVDS_RIGHT_TO_KNOW": "DVDS Right to Know disclosure",
        "MARAC_MAPPA_REFERRAL": "MARAC / MAPPA referral",
        "MH_SUBSTANCE_REFERRAL": "Mental health or substance referral",
        "PERPETRATOR_PROGRAMME": "Perpetrator programme (e.g. MASIP)",
        "ABSCOND_PLAN": "If the subject absconds", "BREACH_PLAN": "If the subject breaches",
        "NOT_AT_ADDRESS_PLAN": "If the subject is not found at the address",
    }

    @property
    def pillars(self) -> frozenset[Pillar]:
        return frozenset(p for p, options in PILLAR_OPTIONS.items() if self in options)


_T = TacticalOptionType
PILLAR_OPTIONS: dict[Pillar, frozenset[TacticalOptionType]] = {
    Pillar.SUPERVISION: frozenset({_T.HOME_VISIT_ANNOUNCED, _T.HOME_VISIT_UNANNOUNCED,
                                   _T.OFFICE_MEETING, _T.JOINT_VISIT_PROBATION, _T.OTHER}),
    Pillar.MONITORING_CONTROL: frozenset({
        _T.COMPLIANCE_CHECK, _T.DEVICE_INSPECTION, _T.SOCIAL_MEDIA_REVIEW, _T.PNC_WARNING_MARKER,
        _T.ANPR_MARKER, _T.INTELLIGENCE_CHECKS, _T.SIGN_ON, _T.ELECTRONIC_MONITORING,
        _T.APPLY_VARY_RENEW, _T.ARREST_FOR_BREACH, _T.OTHER}),
    Pillar.INTERVENTIONS: frozenset({_T.PERPETRATOR_PROGRAMME, _T.MH_SUBSTANCE_REFERRAL,
                                     _T.INTERVENTION_REQUIREMENT, _T.OTHER}),
    Pillar.VICTIM_SAFETY: frozenset({
        _T.VICTIM_UPDATE, _T.SAFETY_PLAN, _T.TARGET_HARDENING, _T.ALARM, _T.IDVA_ISAC_REFERRAL,
        _T.OSMAN_WARNING, _T.DVDS_RIGHT_TO_KNOW, _T.MARAC_MAPPA_REFERRAL,
        _T.CHILD_SAFEGUARDING_REFERRAL, _T.OTHER}),
    Pillar.CONTINGENCY: frozenset({_T.ABSCOND_PLAN, _T.BREACH_PLAN, _T.NOT_AT_ADDRESS_PLAN,
                                   _T.ARREST_FOR_BREACH, _T.OTHER}),
}
del _T


class ActionStatus(LabelledEnum):
    NOT_STARTED = "NOT_STARTED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class Frequency(LabelledEnum):
    ONCE = "ONCE"
    WEEKLY = "WEEKLY"
    FORTNIGHTLY = "FORTNIGHTLY"
    MONTHLY = "MONTHLY"
    EVERY_3_MONTHS = "EVERY_3_MONTHS"
    EVERY_6_MONTHS = "EVERY_6_MONTHS"
    ANNUALLY = "ANNUALLY"
    AS_REQUIRED = "AS_REQUIRED"

    __labels__ = {"EVERY_3_MONTHS": "Every 3 months", "EVERY_6_MONTHS": "Every 6 months"}


class InvestigationStatus(LabelledEnum):
    OPEN = "OPEN"
    NO_FURTHER_ACTION = "NO_FURTHER_ACTION"
    CHARGED = "CHARGED"
    CONVICTED = "CONVICTED"
    ACQUITTED = "ACQUITTED"
    CLOSED = "CLOSED"


class DeviceCategory(LabelledEnum):
    PHONE = "PHONE"
    TABLET = "TABLET"
    LAPTOP = "LAPTOP"
    DESKTOP = "DESKTOP"
    CONSOLE = "CONSOLE"
    SMART_WATCH = "SMART_WATCH"
    ROUTER = "ROUTER"
    OTHER = "OTHER"


class DeviceStatus(LabelledEnum):
    ACTIVE = "ACTIVE"
    SURRENDERED = "SURRENDERED"
    SEIZED = "SEIZED"
    RETURNED = "RETURNED"
    DISPOSED = "DISPOSED"


class Provenance(LabelledEnum):
    DECLARED = "DECLARED"
    DISCOVERED = "DISCOVERED"


class SocialPlatform(LabelledEnum):
    FACEBOOK = "FACEBOOK"
    INSTAGRAM = "INSTAGRAM"
    X_TWITTER = "X_TWITTER"
    TIKTOK = "TIKTOK"
    SNAPCHAT = "SNAPCHAT"
    WHATSAPP = "WHATSAPP"
    TELEGRAM = "TELEGRAM"
    LINKEDIN = "LINKEDIN"
    YOUTUBE = "YOUTUBE"
    REDDIT = "REDDIT"
    DISCORD = "DISCORD"
    OTHER = "OTHER"

    __labels__ = {"X_TWITTER": "X (Twitter)", "TIKTOK": "TikTok", "WHATSAPP": "WhatsApp",
               "LINKEDIN": "LinkedIn", "YOUTUBE": "YouTube"}


class AccountStatus(LabelledEnum):
    ACTIVE = "ACTIVE"
    PRIVATE = "PRIVATE"
    SUSPENDED = "SUSPENDED"
    DELETED = "DELETED"


class VehicleRelation(LabelledEnum):
    OWNER = "OWNER"
    KEEPER = "KEEPER"
    USER = "USER"
    ACCESS = "ACCESS"


class VrmFormat(LabelledEnum):
    CURRENT = "CURRENT"
    PREFIX = "PREFIX"
    SUFFIX = "SUFFIX"
    DATELESS = "DATELESS"
    NORTHERN_IRELAND = "NORTHERN_IRELAND"
    OTHER = "OTHER"

    __labels__ = {"CURRENT": "Current (2001 on)", "PREFIX": "Prefix (1983-2001)",
               "SUFFIX": "Suffix (1963-1983)", "DATELESS": "Dateless",
               "NORTHERN_IRELAND": "Northern Ireland", "OTHER": "Other or foreign"}


class RelationshipSource(LabelledEnum):
    SELF_DISCLOSED = "SELF_DISCLOSED"
    INTELLIGENCE = "INTELLIGENCE"
    DISCOVERED = "DISCOVERED"


class RelationshipCheckType(LabelledEnum):
    PNC = "PNC"
    PND = "PND"
    LOCAL_RMS = "LOCAL_RMS"
    VISOR = "VISOR"
    CHILDRENS_SOCIAL_CARE = "CHILDRENS_SOCIAL_CARE"
    HEALTH_MARAC = "HEALTH_MARAC"
    PROBATION = "PROBATION"

    __labels__ = {"PNC": "PNC", "PND": "PND", "LOCAL_RMS": "Local RMS (Niche)", "VISOR": "ViSOR",
               "CHILDRENS_SOCIAL_CARE": "Children's social care", "HEALTH_MARAC": "Health / MARAC",
               "PROBATION": "Probation"}


class CheckResult(LabelledEnum):
    PENDING = "PENDING"
    NOTHING_RELEVANT = "NOTHING_RELEVANT"
    RELEVANT_INFORMATION = "RELEVANT_INFORMATION"


class DisclosureDecision(LabelledEnum):
    PENDING = "PENDING"
    DISCLOSE = "DISCLOSE"
    NO_DISCLOSURE = "NO_DISCLOSURE"
    REFERRED = "REFERRED"

    __labels__ = {"PENDING": "Decision pending", "DISCLOSE": "Disclose (Right to Know)",
               "NO_DISCLOSURE": "No disclosure", "REFERRED": "Referred"}


class DvdsRoute(LabelledEnum):
    NONE = "NONE"
    RIGHT_TO_ASK = "RIGHT_TO_ASK"
    RIGHT_TO_KNOW = "RIGHT_TO_KNOW"

    __labels__ = {"NONE": "None", "RIGHT_TO_ASK": "Right to Ask", "RIGHT_TO_KNOW": "Right to Know"}


class PlanStatus(LabelledEnum):
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    SIGNED_OFF = "SIGNED_OFF"
    UNDER_REVIEW = "UNDER_REVIEW"
    RETURNED = "RETURNED"
    SUSPENDED = "SUSPENDED"
    TRANSFERRED_OUT = "TRANSFERRED_OUT"
    CLOSED = "CLOSED"

    __labels__ = {"SIGNED_OFF": "Signed off"}


class AddressType(LabelledEnum):
    HOME = "HOME"
    SECONDARY = "SECONDARY"
    NO_FIXED_ABODE = "NO_FIXED_ABODE"

    __labels__ = {"SECONDARY": "Secondary (7 days or more)",
               "NO_FIXED_ABODE": "No fixed abode (where regularly found)"}


class AliasType(LabelledEnum):
    ALIAS = "ALIAS"
    MAIDEN = "MAIDEN"
    NICKNAME = "NICKNAME"
    ONLINE = "ONLINE"

    __labels__ = {"MAIDEN": "Maiden / birth name", "ONLINE": "Online name"}


class Gender(LabelledEnum):
    FEMALE = "FEMALE"
    MALE = "MALE"
    OTHER = "OTHER"
    NOT_KNOWN = "NOT_KNOWN"


class Classification(LabelledEnum):
    OFFICIAL = "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL_SENSITIVE"

    __labels__ = {"OFFICIAL": "OFFICIAL", "OFFICIAL_SENSITIVE": "OFFICIAL-SENSITIVE"}


class ReviewTrigger(LabelledEnum):
    SCHEDULED = "SCHEDULED"
    BREACH = "BREACH"
    INTELLIGENCE = "INTELLIGENCE"
    CHANGE_OF_CIRCUMSTANCES = "CHANGE_OF_CIRCUMSTANCES"
    ORDER_CHANGE = "ORDER_CHANGE"
    NOTIFICATION = "NOTIFICATION"
    RELATIONSHIP = "RELATIONSHIP"


class ReviewOutcome(LabelledEnum):
    NO_CHANGE = "NO_CHANGE"
    PLAN_AMENDED = "PLAN_AMENDED"
    RISK_INCREASED = "RISK_INCREASED"
    RISK_DECREASED = "RISK_DECREASED"
    VISIT_FREQUENCY_CHANGED = "VISIT_FREQUENCY_CHANGED"
    MAPPA_REFERRAL = "MAPPA_REFERRAL"
    APPLY_VARY = "APPLY_VARY"
    APPLY_RENEW = "APPLY_RENEW"
    APPLY_DISCHARGE = "APPLY_DISCHARGE"
    TRANSFER_OUT = "TRANSFER_OUT"
    CLOSE_PLAN = "CLOSE_PLAN"

    __labels__ = {"MAPPA_REFERRAL": "MAPPA referral or level change"}


class VisitType(LabelledEnum):
    ANNOUNCED = "ANNOUNCED"
    UNANNOUNCED = "UNANNOUNCED"
    JOINT_WITH_PROBATION = "JOINT_WITH_PROBATION"


class Team(LabelledEnum):
    ANCILLARY_ORDER_UNIT = "ANCILLARY_ORDER_UNIT"
    RESPONSE = "RESPONSE"
    NEIGHBOURHOOD = "NEIGHBOURHOOD"

    __labels__ = {"ANCILLARY_ORDER_UNIT": "Ancillary order unit", "RESPONSE": "Response",
               "NEIGHBOURHOOD": "Neighbourhood policing"}


class VisitOutcome(LabelledEnum):
    SEEN_COMPLIANT = "SEEN_COMPLIANT"
    SEEN_CONCERNS_IDENTIFIED = "SEEN_CONCERNS_IDENTIFIED"
    NO_REPLY = "NO_REPLY"
    ACCESS_REFUSED = "ACCESS_REFUSED"
    NOT_RESIDING_AT_ADDRESS = "NOT_RESIDING_AT_ADDRESS"
    NEW_INFORMATION_NOTIFIED = "NEW_INFORMATION_NOTIFIED"
    ARRESTED = "ARRESTED"
    ABORTED_SAFETY = "ABORTED_SAFETY"
    SUBJECT_IN_CUSTODY_OR_HOSPITAL = "SUBJECT_IN_CUSTODY_OR_HOSPITAL"

    __labels__ = {"SEEN_COMPLIANT": "Seen, compliant", "SEEN_CONCERNS_IDENTIFIED": "Seen, concerns identified",
               "ABORTED_SAFETY": "Aborted (safety)"}


class BreachOutcome(LabelledEnum):
    UNDER_INVESTIGATION = "UNDER_INVESTIGATION"
    NO_BREACH_FOUND = "NO_BREACH_FOUND"
    NFA_INSUFFICIENT_EVIDENCE = "NFA_INSUFFICIENT_EVIDENCE"
    NFA_REASONABLE_EXCUSE = "NFA_REASONABLE_EXCUSE"
    NFA_PUBLIC_INTEREST = "NFA_PUBLIC_INTEREST"
    CHARGED = "CHARGED"
    CONVICTED = "CONVICTED"
    ACQUITTED = "ACQUITTED"
    CAUTIONED = "CAUTIONED"
    WANTED_OUTSTANDING = "WANTED_OUTSTANDING"
    FURTHER_OFFENCES_CHARGED = "FURTHER_OFFENCES_CHARGED"
    VARIATION_SOUGHT = "VARIATION_SOUGHT"

    __labels__ = {"NFA_INSUFFICIENT_EVIDENCE": "NFA: insufficient evidence",
               "NFA_REASONABLE_EXCUSE": "NFA: reasonable excuse",
               "NFA_PUBLIC_INTEREST": "NFA: public interest"}
