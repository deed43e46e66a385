"""Schedules whose runs cover a period, as Vigil's DAG specs and ThetaRay mean them."""

from __future__ import annotations

from datetime import datetime

ONCE = "@once"

#: Airflow's cron presets, as io.vigil.api.dag.CronExpression knows them.
PRESETS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}


def interval_schedule(schedule: str | None, timezone: str = "UTC"):
    """The ``schedule`` of a DAG rendered from a Vigil spec.

    A cron expression or preset (``@monthly``, ``0 0 1 */3 *``) becomes a
    ``CronDataIntervalTimetable``: the run with logical date 1 January covers January, its data
    interval ends on 1 February, and Airflow starts it then, as in ThetaRay (and Airflow 2). Airflow
    3 would otherwise make a plain cron string a trigger timetable, whose run on 1 February has
    logical date 1 February and covers no period. ``None`` (manual runs only) and ``@once`` are
    returned as they are.
    """
    if schedule is None or schedule == ONCE:
        return schedule
    try:  # Airflow 3
        from airflow.sdk import CronDataIntervalTimetable
    except ImportError:  # pragma: no cover - older Airflow
        from airflow.timetables.interval import CronDataIntervalTimetable
    return CronDataIntervalTimetable(PRESETS.get(schedule, schedule), timezone=timezone)


def next_fire_time(timetable, after: datetime) -> datetime | None:
    """The first time the cron schedule of ``timetable`` fires strictly after ``after``; None without a cron schedule."""
    expression = getattr(timetable, "expression", None) or getattr(timetable, "_expression", None)
    if not isinstance(expression, str):
        return None
    import pendulum
    from croniter import croniter

    zone = getattr(timetable, "timezone", None) or getattr(timetable, "_timezone", None) or "UTC"
    zone = pendulum.timezone(zone) if isinstance(zone, str) else zone
    start = pendulum.instance(after).in_timezone(zone)
    return pendulum.instance(croniter(PRESETS.get(expression, expression), start).get_next(datetime))
