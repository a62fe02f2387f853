"""Words shown for project values: contract forms and phases (translated)."""
from flask_babel import lazy_gettext as _l

from tracker.models import ContractForm, Phase

CONTRACT_FORM = {ContractForm.UAV_GC: "UAV-GC", ContractForm.UAV_2012: "UAV 2012",
                 ContractForm.NEC: "NEC", ContractForm.ALLIANCE: _l("Alliance"),
                 ContractForm.OTHER: _l("Other")}
PHASE = {Phase.FINDING: _l("Finding each other"), Phase.WORKING: _l("Working together"),
         Phase.LETTING_GO: _l("Letting go")}
