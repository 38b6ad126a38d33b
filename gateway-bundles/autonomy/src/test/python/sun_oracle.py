"""Independent oracle for the astronomical clock: PyEphem (Debian's python3-ephem, built on the
XEphem/USNO-derived libastro) prints sunrise, sunset, civil dawn and civil dusk for every day
of a year at the places given on the command line.

usage: sun_oracle.py YEAR NAME:LAT:LON [NAME:LAT:LON ...]
output, one line per place and local date (Europe/Paris):
  NAME DATE RISE SET DAWN DUSK   (epoch seconds UTC, '-' when the sun does not cross)

The search starts from 12:00 UTC of each date: French local noon is 12:00-14:00 local time,
i.e. 10:00-13:00 UTC, so the previous rising and the next setting are that date's.
"""
import datetime
import sys

import ephem

EPOCH = datetime.datetime(1970, 1, 1)


def epoch_seconds(ephem_date):
    return round((ephem_date.datetime() - EPOCH).total_seconds())


def crossing(observer, search, sun):
    try:
        return str(epoch_seconds(search(sun)))
    except (ephem.AlwaysUpError, ephem.NeverUpError):
        return '-'


def main():
    year = int(sys.argv[1])
    sun = ephem.Sun()
    for spec in sys.argv[2:]:
        name, lat, lon = spec.split(':')
        observer = ephem.Observer()
        observer.lat, observer.lon, observer.elevation = lat, lon, 0
        # Refraction is part of the almanac's -0°50' horizon, so PyEphem's own is switched off.
        observer.pressure = 0
        day = datetime.date(year, 1, 1)
        while day.year == year:
            noon = ephem.Date(datetime.datetime(day.year, day.month, day.day, 12, 0))
            fields = [name, day.isoformat()]
            # Sunrise/sunset: upper limb at -0°34' (refraction), i.e. centre at -0°50' on average.
            observer.horizon = '-0:34'
            observer.date = noon
            fields.append(crossing(observer, lambda s: observer.previous_rising(s), sun))
            fields.append(crossing(observer, lambda s: observer.next_setting(s), sun))
            # Civil twilight: centre at -6°.
            observer.horizon = '-6'
            observer.date = noon
            fields.append(crossing(observer, lambda s: observer.previous_rising(s, use_center=True), sun))
            fields.append(crossing(observer, lambda s: observer.next_setting(s, use_center=True), sun))
            print(' '.join(fields))
            day += datetime.timedelta(days=1)


if __name__ == '__main__':
    main()
