#!/usr/bin/env python3
"""Writes a rent ledger file in Husly's import format (docs/rent-ledger-format.md) with invented tenants and synthetic
identity numbers (birth month + 80, valid check digits: never a real person's).
  tools/rent-sample.py ROWS [--bad N] [--seed S] > file.csv
Tenancies run over several months (one row per tenancy and month); some owe rent, a few have an eviction petition."""
import random, sys

def synthetic(day, month, year, individual):
    digits = [int(c) for c in f"{day:02d}{month + 80:02d}{year % 100:02d}{individual:03d}"]
    k1 = 11 - sum(d * w for d, w in zip(digits, [3, 7, 6, 1, 8, 9, 4, 5, 2])) % 11
    k1 = 0 if k1 == 11 else k1
    if k1 == 10:
        return None
    digits.append(k1)
    k2 = 11 - sum(d * w for d, w in zip(digits, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])) % 11
    k2 = 0 if k2 == 11 else k2
    if k2 == 10:
        return None
    return "".join(map(str, digits)) + str(k2)

def main():
    rows = int(sys.argv[1])
    bad = int(sys.argv[sys.argv.index("--bad") + 1]) if "--bad" in sys.argv else 0
    rnd = random.Random(int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2026)
    first = ["Kari", "Ola", "Aisha", "Mohammed", "Ingrid", "Per", "Fatima", "Jonas", "Sara", "Ali", "Liv", "Tor"]
    last = ["Hansen", "Olsen", "Ahmed", "Nilsen", "Berg", "Khan", "Larsen", "Haugen", "Ali", "Dahl"]
    streets = [("Ammerudveien", "0958"), ("Romsåsveien", "0970"), ("Vestlisvingen", "0986"), ("Tvetenveien", "0671"),
               ("Holmliaveien", "1253"), ("Trondheimsveien", "0560"), ("Sandakerveien", "0477"), ("Kirkeveien", "0364")]
    months = ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]
    out = sys.stdout
    out.write("\ufeffleieforhold;fodselsnummer;navn;adresse;postnummer;leieforhold_fra;periode;husleie;innbetalt;saldo;begjaering_fravikelse\n")
    written, tenancy = 0, 0
    while written < rows:
        tenancy += 1
        number = None
        while number is None:
            number = synthetic(rnd.randint(1, 28), rnd.randint(1, 12), rnd.randint(1940, 1999), rnd.randint(0, 499))
        street, postcode = rnd.choice(streets)
        rent = rnd.choice([7800, 9500, 11200, 12500, 14900])
        start = f"{rnd.randint(1, 28):02d}.{rnd.randint(1, 12):02d}.{rnd.randint(2015, 2026)}"
        if start.endswith("2026") and int(start[3:5]) > 7:
            start = start[:3] + "06.2026"
        owes = rnd.random() < 0.25
        name = f"{rnd.choice(first)} {rnd.choice(last)}"
        address = f"{street} {rnd.randint(1, 99)}"
        balance = 0
        for month in months:
            if written >= rows:
                break
            paid = rent if not owes else rnd.choice([0, rent // 2, rent])
            balance = max(0, balance + rent - paid)
            petition = "15.11.2026" if owes and balance >= 3 * rent and month == months[-1] and rnd.random() < 0.5 else ""
            out.write(f"BB-{tenancy:07d};{number};{name};{address};{postcode};{start};{month};"
                      f"{rent:.2f};{paid:.2f};{balance:.2f};{petition}\n")
            written += 1
    for i in range(bad):
        # Each a different mistake: a wrong check digit, a bad month, a text where an amount goes.
        kind = i % 3
        if kind == 0:
            good = synthetic(1, 1, 1980, 123) or synthetic(1, 1, 1980, 125)
            wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
            out.write(f"BB-BAD{i:04d};{wrong};Feil Nummer;Gata 1;0958;01.01.2020;2026-11;9000.00;9000.00;0.00;\n")
        elif kind == 1:
            out.write(f"BB-BAD{i:04d};{synthetic(1, 1, 1980, 123) or synthetic(2, 1, 1980, 124)};Feil Periode;Gata 2;0958;01.01.2020;2026-13;9000.00;9000.00;0.00;\n")
        else:
            out.write(f"BB-BAD{i:04d};{synthetic(3, 3, 1970, 55) or synthetic(4, 3, 1970, 56)};Feil Beløp;Gata 3;0958;01.01.2020;2026-11;ni tusen;0;0;\n")

main()
