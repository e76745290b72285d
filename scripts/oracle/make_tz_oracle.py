#!/usr/bin/env python3
"""Writes crates/postmortem-core/tests/data/tz_oracle.tsv: conversions computed by Python's zoneinfo,
which the Rust test `tz_oracle` must reproduce exactly with jiff.

Run:  python3 -m pip install -r scripts/oracle/requirements.txt
      python3 scripts/oracle/make_tz_oracle.py

zoneinfo is made to read the pinned PyPI `tzdata` package, never the system's
files, so both sides use the same IANA release. Rows:

  I <zone> <unix seconds> <local wall time> <offset seconds> <abbreviation>
  L <zone> <local wall time> ok <offset>
  L <zone> <local wall time> gap <offset before> <offset after>
  L <zone> <local wall time> fold <earlier offset> <later offset>
"""
import os
import random
import sys
from datetime import datetime, timedelta, timezone

EXPECTED_RELEASE = "2026e"

import zoneinfo  # noqa: E402

zoneinfo.reset_tzpath(to=[])  # only the tzdata package
import tzdata  # noqa: E402

if tzdata.IANA_VERSION != EXPECTED_RELEASE:
    sys.exit(f"tzdata package holds {tzdata.IANA_VERSION}, expected {EXPECTED_RELEASE}")

ZONES = """
UTC Africa/Lagos Africa/Casablanca Africa/Cairo Africa/Johannesburg Africa/Nairobi
America/Los_Angeles America/Denver America/Phoenix America/Chicago America/New_York
America/Halifax America/St_Johns America/Sao_Paulo America/Santiago America/Mexico_City
America/Havana America/Anchorage America/Bogota America/Asuncion America/Godthab
America/Argentina/Buenos_Aires America/Caracas America/Toronto America/Vancouver
Atlantic/Azores Atlantic/Reykjavik Europe/London Europe/Dublin Europe/Lisbon
Europe/Berlin Europe/Paris Europe/Athens Europe/Helsinki Europe/Istanbul Europe/Moscow
Europe/Kyiv Asia/Jerusalem Asia/Gaza Asia/Beirut Asia/Tehran Asia/Dubai Asia/Karachi
Asia/Kolkata Asia/Kathmandu Asia/Dhaka Asia/Yangon Asia/Bangkok Asia/Shanghai
Asia/Singapore Asia/Tokyo Asia/Seoul Australia/Perth Australia/Eucla Australia/Adelaide
Australia/Darwin Australia/Sydney Australia/Lord_Howe Pacific/Auckland Pacific/Chatham
Pacific/Apia Pacific/Kiritimati Pacific/Honolulu Pacific/Marquesas Antarctica/Troll
""".split()

UTC = timezone.utc
# Each window: first instant, end, and the seconds around each clock change
# at which instants and wall-clock times are sampled. The recent window is
# sampled densely; 1900-1970 (wars, local mean time, odd offsets such as
# Monrovia's -00:44:30) less densely, to keep the table small.
WINDOWS = [
    (
        datetime(1900, 1, 1, tzinfo=UTC),
        datetime(1970, 1, 1, tzinfo=UTC),
        (-3601, -1, 0, 1, 3600),
        (-60, 0, 1, 30 * 60, 59 * 60, 2 * 3600),
        10,
    ),
    (
        datetime(2019, 1, 1, tzinfo=UTC),
        datetime(2041, 1, 1, tzinfo=UTC),
        (-3601, -3600, -1800, -61, -1, 0, 1, 59, 1799, 3600),
        (-60, 0, 1, 60, 15 * 60, 30 * 60, 45 * 60, 59 * 60, 3600, 2 * 3600),
        40,
    ),
]


def wall(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S")


def transitions(tz, start, end):
    """Instants in [start, end) where the offset or the abbreviation changes."""
    found = []
    step = timedelta(hours=6)
    t = start
    prev = t.astimezone(tz)
    while t < end:
        n = t + step
        cur = n.astimezone(tz)
        if (cur.utcoffset(), cur.tzname()) != (prev.utcoffset(), prev.tzname()):
            lo, hi = t, n  # find the first second with the new value
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(microsecond=0)
                if mid == lo:
                    break
                m = mid.astimezone(tz)
                if (m.utcoffset(), m.tzname()) == (prev.utcoffset(), prev.tzname()):
                    lo = mid
                else:
                    hi = mid
            found.append(hi)
        t, prev = n, cur
    return found


def classify(tz, local):
    a = local.replace(tzinfo=tz, fold=0)
    b = local.replace(tzinfo=tz, fold=1)
    oa, ob = int(a.utcoffset().total_seconds()), int(b.utcoffset().total_seconds())
    if oa == ob:
        return f"ok\t{oa}"

    def exists(off):
        u = (local - timedelta(seconds=off)).replace(tzinfo=UTC)
        return wall(u.astimezone(tz)) == wall(local)

    if exists(oa) and exists(ob):
        return f"fold\t{oa}\t{ob}"
    return f"gap\t{oa}\t{ob}"


def main():
    rng = random.Random(20261122)
    rows = []
    for name in ZONES:
        tz = zoneinfo.ZoneInfo(name)
        instants = []
        locals_ = []
        for start, end, around, walls, randoms in WINDOWS:
            for tr in transitions(tz, start, end):
                for d in around:
                    instants.append(tr + timedelta(seconds=d))
                before = tr - timedelta(seconds=1)
                base = before.astimezone(tz).replace(tzinfo=None)
                for d in walls:
                    locals_.append(base.replace(second=0) + timedelta(seconds=d))
            lo, hi = int(start.timestamp()), int(end.timestamp())
            for _ in range(randoms):
                instants.append(datetime.fromtimestamp(rng.randrange(lo, hi), UTC))
                locals_.append(datetime.fromtimestamp(rng.randrange(lo, hi), UTC).replace(tzinfo=None))
        for t in instants:
            z = t.astimezone(tz)
            rows.append(f"I\t{name}\t{int(t.timestamp())}\t{wall(z)}\t{int(z.utcoffset().total_seconds())}\t{z.tzname()}")
        for l in locals_:
            rows.append(f"L\t{name}\t{wall(l)}\t{classify(tz, l)}")
    out = os.path.join(os.path.dirname(__file__), "..", "..", "crates", "postmortem-core", "tests", "data", "tz_oracle.tsv")
    with open(out, "w", newline="\n") as f:
        f.write(f"# zoneinfo with tzdata {tzdata.IANA_VERSION}; made by scripts/oracle/make_tz_oracle.py\n")
        f.write("\n".join(rows) + "\n")
    print(f"{len(rows)} rows over {len(ZONES)} zones -> {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
