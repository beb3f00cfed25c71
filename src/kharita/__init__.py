"""kharita: conflict news in, an auditable, geolocated event dataset out."""

__version__ = "0.1.0"
