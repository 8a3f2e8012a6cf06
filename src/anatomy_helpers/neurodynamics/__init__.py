"""A teaching model of the sciatic nerve bed: elongation, strain and excursion vs joint angles.

The nerve bed is the path the lumbosacral roots, sciatic nerve and tibial nerve follow from
the L5/S1 intervertebral foramen to the foot. It crosses the back of the hip, the back of the
knee and the back of the ankle, and its proximal end is pulled on by the neuraxis when the
trunk and neck flex. Each joint changes the bed's length by

    delta_length_mm = r_mm * delta_theta_rad * tensioning_direction

where ``r_mm`` is the nerve's distance from the joint axis (its "moment arm") and
``delta_theta_rad`` the change from the reference posture. **No verified moment-arm data
exist for the sciatic nerve bed**, so every ``r_mm``, the bed length and the positions along
it are teaching assumptions (``source_id = teaching_assumption``, verification ``A``) and
must be labelled as such wherever they are shown. The model is checked against measured
excursions (:func:`reference_checks`); in particular it reproduces Ridehalgh et al. 2014's
mid-thigh excursion for knee extension (tested).

Reference posture (zero elongation, zero strain): anatomical standing -- neck and trunk
neutral, hip 0°, no adduction or rotation, knee straight (flexion 0°), ankle 0°. Negative
elongation means the bed is shorter than in that posture (the nerve is slack there).

Distribution rule (how extra bed length becomes strain and excursion)
---------------------------------------------------------------------
The nerve is anchored at both ends of the bed (the foramen and the foot). The extra length a
joint adds is taken up as nerve strain that is greatest at that joint and fades
exponentially with distance along the bed (length scale ``spread_length_mm``, an
assumption): cadaver studies report strain greatest near the moving joint but transmitted
well beyond it (Coppieters et al. 2006; Boyd et al. 2013). A point of the nerve slides
*towards* the moving joint by the stretch accumulated between it and the anchor on its own
side. For the neck and trunk the "joint" is the proximal end, so the whole nerve is pulled
proximally, least near the foot. Excursion is reported as positive = distal (towards the
foot), negative = proximal.

Joint angle conventions follow :mod:`anatomy_helpers.kinematics` (degrees, 0 = anatomical
position); the model's own ranges are in ``neurodynamics_joint_parameters.csv``.

The package is split by job: :mod:`.data` (the tables), :mod:`.posture`
(:class:`NervePosture`), :mod:`.model` (:func:`nerve_state`, :func:`excursion_mm`),
:mod:`.techniques` (sliders and tensioners, the glide) and :mod:`.checks` (the model
against measurements). ``FULL_SLUMP`` and ``SLIDER_EXAMPLE`` are the example posture and
movement of notebook 02, read from ``neurodynamics_example_postures.csv`` and
``neurodynamics_technique_examples.csv`` on first use.

References: teaching_assumption, ridehalgh2014, ellis2008, coppieters2015, smith1993,
coppieters2006, boyd2013, coppieters_butler2008, ogata_naito1986.
"""

from typing import Any

from anatomy_helpers.neurodynamics.checks import (
    ReferenceCheck,
    human_strain_range_pct,
    reference_checks,
)
from anatomy_helpers.neurodynamics.data import (
    JOINTS,
    PREPARATION_LABELS,
    SITES,
    STRAIN_KIND_LABELS,
    VERDICT_LABELS,
    BedParameter,
    ExamplePosture,
    GlideProtocolItem,
    JointParameter,
    MeasuredExcursion,
    MobilisationEvidence,
    Site,
    SliderTensionerMeasurement,
    StrainThreshold,
    TechniqueExample,
    glide_protocol,
    joint_parameters,
    load_bed_parameters,
    load_example_postures,
    load_glide_protocol,
    load_joint_parameters,
    load_measured_excursions,
    load_mobilisation_evidence,
    load_sites,
    load_slider_tensioner,
    load_strain_thresholds,
    load_technique_examples,
    site_parameters,
)
from anatomy_helpers.neurodynamics.model import (
    NerveBedState,
    bed_grid_mm,
    displacement_profile_mm,
    excursion_mm,
    nerve_state,
)
from anatomy_helpers.neurodynamics.posture import NervePosture, example_posture
from anatomy_helpers.neurodynamics.techniques import (
    SliderTensionerComparison,
    compare_slider_tensioner,
    glide_postures,
    technique_example,
)

__all__ = [
    "FULL_SLUMP",
    "JOINTS",
    "PREPARATION_LABELS",
    "SITES",
    "SLIDER_EXAMPLE",
    "STRAIN_KIND_LABELS",
    "VERDICT_LABELS",
    "BedParameter",
    "ExamplePosture",
    "GlideProtocolItem",
    "JointParameter",
    "MeasuredExcursion",
    "MobilisationEvidence",
    "NerveBedState",
    "NervePosture",
    "ReferenceCheck",
    "Site",
    "SliderTensionerComparison",
    "SliderTensionerMeasurement",
    "StrainThreshold",
    "TechniqueExample",
    "bed_grid_mm",
    "compare_slider_tensioner",
    "displacement_profile_mm",
    "example_posture",
    "excursion_mm",
    "glide_postures",
    "glide_protocol",
    "human_strain_range_pct",
    "joint_parameters",
    "load_bed_parameters",
    "load_example_postures",
    "load_glide_protocol",
    "load_joint_parameters",
    "load_measured_excursions",
    "load_mobilisation_evidence",
    "load_sites",
    "load_slider_tensioner",
    "load_strain_thresholds",
    "load_technique_examples",
    "nerve_state",
    "reference_checks",
    "site_parameters",
    "technique_example",
]

#: Names read from the data tables on first use (module ``__getattr__``, PEP 562).
_FROM_DATA = {
    "FULL_SLUMP": lambda: example_posture("full_slump"),
    "SLIDER_EXAMPLE": lambda: technique_example("knee_extension_with_neck"),
}


def __getattr__(name: str) -> Any:
    if name in _FROM_DATA:
        value = _FROM_DATA[name]()
        globals()[name] = value
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
