"""The one distance function of kharita: great-circle distance (and bearing) on a sphere.

Every distance in kharita (place resolution, event coherence, ``kharita events
--near`` in SQLite, evaluation) goes through :func:`haversine_km` with one Earth
radius, :data:`EARTH_RADIUS_KM`: the IUGG mean radius, which is also the sphere
PostGIS measures geography on when asked not to use the spheroid, so ``--near``
answers the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius (R1 = (2a + b) / 3 of WGS84)
EARTH_RADIUS_M = EARTH_RADIUS_KM * 1000.0
# PostGIS's sphere for geography with use_spheroid => false: WGS84's mean radius
# (2a + b) / 3, which differs from EARTH_RADIUS_KM by 3 cm; ``--near`` on PostgreSQL
# scales its radius by the ratio, so both backends draw the same circle.
POSTGIS_SPHERE_RADIUS_M = (2 * 6378137.0 + 6356752.314245179) / 3
# Length of one degree of latitude on that sphere (bounding boxes for --near).
KM_PER_DEG_LAT = math.pi * EARTH_RADIUS_KM / 180.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from the first point to the second, in degrees
    clockwise from north (0-360)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(x, y)) % 360.0
