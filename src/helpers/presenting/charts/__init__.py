"""Charts: tidy frames in, plotly figures out, one module per figure.

* :mod:`.style`: palette (Okabe-Ito, colour-blind safe), fonts sized to print at 7 points
  or more, the layout every chart shares and its source line;
* :mod:`.marks`: events on a time axis (spans over imprecise dates, stacked markers,
  short labels, the greyed period after the data cut-off);
* :mod:`.accessible`: each chart's caption (its finding), accessible name and numbers,
  which the briefing page shows next to it;
* one module per figure: :mod:`.timeline`, :mod:`.escalation_curve`, :mod:`.verdicts`,
  :mod:`.monthly_counts`, :mod:`.severity`, :mod:`.responses_by_kind`,
  :mod:`.response_lag`, :mod:`.precision`, :mod:`.outlets`, :mod:`.explorer`, and
  :mod:`.summary_timeline` (the timeline of a window of many events, counted per bin).

Each figure is titled with its finding, a sentence computed from the data in
:mod:`helpers.analysis.findings`.
"""

from helpers.presenting.charts.escalation_curve import escalation_curve
from helpers.presenting.charts.explorer import explorer
from helpers.presenting.charts.marks import PRECISION_MARKERS, PRECISION_NAMES
from helpers.presenting.charts.monthly_counts import monthly_counts_chart
from helpers.presenting.charts.outlets import outlets_chart
from helpers.presenting.charts.precision import precision_chart
from helpers.presenting.charts.response_lag import response_lag_chart
from helpers.presenting.charts.responses_by_kind import responses_by_kind_chart
from helpers.presenting.charts.severity import severity_bars
from helpers.presenting.charts.style import CATEGORY_COLORS, OKABE_ITO
from helpers.presenting.charts.summary_timeline import summary_timeline
from helpers.presenting.charts.timeline import dual_track_timeline
from helpers.presenting.charts.verdicts import verdict_chart

__all__ = [
    "CATEGORY_COLORS",
    "OKABE_ITO",
    "PRECISION_MARKERS",
    "PRECISION_NAMES",
    "dual_track_timeline",
    "escalation_curve",
    "explorer",
    "monthly_counts_chart",
    "outlets_chart",
    "precision_chart",
    "response_lag_chart",
    "responses_by_kind_chart",
    "severity_bars",
    "summary_timeline",
    "verdict_chart",
]
